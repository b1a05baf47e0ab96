package io.learnpulse.core.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogHistogramTest {

    @Test
    void quantilesAreWithinTheBucketResolution() {
        LogHistogram h = new LogHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.recordMillis(ms);
        }
        long[] s = h.snapshot();
        assertThat(LogHistogram.count(s)).isEqualTo(100);
        // Buckets are 2^(1/16) wide: a reported value is at most 4.4% above the true one.
        assertThat(LogHistogram.quantileMillis(s, 0.50)).isBetween(50.0, 50.0 * 1.045);
        assertThat(LogHistogram.quantileMillis(s, 0.99)).isBetween(99.0, 99.0 * 1.045);
        assertThat(LogHistogram.maxMillis(s)).isBetween(100.0, 100.0 * 1.045);
    }

    @Test
    void snapshotsMergeAndSubtract() {
        LogHistogram a = new LogHistogram();
        LogHistogram b = new LogHistogram();
        a.recordMillis(1);
        long[] before = a.snapshot();
        a.recordMillis(10);
        b.recordMillis(20);
        long[] interval = LogHistogram.minus(a.snapshot(), before);
        assertThat(LogHistogram.count(interval)).isEqualTo(1);
        assertThat(LogHistogram.quantileMillis(interval, 0.5)).isCloseTo(10.0, within(0.45));

        long[] merged = a.snapshot();
        LogHistogram.addInto(merged, b.snapshot());
        assertThat(LogHistogram.count(merged)).isEqualTo(3);
        assertThat(LogHistogram.maxMillis(merged)).isCloseTo(20.0, within(0.9));
    }

    @Test
    void emptyHistogramHasNoQuantiles() {
        long[] s = new LogHistogram().snapshot();
        assertThat(LogHistogram.quantileMillis(s, 0.99)).isNaN();
        assertThat(LogHistogram.maxMillis(s)).isNaN();
    }

    @Test
    void subMicrosecondAndHugeValuesLandInTheEdgeBuckets() {
        LogHistogram h = new LogHistogram();
        h.recordMicros(0);
        h.recordMicros(Long.MAX_VALUE);
        long[] s = h.snapshot();
        assertThat(s[0]).isEqualTo(1);
        assertThat(s[LogHistogram.BUCKETS - 1]).isEqualTo(1);
    }
}
