package io.learnpulse.pipeline.source;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.sim.LearnerSimulator;
import io.learnpulse.core.sim.SimRecord;
import io.learnpulse.core.sim.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * Runs a {@link LearnerSimulator} per assigned split and emits its lines as {@link RawRecord}s,
 * merging its splits by arrival time.
 *
 * <p>Paced (live) mode emits a record once the wall clock reaches its arrival time. When the next
 * record is not due yet, {@link #pollNext} returns {@link InputStatus#NOTHING_AVAILABLE} and a timer
 * completes the {@link #isAvailable()} future at the due time, so the task thread sleeps instead of
 * spinning. Unpaced mode emits as fast as it can generate.
 *
 * <p>All methods run on the task's mailbox thread except the timer, which only completes a future.
 */
final class SimulatorSourceReader implements SourceReader<RawRecord, SimulatorSplit> {

    private static final class SplitState {
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
    private final LongSupplier clock;

    private final List<SplitState> active = new ArrayList<>();
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt = Long.MAX_VALUE;

    SimulatorSourceReader(SimulatorConfig config, Catalog catalog, boolean paced) {
        this(config, catalog, paced, System::currentTimeMillis);
    }

    SimulatorSourceReader(SimulatorConfig config, Catalog catalog, boolean paced, LongSupplier clock) {
        this.config = config;
        this.catalog = catalog;
        this.paced = paced;
        this.clock = clock;
    }

    @Override
    public void start() {
        // Splits are pushed by the enumerator when this reader registers.
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawRecord> output) {
        if (active.isEmpty()) {
            return noMoreSplits ? InputStatus.END_OF_INPUT : waitForSplits();
        }
        SplitState split = active.get(0);
        for (int i = 1; i < active.size(); i++) {
            if (active.get(i).next.arrivalTime < split.next.arrivalTime) {
                split = active.get(i);
            }
        }
        long now = clock.getAsLong();
        SimRecord record = split.next;
        if (paced && record.arrivalTime > now) {
            return sleepUntil(record.arrivalTime);
        }
        output.collect(new RawRecord(record.source, record.line, now));
        split.emitted++;
        split.advance();
        if (split.next == null) {
            active.remove(split);
            if (active.isEmpty() && noMoreSplits) {
                return InputStatus.END_OF_INPUT;
            }
        }
        return InputStatus.MORE_AVAILABLE;
    }

    private InputStatus waitForSplits() {
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    private InputStatus sleepUntil(long dueTime) {
        if (available.isDone()) {
            available = new CompletableFuture<>();
            wakeUpAt = Long.MAX_VALUE;
        }
        if (dueTime < wakeUpAt) {
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "simulator-source-pacing");
                    t.setDaemon(true);
                    return t;
                });
            }
            CompletableFuture<Void> toComplete = available;
            long delay = Math.max(1L, dueTime - clock.getAsLong());
            wakeUp = timer.schedule(() -> toComplete.complete(null), delay, TimeUnit.MILLISECONDS);
            wakeUpAt = dueTime;
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<SimulatorSplit> splits) {
        for (SimulatorSplit split : splits) {
            SimulatorConfig c = config.copy();
            c.startTime = split.startTime();
            LearnerSimulator simulator = new LearnerSimulator(c, catalog, split.partition(), split.numPartitions());
            // Restore: regenerate deterministically and skip what was emitted before the checkpoint.
            for (long i = 0; i < split.emitted() && simulator.hasNext(); i++) {
                simulator.next();
            }
            SplitState state = new SplitState(split, simulator);
            state.advance();
            if (state.next != null) {
                active.add(state);
            }
        }
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public List<SimulatorSplit> snapshotState(long checkpointId) {
        List<SimulatorSplit> out = new ArrayList<>(active.size());
        for (SplitState s : active) {
            out.add(s.split.withEmitted(s.emitted));
        }
        return out;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
