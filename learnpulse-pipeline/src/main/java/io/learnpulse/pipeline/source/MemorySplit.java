package io.learnpulse.pipeline.source;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One partition of a {@link MemoryLines} pool and how far its reader got. Immutable; progress is captured in
 * a new split at each checkpoint. {@code startTime} is the wall-clock start of the pacing schedule, shared by
 * all splits of a job, so that a restored split keeps the schedule it started with.
 */
public final class MemorySplit implements SourceSplit {
    /** The start time of a split not assigned yet: the enumerator fixes it when the first reader registers. */
    public static final long NOT_STARTED = Long.MIN_VALUE;

    private final String lines;
    private final int partition;
    private final long startTime;
    private final long emitted;

    public MemorySplit(String lines, int partition, long startTime, long emitted) {
        if (partition < 0 || emitted < 0) {
            throw new IllegalArgumentException("invalid memory split: partition " + partition + ", emitted " + emitted);
        }
        this.lines = Objects.requireNonNull(lines, "lines");
        this.partition = partition;
        this.startTime = startTime;
        this.emitted = emitted;
    }

    @Override
    public String splitId() {
        return lines + "-" + partition;
    }

    public String lines() {
        return lines;
    }

    public int partition() {
        return partition;
    }

    public long startTime() {
        return startTime;
    }

    public long emitted() {
        return emitted;
    }

    public MemorySplit withEmitted(long newEmitted) {
        return new MemorySplit(lines, partition, startTime, newEmitted);
    }

    public MemorySplit withStartTime(long newStartTime) {
        return new MemorySplit(lines, partition, newStartTime, emitted);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MemorySplit)) {
            return false;
        }
        MemorySplit s = (MemorySplit) o;
        return lines.equals(s.lines) && partition == s.partition && startTime == s.startTime && emitted == s.emitted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lines, partition, startTime, emitted);
    }

    @Override
    public String toString() {
        return "MemorySplit{" + splitId() + ", startTime=" + startTime + ", emitted=" + emitted + '}';
    }
}
