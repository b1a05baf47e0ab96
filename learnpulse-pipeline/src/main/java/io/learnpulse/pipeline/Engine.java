package io.learnpulse.pipeline;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.pipeline.metrics.LiveMetricsReporter;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Turns the LearnPulse config into Flink engine settings: the one place they are applied. */
public final class Engine {

    /** Whether the job is a bounded replay (no checkpoints) or runs until stopped. */
    public enum Mode {
        BOUNDED,
        /** Runs until stopped (demo, gateway): checkpoints are deleted when the job is cancelled. */
        CONTINUOUS,
        /**
         * The production job ({@code run}): as CONTINUOUS, but the last checkpoint is kept when the job is cancelled
         * or its process killed, so it can be resumed from there with every output exactly once.
         */
        SERVICE
    }

    private Engine() {}

    public static Configuration flinkConfiguration(LearnPulseConfig config, Mode mode) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // No defensive copies between chained operators; the one function that keeps its input
        // (the learner operator's timeline) copies what it keeps.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, config.watermarkInterval());
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, config.bufferTimeout());
        conf.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, config.incrementalCheckpoints());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
        boolean continuous = mode != Mode.BOUNDED;
        if (continuous && config.exactlyOnce()) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
            conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        }
        if (mode == Mode.SERVICE) {
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        conf.setString("metrics.reporter." + LiveMetricsReporter.NAME + ".factory.class",
                LiveMetricsReporter.Factory.class.getName());
        if (continuous && !config.prometheusPort().equals("0")) {
            conf.setString("metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString("metrics.reporter.prom.port", config.prometheusPort());
        }
        return conf;
    }

    /**
     * The execution environment: the embedded MiniCluster when run from the command line, the
     * cluster's when submitted with {@code flink run}.
     */
    public static StreamExecutionEnvironment environment(LearnPulseConfig config, Mode mode) {
        return environment(config, mode, null);
    }

    /** As above, restoring the job's state from a savepoint or retained checkpoint when one is given. */
    public static StreamExecutionEnvironment environment(LearnPulseConfig config, Mode mode, String restoreFrom) {
        Configuration conf = flinkConfiguration(config, mode);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(config.parallelism());
        return env;
    }
}
