package io.learnpulse.pipeline.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

/**
 * Gives the queue's one split to reader 0, so records keep the order they were queued in, and again after a
 * failure of reader 0. It never signals "no more splits": the other readers stay idle until the queue is
 * closed (rather than ending at once, which would emit the end-of-time watermark on their part of the job and,
 * while the reading part is idle, let event time jump to the end).
 */
final class QueueEnumerator implements SplitEnumerator<QueueSplit, List<QueueSplit>> {
    private final SplitEnumeratorContext<QueueSplit> context;
    private final List<QueueSplit> unassigned;

    QueueEnumerator(SplitEnumeratorContext<QueueSplit> context, List<QueueSplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed on registration.
    }

    @Override
    public void addSplitsBack(List<QueueSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        if (context.registeredReaders().containsKey(0)) {
            addReader(0);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        if (subtaskId == 0 && !unassigned.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(0, List.copyOf(unassigned))));
            unassigned.clear();
        }
    }

    @Override
    public List<QueueSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {}
}
