package io.learnpulse.pipeline.state;

import java.util.Arrays;

/**
 * Per-question counts. Attempts the watermark has passed are "committed" into the counts; newer ones
 * wait in the pending arrays, so a final record says exactly what happened up to its event time.
 * A Flink POJO (public fields, primitive arrays): no Kryo.
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

    public long[] pendingTimes = new long[0];
    /** Bit 0: first attempt; bit 1: correct. */
    public byte[] pendingFlags = new byte[0];

    public QuestionState() {}

    public static byte flags(boolean first, boolean correct) {
        return (byte) ((first ? 1 : 0) | (correct ? 2 : 0));
    }

    public void commit(long time, byte flags) {
        attempts++;
        if ((flags & 1) != 0) {
            firstAttempts++;
            if ((flags & 2) != 0) {
                firstAttemptsCorrect++;
            }
        }
        committedUpTo = Math.max(committedUpTo, time);
    }

    public void addPending(long time, byte flags) {
        int n = pendingTimes.length;
        pendingTimes = Arrays.copyOf(pendingTimes, n + 1);
        pendingFlags = Arrays.copyOf(pendingFlags, n + 1);
        pendingTimes[n] = time;
        pendingFlags[n] = flags;
    }

    /** Commits every pending attempt at or before {@code watermark}; returns how many. */
    public int commitUpTo(long watermark) {
        int kept = 0;
        int committed = 0;
        for (int i = 0; i < pendingTimes.length; i++) {
            if (pendingTimes[i] <= watermark) {
                commit(pendingTimes[i], pendingFlags[i]);
                committed++;
            } else {
                pendingTimes[kept] = pendingTimes[i];
                pendingFlags[kept] = pendingFlags[i];
                kept++;
            }
        }
        if (committed > 0) {
            pendingTimes = Arrays.copyOf(pendingTimes, kept);
            pendingFlags = Arrays.copyOf(pendingFlags, kept);
        }
        return committed;
    }
}
