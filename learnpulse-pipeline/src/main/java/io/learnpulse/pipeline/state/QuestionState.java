package io.learnpulse.pipeline.state;

/**
 * Per-question counts. Attempts the watermark has passed are "committed"; newer ones wait in
 * per-minute buckets (kept in map state next to this), so a final record says exactly what happened
 * up to its event time. A Flink POJO: no Kryo.
 */
public class QuestionState {
    public String courseId;
    public long attempts;
    public long firstAttempts;
    public long firstAttemptsCorrect;
    /** Latest event time among committed attempts. */
    public long committedUpTo = Long.MIN_VALUE;
    public long finalizedUpTo = Long.MIN_VALUE;
    public int revision;

    /** Sums over the pending buckets, for speculative records. */
    public long pendingAttempts;
    public long pendingFirstAttempts;
    public long pendingFirstAttemptsCorrect;
    public long pendingMaxTime = Long.MIN_VALUE;

    public QuestionState() {}

    /** A pending bucket: attempts, first attempts, correct first attempts, latest event time. */
    public static long[] bucket() {
        return new long[] {0, 0, 0, Long.MIN_VALUE};
    }

    public static void add(long[] bucket, long time, boolean first, boolean correct) {
        bucket[0]++;
        if (first) {
            bucket[1]++;
            if (correct) {
                bucket[2]++;
            }
        }
        bucket[3] = Math.max(bucket[3], time);
    }

    public void addPending(long time, boolean first, boolean correct) {
        pendingAttempts++;
        if (first) {
            pendingFirstAttempts++;
            if (correct) {
                pendingFirstAttemptsCorrect++;
            }
        }
        pendingMaxTime = Math.max(pendingMaxTime, time);
    }

    public void commit(long time, boolean first, boolean correct) {
        attempts++;
        if (first) {
            firstAttempts++;
            if (correct) {
                firstAttemptsCorrect++;
            }
        }
        committedUpTo = Math.max(committedUpTo, time);
    }

    /** Moves a pending bucket into the committed counts. */
    public void commit(long[] bucket) {
        attempts += bucket[0];
        firstAttempts += bucket[1];
        firstAttemptsCorrect += bucket[2];
        committedUpTo = Math.max(committedUpTo, bucket[3]);
        pendingAttempts -= bucket[0];
        pendingFirstAttempts -= bucket[1];
        pendingFirstAttemptsCorrect -= bucket[2];
        if (pendingAttempts == 0) {
            pendingMaxTime = Long.MIN_VALUE;
        }
    }
}
