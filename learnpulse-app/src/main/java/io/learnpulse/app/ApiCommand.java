package io.learnpulse.app;

import io.learnpulse.core.config.LearnPulseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** The query API alone, over Redis: beside a job that runs on a Flink cluster. */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = {"Serves the query API (api.*) over the Redis serving store (serving.redis-url) that a `run` job",
                "writes, e.g. on a Flink cluster. Runs until Ctrl-C. Routes and scoping: docs/serving.md."})
final class ApiCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    ConfigOption.RedisUrl redisUrl;

    @Option(names = "--port", paramLabel = "N", description = "Override api.port (0: any free port).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        LearnPulseConfig cfg = redisUrl.applyTo(config.load());
        if (port != null) {
            cfg = cfg.withApiPort(port);
        }
        if (!cfg.serving().usesRedis()) {
            throw new IllegalArgumentException("the query API on its own reads Redis: set serving.redis-url or --redis-url");
        }
        if (!cfg.api().enabled()) {
            throw new IllegalArgumentException("api.port is -1 (the API is off)");
        }
        StopSignal stop = StopSignal.install();
        try (ServingEndpoint serving = ServingEndpoint.start(cfg)) {
            serving.printUrls(System.out, cfg);
            System.out.println("Press Ctrl-C to stop.");
            stop.await(Long.MAX_VALUE);
        } finally {
            stop.finished();
        }
        return 0;
    }
}
