package io.learnpulse.pipeline.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

/**
 * Assigns split p to reader p % parallelism as soon as that reader registers, then signals "no more splits":
 * the assignment depends on nothing but the split numbers, so a run is repeatable. Splits are pushed rather
 * than requested because a split may never finish (the simulator's, in live mode), and a pull model would then
 * leave the others unread. Splits handed back after a reader failure are re-assigned the same way.
 *
 * @param <S> the split type
 * @param <C> the checkpoint type, made by the subclass from {@link #unassigned()}
 */
abstract class PartitionedSplitEnumerator<S extends SourceSplit, C> implements SplitEnumerator<S, C> {
    private final SplitEnumeratorContext<S> context;
    private final ToIntFunction<S> partition;
    private final List<S> unassigned;

    PartitionedSplitEnumerator(SplitEnumeratorContext<S> context, List<S> splits, ToIntFunction<S> partition) {
        this.context = context;
        this.partition = partition;
        this.unassigned = new ArrayList<>(splits);
        this.unassigned.sort(Comparator.comparingInt(partition));
    }

    /** The split as it goes to its reader: a subclass fills in what is only known once readers register. */
    S asAssigned(S split) {
        return split;
    }

    /** The splits no reader holds, in partition order. */
    final List<S> unassigned() {
        return List.copyOf(unassigned);
    }

    @Override
    public void addReader(int subtaskId) {
        int parallelism = context.currentParallelism();
        List<S> mine = new ArrayList<>();
        for (Iterator<S> it = unassigned.iterator(); it.hasNext(); ) {
            S s = it.next();
            if (partition.applyAsInt(s) % parallelism == subtaskId) {
                mine.add(asAssigned(s));
                it.remove();
            }
        }
        if (!mine.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, mine)));
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public void addSplitsBack(List<S> splits, int subtaskId) {
        unassigned.addAll(splits);
        unassigned.sort(Comparator.comparingInt(partition));
        if (context.registeredReaders().containsKey(subtaskId)) {
            addReader(subtaskId);
        }
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Readers receive their splits on registration.
    }

    @Override
    public void close() {}
}
