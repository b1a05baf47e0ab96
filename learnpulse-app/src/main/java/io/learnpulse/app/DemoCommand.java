package io.learnpulse.app;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.sim.CatalogGenerator;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.sim.SimulatorConfig;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import io.learnpulse.pipeline.sink.OutputFiles;
import io.learnpulse.pipeline.source.SimulatorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Streams simulated learners through the fusion pipeline in an embedded Flink cluster and prints",
                "live status every 5 seconds. Runs until Ctrl-C or --duration."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "2000", description = "Events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "D",
            description = "Stop after this long, e.g. 30s or 10m (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write every output as JSON lines into DIR.")
    Path out;

    @Mixin
    ConfigOption config;

    @Mixin
    SimulatorOptions simulator;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        LearnPulseConfig cfg = config.load();
        SimulatorConfig sim = simulator.toConfig();
        sim.allowedLatenessMs = cfg.defaultLateness().allowedLateness().toMillis();
        sim.fusionWindowMs = cfg.fusionWindow().toMillis();
        Catalog catalog = CatalogGenerator.generate(sim.seed, sim.courses);

        FusionJob.Sinks sinks;
        if (out != null) {
            sinks = OutputFiles.in(out);
        } else {
            sinks = new FusionJob.Sinks();
            sinks.fused = new DiscardingSink<>();
            sinks.aggregates = new DiscardingSink<>();
            sinks.questionStats = new DiscardingSink<>();
            sinks.sessions = new DiscardingSink<>();
            sinks.deadLetters = new DiscardingSink<>();
            sinks.late = new DiscardingSink<>();
        }
        FusionJob job = new FusionJob(cfg, catalog,
                List.of(new FusionJob.Input("simulator",
                        SimulatorSource.builder(sim).catalog(catalog).live(rate).build())), sinks);

        System.out.printf(Locale.ROOT, "LearnPulse demo: %,d simulated learners in %d courses, ~%,.0f events/s, seed %d%n",
                sim.learners, catalog.courses().size(), rate, sim.seed);
        System.out.printf(Locale.ROOT, "Embedded Flink %s, parallelism %d, checkpoints %s; Flink logs: %s%n",
                org.apache.flink.runtime.util.EnvironmentInformation.getVersion(), cfg.parallelism(),
                cfg.exactlyOnce() ? "exactly-once every " + cfg.checkpointInterval().toSeconds() + "s" : "off",
                Logs.file());
        System.out.println(duration == null ? "Press Ctrl-C to stop." : "Running for " + duration.toSeconds() + "s.");

        LiveMetrics.clear();
        JobClient client = job.executeAsync(Engine.environment(cfg, Engine.Mode.CONTINUOUS), "learnpulse-demo");
        PrometheusEndpoint.find(cfg.prometheusPort(), Duration.ofSeconds(5)).ifPresent(
                url -> System.out.println("Prometheus metrics: " + url + " (LearnPulse's own under flink_taskmanager_job_task_operator_learnpulse_*)"));

        StopSignal stop = StopSignal.install();

        StatusLine status = new StatusLine();
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try {
            while (true) {
                long wait = Math.min(TimeUnit.SECONDS.toNanos(5), deadline - System.nanoTime());
                if (wait <= 0 || stop.await(wait)) {
                    break;
                }
                if (client.getJobStatus().get().isGloballyTerminalState()) {
                    System.out.println("the job stopped: " + client.getJobStatus().get());
                    break;
                }
                System.out.println(status.next());
            }
            System.out.println("stopping...");
            if (!client.getJobStatus().get().isGloballyTerminalState()) {
                client.cancel().get(30, TimeUnit.SECONDS);
            }
            System.out.println();
            System.out.println(StatusLine.summary());
        } finally {
            stop.finished();
        }
        return 0;
    }
}
