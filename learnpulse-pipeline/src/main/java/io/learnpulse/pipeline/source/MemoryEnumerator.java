package io.learnpulse.pipeline.source;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Assigns the splits as {@link PartitionedSplitEnumerator} does. The pacing schedule starts when the first
 * reader registers (not when the job is submitted: deploying the tasks takes a while), and every split not
 * started yet gets that start time.
 */
final class MemoryEnumerator extends PartitionedSplitEnumerator<MemorySplit, List<MemorySplit>> {
    private long start = MemorySplit.NOT_STARTED;

    MemoryEnumerator(SplitEnumeratorContext<MemorySplit> context, List<MemorySplit> splits) {
        super(context, splits, MemorySplit::partition);
    }

    @Override
    MemorySplit asAssigned(MemorySplit split) {
        if (split.startTime() != MemorySplit.NOT_STARTED) {
            return split;
        }
        if (start == MemorySplit.NOT_STARTED) {
            start = System.currentTimeMillis();
        }
        return split.withStartTime(start);
    }

    @Override
    public List<MemorySplit> snapshotState(long checkpointId) {
        return unassigned();
    }
}
