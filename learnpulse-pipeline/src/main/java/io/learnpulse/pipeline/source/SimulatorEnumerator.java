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
 * Assigns every split up front: split p goes to reader p % parallelism as soon as that reader
 * registers, followed by "no more splits". Splits are pushed rather than requested because in live
 * mode a split never finishes, so a pull model would leave splits unread. Splits handed back after a
 * reader failure are re-assigned the same way.
 */
final class SimulatorEnumerator implements SplitEnumerator<SimulatorSplit, SimulatorEnumeratorState> {
    private final SplitEnumeratorContext<SimulatorSplit> context;
    private final List<SimulatorSplit> unassigned;

    SimulatorEnumerator(SplitEnumeratorContext<SimulatorSplit> context, List<SimulatorSplit> splits) {
        this.context = context;
        this.unassigned = new ArrayList<>(splits);
        this.unassigned.sort(Comparator.comparingInt(SimulatorSplit::partition));
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Nothing to do: readers receive their splits on registration.
    }

    @Override
    public void addSplitsBack(List<SimulatorSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        unassigned.sort(Comparator.comparingInt(SimulatorSplit::partition));
        if (context.registeredReaders().containsKey(subtaskId)) {
            assign(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assign(subtaskId);
    }

    private void assign(int subtaskId) {
        int parallelism = context.currentParallelism();
        List<SimulatorSplit> mine = new ArrayList<>();
        for (Iterator<SimulatorSplit> it = unassigned.iterator(); it.hasNext(); ) {
            SimulatorSplit s = it.next();
            if (s.partition() % parallelism == subtaskId) {
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
    public SimulatorEnumeratorState snapshotState(long checkpointId) {
        return new SimulatorEnumeratorState(unassigned);
    }

    @Override
    public void close() {}
}
