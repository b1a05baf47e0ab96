package io.learnpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.core.event.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link RecordQueue} (bounded, all-or-nothing, closable) and the FLIP-27 {@link QueueSource} that reads it. */
class QueueSourceTest {
    private final String name = "queue-test-" + UUID.randomUUID();
    private final List<RecordQueue> created = new ArrayList<>();

    private RecordQueue queue(int capacity) {
        RecordQueue q = RecordQueue.create(name, capacity);
        created.add(q);
        return q;
    }

    @AfterEach
    void closeQueues() {
        created.forEach(RecordQueue::close);
    }

    private static RawRecord rec(String payload) {
        return new RawRecord("video", payload, 7L);
    }

    private static final class Output implements ReaderOutput<RawRecord> {
        final List<String> payloads = new ArrayList<>();

        @Override
        public void collect(RawRecord record) {
            payloads.add(record.payload);
        }

        @Override
        public void collect(RawRecord record, long timestamp) {
            payloads.add(record.payload);
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

    @Test
    void offersAreAllOrNothingAndNeverExceedTheCapacity() {
        RecordQueue q = queue(3);
        assertThat(q.offerAll(List.of(rec("a"), rec("b")))).isTrue();
        assertThat(q.offerAll(List.of(rec("c"), rec("d")))).isFalse();
        assertThat(q.depth()).isEqualTo(2);
        assertThat(q.offer("video", "c", 8L)).isTrue();
        assertThat(q.offer("video", "d", 8L)).isFalse();
        assertThat(q.accepted()).isEqualTo(3);
        assertThat(q.refused()).isEqualTo(3);
        assertThat(q.poll().payload).isEqualTo("a");
        assertThat(q.offer("video", "d", 8L)).isTrue();
        assertThat(List.of(q.poll().payload, q.poll().payload, q.poll().payload)).containsExactly("b", "c", "d");
        assertThat(q.poll()).isNull();
    }

    @Test
    void aQueueIsFoundByNameUntilClosedAndAClosedQueueRefusesEverything() {
        RecordQueue q = queue(3);
        assertThat(RecordQueue.lookup(name)).isSameAs(q);
        assertThatThrownBy(() -> RecordQueue.create(name, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a record queue named '" + name + "' is open already");
        q.close();
        assertThat(q.isOpen()).isFalse();
        assertThat(RecordQueue.lookup(name)).isNull();
        assertThat(q.offer("video", "a", 1L)).isFalse();
        assertThat(q.whenAvailable()).isDone();
    }

    @Test
    void theReaderEmitsInQueueOrderSleepsWhenEmptyAndEndsOnceClosedAndDrained() {
        RecordQueue q = queue(10);
        QueueSourceReader reader = new QueueSourceReader(name);
        reader.start();
        Output out = new Output();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        reader.addSplits(List.of(new QueueSplit(name)));
        assertThat(reader.isAvailable()).isDone();

        q.offerAll(List.of(rec("a"), rec("b")));
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        CompletableFuture<Void> available = reader.isAvailable();
        assertThat(available).isNotDone();

        q.offer("video", "c", 9L);
        assertThat(available).isDone();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        q.offer("video", "d", 9L);
        q.close();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
        assertThat(out.payloads).containsExactly("a", "b", "c", "d");
        assertThat(reader.snapshotState(1)).containsExactly(new QueueSplit(name));
    }

    @Test
    void aReaderWithoutTheSplitEmitsNothingAndEndsWhenTheQueueIsClosed() {
        RecordQueue q = queue(10);
        QueueSourceReader other = new QueueSourceReader(name);
        other.start();
        Output out = new Output();
        assertThat(other.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        other.notifyNoMoreSplits();
        assertThat(other.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        CompletableFuture<Void> available = other.isAvailable();
        q.offer("video", "a", 1L);
        assertThat(available).isNotDone();
        q.close();
        assertThat(available).isDone();
        assertThat(other.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
        assertThat(out.payloads).isEmpty();
        assertThat(other.snapshotState(1)).isEmpty();
    }

    @Test
    void aMissingQueueIsAClearError() {
        QueueSourceReader lost = new QueueSourceReader("no-such-queue");
        assertThatThrownBy(lost::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no open record queue named 'no-such-queue' in this JVM");
    }

    @Test
    void theEnumeratorGivesTheSplitToReaderZeroOnlyAndAgainAfterAFailure() {
        Context ctx = new Context();
        QueueEnumerator e = new QueueEnumerator(ctx, List.of(new QueueSplit(name)));
        ctx.register(1);
        e.addReader(1);
        assertThat(ctx.assigned).isEmpty();
        assertThat(e.snapshotState(1)).containsExactly(new QueueSplit(name));

        ctx.register(0);
        e.addReader(0);
        assertThat(ctx.assigned).containsExactly(Map.entry(0, List.of(new QueueSplit(name))));
        assertThat(e.snapshotState(2)).isEmpty();

        ctx.assigned.clear();
        e.addSplitsBack(List.of(new QueueSplit(name)), 0);
        assertThat(ctx.assigned).containsExactly(Map.entry(0, List.of(new QueueSplit(name))));
        // Readers end when the queue closes, never because they were told there are no more splits.
        assertThat(ctx.noMoreSplits).isEmpty();
    }

    @Test
    void splitsAndEnumeratorStateSurviveSerialization() throws Exception {
        QueueSource source = new QueueSource(name);
        QueueSplit split = new QueueSplit(name);
        assertThat(source.getSplitSerializer().deserialize(1, source.getSplitSerializer().serialize(split)))
                .isEqualTo(split);
        var state = source.getEnumeratorCheckpointSerializer();
        assertThat(state.deserialize(1, state.serialize(List.of(split)))).containsExactly(split);
        assertThat(state.deserialize(1, state.serialize(List.of()))).isEmpty();
        assertThatThrownBy(() -> state.deserialize(2, state.serialize(List.of())))
                .hasMessage("unsupported queue source serialization version 2 (this build reads version 1)");
    }

    /** Records what the enumerator tells the readers. */
    private static final class Context implements SplitEnumeratorContext<QueueSplit> {
        final Map<Integer, ReaderInfo> registered = new HashMap<>();
        final Map<Integer, List<QueueSplit>> assigned = new HashMap<>();
        final List<Integer> noMoreSplits = new ArrayList<>();

        void register(int subtask) {
            registered.put(subtask, new ReaderInfo(subtask, "localhost"));
        }

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
        public void assignSplits(SplitsAssignment<QueueSplit> assignment) {
            assignment.assignment().forEach((k, v) -> assigned.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            noMoreSplits.add(subtask);
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {}

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {}

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            runnable.run();
        }
    }
}
