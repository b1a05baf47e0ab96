package io.learnpulse.pipeline.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

/**
 * Assigns split p to reader p % parallelism as soon as that reader registers, then signals "no more splits"
 * (as {@link SimulatorEnumerator} does): the assignment depends on nothing but the split numbers, so a run is
 * repeatable. Splits handed back after a reader failure are re-assigned the same way. The pacing schedule
 * starts when the first reader registers (not when the job is submitted: deploying the tasks takes a while),
 * and every split not started yet gets that start time.
 */
final class MemoryEnumerator implements SplitEnumerator<MemorySplit, List<MemorySplit>> {
    private final SplitEnumeratorContext<MemorySplit> context;
    private final List<MemorySplit> unassigned;
    private long start = MemorySplit.NOT_STARTED;

    MemoryEnumerator(SplitEnumeratorContext<MemorySplit> context, List<MemorySplit> splits) {
        this.context = context;
        this.unassigned = new ArrayList<>(splits);
        this.unassigned.sort(Comparator.comparingInt(MemorySplit::partition));
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Readers receive their splits on registration.
    }

    @Override
    public void addSplitsBack(List<MemorySplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        unassigned.sort(Comparator.comparingInt(MemorySplit::partition));
        if (context.registeredReaders().containsKey(subtaskId)) {
            addReader(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        int parallelism = context.currentParallelism();
        List<MemorySplit> mine = new ArrayList<>();
        for (Iterator<MemorySplit> it = unassigned.iterator(); it.hasNext(); ) {
            MemorySplit s = it.next();
            if (s.partition() % parallelism == subtaskId) {
                if (s.startTime() == MemorySplit.NOT_STARTED) {
                    if (start == MemorySplit.NOT_STARTED) {
                        start = System.currentTimeMillis();
                    }
                    s = s.withStartTime(start);
                }
                mine.add(s);
                it.remove();
            }
        }
        if (!mine.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, mine)));
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public List<MemorySplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {}
}
