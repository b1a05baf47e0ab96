package io.learnpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.learnpulse.core.event.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemorySourceTest {
    private final List<MemoryLines> registered = new ArrayList<>();

    @AfterEach
    void release() {
        registered.forEach(MemoryLines::release);
    }

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

    /** Two partitions with interleaved arrival times (even in 0, odd in 1), in chunks of 256 bytes. */
    private MemoryLines lines(String name, int records) {
        MemoryLines.Partition[] parts = MemoryLines.newPartitions(2, 256);
        for (int i = 0; i < records; i++) {
            String source = i % 3 == 0 ? "video" : i % 3 == 1 ? "assessment" : "clickstream";
            parts[i % 2].append(source, "{\"n\":" + i + ",\"text\":\"é" + "x".repeat(i % 50) + "\"}", 1_000L * i);
        }
        MemoryLines lines = MemoryLines.register(name, parts);
        registered.add(lines);
        return lines;
    }

    private static List<String> payloads(List<RawRecord> records) {
        return records.stream().map(r -> r.source + " " + r.payload).toList();
    }

    private static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String source = i % 3 == 0 ? "video" : i % 3 == 1 ? "assessment" : "clickstream";
            out.add(source + " {\"n\":" + i + ",\"text\":\"é" + "x".repeat(i % 50) + "\"}");
        }
        return out;
    }

    private static void drain(MemorySourceReader reader, Output out) throws Exception {
        InputStatus status;
        while ((status = reader.pollNext(out)) != InputStatus.END_OF_INPUT) {
            if (status == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void unpacedReaderMergesItsSplitsByArrivalAcrossChunks() throws Exception {
        MemoryLines lines = lines("merge", 400);
        assertThat(lines.records()).isEqualTo(400);
        MemorySourceReader reader = new MemorySourceReader(0, Double.POSITIVE_INFINITY, 0, new UnregisteredMetricsGroup());
        reader.addSplits(List.of(new MemorySplit("merge", 0, 0, 0), new MemorySplit("merge", 1, 0, 0)));
        reader.notifyNoMoreSplits();
        Output out = new Output();
        drain(reader, out);
        assertThat(payloads(out.records)).containsExactlyElementsOf(expected(0, 400));
        reader.close();
    }

    @Test
    void aRestoredSplitContinuesAfterWhatItEmitted() throws Exception {
        lines("restore", 400);
        MemorySourceReader first = new MemorySourceReader(0, Double.POSITIVE_INFINITY, 0, new UnregisteredMetricsGroup());
        first.addSplits(List.of(new MemorySplit("restore", 1, 0, 0)));
        Output out = new Output();
        first.pollNext(out);
        List<MemorySplit> snapshot = first.snapshotState(1);
        assertThat(snapshot).hasSize(1);
        long emitted = snapshot.get(0).emitted();
        assertThat(emitted).isEqualTo(out.records.size()).isPositive();

        MemorySourceReader second = new MemorySourceReader(0, Double.POSITIVE_INFINITY, 0, new UnregisteredMetricsGroup());
        second.addSplits(snapshot);
        second.notifyNoMoreSplits();
        drain(second, out);
        List<String> odd = new ArrayList<>();
        for (int i = 1; i < 400; i += 2) {
            odd.addAll(expected(i, i + 1));
        }
        assertThat(payloads(out.records)).containsExactlyElementsOf(odd);
    }

    @Test
    void pacedRecordsAreDueOnTheScheduleAndCarryTheirDueTime() throws Exception {
        lines("paced", 40);
        long start = System.currentTimeMillis();
        // Arrivals are 1 s of event time apart; at 100x they are due 10 ms apart.
        MemorySourceReader reader = new MemorySourceReader(0, 100.0, 0, new UnregisteredMetricsGroup());
        reader.addSplits(List.of(new MemorySplit("paced", 0, start, 0), new MemorySplit("paced", 1, start, 0)));
        reader.notifyNoMoreSplits();
        Output out = new Output();
        drain(reader, out);
        long end = System.currentTimeMillis();
        assertThat(payloads(out.records)).containsExactlyElementsOf(expected(0, 40));
        for (int i = 0; i < 40; i++) {
            assertThat(out.records.get(i).ingestTime).isEqualTo(start + 10L * i);
        }
        assertThat(end - start).isGreaterThanOrEqualTo(390);
    }

    @Test
    void theRampRaisesTheRateLinearlyAndThenKeepsTheSchedule() {
        // 100 event ms per wall ms, a 1000 ms ramp: half the ramp's worth of event time (50,000 ms) takes it all.
        assertThat(MemorySource.dueAfter(0, 100, 1000)).isZero();
        assertThat(MemorySource.dueAfter(50_000, 100, 1000)).isCloseTo(1000.0, within(1e-9));
        assertThat(MemorySource.dueAfter(12_500, 100, 1000)).isCloseTo(500.0, within(1e-9)); // a quarter in half the time
        assertThat(MemorySource.dueAfter(150_000, 100, 1000)).isCloseTo(2000.0, within(1e-9)); // then 100x, 500 ms later
        assertThat(MemorySource.dueAfter(150_000, 100, 0)).isCloseTo(1500.0, within(1e-9));
    }

    /** Records the enumerator's assignments. */
    private static final class Context implements SplitEnumeratorContext<MemorySplit> {
        final Map<Integer, ReaderInfo> registered = new HashMap<>();
        final Map<Integer, List<MemorySplit>> assigned = new HashMap<>();

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return null;
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {}

        @Override
        public int currentParallelism() {
            return 2;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return registered;
        }

        @Override
        public void assignSplits(SplitsAssignment<MemorySplit> assignment) {
            assignment.assignment().forEach((k, v) -> assigned.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }

        @Override
        public void signalNoMoreSplits(int subtask) {}

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {}

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {}

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            runnable.run();
        }
    }

    @Test
    void theScheduleStartsWhenTheFirstReaderRegisters() throws Exception {
        Context context = new Context();
        MemoryEnumerator enumerator = new MemoryEnumerator(context, List.of(new MemorySplit("x", 0, MemorySplit.NOT_STARTED, 0),
                new MemorySplit("x", 1, MemorySplit.NOT_STARTED, 0), new MemorySplit("x", 2, 77, 5)));
        long before = System.currentTimeMillis();
        context.registered.put(1, new ReaderInfo(1, "localhost"));
        enumerator.addReader(1);
        Thread.sleep(5);
        context.registered.put(0, new ReaderInfo(0, "localhost"));
        enumerator.addReader(0);
        List<MemorySplit> zero = context.assigned.get(0);
        List<MemorySplit> one = context.assigned.get(1);
        assertThat(one).extracting(MemorySplit::partition).containsExactly(1);
        assertThat(zero).extracting(MemorySplit::partition).containsExactly(0, 2);
        assertThat(one.get(0).startTime()).isGreaterThanOrEqualTo(before).isEqualTo(zero.get(0).startTime());
        assertThat(zero.get(1).startTime()).isEqualTo(77); // a restored split keeps its schedule
    }

    @Test
    void splitsAndStateSurviveTheirSerializers() throws Exception {
        MemorySplit split = new MemorySplit("name", 3, 1234, 99);
        var s = MemorySource.SplitSerializer.INSTANCE;
        assertThat(s.deserialize(s.getVersion(), s.serialize(split))).isEqualTo(split);
        var st = MemorySource.StateSerializer.INSTANCE;
        List<MemorySplit> state = List.of(split, new MemorySplit("name", 0, 1234, 0));
        assertThat(st.deserialize(st.getVersion(), st.serialize(state))).isEqualTo(state);
        assertThatThrownBy(() -> s.deserialize(2, s.serialize(split))).hasMessageContaining("version 2");
    }

    @Test
    void linesMustComeInArrivalOrderAndFromKnownChannels() {
        MemoryLines.Partition p = MemoryLines.newPartitions(1, 256)[0];
        p.append("video", "{}", 10);
        assertThatThrownBy(() -> p.append("video", "{}", 9)).hasMessageContaining("must not decrease");
        assertThatThrownBy(() -> p.append("radio", "{}", 11)).hasMessageContaining("unknown channel");
        assertThatThrownBy(() -> MemoryLines.lookup("nobody")).hasMessageContaining("no memory lines");
    }
}
