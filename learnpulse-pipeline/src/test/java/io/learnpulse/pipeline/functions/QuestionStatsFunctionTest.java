package io.learnpulse.pipeline.functions;

import io.learnpulse.core.result.ItemObservation;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
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
import static org.assertj.core.api.Assertions.within;

class QuestionStatsFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, ItemObservation, QuestionStats> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new QuestionStatsFunction(Duration.ofDays(30), Duration.ofMinutes(1)), o -> o.questionId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(boolean committed, boolean hint, int attempt, boolean correct, double prior, long t)
            throws Exception {
        ItemObservation o = new ItemObservation();
        o.questionId = "q1";
        o.courseId = "c1";
        o.committed = committed;
        o.hint = hint;
        o.attemptNumber = attempt;
        o.correct = correct;
        o.learnerPriorRate = prior;
        o.eventTime = t;
        harness.processElement(new StreamRecord<>(o, t));
    }

    private QuestionStats last() {
        List<QuestionStats> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    @Test
    void speculativeRecordsCountWhatArrivedFinalRecordsWhatWasCommitted() throws Exception {
        send(false, false, 1, true, Double.NaN, at(10));
        send(false, false, 1, false, Double.NaN, at(20));
        send(false, true, 0, false, Double.NaN, at(25));
        send(false, false, 2, true, Double.NaN, at(30));
        QuestionStats spec = last();
        assertThat(spec.status).isEqualTo(Status.SPECULATIVE);
        assertThat(spec.attempts).isEqualTo(3);
        assertThat(spec.firstAttempts).isEqualTo(2);
        assertThat(spec.difficulty).isEqualTo(0.5);
        assertThat(spec.hints).isEqualTo(1);
        assertThat(spec.meanHints).isEqualTo(0.5);
        assertThat(spec.discrimination).isNaN();

        // Committed in each learner's order with their prior first-attempt rates: 0.9 (right) and 0.2 (wrong).
        harness.processWatermark(at(200));
        send(true, false, 1, true, 0.9, at(10));
        send(true, false, 1, false, 0.2, at(20));
        assertThat(harness.extractOutputValues()).hasSize(3); // nothing final until the timer
        harness.processWatermark(at(240) - 2);
        assertThat(harness.extractOutputValues()).hasSize(3);
        harness.processWatermark(at(240) - 1);   // the end of the minute the watermark was in
        QuestionStats fin = last();
        assertThat(fin.status).isEqualTo(Status.FINAL);
        assertThat(fin.revision).isEqualTo(1);
        assertThat(fin.attempts).isEqualTo(2);
        assertThat(fin.hints).isZero();
        // Point-biserial of x = (1, 0) with y = (0.9, 0.2): two points on a line, r = 1.
        assertThat(fin.discrimination).isCloseTo(1.0, within(1e-12));
        assertThat(fin.eventTime).isEqualTo(at(20));

        send(true, true, 0, false, Double.NaN, at(25));
        send(true, false, 2, true, Double.NaN, at(30));
        harness.processWatermark(at(300));
        QuestionStats all = last();
        assertThat(all.revision).isEqualTo(2);
        assertThat(all.attempts).isEqualTo(3);
        assertThat(all.hints).isEqualTo(1);
        assertThat(all.meanHints).isEqualTo(0.5);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void oneFinalRecordPerQuestionAndMinuteHoweverManyCommits() throws Exception {
        harness.processWatermark(at(100));
        for (int i = 0; i < 5; i++) {
            send(false, false, 1, i % 2 == 0, Double.NaN, at(i));
            send(true, false, 1, i % 2 == 0, 0.5, at(i));
        }
        harness.processWatermark(at(200));
        assertThat(harness.extractOutputValues().stream().filter(q -> q.status.equals(Status.FINAL)))
                .singleElement().satisfies(q -> {
                    assertThat(q.firstAttempts).isEqualTo(5);
                    assertThat(q.firstAttemptsCorrect).isEqualTo(3);
                });
    }
}
