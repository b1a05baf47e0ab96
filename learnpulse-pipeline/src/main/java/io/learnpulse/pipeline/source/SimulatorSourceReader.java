package io.learnpulse.pipeline.source;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.sim.LearnerSimulator;
import io.learnpulse.core.sim.SimRecord;
import io.learnpulse.core.sim.SimulatorConfig;
import java.util.function.LongSupplier;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.core.io.InputStatus;

/**
 * Runs a {@link LearnerSimulator} per assigned split and emits its lines as {@link RawRecord}s,
 * merging its splits by arrival time.
 *
 * <p>Paced (live) mode emits a record once the wall clock reaches its arrival time. Unpaced mode emits
 * as fast as it can generate.
 */
final class SimulatorSourceReader extends MergingSourceReader<SimulatorSplit, SimulatorSourceReader.SplitState> {

    /** Not private: it is the base class's type argument, outside this class's body. */
    static final class SplitState {
        final SimulatorSplit split;
        final LearnerSimulator simulator;
        long emitted;
        /** The next record to emit, or null when the split is finished. */
        SimRecord next;

        SplitState(SimulatorSplit split, LearnerSimulator simulator) {
            this.split = split;
            this.simulator = simulator;
            this.emitted = split.emitted();
        }

        void advance() {
            boolean withinLimit = split.limit() == SimulatorSplit.UNLIMITED || emitted < split.limit();
            next = withinLimit && simulator.hasNext() ? simulator.next() : null;
        }
    }

    private final SimulatorConfig config;
    private final Catalog catalog;
    private final boolean paced;

    SimulatorSourceReader(SimulatorConfig config, Catalog catalog, boolean paced) {
        this(config, catalog, paced, System::currentTimeMillis);
    }

    SimulatorSourceReader(SimulatorConfig config, Catalog catalog, boolean paced, LongSupplier clock) {
        super("simulator-source-pacing", clock);
        this.config = config;
        this.catalog = catalog;
        this.paced = paced;
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawRecord> output) {
        if (active.isEmpty()) {
            return noMoreSplits() ? InputStatus.END_OF_INPUT : waitForSplits();
        }
        SplitState split = active.get(0);
        for (int i = 1; i < active.size(); i++) {
            if (active.get(i).next.arrivalTime < split.next.arrivalTime) {
                split = active.get(i);
            }
        }
        long now = now();
        SimRecord record = split.next;
        if (paced && record.arrivalTime > now) {
            return sleepUntil(record.arrivalTime);
        }
        output.collect(new RawRecord(record.source, record.line, now));
        split.emitted++;
        split.advance();
        if (split.next == null) {
            active.remove(split);
            if (active.isEmpty() && noMoreSplits()) {
                return InputStatus.END_OF_INPUT;
            }
        }
        return InputStatus.MORE_AVAILABLE;
    }

    @Override
    SplitState open(SimulatorSplit split) {
        SimulatorConfig c = config.copy();
        c.startTime = split.startTime();
        LearnerSimulator simulator = new LearnerSimulator(c, catalog, split.partition(), split.numPartitions());
        // Restore: regenerate deterministically and skip what was emitted before the checkpoint.
        for (long i = 0; i < split.emitted() && simulator.hasNext(); i++) {
            simulator.next();
        }
        SplitState state = new SplitState(split, simulator);
        state.advance();
        return state.next != null ? state : null;
    }

    @Override
    SimulatorSplit progress(SplitState state) {
        return state.split.withEmitted(state.emitted);
    }
}
