package io.learnpulse.pipeline.functions;

import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.Status;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InsightLatencyTest {

    @Test
    void watermarkLagIsWallClockMinusTheWatermarkSeenWithTheLastRecord() throws Exception {
        InsightLatency fn = new InsightLatency();
        try (OneInputStreamOperatorTestHarness<FusedAttempt, FusedAttempt> h =
                     new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(fn))) {
            h.open();
            assertThat(fn.watermarkLagMs(10_000)).isEqualTo(-1);
            h.processWatermark(4_000);
            FusedAttempt f = new FusedAttempt();
            f.status = Status.SPECULATIVE;
            f.ingestTime = System.currentTimeMillis();
            h.processElement(f, 4_500);
            assertThat(fn.watermarkLagMs(10_000)).isEqualTo(6_000);
            assertThat(fn.watermarkLagMs(3_000)).isZero();
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.extractOutputValues().get(0).sameResult(f)).isTrue();
        }
    }
}
