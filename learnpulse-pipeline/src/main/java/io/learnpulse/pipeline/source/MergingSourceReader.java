package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * Base of the readers that merge their splits by arrival time, for what does not depend on where the records
 * come from: the splits still being read, their progress for checkpoints, the end of input, and the
 * availability future. When the next record is not due, {@link #pollNext} returns {@link #sleepUntil} and a
 * timer completes the {@link #isAvailable()} future at the due time, so the task thread sleeps instead of
 * spinning.
 *
 * <p>All methods run on the task's mailbox thread except the timer, which only completes a future.
 *
 * @param <S> the split type
 * @param <T> a split being read, with how far it got
 */
abstract class MergingSourceReader<S extends SourceSplit, T> implements SourceReader<RawRecord, S> {
    /** The splits with records left to emit. */
    final List<T> active = new ArrayList<>();

    private final String timerThreadName;
    private final LongSupplier clock;
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt = Long.MAX_VALUE;

    MergingSourceReader(String timerThreadName, LongSupplier clock) {
        this.timerThreadName = timerThreadName;
        this.clock = clock;
    }

    /** Starts reading a split where its checkpoint left it; null when it has no records left. */
    abstract T open(S split);

    /** The split with how far it was read, for a checkpoint. */
    abstract S progress(T state);

    final long now() {
        return clock.getAsLong();
    }

    final boolean noMoreSplits() {
        return noMoreSplits;
    }

    /** Waits until a split is added or the enumerator says there will be none. */
    final InputStatus waitForSplits() {
        renewAvailable();
        return InputStatus.NOTHING_AVAILABLE;
    }

    /** Waits until {@code dueTime} at the latest (a new split also ends the wait). */
    final InputStatus sleepUntil(long dueTime) {
        renewAvailable();
        if (dueTime < wakeUpAt) {
            // One timer per future: polling again before it is due must not pile up timers.
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, timerThreadName);
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

    private void renewAvailable() {
        if (available.isDone()) {
            available = new CompletableFuture<>();
            wakeUpAt = Long.MAX_VALUE;
        }
    }

    @Override
    public void addSplits(List<S> splits) {
        for (S split : splits) {
            T state = open(split);
            if (state != null) {
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
    public List<S> snapshotState(long checkpointId) {
        List<S> out = new ArrayList<>(active.size());
        for (T state : active) {
            out.add(progress(state));
        }
        return out;
    }

    @Override
    public void start() {
        // Splits are pushed by the enumerator when this reader registers.
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
