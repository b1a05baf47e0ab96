package io.learnpulse.pipeline.source;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One partition of the simulated learners (those with index % numPartitions == partition) and how
 * far its reader got. Immutable; the reader's progress is captured in a new split at each
 * checkpoint. Restoring regenerates the partition deterministically and skips {@link #emitted()}
 * records.
 */
public final class SimulatorSplit implements SourceSplit {
    /** No record limit. */
    public static final long UNLIMITED = -1L;

    private final int partition;
    private final int numPartitions;
    private final long startTime;
    private final long limit;
    private final long emitted;

    /**
     * @param startTime the simulation's start (epoch ms): shared by all splits of a job, fixed when the
     *     job starts in live mode so a restore reproduces the same records
     * @param limit records this split emits in total, or {@link #UNLIMITED}
     * @param emitted records already emitted
     */
    public SimulatorSplit(int partition, int numPartitions, long startTime, long limit, long emitted) {
        if (numPartitions < 1 || partition < 0 || partition >= numPartitions) {
            throw new IllegalArgumentException("invalid partition " + partition + " of " + numPartitions);
        }
        if (limit < UNLIMITED || emitted < 0 || (limit != UNLIMITED && emitted > limit)) {
            throw new IllegalArgumentException("invalid progress " + emitted + " of limit " + limit);
        }
        this.partition = partition;
        this.numPartitions = numPartitions;
        this.startTime = startTime;
        this.limit = limit;
        this.emitted = emitted;
    }

    @Override
    public String splitId() {
        return "learners-" + partition + "-of-" + numPartitions;
    }

    public int partition() {
        return partition;
    }

    public int numPartitions() {
        return numPartitions;
    }

    public long startTime() {
        return startTime;
    }

    public long limit() {
        return limit;
    }

    public long emitted() {
        return emitted;
    }

    public SimulatorSplit withEmitted(long newEmitted) {
        return new SimulatorSplit(partition, numPartitions, startTime, limit, newEmitted);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SimulatorSplit)) {
            return false;
        }
        SimulatorSplit s = (SimulatorSplit) o;
        return partition == s.partition && numPartitions == s.numPartitions && startTime == s.startTime
                && limit == s.limit && emitted == s.emitted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, numPartitions, startTime, limit, emitted);
    }

    @Override
    public String toString() {
        return "SimulatorSplit{" + splitId() + ", startTime=" + startTime + ", emitted=" + emitted
                + (limit == UNLIMITED ? "" : " of " + limit) + '}';
    }
}
