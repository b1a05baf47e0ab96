package io.learnpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.sim.CatalogGenerator;
import io.learnpulse.core.sim.LearnerSimulator;
import io.learnpulse.core.sim.SimRecord;
import io.learnpulse.core.sim.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

class SimulatorSourceReaderTest {

    private static final class Output implements ReaderOutput<RawRecord> {
        final List<RawRecord> records = new ArrayList<>();

        @Override
        public void collect(RawRecord record) {
            records.add(record);
        }

        @Override
        public void collect(RawRecord record, long timestamp) {
            records.add(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<RawRecord> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }

    private static SimulatorConfig config() {
        SimulatorConfig c = new SimulatorConfig();
        c.seed = 17;
        c.learners = 200;
        c.timeScale = 20;
        return c;
    }

    private static final Catalog CATALOG = CatalogGenerator.generate(17, 4);

    private static List<String> simulated(SimulatorConfig c, int partition, int partitions, int n) {
        LearnerSimulator sim = new LearnerSimulator(c, CATALOG, partition, partitions);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SimRecord r = sim.next();
            out.add(r.source + " " + r.line);
        }
        return out;
    }

    private static List<String> lines(List<RawRecord> records) {
        return records.stream().map(r -> r.source + " " + r.payload).toList();
    }

    /** Polls until the reader ends; every poll before that must report more input. */
    private static void drain(SimulatorSourceReader reader, Output out) {
        InputStatus status;
        while ((status = reader.pollNext(out)) == InputStatus.MORE_AVAILABLE) {
            // keep polling
        }
        assertThat(status).isEqualTo(InputStatus.END_OF_INPUT);
    }

    @Test
    void emitsEachSplitsPrefixUpToItsLimitThenEnds() {
        SimulatorConfig c = config();
        SimulatorSourceReader reader = new SimulatorSourceReader(c, CATALOG, false);
        reader.addSplits(List.of(new SimulatorSplit(0, 2, c.startTime, 500, 0), new SimulatorSplit(1, 2, c.startTime, 300, 0)));
        reader.notifyNoMoreSplits();
        Output out = new Output();
        drain(reader, out);

        List<String> expected = new ArrayList<>(simulated(c, 0, 2, 500));
        expected.addAll(simulated(c, 1, 2, 300));
        assertThat(lines(out.records)).hasSize(800).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(reader.snapshotState(1)).as("finished splits are not checkpointed").isEmpty();
    }

    @Test
    void restoringASnapshotContinuesWhereTheReaderLeftOff() throws Exception {
        SimulatorConfig c = config();
        SimulatorSplit split = new SimulatorSplit(0, 1, c.startTime, 1000, 0);

        SimulatorSourceReader first = new SimulatorSourceReader(c, CATALOG, false);
        first.addSplits(List.of(split));
        Output before = new Output();
        for (int i = 0; i < 400; i++) {
            assertThat(first.pollNext(before)).isEqualTo(InputStatus.MORE_AVAILABLE);
        }
        List<SimulatorSplit> snapshot = first.snapshotState(7);
        first.close();
        assertThat(snapshot).containsExactly(split.withEmitted(400));

        // As after a failure: the split goes through its serializer and into a new reader.
        SimulatorSplitSerializer serializer = SimulatorSplitSerializer.INSTANCE;
        SimulatorSplit restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(snapshot.get(0)));
        SimulatorSourceReader second = new SimulatorSourceReader(c, CATALOG, false);
        second.addSplits(List.of(restored));
        second.notifyNoMoreSplits();
        Output after = new Output();
        drain(second, after);

        List<String> all = new ArrayList<>(lines(before.records));
        all.addAll(lines(after.records));
        assertThat(after.records).hasSize(600);
        assertThat(all).isEqualTo(simulated(c, 0, 1, 1000));
    }

    @Test
    void pacedReaderSleepsUntilTheNextArrivalInsteadOfSpinning() throws Exception {
        SimulatorConfig c = config();
        c.timeScale = 5000; // many arrivals right after the start
        long startTime = System.currentTimeMillis() + 400;
        SimulatorConfig started = c.copy();
        started.startTime = startTime;
        long firstArrival = new LearnerSimulator(started, CATALOG).next().arrivalTime;
        assertThat(firstArrival).isBetween(startTime, startTime + 2_000);

        SimulatorSourceReader reader = new SimulatorSourceReader(c, CATALOG, true);
        reader.addSplits(List.of(new SimulatorSplit(0, 1, startTime, 3, 0)));
        reader.notifyNoMoreSplits();
        Output out = new Output();

        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        CompletableFuture<Void> available = reader.isAvailable();
        assertThat(available).isNotDone();
        assertThat(reader.pollNext(out)).as("polling again before it is due").isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(reader.isAvailable()).isSameAs(available);
        assertThat(out.records).isEmpty();

        available.get(10, TimeUnit.SECONDS);
        long woke = System.currentTimeMillis();
        assertThat(woke).isGreaterThanOrEqualTo(firstArrival);
        assertThat(woke - firstArrival).as("woken close to the due time").isLessThan(1_000);

        while (out.records.size() < 3) {
            InputStatus status = reader.pollNext(out);
            if (status == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get(10, TimeUnit.SECONDS);
            } else if (status == InputStatus.END_OF_INPUT) {
                break;
            }
        }
        assertThat(out.records).hasSize(3);
        assertThat(out.records.get(0).ingestTime).isGreaterThanOrEqualTo(firstArrival);
        assertThat(lines(out.records)).isEqualTo(simulated(started, 0, 1, 3));
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
        reader.close();
    }

    @Test
    void waitsForSplitsAndEndsWhenThereWillBeNone() {
        SimulatorSourceReader reader = new SimulatorSourceReader(config(), CATALOG, true);
        Output out = new Output();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        CompletableFuture<Void> available = reader.isAvailable();
        assertThat(available).isNotDone();
        reader.notifyNoMoreSplits();
        assertThat(available).isDone();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
    }
}
