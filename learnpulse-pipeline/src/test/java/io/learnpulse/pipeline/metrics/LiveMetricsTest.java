package io.learnpulse.pipeline.metrics;

import io.learnpulse.core.metrics.LogHistogram;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveMetricsTest {
    static final String RECORDS = "tm.job.sink: fused: Writer.0.learnpulse.live_metrics_test_records";
    static final String DEAD = "tm.job.parse.1.learnpulse.reason.malformed_json.live_metrics_test_letters";
    static final String LATENCY = "tm.job.learner.0.learnpulse.live_metrics_test_latency";

    // The registry is the JVM's: names of their own keep other tests' jobs out of these sums.
    @BeforeEach
    @AfterEach
    void clear() {
        LiveMetrics.clear();
    }

    @Test
    void aTaskThatFailsOverAddsItsAttemptsUpUnderTheSameIdentifier() {
        SimpleCounter first = counter(RECORDS, 40);
        SimpleCounter firstDead = counter(DEAD, 2);
        LatencyHistogram firstLatency = histogram(LATENCY, 1_000, 2_000);
        assertThat(LiveMetrics.sum(".live_metrics_test_records")).isEqualTo(40);

        // The attempt fails: its metrics are removed, and the restarted one registers the same identifiers anew.
        LiveMetrics.remove(RECORDS);
        LiveMetrics.remove(DEAD);
        LiveMetrics.remove(LATENCY);
        first.inc(100); // after its removal: not counted
        assertThat(LiveMetrics.sum(".live_metrics_test_records")).isEqualTo(40);
        counter(RECORDS, 7);
        counter(DEAD, 1);
        histogram(LATENCY, 3_000);

        assertThat(LiveMetrics.sum(".live_metrics_test_records")).isEqualTo(47);
        assertThat(LiveMetrics.sumsBy("live_metrics_test_letters")).isEqualTo(Map.of("malformed_json", 3L));
        assertThat(LogHistogram.count(LiveMetrics.histogram(".live_metrics_test_latency"))).isEqualTo(3);
        assertThat(firstDead.getCount()).isEqualTo(2);
        assertThat(firstLatency.getCount()).isEqualTo(2);

        // The job ends: every attempt's counts stay for the summary.
        LiveMetrics.remove(RECORDS);
        LiveMetrics.remove(DEAD);
        LiveMetrics.remove(LATENCY);
        assertThat(LiveMetrics.sum(".live_metrics_test_records")).isEqualTo(47);
        assertThat(LiveMetrics.sumsBy("live_metrics_test_letters")).isEqualTo(Map.of("malformed_json", 3L));
        assertThat(LogHistogram.count(LiveMetrics.histogram(".live_metrics_test_latency"))).isEqualTo(3);

        LiveMetrics.clear();
        assertThat(LiveMetrics.sum(".live_metrics_test_records")).isZero();
        assertThat(LiveMetrics.sumsBy("live_metrics_test_letters")).isEmpty();
        assertThat(LogHistogram.count(LiveMetrics.histogram(".live_metrics_test_latency"))).isZero();
    }

    private static SimpleCounter counter(String id, long count) {
        SimpleCounter c = new SimpleCounter();
        c.inc(count);
        LiveMetrics.add(id, c);
        return c;
    }

    private static LatencyHistogram histogram(String id, long... micros) {
        LatencyHistogram h = new LatencyHistogram();
        for (long m : micros) {
            h.update(m);
        }
        LiveMetrics.add(id, h);
        return h;
    }
}
