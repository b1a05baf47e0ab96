package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Reads its {@link MemorySplit}s, merged by arrival time, pacing them to the wall clock when the source is
 * paced (see {@link MemorySource}). When the next record is not due, {@link #pollNext} returns
 * {@link InputStatus#NOTHING_AVAILABLE} and a timer completes the {@link #isAvailable()} future at the due
 * time, so the task thread sleeps instead of spinning.
 *
 * <p>All methods run on the task's mailbox thread except the timer, which only completes a future.
 */
final class MemorySourceReader implements SourceReader<RawRecord, MemorySplit> {
    /** Records per {@link #pollNext} call: fewer calls, while the mailbox still gets its turn often. */
    private static final int BATCH = 64;

    private static final class SplitState {
        final MemorySplit split;
        final MemoryLines.Cursor cursor;

        SplitState(MemorySplit split, MemoryLines.Cursor cursor) {
            this.split = split;
            this.cursor = cursor;
        }
    }

    private final long origin;
    private final double speedup;
    private final long rampMs;
    private final boolean paced;
    private final Counter emitted;

    private final List<SplitState> active = new ArrayList<>();
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private ScheduledExecutorService timer;

    MemorySourceReader(long origin, double speedup, long rampMs, MetricGroup metrics) {
        this.origin = origin;
        this.speedup = speedup;
        this.rampMs = rampMs;
        this.paced = !Double.isInfinite(speedup);
        this.emitted = metrics.addGroup("learnpulse").counter("memory_source_records");
    }

    @Override
    public void start() {
        // Splits are pushed by the enumerator when this reader registers.
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawRecord> output) {
        long now = System.currentTimeMillis();
        for (int n = 0; n < BATCH; n++) {
            if (active.isEmpty()) {
                if (noMoreSplits) {
                    return InputStatus.END_OF_INPUT;
                }
                return waitFor(Long.MAX_VALUE);
            }
            SplitState split = active.get(0);
            long arrival = split.cursor.arrival();
            for (int i = 1; i < active.size(); i++) {
                long a = active.get(i).cursor.arrival();
                if (a < arrival) {
                    split = active.get(i);
                    arrival = a;
                }
            }
            long ingest = now;
            if (paced) {
                long due = MemorySource.dueTime(split.split.startTime(), arrival, origin, speedup, rampMs);
                if (due > now) {
                    return n > 0 ? InputStatus.MORE_AVAILABLE : waitFor(due);
                }
                ingest = due;
            }
            MemoryLines.Cursor c = split.cursor;
            String source = c.source();
            output.collect(new RawRecord(source, c.line(), ingest));
            emitted.inc();
            if (!c.hasNext()) {
                active.remove(split);
            }
        }
        return InputStatus.MORE_AVAILABLE;
    }

    /** Completes {@link #isAvailable()} at {@code dueTime} (never, for Long.MAX_VALUE: a split or the end will). */
    private InputStatus waitFor(long dueTime) {
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        if (dueTime != Long.MAX_VALUE) {
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "memory-source-pacing");
                    t.setDaemon(true);
                    return t;
                });
            }
            CompletableFuture<Void> toComplete = available;
            long delay = Math.max(1L, dueTime - System.currentTimeMillis());
            timer.schedule(() -> toComplete.complete(null), delay, TimeUnit.MILLISECONDS);
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<MemorySplit> splits) {
        for (MemorySplit split : splits) {
            MemoryLines.Cursor cursor = MemoryLines.lookup(split.lines()).partition(split.partition()).cursor();
            // A restored split continues after what it emitted before the checkpoint.
            for (long i = 0; i < split.emitted() && cursor.hasNext(); i++) {
                cursor.skip();
            }
            if (cursor.hasNext()) {
                active.add(new SplitState(split, cursor));
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
    public List<MemorySplit> snapshotState(long checkpointId) {
        List<MemorySplit> out = new ArrayList<>(active.size());
        for (SplitState s : active) {
            out.add(s.split.withEmitted(s.cursor.position()));
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
