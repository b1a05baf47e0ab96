package io.learnpulse.pipeline.source;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Assigns the simulator's splits as {@link PartitionedSplitEnumerator} does. */
final class SimulatorEnumerator extends PartitionedSplitEnumerator<SimulatorSplit, SimulatorEnumeratorState> {

    SimulatorEnumerator(SplitEnumeratorContext<SimulatorSplit> context, List<SimulatorSplit> splits) {
        super(context, splits, SimulatorSplit::partition);
    }

    @Override
    public SimulatorEnumeratorState snapshotState(long checkpointId) {
        return new SimulatorEnumeratorState(unassigned());
    }
}
