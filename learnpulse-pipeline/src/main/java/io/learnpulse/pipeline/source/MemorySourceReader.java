package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Reads its {@link MemorySplit}s, merged by arrival time, pacing them to the wall clock when the source is
 * paced (see {@link MemorySource}).
 */
final class MemorySourceReader extends MergingSourceReader<MemorySplit, MemorySourceReader.SplitState> {
    /** Records per {@link #pollNext} call: fewer calls, while the mailbox still gets its turn often. */
    private static final int BATCH = 64;

    /** Not private: it is the base class's type argument, outside this class's body. */
    static final class SplitState {
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

    MemorySourceReader(long origin, double speedup, long rampMs, MetricGroup metrics) {
        super("memory-source-pacing", System::currentTimeMillis);
        this.origin = origin;
        this.speedup = speedup;
        this.rampMs = rampMs;
        this.paced = !Double.isInfinite(speedup);
        this.emitted = metrics.addGroup("learnpulse").counter("memory_source_records");
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawRecord> output) {
        long now = now();
        for (int n = 0; n < BATCH; n++) {
            if (active.isEmpty()) {
                if (noMoreSplits()) {
                    return InputStatus.END_OF_INPUT;
                }
                return waitForSplits();
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
                    return n > 0 ? InputStatus.MORE_AVAILABLE : sleepUntil(due);
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

    @Override
    SplitState open(MemorySplit split) {
        MemoryLines.Cursor cursor = MemoryLines.lookup(split.lines()).partition(split.partition()).cursor();
        // A restored split continues after what it emitted before the checkpoint.
        for (long i = 0; i < split.emitted() && cursor.hasNext(); i++) {
            cursor.skip();
        }
        return cursor.hasNext() ? new SplitState(split, cursor) : null;
    }

    @Override
    MemorySplit progress(SplitState state) {
        return state.split.withEmitted(state.cursor.position());
    }
}
