package io.learnpulse.app;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The visibility delay of committed outputs, from samples of the partitions' two ends. */
class OutputVisibilityTest {
    private static final TopicPartition A = new TopicPartition("out", 0);
    private static final TopicPartition B = new TopicPartition("out", 1);

    @Test
    void aRecordIsVisibleWhenTheLastStableOffsetHasPassedIt() {
        OutputVisibility v = new OutputVisibility();
        v.sample(1_000, Map.of(A, 0L, B, 0L), Map.of(A, 0L, B, 0L));
        // Written, in open transactions.
        v.sample(1_100, Map.of(A, 10L, B, 4L), Map.of(A, 0L, B, 0L));
        v.sample(1_200, Map.of(A, 25L, B, 4L), Map.of(A, 0L, B, 0L));
        assertThat(v.count()).isZero();
        assertThat(v.summary()).isNull();
        // A commit makes A's first 25 records visible: both samples of A resolve.
        v.sample(3_100, Map.of(A, 26L, B, 4L), Map.of(A, 26L, B, 0L));
        assertThat(v.count()).isEqualTo(3);
        // B's commit comes later; A's newest sample was already visible when it was taken.
        v.sample(5_100, Map.of(A, 26L, B, 4L), Map.of(A, 26L, B, 5L));
        assertThat(v.count()).isEqualTo(4);
        // Delays: A@10 2,000 ms, A@25 1,900 ms, A@26 0 ms, B@4 4,000 ms.
        assertThat(v.quantileMs(0.25)).isZero();
        assertThat(v.quantileMs(0.5)).isEqualTo(1_900);
        assertThat(v.quantileMs(0.75)).isEqualTo(2_000);
        assertThat(v.quantileMs(1.0)).isEqualTo(4_000);
        assertThat(v.summary()).isEqualTo("p50 1.9 s, p95 4.0 s, max 4.0 s (4 samples)");
    }

    @Test
    void recordsNotYetVisibleAreNotCounted() {
        OutputVisibility v = new OutputVisibility();
        v.sample(0, Map.of(A, 5L), Map.of(A, 0L));
        v.sample(100, Map.of(A, 5L), Map.of(A, 4L));
        assertThat(v.count()).isZero();
        assertThat(v.quantileMs(0.5)).isEqualTo(-1);
    }
}
