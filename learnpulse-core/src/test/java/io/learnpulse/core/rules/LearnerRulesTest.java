package io.learnpulse.core.rules;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Course;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.catalog.Video;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.model.BktParameterSet;
import io.learnpulse.core.model.LearnerMastery;
import io.learnpulse.core.model.SkillMastery;
import io.learnpulse.core.result.FusedAttempt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LearnerRulesTest {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    static final long SEC = 1000L;
    static final long MIN = 60_000L;
    static final String L = "L1";
    static final String C = "C1";
    /** Linked to segment C1/v1/s1 = [60, 120) s of video C1/v1. */
    static final String Q1 = "C1/q1";
    /** No linked segment. */
    static final String Q2 = "C1/q2";
    /** Linked to segment C1/v1/s2 = [3700, 3725.5) s. */
    static final String Q3 = "C1/q3";
    static final String S1 = "C1/v1/s1";
    static final String S2 = "C1/v1/s2";

    static final Catalog CATALOG = new Catalog(List.of(new Course(C, "Course", List.of(
            new Video("C1/v1", C, 4000.0, List.of(new Segment(S1, "C1/v1", 60.0, 120.0), new Segment(S2, "C1/v1", 3700.0, 3725.5)))),
            List.of(new Question(Q1, C, List.of("algebra"), "C1/v1", S1),
                    new Question(Q2, C, List.of("algebra"), null, null),
                    new Question(Q3, C, List.of("algebra"), "C1/v1", S2)),
            List.of())));

    static final RulesConfig ALL = RulesConfig.defaults();

    static RulesConfig only(Rule rule) {
        RulesConfig.Builder b = RulesConfig.builder();
        for (Rule r : Rule.values()) {
            b.enabled(r, r == rule);
        }
        return b.build();
    }

    static FusedAttempt attempt(String id, String question, boolean correct, long time, double coverage) {
        FusedAttempt a = new FusedAttempt();
        a.key = id;
        a.eventId = id;
        a.learnerId = L;
        a.courseId = C;
        a.questionId = question;
        a.attemptNumber = 1;
        a.correct = correct;
        a.eventTime = time;
        a.score = correct ? 1 : 0;
        a.maxScore = 1;
        Segment s = CATALOG.segmentFor(question);
        if (s != null) {
            a.segmentId = s.segmentId;
            a.videoId = s.videoId;
            a.videoCoverage = coverage;
        }
        return a;
    }

    static LearnerEvent click(String id, long time) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = id;
        e.kind = EventKind.CLICK;
        e.learnerId = L;
        e.courseId = C;
        e.eventTime = time;
        e.pageId = "C1/p1";
        e.clickType = "page_view";
        return e;
    }

    static Intervention expected(Rule rule, String object, String message, long time, String... triggers) {
        return new Intervention(rule, L, C, object, message, triggers, time);
    }

    @Test
    void interventionIdsAreTheDocumentedHash() throws Exception {
        // recomputed independently: SHA-256 over length-prefixed UTF-8 strings, first 16 bytes as hex
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String s : new String[] {"repeated_failure", "L1", "C1/q2"}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            md.update(ByteBuffer.allocate(4).putInt(b.length).array());
            md.update(b);
        }
        md.update(ByteBuffer.allocate(4).putInt(2).array());
        for (String s : new String[] {"a1", "a2"}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            md.update(ByteBuffer.allocate(4).putInt(b.length).array());
            md.update(b);
        }
        StringBuilder hex = new StringBuilder("iv-");
        byte[] h = md.digest();
        for (int i = 0; i < 16; i++) {
            hex.append(String.format("%02x", h[i]));
        }
        assertThat(Intervention.idFor(Rule.REPEATED_FAILURE, "L1", "C1/q2", new String[] {"a1", "a2"})).isEqualTo(hex.toString());
        // any difference in rule, learner, object or triggers gives another id
        assertThat(Intervention.idFor(Rule.REPEATED_FAILURE, "L1", "C1/q2", new String[] {"a1a2"})).isNotEqualTo(hex.toString());
        assertThat(Intervention.idFor(Rule.REVIEW_SEGMENT, "L1", "C1/q2", new String[] {"a1", "a2"})).isNotEqualTo(hex.toString());
    }

    @Test
    void markEmittedFillsTheWallClockFields() {
        Intervention i = expected(Rule.LOW_MASTERY, "s", "m", T0, "a1").markEmitted(5_000L, 4_250L);
        assertThat(i.emittedAt).isEqualTo(5_000L);
        assertThat(i.latencyMs).isEqualTo(750L);
    }

    // ============================================================================================ R1

    @Nested
    class ReviewSegment {
        final RulesConfig cfg = only(Rule.REVIEW_SEGMENT);

        @Test
        void aWrongAttemptAfterWatchingTooLittleOfTheSegment() {
            LearnerRules r = new LearnerRules();
            assertThat(r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.2), CATALOG, cfg)).containsExactly(
                    expected(Rule.REVIEW_SEGMENT, S1,
                            "Review video C1/v1 from 1:00 to 2:00 (segment C1/v1/s1): 20% of it was watched before this attempt on C1/q1.",
                            T0, "a1"));
        }

        @Test
        void theTimeRangeOfALongVideoIncludesHours() {
            LearnerRules r = new LearnerRules();
            assertThat(r.onFusedAttempt(attempt("a1", Q3, false, T0, 0.0), CATALOG, cfg)).extracting(i -> i.message)
                    .containsExactly("Review video C1/v1 from 1:01:40 to 1:02:05 (segment C1/v1/s2): 0% of it was watched before this attempt on C1/q3.");
        }

        @Test
        void noInterventionAtOrAboveTheThresholdForCorrectAnswersOrWithoutASegment() {
            LearnerRules r = new LearnerRules();
            assertThat(r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.5), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a2", Q1, true, T0 + MIN, 0.0), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a3", Q2, false, T0 + 2 * MIN, Double.NaN), CATALOG, cfg)).isEmpty();
            assertThat(r.isEmpty()).isTrue();
        }

        @Test
        void aSegmentTheCatalogDoesNotKnowIsNamedWithoutItsRange() {
            FusedAttempt a = attempt("a1", Q1, false, T0, 0.25);
            assertThat(new LearnerRules().onFusedAttempt(a, Catalog.empty(), cfg)).extracting(i -> i.message)
                    .containsExactly("Review segment C1/v1/s1 of video C1/v1: 25% of it was watched before this attempt on C1/q1.");
        }

        @Test
        void cooldownPerSegment() {
            LearnerRules r = new LearnerRules();
            assertThat(r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.2), CATALOG, cfg)).hasSize(1);
            // same segment 9:59 later: cooling down; another segment: fires
            assertThat(r.onFusedAttempt(attempt("a2", Q1, false, T0 + 10 * MIN - 1, 0.1), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a3", Q3, false, T0 + 10 * MIN - 1, 0.1), CATALOG, cfg))
                    .extracting(i -> i.objectId).containsExactly(S2);
            // exactly the cooldown after the last intervention for s1: fires again
            assertThat(r.onFusedAttempt(attempt("a4", Q1, false, T0 + 10 * MIN, 0.1), CATALOG, cfg))
                    .extracting(i -> i.objectId + " " + i.triggerEventIds[0]).containsExactly(S1 + " a4");
        }

        @Test
        void neverTwiceForTheSameTrigger() {
            LearnerRules r = new LearnerRules();
            FusedAttempt speculative = attempt("a1", Q1, false, T0, 0.2);
            FusedAttempt fin = attempt("a1", Q1, false, T0, 0.3);
            fin.status = "final";
            fin.revision = 1;
            assertThat(r.onFusedAttempt(speculative, CATALOG, cfg)).hasSize(1);
            assertThat(r.onFusedAttempt(fin, CATALOG, cfg)).isEmpty();
            // even with no cooldown at all
            RulesConfig noCooldown = cfg.toBuilder().cooldown(Duration.ZERO).build();
            assertThat(r.onFusedAttempt(fin, CATALOG, noCooldown)).isEmpty();
        }

        @Test
        void aSuppressedTriggerStaysSuppressed() {
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.2), CATALOG, cfg);
            assertThat(r.onFusedAttempt(attempt("a2", Q1, false, T0 + 5 * MIN, 0.2), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a3", Q1, false, T0 + 30 * MIN, 0.2), CATALOG, cfg)).hasSize(1);
            // a2 again (a revision): 25 min from the latest intervention, but it was decided already
            assertThat(r.onFusedAttempt(attempt("a2", Q1, false, T0 + 5 * MIN, 0.1), CATALOG, cfg)).isEmpty();
        }

        @Test
        void aSpeculativeRecordThatDidNotFireDoesNotBlockTheFinalOne() {
            LearnerRules r = new LearnerRules();
            assertThat(r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.8), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.4), CATALOG, cfg)).hasSize(1);
        }

        @Test
        void disabled() {
            RulesConfig off = ALL.toBuilder().enabled(Rule.REVIEW_SEGMENT, false).build();
            List<Intervention> out = new LearnerRules().onFusedAttempt(attempt("a1", Q1, false, T0, 0.0), CATALOG, off);
            assertThat(out).isEmpty();
        }

        @Test
        void theThresholdIsConfigurable() {
            RulesConfig strict = cfg.toBuilder().reviewSegmentMaxCoverage(0.9).build();
            assertThat(new LearnerRules().onFusedAttempt(attempt("a1", Q1, false, T0, 0.8), CATALOG, strict)).hasSize(1);
        }
    }

    // ============================================================================================ R2

    @Nested
    class RepeatedFailure {
        final RulesConfig cfg = only(Rule.REPEATED_FAILURE);

        @Test
        void threeWrongAttemptsOnOneQuestionWithinTenMinutes() {
            LearnerRules r = new LearnerRules();
            assertThat(r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a2", Q2, false, T0 + 4 * MIN, Double.NaN), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a3", Q2, false, T0 + 9 * MIN + 30 * SEC, Double.NaN), CATALOG, cfg))
                    .containsExactly(expected(Rule.REPEATED_FAILURE, Q2,
                            "3 wrong attempts on question C1/q2 within 9 min 30 s: offer a worked example.",
                            T0 + 9 * MIN + 30 * SEC, "a1", "a2", "a3"));
        }

        @Test
        void theWindowIsInclusive() {
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg);
            r.onFusedAttempt(attempt("a2", Q2, false, T0 + MIN, Double.NaN), CATALOG, cfg);
            assertThat(r.onFusedAttempt(attempt("a3", Q2, false, T0 + 10 * MIN, Double.NaN), CATALOG, cfg))
                    .extracting(i -> i.message).containsExactly("3 wrong attempts on question C1/q2 within 10 min: offer a worked example.");

            LearnerRules late = new LearnerRules();
            late.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg);
            late.onFusedAttempt(attempt("a2", Q2, false, T0 + MIN, Double.NaN), CATALOG, cfg);
            assertThat(late.onFusedAttempt(attempt("a3", Q2, false, T0 + 10 * MIN + 1, Double.NaN), CATALOG, cfg)).isEmpty();
            // but a4 one minute later makes a2, a3, a4 a run within the window
            assertThat(late.onFusedAttempt(attempt("a4", Q2, false, T0 + 11 * MIN, Double.NaN), CATALOG, cfg))
                    .extracting(i -> String.join(",", i.triggerEventIds)).containsExactly("a2,a3,a4");
        }

        @Test
        void correctAttemptsAndOtherQuestionsDoNotCount() {
            LearnerRules r = new LearnerRules();
            assertThat(r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a2", Q2, true, T0 + MIN, Double.NaN), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a3", Q1, false, T0 + 2 * MIN, 1.0), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a4", Q2, false, T0 + 3 * MIN, Double.NaN), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a5", Q1, false, T0 + 4 * MIN, 1.0), CATALOG, cfg)).isEmpty();
            assertThat(r.onFusedAttempt(attempt("a6", Q2, false, T0 + 5 * MIN, Double.NaN), CATALOG, cfg))
                    .extracting(i -> String.join(",", i.triggerEventIds)).containsExactly("a1,a4,a6");
        }

        @Test
        void cooldownAndNeverTwiceForTheSameTrigger() {
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg);
            r.onFusedAttempt(attempt("a2", Q2, false, T0 + MIN, Double.NaN), CATALOG, cfg);
            assertThat(r.onFusedAttempt(attempt("a3", Q2, false, T0 + 2 * MIN, Double.NaN), CATALOG, cfg)).hasSize(1);
            // the same attempt again (e.g. its final record): nothing
            assertThat(r.onFusedAttempt(attempt("a3", Q2, false, T0 + 2 * MIN, Double.NaN), CATALOG, cfg)).isEmpty();
            // a fourth wrong attempt: a new trigger (a2, a3, a4) but within the cooldown
            assertThat(r.onFusedAttempt(attempt("a4", Q2, false, T0 + 3 * MIN, Double.NaN), CATALOG, cfg)).isEmpty();
            // 10 minutes after the intervention at T0 + 2 min: a5 with a4, a5, ... needs three within 10 min
            r.onFusedAttempt(attempt("a5", Q2, false, T0 + 11 * MIN, Double.NaN), CATALOG, cfg);
            assertThat(r.onFusedAttempt(attempt("a6", Q2, false, T0 + 12 * MIN, Double.NaN), CATALOG, cfg))
                    .containsExactly(expected(Rule.REPEATED_FAILURE, Q2,
                            "3 wrong attempts on question C1/q2 within 9 min: offer a worked example.",
                            T0 + 12 * MIN, "a4", "a5", "a6"));
        }

        @Test
        void theCountAndWindowAreConfigurable() {
            RulesConfig two = cfg.toBuilder().repeatedFailure(2, Duration.ofMinutes(1)).build();
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, two);
            assertThat(r.onFusedAttempt(attempt("a2", Q2, false, T0 + MIN, Double.NaN), CATALOG, two))
                    .extracting(i -> i.message).containsExactly("2 wrong attempts on question C1/q2 within 1 min: offer a worked example.");
        }

        @Test
        void disabled() {
            RulesConfig off = ALL.toBuilder().enabled(Rule.REPEATED_FAILURE, false).build();
            LearnerRules r = new LearnerRules();
            List<Intervention> out = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                out.addAll(r.onFusedAttempt(attempt("a" + i, Q2, false, T0 + i * MIN, Double.NaN), CATALOG, off));
            }
            assertThat(out).isEmpty();
        }
    }

    // ============================================================================================ R3

    @Nested
    class LowMastery {
        final RulesConfig cfg = only(Rule.LOW_MASTERY);
        final BktParameterSet params = BktParameterSet.defaults();

        /** Applies a wrong first attempt on "algebra" and runs R3 on the updated estimate. */
        List<Intervention> wrong(LearnerRules r, LearnerMastery m, String id, long time, RulesConfig c) {
            FusedAttempt a = attempt(id, Q2, false, time, Double.NaN);
            a.skillIds = new String[] {"algebra"};
            List<SkillMastery> updated = m.onAttempt(a.skillIds, a.attemptNumber, a.correct, a.eventTime, a.eventId, params);
            return r.onMastery(a, updated, c);
        }

        @Test
        void lowMasteryAfterAtLeastFiveFirstAttempts() {
            LearnerRules r = new LearnerRules();
            LearnerMastery m = new LearnerMastery();
            // default parameters, all wrong: 0.2 -> 0.17576 -> 0.17207 -> 0.17152 -> 0.17144 -> 0.17143
            for (int i = 1; i <= 4; i++) {
                assertThat(wrong(r, m, "a" + i, T0 + i * MIN, cfg)).isEmpty();
            }
            assertThat(wrong(r, m, "a5", T0 + 5 * MIN, cfg)).containsExactly(expected(Rule.LOW_MASTERY, "algebra",
                    "Mastery of skill algebra is 0.17 after 5 first attempts (alert below 0.30).", T0 + 5 * MIN, "a5"));
            // cooling down for 10 minutes of event time
            assertThat(wrong(r, m, "a6", T0 + 14 * MIN, cfg)).isEmpty();
            assertThat(wrong(r, m, "a7", T0 + 15 * MIN, cfg)).extracting(i -> i.message)
                    .containsExactly("Mastery of skill algebra is 0.17 after 7 first attempts (alert below 0.30).");
        }

        @Test
        void noAlertAtOrAboveTheThreshold() {
            SkillMastery high = new SkillMastery("algebra", 0.3);
            high.firstAttempts = 20;
            assertThat(new LearnerRules().onMastery(L, C, "a1", T0, high, cfg)).isEmpty();
            SkillMastery low = new SkillMastery("algebra", 0.29);
            low.firstAttempts = 5;
            assertThat(new LearnerRules().onMastery(L, C, "a1", T0, low, cfg)).hasSize(1);
            low.firstAttempts = 4;
            assertThat(new LearnerRules().onMastery(L, C, "a1", T0, low, cfg)).isEmpty();
        }

        @Test
        void neverTwiceForTheSameTriggerAndDisabled() {
            SkillMastery low = new SkillMastery("algebra", 0.1);
            low.firstAttempts = 9;
            LearnerRules r = new LearnerRules();
            RulesConfig noCooldown = cfg.toBuilder().cooldown(Duration.ZERO).build();
            assertThat(r.onMastery(L, C, "a1", T0, low, noCooldown)).hasSize(1);
            assertThat(r.onMastery(L, C, "a1", T0, low, noCooldown)).isEmpty();
            assertThat(r.onMastery(L, C, "a2", T0, low, noCooldown)).hasSize(1);
            RulesConfig off = ALL.toBuilder().enabled(Rule.LOW_MASTERY, false).build();
            assertThat(new LearnerRules().onMastery(L, C, "a1", T0, low, off)).isEmpty();
        }

        @Test
        void thresholdsAreConfigurable() {
            SkillMastery m = new SkillMastery("algebra", 0.45);
            m.firstAttempts = 2;
            RulesConfig c = cfg.toBuilder().lowMastery(0.5, 2).build();
            assertThat(new LearnerRules().onMastery(L, C, "a1", T0, m, c)).extracting(i -> i.message)
                    .containsExactly("Mastery of skill algebra is 0.45 after 2 first attempts (alert below 0.50).");
        }
    }

    // ============================================================================================ R4

    @Nested
    class Disengagement {
        final RulesConfig cfg = only(Rule.DISENGAGEMENT);
        final long deadline = T0 + 15 * MIN;
        final Intervention alert = expected(Rule.DISENGAGEMENT, C,
                "No activity for 15 min after a wrong answer to question C1/q2 in course C1.", T0 + 15 * MIN, "a1");

        @Test
        void fifteenMinutesWithoutActivityAfterAWrongAttempt() {
            LearnerRules r = new LearnerRules();
            assertThat(r.nextDeadline()).isEqualTo(LearnerRules.NO_DEADLINE);
            assertThat(r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg)).isEmpty();
            assertThat(r.nextDeadline()).isEqualTo(deadline);
            assertThat(r.onTimer(deadline - 1, cfg)).isEmpty();
            assertThat(r.onTimer(deadline, cfg)).containsExactly(alert);
            assertThat(r.nextDeadline()).isEqualTo(LearnerRules.NO_DEADLINE);
            assertThat(r.onTimer(deadline + MIN, cfg)).isEmpty();
        }

        @Test
        void anyActivityBeforeTheDeadlineCancels() {
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg);
            assertThat(r.onActivity(click("c1", deadline - 1), cfg)).isEmpty();
            assertThat(r.nextDeadline()).isEqualTo(LearnerRules.NO_DEADLINE);
            assertThat(r.onTimer(deadline, cfg)).isEmpty();
        }

        @Test
        void activityAtTheDeadlineComesTooLateAndReleasesTheAlert() {
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg);
            assertThat(r.onActivity(click("c1", deadline), cfg)).containsExactly(alert);
            assertThat(r.onTimer(deadline, cfg)).isEmpty();
        }

        @Test
        void aCorrectAttemptCancelsAndALaterWrongOneMovesTheDeadline() {
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg);
            r.onFusedAttempt(attempt("a2", Q2, true, T0 + MIN, Double.NaN), CATALOG, cfg);
            assertThat(r.nextDeadline()).isEqualTo(LearnerRules.NO_DEADLINE);
            r.onFusedAttempt(attempt("a3", Q2, false, T0 + 2 * MIN, Double.NaN), CATALOG, cfg);
            r.onFusedAttempt(attempt("a4", Q1, false, T0 + 3 * MIN, 1.0), CATALOG, cfg);
            assertThat(r.nextDeadline()).isEqualTo(T0 + 18 * MIN);
            assertThat(r.onTimer(T0 + 17 * MIN, cfg)).isEmpty(); // the stale timer of a3
            assertThat(r.onTimer(T0 + 18 * MIN, cfg)).containsExactly(expected(Rule.DISENGAGEMENT, C,
                    "No activity for 15 min after a wrong answer to question C1/q1 in course C1.", T0 + 18 * MIN, "a4"));
        }

        @Test
        void theEventOfTheWrongAttemptItselfIsNotActivityAfterIt() {
            LearnerRules r = new LearnerRules();
            FusedAttempt a1 = attempt("a1", Q2, false, T0, Double.NaN);
            r.onFusedAttempt(a1, CATALOG, cfg);
            LearnerEvent raw = click("a1", T0);
            raw.kind = EventKind.ATTEMPT;
            raw.questionId = Q2;
            raw.correct = false;
            assertThat(r.onActivity(raw, cfg)).isEmpty();
            assertThat(r.nextDeadline()).isEqualTo(deadline);
            // ... and an event at the same millisecond ordered before it by id does not cancel either
            assertThat(r.onActivity(click("a0", T0), cfg)).isEmpty();
            assertThat(r.nextDeadline()).isEqualTo(deadline);
        }

        @Test
        void aWrongAttemptSeenOnlyAsActivityArmsToo() {
            LearnerRules r = new LearnerRules();
            LearnerEvent raw = click("a1", T0);
            raw.kind = EventKind.ATTEMPT;
            raw.questionId = Q2;
            raw.correct = false;
            r.onActivity(raw, cfg);
            assertThat(r.onTimer(deadline, cfg)).containsExactly(alert);
        }

        @Test
        void neverTwiceForTheSameTrigger() {
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg);
            assertThat(r.onTimer(deadline, cfg)).hasSize(1);
            // the final record of a1 arrives after the alert: it does not re-arm
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, cfg);
            assertThat(r.nextDeadline()).isEqualTo(LearnerRules.NO_DEADLINE);
            assertThat(r.onTimer(deadline + 20 * MIN, cfg)).isEmpty();
        }

        @Test
        void cooldownPerCourse() {
            RulesConfig longCooldown = cfg.toBuilder().cooldown(Rule.DISENGAGEMENT, Duration.ofMinutes(30)).build();
            for (RulesConfig c : List.of(cfg, longCooldown)) {
                LearnerRules r = new LearnerRules();
                r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, c);
                assertThat(r.onTimer(deadline, c)).hasSize(1);
                r.onFusedAttempt(attempt("a2", Q2, false, T0 + 17 * MIN, Double.NaN), CATALOG, c);
                // second alert at T0 + 32 min: 17 min after the first, inside a 30-minute cooldown only
                assertThat(r.onTimer(T0 + 32 * MIN, c)).hasSize(c == cfg ? 1 : 0);
            }
        }

        @Test
        void disabled() {
            RulesConfig off = ALL.toBuilder().enabled(Rule.DISENGAGEMENT, false).build();
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, off);
            assertThat(r.nextDeadline()).isEqualTo(LearnerRules.NO_DEADLINE);
            assertThat(r.onTimer(deadline, off)).isEmpty();
        }

        @Test
        void theIdleTimeIsConfigurable() {
            RulesConfig five = cfg.toBuilder().disengagementIdle(Duration.ofMinutes(5)).build();
            LearnerRules r = new LearnerRules();
            r.onFusedAttempt(attempt("a1", Q2, false, T0, Double.NaN), CATALOG, five);
            assertThat(r.nextDeadline()).isEqualTo(T0 + 5 * MIN);
            assertThat(r.onTimer(T0 + 5 * MIN, five)).extracting(i -> i.message)
                    .containsExactly("No activity for 5 min after a wrong answer to question C1/q2 in course C1.");
        }
    }

    // ===================================================================================== together

    @Test
    void allRulesTogetherOnOneStream() {
        LearnerRules r = new LearnerRules();
        List<Intervention> out = new ArrayList<>();
        out.addAll(r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.1), CATALOG, ALL));           // R1
        out.addAll(r.onFusedAttempt(attempt("a2", Q1, false, T0 + MIN, 0.1), CATALOG, ALL));     // R1 cooling down
        out.addAll(r.onFusedAttempt(attempt("a3", Q1, false, T0 + 2 * MIN, 0.9), CATALOG, ALL)); // R2
        out.addAll(r.onTimer(r.nextDeadline(), ALL));                                               // R4 for a3
        assertThat(out).extracting(i -> i.rule + ":" + String.join(",", i.triggerEventIds) + "@" + (i.eventTime - T0) / MIN)
                .containsExactly("review_segment:a1@0", "repeated_failure:a1,a2,a3@2", "disengagement:a3@17");
        assertThat(out).extracting(i -> i.interventionId).doesNotHaveDuplicates();

        // replaying the same inputs into the same state emits nothing new
        List<Intervention> again = new ArrayList<>();
        again.addAll(r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.1), CATALOG, ALL));
        again.addAll(r.onFusedAttempt(attempt("a2", Q1, false, T0 + MIN, 0.1), CATALOG, ALL));
        again.addAll(r.onFusedAttempt(attempt("a3", Q1, false, T0 + 2 * MIN, 0.9), CATALOG, ALL));
        again.addAll(r.onTimer(T0 + 17 * MIN, ALL));
        assertThat(again).isEmpty();

        // the same inputs into a fresh state give the same interventions
        LearnerRules fresh = new LearnerRules();
        List<Intervention> same = new ArrayList<>();
        same.addAll(fresh.onFusedAttempt(attempt("a1", Q1, false, T0, 0.1), CATALOG, ALL));
        same.addAll(fresh.onFusedAttempt(attempt("a2", Q1, false, T0 + MIN, 0.1), CATALOG, ALL));
        same.addAll(fresh.onFusedAttempt(attempt("a3", Q1, false, T0 + 2 * MIN, 0.9), CATALOG, ALL));
        same.addAll(fresh.onTimer(fresh.nextDeadline(), ALL));
        assertThat(same).isEqualTo(out);
    }

    @Test
    void pruningForgetsOldStateAndIgnoresOlderInputs() {
        LearnerRules r = new LearnerRules();
        r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.1), CATALOG, ALL);
        r.onFusedAttempt(attempt("a2", Q2, false, T0 + MIN, Double.NaN), CATALOG, ALL);
        r.onActivity(click("c1", T0 + 2 * MIN), ALL); // cancels R4
        assertThat(r.isEmpty()).isFalse();
        r.pruneBefore(T0 + 5 * MIN, ALL);
        assertThat(r.decided).isEmpty(); // a1's R1 decision (T0) is before the horizon...
        // ... which is safe because inputs before the horizon are ignored from now on
        assertThat(r.onFusedAttempt(attempt("a1", Q1, false, T0, 0.1), CATALOG, ALL)).isEmpty();
        assertThat(r.lastFired).containsKey("review_segment|" + S1); // its cooldown runs to T0 + 10 min
        r.pruneBefore(T0 + 10 * MIN, ALL);
        assertThat(r.lastFired).isEmpty();
        assertThat(r.wrongEventIds).containsExactly("a1", "a2"); // R2 window reaches back to T0
        r.pruneBefore(T0 + 11 * MIN + 1, ALL);
        assertThat(r.isEmpty()).isTrue();
    }
}
