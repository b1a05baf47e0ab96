package io.learnpulse.app;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.CatalogJson;
import io.learnpulse.core.config.KafkaConfig;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.kafka.ProductionJob;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The long-running production job: Kafka in, Kafka and the serving store out, exactly-once. Embedded (a
 * MiniCluster in this process, with the query API) when started from the command line; submitted to the cluster
 * when started with {@code flink run ... learnpulse.jar run --config FILE}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the production job: Kafka topics in (kafka.inputs, kafka.profiles), exactly-once Kafka",
                "topics out (kafka.outputs) and the serving store (serving.redis-url) with its query API (api.*).",
                "Embedded until Ctrl-C (which stops with a savepoint to resume from), or submitted by `flink run`."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    ConfigOption.BootstrapServers bootstrap;

    @Mixin
    ConfigOption.RedisUrl redisUrl;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Course catalog JSON, linking questions to video segments and skills (default: none).")
    Path catalog;

    @Option(names = "--from", paramLabel = "PATH|latest",
            description = "Resume from a savepoint or retained checkpoint; 'latest' finds the newest checkpoint in engine.checkpoint-dir.")
    String from;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "D",
            description = "Stop (with a savepoint) after this long (default: until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        LearnPulseConfig cfg = redisUrl.applyTo(bootstrap.applyTo(config.load()));
        Catalog cat = catalog == null ? Catalog.empty() : CatalogJson.read(catalog);
        String restore = from == null ? null : from.equals("latest") ? Checkpoints.latest(cfg.checkpointDir()) : from;
        KafkaConfig k = cfg.kafka();

        StreamExecutionEnvironment env = Engine.environment(cfg, Engine.Mode.SERVICE, restore);
        boolean embedded = env instanceof LocalStreamEnvironment;
        if (!embedded && !cfg.serving().usesRedis()) {
            throw new IllegalArgumentException("on a Flink cluster the serving store must be Redis: set serving.redis-url");
        }
        List<String> created = ProductionJob.createMissingTopics(k);
        if (!created.isEmpty()) {
            System.out.println("created Kafka topics: " + String.join(", ", created));
        }

        try (ServingEndpoint serving = embedded ? ServingEndpoint.start(cfg) : null) {
            FusionJob job = ProductionJob.of(cfg, cat, serving == null
                    ? io.learnpulse.pipeline.serving.ServingStoreFactory.redis(cfg.serving().redisUrl(),
                            io.learnpulse.pipeline.serving.ServingOutputs.settings(cfg))
                    : serving.factory);
            LiveMetrics.clear();
            JobClient client = job.executeAsync(env, "learnpulse");
            System.out.printf("LearnPulse job %s %s: Kafka %s, inputs %s%s -> outputs %s%n", client.getJobID(),
                    embedded ? "running on an embedded Flink " + org.apache.flink.runtime.util.EnvironmentInformation.getVersion()
                            + " (parallelism " + cfg.parallelism() + ")" : "submitted to the cluster",
                    k.bootstrapServers(), k.inputs().values(),
                    k.profilesTopic().isEmpty() ? "" : ", profiles " + k.profilesTopic(), k.outputs().values());
            System.out.println("Exactly-once: outputs are committed with each checkpoint (every "
                    + cfg.checkpointInterval().toMillis() + " ms) to " + cfg.checkpointDir()
                    + (restore == null ? "" : "; restored from " + restore));
            if (!embedded) {
                System.out.println("Serve the query API with: learnpulse api --config FILE");
                return 0;
            }
            System.out.println("Flink logs: " + Logs.file());
            serving.printUrls(System.out, cfg);
            PrometheusEndpoint.find(cfg.prometheusPort(), Duration.ofSeconds(5)).ifPresent(
                    url -> System.out.println("Prometheus metrics: " + url));
            System.out.println(duration == null ? "Press Ctrl-C to stop (with a savepoint to resume from)."
                    : "Running for " + duration.toSeconds() + "s.");
            return runUntilStopped(client, cfg);
        }
    }

    private int runUntilStopped(JobClient client, LearnPulseConfig cfg) throws Exception {
        StopSignal stop = StopSignal.install();
        try {
            if (!StatusLine.reportUntilStopped(client, duration, stop::await, line -> System.out.println(line))) {
                return 1;
            }
            System.out.println("stopping with a savepoint...");
            String savepoint = cfg.checkpointDir().replaceAll("/+$", "") + "/savepoints";
            try {
                String path = client.stopWithSavepoint(false, savepoint, SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
                System.out.println("savepoint: " + path);
                System.out.println("resume with: learnpulse run --config FILE --from " + path);
            } catch (Exception e) {
                System.out.println("could not stop with a savepoint (" + e.getMessage() + "); cancelling. "
                        + "The last checkpoint is kept: resume with --from latest");
                if (!client.getJobStatus().get().isGloballyTerminalState()) {
                    client.cancel().get(30, TimeUnit.SECONDS);
                }
            }
            System.out.println();
            System.out.println(StatusLine.summary());
            return 0;
        } finally {
            stop.finished();
        }
    }
}
