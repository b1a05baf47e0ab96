package io.learnpulse.pipeline.functions;

import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.TestEvents;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.learnpulse.pipeline.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

class QuestionStatsFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, LearnerEvent, QuestionStats> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new QuestionStatsFunction(Duration.ofDays(30), Duration.ofMinutes(1)), e -> e.questionId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(LearnerEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, e.eventTime));
    }

    private QuestionStats last() {
        List<QuestionStats> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    @Test
    void speculativeCountsEverythingReceivedAndFinalOnlyWhatTheWatermarkPassed() throws Exception {
        send(TestEvents.attempt("a1", "A", at(10), "q1", true, 1));
        send(TestEvents.attempt("b1", "B", at(20), "q1", false, 1));
        send(TestEvents.attempt("b2", "B", at(70), "q1", true, 2));
        QuestionStats spec = last();
        assertThat(spec.status).isEqualTo(Status.SPECULATIVE);
        assertThat(spec.attempts).isEqualTo(3);
        assertThat(spec.firstAttempts).isEqualTo(2);
        assertThat(spec.firstAttemptsCorrect).isEqualTo(1);
        assertThat(spec.firstAttemptCorrectRate).isEqualTo(0.5);

        // Finals come per minute of event time, once the watermark has passed the minute.
        harness.processWatermark(at(59));
        assertThat(last().status).isEqualTo(Status.SPECULATIVE);
        harness.processWatermark(at(60) - 1);
        QuestionStats fin = last();
        assertThat(fin.status).isEqualTo(Status.FINAL);
        assertThat(fin.revision).isEqualTo(1);
        assertThat(fin.attempts).isEqualTo(2);          // the attempt at 70 s is in the next minute
        assertThat(fin.eventTime).isEqualTo(at(20));

        harness.processWatermark(at(120));
        assertThat(last().attempts).isEqualTo(3);
        assertThat(last().revision).isEqualTo(2);
        assertThat(last().eventTime).isEqualTo(at(70));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void lateButAllowedAttemptIsCountedAtOnceAsANewRevision() throws Exception {
        send(TestEvents.attempt("a1", "A", at(10), "q1", true, 1));
        harness.processWatermark(at(60));
        int emitted = harness.extractOutputValues().size();

        send(TestEvents.attempt("c1", "C", at(5), "q1", false, 1));
        assertThat(harness.extractOutputValues()).hasSize(emitted + 1);
        QuestionStats rev = last();
        assertThat(rev.status).isEqualTo(Status.FINAL);
        assertThat(rev.revision).isEqualTo(2);
        assertThat(rev.firstAttempts).isEqualTo(2);
        assertThat(rev.firstAttemptCorrectRate).isEqualTo(0.5);
        assertThat(rev.eventTime).isEqualTo(at(10));
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
