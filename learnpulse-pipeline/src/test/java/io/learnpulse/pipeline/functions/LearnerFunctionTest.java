package io.learnpulse.pipeline.functions;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.Outputs;
import io.learnpulse.pipeline.TestEvents;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.learnpulse.pipeline.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearnerFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, LearnerEvent, FusedAttempt> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new LearnerFunction(TestEvents.catalog(), LearnPulseConfig.defaults()), e -> e.learnerId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(LearnerEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, e.eventTime));
    }

    /** Learner A watches [0, 60] then [60, 90] of v1 (segment s1 is [60, 120)) and answers q1 wrong at 120 s. */
    private void watchHalfTheSegmentThenAnswer() throws Exception {
        send(TestEvents.video("v-a1", "A", at(10), VideoAction.PLAY, 0));
        send(TestEvents.video("v-a2", "A", at(70), VideoAction.PAUSE, 60));
        send(TestEvents.video("v-a3", "A", at(80), VideoAction.PLAY, 60));
        send(TestEvents.video("v-a4", "A", at(110), VideoAction.PAUSE, 90));
        send(TestEvents.attempt("q-a1", "A", at(120), "q1", false, 1));
    }

    private List<FusedAttempt> fused(String status) {
        return harness.extractOutputValues().stream().filter(f -> f.status.equals(status)).collect(Collectors.toList());
    }

    private List<LearnerAggregate> aggregates() {
        return harness.getSideOutput(Outputs.AGGREGATES) == null ? List.of()
                : harness.getSideOutput(Outputs.AGGREGATES).stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void emitsSpeculativeOnArrivalAndFinalOnceTheWatermarkPasses() throws Exception {
        watchHalfTheSegmentThenAnswer();

        assertThat(fused(Status.FINAL)).isEmpty();
        FusedAttempt spec = fused(Status.SPECULATIVE).get(0);
        assertThat(spec.key).isEqualTo("q-a1");
        assertThat(spec.revision).isZero();
        assertThat(spec.videoCoverage).isEqualTo(0.5);      // [60, 90] of [60, 120)
        assertThat(spec.videoSeconds).isEqualTo(90.0);      // 60 + 30
        assertThat(spec.segmentSkipped).isFalse();
        assertThat(spec.secondsSinceLastActivity).isEqualTo(10.0);

        harness.processWatermark(at(119));
        assertThat(fused(Status.FINAL)).isEmpty();
        harness.processWatermark(at(120));
        List<FusedAttempt> finals = fused(Status.FINAL);
        assertThat(finals).hasSize(1);
        assertThat(finals.get(0).revision).isEqualTo(1);
        assertThat(finals.get(0).sameResult(spec)).isTrue();
    }

    @Test
    void finalAggregatesCoverEachClosedWindow() throws Exception {
        watchHalfTheSegmentThenAnswer();
        harness.processWatermark(at(120));

        // Windows end on minute boundaries; [09:56, 10:01) and [09:57, 10:02) have closed.
        List<LearnerAggregate> aggs = aggregates();
        assertThat(aggs).extracting(a -> a.key).containsExactly("A@" + at(60), "A@" + at(120));
        LearnerAggregate first = aggs.get(0);
        assertThat(first.events).isEqualTo(1);               // the play at 10 s
        assertThat(first.videoSeconds).isEqualTo(50.0);      // playback from 10 s to 70 s, cut at 60 s
        LearnerAggregate second = aggs.get(1);
        assertThat(second.events).isEqualTo(4);              // the attempt at 120 s is in the next window
        assertThat(second.attempts).isZero();
        assertThat(second.meanScore).isNaN();
        assertThat(second.videoSeconds).isEqualTo(90.0);
        assertThat(second.status).isEqualTo(Status.FINAL);
        assertThat(second.revision).isEqualTo(1);
    }

    @Test
    void outOfOrderEventWithinTheBoundIsInTheFinalButNotTheSpeculativeResult() throws Exception {
        watchHalfTheSegmentThenAnswer();
        send(TestEvents.attempt("q-a2", "A", at(130), "q1", true, 2));
        send(TestEvents.hint("h-a1", "A", at(127), "q1")); // arrives 3 s out of order
        harness.processWatermark(at(130));

        FusedAttempt spec = fused(Status.SPECULATIVE).stream().filter(f -> f.key.equals("q-a2")).findFirst().get();
        FusedAttempt fin = fused(Status.FINAL).stream().filter(f -> f.key.equals("q-a2")).findFirst().get();
        assertThat(spec.hintsUsed).isZero();
        assertThat(spec.secondsSinceLastActivity).isEqualTo(10.0);
        assertThat(fin.hintsUsed).isEqualTo(1);
        assertThat(fin.secondsSinceLastActivity).isEqualTo(3.0);
        assertThat(fin.revision).isEqualTo(1);
    }

    @Test
    void lateButAllowedEventRevisesOnlyTheResultsItChanges() throws Exception {
        watchHalfTheSegmentThenAnswer();
        harness.processWatermark(at(130));
        int before = harness.extractOutputValues().size();
        int aggsBefore = aggregates().size();

        // 30 s behind the watermark, well within the 2 min allowed lateness.
        send(TestEvents.page("p-a1", "A", at(100)));

        List<FusedAttempt> after = harness.extractOutputValues();
        assertThat(after).hasSize(before + 1);
        FusedAttempt revised = after.get(after.size() - 1);
        assertThat(revised.key).isEqualTo("q-a1");
        assertThat(revised.status).isEqualTo(Status.FINAL);
        assertThat(revised.revision).isEqualTo(2);
        assertThat(revised.pagesViewed).isEqualTo(1);
        assertThat(revised.secondsSinceLastActivity).isEqualTo(10.0); // the pause at 110 s is still the latest

        List<LearnerAggregate> aggs = aggregates();
        assertThat(aggs).hasSize(aggsBefore + 1);
        LearnerAggregate window = aggs.get(aggs.size() - 1);
        assertThat(window.key).isEqualTo("A@" + at(120));
        assertThat(window.revision).isEqualTo(2);
        assertThat(window.pagesViewed).isEqualTo(1);
        assertThat(window.events).isEqualTo(5);

        // The same page view again changes nothing: a duplicate, not a revision.
        send(TestEvents.page("p-a1", "A", at(100)));
        assertThat(harness.extractOutputValues()).hasSize(before + 1);
        assertThat(aggregates()).hasSize(aggsBefore + 1);
    }

    @Test
    void identicalDuplicateIsDroppedAndConflictingOneIsDeadLettered() throws Exception {
        LearnerEvent attempt = TestEvents.attempt("q-b1", "B", at(40), "q1", false, 1);
        send(attempt);
        send(attempt.copy());
        assertThat(fused(Status.SPECULATIVE)).hasSize(1);
        assertThat(harness.getSideOutput(Outputs.DEAD_LETTERS)).isNull();

        LearnerEvent conflicting = attempt.copy();
        conflicting.correct = true;
        send(conflicting);
        assertThat(fused(Status.SPECULATIVE)).hasSize(1);
        List<DeadLetter> dead = harness.getSideOutput(Outputs.DEAD_LETTERS).stream().map(StreamRecord::getValue)
                .collect(Collectors.toList());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason).isEqualTo("conflicting_duplicate");
        assertThat(dead.get(0).error).contains("q-b1");
    }

    @Test
    void eventBehindTheWatermarkBeyondAllowedLatenessGoesToTheLateOutput() throws Exception {
        harness.processWatermark(at(1000));
        send(TestEvents.page("p-late", "A", at(100)));

        assertThat(harness.extractOutputValues()).isEmpty();
        List<LateEvent> late = harness.getSideOutput(Outputs.LATE).stream().map(StreamRecord::getValue)
                .collect(Collectors.toList());
        assertThat(late).hasSize(1);
        assertThat(late.get(0).eventId).isEqualTo("p-late");
        assertThat(late.get(0).lateByMs).isEqualTo(900_000L);
        assertThat(late.get(0).reason).contains("allowed lateness");
    }

    @Test
    void stateAndTimersReturnToZeroOnceResultsCanNoLongerChange() throws Exception {
        watchHalfTheSegmentThenAnswer();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isGreaterThan(0);

        // Past every window, revision horizon, session and retention: only the remembered event ids
        // are left, with the one timer that will expire them.
        harness.processWatermark(at(10 * 3600));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        // 24 h of dedup retention later the ids are gone; the learner's model (mastery of k1 after one
        // first attempt) stays for the learner-state TTL, 30 days after their last event.
        harness.processWatermark(at(25 * 3600));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(at(31 * 24 * 3600));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aggregateVideoSecondsUseEventTimeOverlap() throws Exception {
        send(TestEvents.video("v-c1", "C", at(30), VideoAction.PLAY, 0));
        send(TestEvents.seek("v-c2", "C", at(50), 20, 200));
        send(TestEvents.video("v-c3", "C", at(90), VideoAction.PAUSE, 240));
        harness.processWatermark(at(120));

        List<LearnerAggregate> aggs = aggregates();
        assertThat(aggs).extracting(a -> a.windowEnd).containsExactly(at(60), at(120));
        // [0, 20] from 30 s (20 s) and [200, 240] from 50 s (40 s): 20 + 10 (50..60) in the first window.
        assertThat(aggs.get(0).videoSeconds).isCloseTo(30.0, within(1e-9));
        assertThat(aggs.get(1).videoSeconds).isCloseTo(60.0, within(1e-9));
    }
}
