package io.learnpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.sim.CatalogGenerator;
import io.learnpulse.core.sim.LearnerSimulator;
import io.learnpulse.core.sim.SimRecord;
import io.learnpulse.core.sim.SimulatorConfig;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SimulatorSourceTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static List<RawRecord> run(SimulatorSource source) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return collect(env.fromSource(source, WatermarkStrategy.noWatermarks(), "simulator"));
    }

    private static List<RawRecord> collect(DataStream<RawRecord> stream) throws Exception {
        List<RawRecord> out = new ArrayList<>();
        CloseableIterator<RawRecord> it = stream.executeAndCollect();
        try {
            it.forEachRemaining(out::add);
        } finally {
            it.close();
        }
        return out;
    }

    @Test
    void boundedRunDeliversExactlyTheSimulatorsLines() throws Exception {
        SimulatorConfig c = new SimulatorConfig();
        c.seed = 21;
        c.learners = 400;
        c.timeScale = 20;
        int total = 30_001;
        SimulatorSource source = SimulatorSource.builder(c).asFastAsPossible(total).build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.splits()).isEqualTo(4);

        List<RawRecord> got = run(source);

        // Split p emits the first total/4 records of partition p (the first total%4 splits one more).
        Catalog catalog = CatalogGenerator.generate(21, 4);
        List<String> expected = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            LearnerSimulator sim = new LearnerSimulator(c, catalog, p, 4);
            for (long i = 0; i < SimulatorSource.limitOf(total, p, 4); i++) {
                SimRecord r = sim.next();
                expected.add(r.source + " " + r.line);
            }
        }
        assertThat(expected).hasSize(total);
        assertThat(got.stream().map(r -> r.source + " " + r.payload).sorted().toList())
                .isEqualTo(expected.stream().sorted().toList());
        assertThat(got).allMatch(r -> r.ingestTime > 0);
    }

    /** Fails the first execution attempt once, after a checkpoint taken past its 5000th record. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<RawRecord, RawRecord> implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private volatile boolean checkpointed;
        private long seen;

        @Override
        public RawRecord map(RawRecord r) throws Exception {
            if (++seen % 20 == 0) {
                Thread.sleep(1); // slow enough for checkpoints to complete while records flow
            }
            if (checkpointed && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0
                    && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return r;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            // Called on the task thread, between records: the checkpoint covers at least these records.
            checkpointed |= seen >= 5_000;
        }
    }

    @Test
    void restoreAfterAFailureStillDeliversEveryLineExactlyOnce() throws Exception {
        SimulatorConfig c = new SimulatorConfig();
        c.seed = 5;
        c.learners = 300;
        c.timeScale = 20;
        int total = 40_000;
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        FailOnceAfterCheckpoint.FAILED.set(false);

        List<RawRecord> got = collect(env
                .fromSource(SimulatorSource.builder(c).asFastAsPossible(total).build(), WatermarkStrategy.noWatermarks(), "simulator")
                .map(new FailOnceAfterCheckpoint()));

        assertThat(FailOnceAfterCheckpoint.FAILED).as("the failure was injected").isTrue();
        Catalog catalog = CatalogGenerator.generate(5, 4);
        List<String> expected = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            LearnerSimulator sim = new LearnerSimulator(c, catalog, p, 4);
            for (long i = 0; i < SimulatorSource.limitOf(total, p, 4); i++) {
                SimRecord r = sim.next();
                expected.add(r.source + " " + r.line);
            }
        }
        assertThat(got.stream().map(r -> r.source + " " + r.payload).sorted().toList())
                .isEqualTo(expected.stream().sorted().toList());
    }

    @Test
    void liveRunIsPacedAtTheWallClockWithEventTimesNearIt() throws Exception {
        SimulatorConfig c = new SimulatorConfig();
        c.learners = 2000;
        SimulatorSource source = SimulatorSource.builder(c).live(1500).maxRecords(3_000).build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.config().timeScale).isGreaterThan(100);

        long started = System.currentTimeMillis();
        List<RawRecord> got = run(source);
        long finished = System.currentTimeMillis();

        assertThat(got).hasSize(3_000);
        long firstIngest = got.stream().mapToLong(r -> r.ingestTime).min().orElseThrow();
        long lastIngest = got.stream().mapToLong(r -> r.ingestTime).max().orElseThrow();
        // About 2 s of arrivals at 1500 lines/s; an unpaced run emits 3000 lines in a few ms.
        assertThat(lastIngest - firstIngest).isGreaterThan(1_000);
        ObjectMapper json = new ObjectMapper();
        for (RawRecord r : got) {
            assertThat(r.ingestTime).isBetween(started, finished);
            JsonNode node;
            try {
                node = json.readTree(r.payload);
            } catch (Exception malformed) {
                continue;
            }
            long eventTime;
            if (node.path("ts").isIntegralNumber()) {
                eventTime = node.get("ts").longValue();
            } else if (node.path("timestamp").isTextual()) {
                try {
                    eventTime = OffsetDateTime.parse(node.get("timestamp").textValue()).toInstant().toEpochMilli();
                } catch (Exception malformed) {
                    continue;
                }
            } else {
                continue;
            }
            // Delivered at or after the true time (device clocks are off by up to 2 s), and no later
            // than the longest delay (late records, about 3.3 min).
            assertThat(r.ingestTime - eventTime).isBetween(-c.clockSkewMs, c.maxDeliveryDelayMs() + c.clockSkewMs);
        }
    }

    @Test
    void boundednessAndBuilderChecks() {
        SimulatorConfig c = new SimulatorConfig();
        assertThat(SimulatorSource.builder(c).live(100).build().getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(SimulatorSource.builder(c).live(100).build().maxRecords()).isEqualTo(SimulatorSplit.UNLIMITED);
        assertThat(SimulatorSource.builder(c).asFastAsPossible(0).build().getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(SimulatorSource.builder(c).splits(7).asFastAsPossible(5).build().splits()).isEqualTo(7);
        assertThatThrownBy(() -> SimulatorSource.builder(c).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("choose live(ratePerSecond) or asFastAsPossible(maxRecords)");
        assertThatThrownBy(() -> SimulatorSource.builder(c).live(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SimulatorSource.limitOf(10, 0, 4)).isEqualTo(3);
        assertThat(SimulatorSource.limitOf(10, 1, 4)).isEqualTo(3);
        assertThat(SimulatorSource.limitOf(10, 2, 4)).isEqualTo(2);
        assertThat(SimulatorSource.limitOf(10, 3, 4)).isEqualTo(2);
    }
}
