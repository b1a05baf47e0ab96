package io.learnpulse.app;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.sim.CatalogGenerator;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.sim.SimulatorConfig;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import io.learnpulse.pipeline.source.SimulatorSource;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    @Option(names = "--no-gateway",
            description = "Do not start the HTTP gateway (by default it listens on gateway.port, 8088, so events can be "
                    + "sent into the running demo; see README.md).")
    boolean noGateway;

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

        EmbeddedGateway gateway = null;
        if (!noGateway) {
            try {
                gateway = EmbeddedGateway.start(cfg);
            } catch (BindException e) {
                System.out.println("WARNING: the HTTP gateway cannot listen on " + cfg.gateway().host() + ":"
                        + cfg.gateway().port() + " (" + e.getMessage() + "); the demo runs without it "
                        + "(choose another port with gateway.port in --config, or --no-gateway).");
            }
        }
        try {
            return run(cfg, sim, catalog, gateway);
        } finally {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    private Integer run(LearnPulseConfig cfg, SimulatorConfig sim, Catalog catalog, EmbeddedGateway gateway)
            throws Exception {
        List<FusionJob.Input> inputs = new ArrayList<>();
        inputs.add(new FusionJob.Input("simulator", SimulatorSource.builder(sim).catalog(catalog).live(rate).build()));
        if (gateway != null) {
            inputs.add(gateway.input);
        }
        ServingEndpoint endpoint;
        try {
            endpoint = ServingEndpoint.start(cfg);
        } catch (IllegalArgumentException e) {
            System.out.println("WARNING: " + e.getMessage() + "; the demo runs without the query API.");
            endpoint = ServingEndpoint.start(cfg.withApiPort(-1));
        }
        try (ServingEndpoint serving = endpoint) {
            FusionJob.Sinks sinks = JobSinks.filesOrDiscard(out);
            sinks.extra.add(io.learnpulse.pipeline.serving.ServingOutputs.to(serving.factory));
            FusionJob job = new FusionJob(cfg, catalog, inputs,
                    new FusionJob.Profiles(io.learnpulse.core.sim.LearnerSimulator.profiles(sim, catalog), List.of()),
                    sinks);
            return run(cfg, sim, catalog, gateway, serving, job);
        }
    }

    private Integer run(LearnPulseConfig cfg, SimulatorConfig sim, Catalog catalog, EmbeddedGateway gateway,
            ServingEndpoint serving, FusionJob job) throws Exception {

        System.out.printf(Locale.ROOT, "LearnPulse demo: %,d simulated learners in %d courses, ~%,.0f events/s, seed %d%n",
                sim.learners, catalog.courses().size(), rate, sim.seed);
        System.out.printf(Locale.ROOT, "Embedded Flink %s, parallelism %d, checkpoints %s; Flink logs: %s%n",
                org.apache.flink.runtime.util.EnvironmentInformation.getVersion(), cfg.parallelism(),
                cfg.exactlyOnce() ? "exactly-once every " + cfg.checkpointInterval().toSeconds() + "s" : "off",
                Logs.file());
        if (gateway != null) {
            gateway.printUrls(System.out, cfg);
            System.out.println("  course ids, questions and videos of the simulated catalog: c1, c1/q1, c1/v1, ...; "
                    + "examples in README.md, 'Sending events over HTTP'");
        }
        serving.printUrls(System.out, cfg);
        System.out.println(duration == null ? "Press Ctrl-C to stop." : "Running for " + duration.toSeconds() + "s.");

        LiveMetrics.clear();
        JobClient client = job.executeAsync(Engine.environment(cfg, Engine.Mode.CONTINUOUS), "learnpulse-demo");
        PrometheusEndpoint.find(cfg.prometheusPort(), Duration.ofSeconds(5)).ifPresent(
                url -> System.out.println("Prometheus metrics: " + url + " (LearnPulse's own under flink_taskmanager_job_task_operator_learnpulse_*)"));
        if (gateway != null) {
            gateway.closeWhenDone(client);
        }

        StopSignal stop = StopSignal.install();
        try {
            StatusLine.reportUntilStopped(client, duration, stop::await, line -> {
                System.out.println(line);
                if (gateway != null && gateway.hasNewRequests()) {
                    System.out.println("        " + gateway.statusLine());
                }
            });
            System.out.println("stopping...");
            if (gateway != null) {
                gateway.drain(Duration.ofSeconds(5));
            }
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
