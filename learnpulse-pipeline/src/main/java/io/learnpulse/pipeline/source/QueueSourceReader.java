package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * The reader with the split (subtask 0) emits the records of the {@link RecordQueue} in queue order; when the
 * queue is empty it returns {@link InputStatus#NOTHING_AVAILABLE} with a future the queue completes on the next
 * offer, so the task sleeps instead of spinning. Readers without the split emit nothing. Every reader ends its
 * input once the queue is closed (and, for the one with the split, drained). All methods run on the task's
 * mailbox thread, except the completion of the futures.
 */
final class QueueSourceReader implements SourceReader<RawRecord, QueueSplit> {
    private final String queueName;
    private final List<QueueSplit> splits = new ArrayList<>(1);
    private RecordQueue queue;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    QueueSourceReader(String queueName) {
        this.queueName = queueName;
    }

    @Override
    public void start() {
        queue = RecordQueue.lookup(queueName);
        if (queue == null) {
            throw new IllegalStateException("no open record queue named '" + queueName + "' in this JVM: a "
                    + "QueueSource only works on the embedded MiniCluster of the process that created the queue");
        }
        CompletableFuture<Void> first = available;
        queue.whenClosed().thenRun(() -> first.complete(null));
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawRecord> output) {
        if (splits.isEmpty()) {
            if (queue.isClosed()) {
                return InputStatus.END_OF_INPUT;
            }
            if (available.isDone()) {
                CompletableFuture<Void> next = new CompletableFuture<>();
                queue.whenClosed().thenRun(() -> next.complete(null));
                available = next;
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        RawRecord r = queue.poll();
        if (r == null && queue.isClosed()) {
            // Offers fail once the queue is closed, so a second look cannot miss a record offered before.
            r = queue.poll();
            if (r == null) {
                return InputStatus.END_OF_INPUT;
            }
        }
        if (r != null) {
            output.collect(r);
            return InputStatus.MORE_AVAILABLE;
        }
        available = queue.whenAvailable();
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<QueueSplit> newSplits) {
        for (QueueSplit s : newSplits) {
            if (!s.queueName().equals(queueName)) {
                throw new IllegalStateException("a reader of queue '" + queueName + "' got " + s);
            }
            if (splits.isEmpty()) {
                splits.add(s);
            }
        }
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        available.complete(null);
    }

    @Override
    public List<QueueSplit> snapshotState(long checkpointId) {
        return List.copyOf(splits);
    }

    @Override
    public void close() {}
}
