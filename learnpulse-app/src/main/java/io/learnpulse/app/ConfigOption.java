package io.learnpulse.app;

import io.learnpulse.core.config.LearnPulseConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --config FILE} option shared by every command that runs the pipeline. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file; only the keys it sets override the defaults (see learnpulse-defaults.yaml).")
    Path file;

    @Option(names = "--parallelism", paramLabel = "N", description = "Override pipeline.parallelism.")
    Integer parallelism;

    public LearnPulseConfig load() {
        LearnPulseConfig c = file == null ? LearnPulseConfig.defaults() : LearnPulseConfig.load(file);
        return parallelism == null ? c : c.withParallelism(parallelism);
    }

    /** {@code --bootstrap-servers}, for the commands that talk to Kafka. */
    static final class BootstrapServers {
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Override kafka.bootstrap-servers.")
        String servers;

        LearnPulseConfig applyTo(LearnPulseConfig c) {
            return servers == null ? c : c.withKafkaBootstrapServers(servers);
        }
    }

    /** {@code --redis-url}, for the commands that use the Redis serving store. */
    static final class RedisUrl {
        @Option(names = "--redis-url", paramLabel = "URL", description = "Override serving.redis-url.")
        String url;

        LearnPulseConfig applyTo(LearnPulseConfig c) {
            return url == null ? c : c.withRedisUrl(url);
        }
    }
}
