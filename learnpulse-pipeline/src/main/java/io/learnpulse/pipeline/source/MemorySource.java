package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A bounded FLIP-27 source over records generated before the job started ({@link MemoryLines}): one split per
 * partition, split p read by subtask p % parallelism, each reader merging its splits by arrival time. The
 * records and their order are fixed by the pool, so every run reads the same input.
 *
 * <p><b>Pacing.</b> Unpaced, every reader emits as fast as the job takes records, with {@code ingestTime} =
 * the wall clock at emission. Paced, the arrival times (an event-time clock) are mapped to a wall-clock
 * schedule: a record arriving at {@code a} is due at {@code start + (a - origin) / speedup}, where {@code start}
 * is the wall clock when the first reader registered and {@code speedup} is event-time milliseconds per
 * wall-clock millisecond. With a ramp of R ms, the rate rises linearly from zero to that over the first R ms
 * (the schedule is then R / 2 later), so that a job still compiling its code does not start with a backlog.
 * Each reader waits for its records' due times (sleeping, not spinning), so all splits advance through event
 * time together. A paced record's {@code ingestTime} is its due time, not the time it was actually emitted:
 * when the job cannot keep up, the time a record waited to be read counts toward its latency, as it would for
 * a record that arrived from outside on time.
 */
public final class MemorySource
        implements Source<RawRecord, MemorySplit, List<MemorySplit>>, ResultTypeQueryable<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final String lines;
    private final int partitions;
    private final long origin;
    private final double speedup;
    private final long rampMs;

    private MemorySource(String lines, int partitions, long origin, double speedup, long rampMs) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.partitions = partitions;
        this.origin = origin;
        this.speedup = speedup;
        this.rampMs = rampMs;
    }

    /** Emits the records as fast as the job takes them. */
    public static MemorySource unpaced(MemoryLines lines) {
        return new MemorySource(lines.name(), lines.partitionCount(), 0, Double.POSITIVE_INFINITY, 0);
    }

    /**
     * Emits each record when the wall clock reaches {@code start + (arrival - origin) / speedup}, after a
     * ramp of {@code rampMs} (see the class comment; 0 for none).
     *
     * @param origin the arrival time that is due at the start
     * @param speedup event-time milliseconds per wall-clock millisecond, > 0
     */
    public static MemorySource paced(MemoryLines lines, long origin, double speedup, long rampMs) {
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be a finite number > 0 (was " + speedup + ")");
        }
        if (rampMs < 0) {
            throw new IllegalArgumentException("rampMs must be >= 0 (was " + rampMs + ")");
        }
        return new MemorySource(lines.name(), lines.partitionCount(), origin, speedup, rampMs);
    }

    /**
     * The wall-clock time at which a paced source emits the record arriving at {@code arrival}: {@code start +
     * (arrival - origin) / speedup}, after a ramp of {@code rampMs} (see the class comment). Also for senders that
     * pace the same lines elsewhere (the benchmark's Kafka producer), so both follow one schedule.
     */
    public static long dueTime(long start, long arrival, long origin, double speedup, long rampMs) {
        return start + (long) Math.floor(dueAfter(arrival - origin, speedup, rampMs));
    }

    /** Wall-clock milliseconds after the start at which an arrival {@code eventMs} after the origin is due. */
    static double dueAfter(double eventMs, double speedup, long rampMs) {
        if (eventMs <= 0) {
            return 0;
        }
        // During the ramp the rate grows linearly, so elapsed event time grows with the square of wall time.
        if (eventMs < speedup * rampMs / 2.0) {
            return Math.sqrt(2.0 * rampMs * eventMs / speedup);
        }
        return eventMs / speedup + rampMs / 2.0;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<MemorySplit, List<MemorySplit>> createEnumerator(SplitEnumeratorContext<MemorySplit> context) {
        List<MemorySplit> splits = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            splits.add(new MemorySplit(lines, p, MemorySplit.NOT_STARTED, 0));
        }
        return new MemoryEnumerator(context, splits);
    }

    @Override
    public SplitEnumerator<MemorySplit, List<MemorySplit>> restoreEnumerator(SplitEnumeratorContext<MemorySplit> context,
            List<MemorySplit> checkpoint) {
        return new MemoryEnumerator(context, checkpoint);
    }

    @Override
    public SourceReader<RawRecord, MemorySplit> createReader(SourceReaderContext readerContext) {
        return new MemorySourceReader(origin, speedup, rampMs, readerContext.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<MemorySplit> getSplitSerializer() {
        return SplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<MemorySplit>> getEnumeratorCheckpointSerializer() {
        return StateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /** Version 1: lines name (modified UTF-8), partition (int), start time, emitted (longs). */
    static final class SplitSerializer implements SimpleVersionedSerializer<MemorySplit> {
        static final SplitSerializer INSTANCE = new SplitSerializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(MemorySplit split) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            write(split, out);
            return out.getCopyOfBuffer();
        }

        @Override
        public MemorySplit deserialize(int version, byte[] serialized) throws IOException {
            check(version);
            return read(new DataInputDeserializer(serialized));
        }

        static void write(MemorySplit s, DataOutputView out) throws IOException {
            out.writeUTF(s.lines());
            out.writeInt(s.partition());
            out.writeLong(s.startTime());
            out.writeLong(s.emitted());
        }

        static MemorySplit read(DataInputView in) throws IOException {
            String lines = in.readUTF();
            int partition = in.readInt();
            long start = in.readLong();
            long emitted = in.readLong();
            try {
                return new MemorySplit(lines, partition, start, emitted);
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt memory split: " + e.getMessage(), e);
            }
        }
    }

    /** Version 1: the number of unassigned splits (int), then each split as {@link SplitSerializer} writes it. */
    static final class StateSerializer implements SimpleVersionedSerializer<List<MemorySplit>> {
        static final StateSerializer INSTANCE = new StateSerializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<MemorySplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64 * (splits.size() + 1));
            out.writeInt(splits.size());
            for (MemorySplit s : splits) {
                SplitSerializer.write(s, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<MemorySplit> deserialize(int version, byte[] serialized) throws IOException {
            check(version);
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            int n = in.readInt();
            if (n < 0 || n > 1 << 16) {
                throw new IOException("corrupt memory source state: " + n + " splits");
            }
            List<MemorySplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(SplitSerializer.read(in));
            }
            return splits;
        }
    }

    private static void check(int version) throws IOException {
        if (version != 1) {
            throw new IOException("unsupported memory source serialization version " + version
                    + " (this build reads version 1)");
        }
    }
}
