package io.learnpulse.pipeline.source;

import java.util.List;

/** The enumerator's checkpoint: the splits not (or no longer) assigned to a reader. */
public final class SimulatorEnumeratorState {
    private final List<SimulatorSplit> unassigned;

    public SimulatorEnumeratorState(List<SimulatorSplit> unassigned) {
        this.unassigned = List.copyOf(unassigned);
    }

    public List<SimulatorSplit> unassigned() {
        return unassigned;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulatorEnumeratorState && unassigned.equals(((SimulatorEnumeratorState) o).unassigned);
    }

    @Override
    public int hashCode() {
        return unassigned.hashCode();
    }

    @Override
    public String toString() {
        return "SimulatorEnumeratorState{unassigned=" + unassigned + '}';
    }
}
