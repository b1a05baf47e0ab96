package io.learnpulse.core.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with logarithmic buckets (about 4% relative error), cheap enough to
 * record every event on the hot path, and mergeable: snapshots of several instances (one per
 * parallel task) add up, and the difference of two snapshots gives the distribution of an interval.
 */
public final class LogHistogram {
    /** Buckets per power of two: 16 gives a bucket width of 2^(1/16) - 1 = 4.4%. */
    private static final int SUB = 16;
    /** Values are recorded in microseconds; 2^40 us is about 12 days, far beyond any latency. */
    private static final int MAX_EXP = 40;
    public static final int BUCKETS = MAX_EXP * SUB + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void recordMillis(double millis) {
        recordMicros((long) Math.max(0, Math.round(millis * 1000.0)));
    }

    public void recordMicros(long micros) {
        counts.incrementAndGet(bucketOf(micros));
    }

    static int bucketOf(long micros) {
        if (micros < 1) {
            return 0;
        }
        double b = Math.log(micros) / Math.log(2) * SUB;
        int i = (int) b + 1;
        return Math.min(i, BUCKETS - 1);
    }

    /** Upper bound of a bucket, in microseconds. */
    static double upperMicros(int bucket) {
        return bucket == 0 ? 1.0 : Math.pow(2, bucket / (double) SUB);
    }

    public long[] snapshot() {
        long[] s = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            s[i] = counts.get(i);
        }
        return s;
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    public static long count(long[] snapshot) {
        long n = 0;
        for (long c : snapshot) {
            n += c;
        }
        return n;
    }

    /** Adds {@code b} into {@code a}. */
    public static void addInto(long[] a, long[] b) {
        for (int i = 0; i < BUCKETS; i++) {
            a[i] += b[i];
        }
    }

    /** a - b, per bucket: the events recorded between two snapshots. */
    public static long[] minus(long[] a, long[] b) {
        long[] d = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** The q-quantile (0..1) in milliseconds, reported as its bucket's upper bound; NaN when empty. */
    public static double quantileMillis(long[] snapshot, double q) {
        long total = count(snapshot);
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        if (rank < 1) {
            rank = 1;
        }
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return upperMicros(i) / 1000.0;
            }
        }
        return upperMicros(BUCKETS - 1) / 1000.0;
    }

    /** The largest recorded value (its bucket's upper bound), in milliseconds; NaN when empty. */
    public static double maxMillis(long[] snapshot) {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (snapshot[i] > 0) {
                return upperMicros(i) / 1000.0;
            }
        }
        return Double.NaN;
    }
}
