package io.learnpulse.pipeline.metrics;

import io.learnpulse.core.metrics.LogHistogram;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;

/**
 * A Flink histogram metric backed by {@link LogHistogram}: constant-time, allocation-free updates in
 * microseconds, and snapshots that reporters can merge across parallel tasks.
 */
public final class LatencyHistogram implements Histogram {
    private final LogHistogram histogram = new LogHistogram();

    /** Records a latency in microseconds. */
    @Override
    public void update(long micros) {
        histogram.recordMicros(micros);
    }

    @Override
    public long getCount() {
        return histogram.count();
    }

    public long[] snapshot() {
        return histogram.snapshot();
    }

    /** Statistics in milliseconds. */
    @Override
    public HistogramStatistics getStatistics() {
        long[] s = histogram.snapshot();
        return new HistogramStatistics() {
            @Override
            public double getQuantile(double q) {
                return LogHistogram.quantileMillis(s, q);
            }

            @Override
            public long[] getValues() {
                return new long[0];
            }

            @Override
            public int size() {
                return (int) Math.min(Integer.MAX_VALUE, LogHistogram.count(s));
            }

            @Override
            public double getMean() {
                return LogHistogram.quantileMillis(s, 0.5);
            }

            @Override
            public double getStdDev() {
                return 0;
            }

            @Override
            public long getMax() {
                return (long) Math.ceil(LogHistogram.maxMillis(s));
            }

            @Override
            public long getMin() {
                return 0;
            }
        };
    }
}
