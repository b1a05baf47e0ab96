package io.learnpulse.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.QuestionStats;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private static final long T = 1_767_225_595_000L;
    private static final long INGEST = 1_767_225_600_000L;

    // ---- FusedAttempt ---------------------------------------------------------------------------------------

    static FusedAttempt fused() {
        FusedAttempt a = new FusedAttempt();
        a.key = "e-attempt-1";
        a.status = "final";
        a.revision = 2;
        a.eventId = "e-attempt-1";
        a.learnerId = "l-1";
        a.courseId = "c-algebra";
        a.questionId = "c-algebra/q1";
        a.skillIds = new String[] {"linear-equations", "fractions"};
        a.attemptNumber = 1;
        a.correct = true;
        a.score = 1.0;
        a.maxScore = 1.0;
        a.eventTime = T;
        a.videoId = "c-algebra/v1";
        a.segmentId = "c-algebra/v1/s1";
        a.videoCoverage = 0.75;
        a.videoSeconds = 90.0;
        a.segmentSkipped = false;
        a.pagesViewed = 3;
        a.hintsUsed = 1;
        a.secondsSinceLastActivity = 12.5;
        a.ingestTime = INGEST;
        return a;
    }

    @Test
    void fusedAttemptIsWrittenWithEveryFieldInOrder() {
        assertThat(JsonLines.toJson(fused())).isEqualTo("{\"key\":\"e-attempt-1\",\"status\":\"final\",\"revision\":2,"
                + "\"event_id\":\"e-attempt-1\",\"learner_id\":\"l-1\",\"course_id\":\"c-algebra\","
                + "\"question_id\":\"c-algebra/q1\",\"skill_ids\":[\"linear-equations\",\"fractions\"],"
                + "\"attempt_number\":1,\"correct\":true,\"score\":1.0,\"max_score\":1.0,\"event_time\":1767225595000,"
                + "\"video_id\":\"c-algebra/v1\",\"segment_id\":\"c-algebra/v1/s1\",\"video_coverage\":0.75,"
                + "\"video_seconds\":90.0,\"segment_skipped\":false,\"pages_viewed\":3,\"hints_used\":1,"
                + "\"seconds_since_last_activity\":12.5,\"profile\":null}");
    }

    @Test
    void fusedAttemptWithoutLinkedSegmentWritesNulls() {
        FusedAttempt a = fused();
        a.skillIds = null;
        a.videoId = null;
        a.segmentId = null;
        a.videoCoverage = Double.NaN;
        a.secondsSinceLastActivity = Double.NaN;
        a.segmentSkipped = true;

        String json = JsonLines.toJson(a);
        assertThat(json).isEqualTo("{\"key\":\"e-attempt-1\",\"status\":\"final\",\"revision\":2,"
                + "\"event_id\":\"e-attempt-1\",\"learner_id\":\"l-1\",\"course_id\":\"c-algebra\","
                + "\"question_id\":\"c-algebra/q1\",\"skill_ids\":null,"
                + "\"attempt_number\":1,\"correct\":true,\"score\":1.0,\"max_score\":1.0,\"event_time\":1767225595000,"
                + "\"video_id\":null,\"segment_id\":null,\"video_coverage\":null,"
                + "\"video_seconds\":90.0,\"segment_skipped\":true,\"pages_viewed\":3,\"hints_used\":1,"
                + "\"seconds_since_last_activity\":null,\"profile\":null}");

        FusedAttempt back = JsonLines.readFusedAttempt(json);
        assertThat(back.videoCoverage).isNaN();
        assertThat(back.secondsSinceLastActivity).isNaN();
        assertThat(back).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .ignoringFields("ingestTime").isEqualTo(a);
    }

    @Test
    void fusedAttemptRoundTripsWithoutTheWallClockReceiveTime() {
        FusedAttempt a = fused();
        FusedAttempt back = JsonLines.readFusedAttempt(JsonLines.toJson(a));
        assertThat(back.sameResult(a)).isTrue();
        assertThat(back.ingestTime).isZero();
        assertThat(back).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .ignoringFields("ingestTime").isEqualTo(a);
    }

    @Test
    void infiniteDoublesAreWrittenAsNullToo() {
        FusedAttempt a = fused();
        a.videoSeconds = Double.POSITIVE_INFINITY;
        a.score = Double.NEGATIVE_INFINITY;
        String json = JsonLines.toJson(a);
        assertThat(json).contains("\"score\":null,").contains("\"video_seconds\":null,");
        assertThat(JsonLines.readFusedAttempt(json).videoSeconds).isNaN();
    }

    // ---- LearnerAggregate / QuestionStats -------------------------------------------------------------------

    static LearnerAggregate aggregate() {
        LearnerAggregate a = new LearnerAggregate();
        a.key = "l-1@1767225600000";
        a.status = "speculative";
        a.revision = 0;
        a.learnerId = "l-1";
        a.windowStart = 1_767_225_300_000L;
        a.windowEnd = INGEST;
        a.events = 7;
        a.attempts = 2;
        a.correct = 1;
        a.meanScore = 0.625;
        a.hints = 1;
        a.videoSeconds = 42.5;
        a.pagesViewed = 3;
        return a;
    }

    @Test
    void learnerAggregateIsWrittenWithEveryFieldInOrderAndRoundTrips() {
        LearnerAggregate a = aggregate();
        String json = JsonLines.toJson(a);
        assertThat(json).isEqualTo("{\"key\":\"l-1@1767225600000\",\"status\":\"speculative\",\"revision\":0,"
                + "\"learner_id\":\"l-1\",\"window_start\":1767225300000,\"window_end\":1767225600000,\"events\":7,"
                + "\"attempts\":2,\"correct\":1,\"mean_score\":0.625,\"hints\":1,\"video_seconds\":42.5,"
                + "\"pages_viewed\":3}");
        LearnerAggregate back = JsonLines.readLearnerAggregate(json);
        assertThat(back.sameResult(a)).isTrue();
        assertThat(back).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(a);
    }

    @Test
    void learnerAggregateWithoutAttemptsHasNullMeanScore() {
        LearnerAggregate a = aggregate();
        a.attempts = 0;
        a.correct = 0;
        a.meanScore = Double.NaN;
        String json = JsonLines.toJson(a);
        assertThat(json).contains(",\"mean_score\":null,");
        assertThat(JsonLines.readLearnerAggregate(json).meanScore).isNaN();
        assertThat(JsonLines.readLearnerAggregate(json).sameResult(a)).isTrue();
    }

    @Test
    void questionStatsIsWrittenWithEveryFieldInOrderAndRoundTrips() {
        QuestionStats s = new QuestionStats();
        s.key = "c-algebra/q1";
        s.status = "final";
        s.revision = 3;
        s.questionId = "c-algebra/q1";
        s.courseId = "c-algebra";
        s.attempts = 10;
        s.firstAttempts = 4;
        s.firstAttemptsCorrect = 3;
        s.firstAttemptCorrectRate = 0.75;
        s.difficulty = 0.75;
        s.discrimination = 0.25;
        s.hints = 2;
        s.meanHints = 0.5;
        s.eventTime = T;
        String json = JsonLines.toJson(s);
        assertThat(json).isEqualTo("{\"key\":\"c-algebra/q1\",\"status\":\"final\",\"revision\":3,"
                + "\"question_id\":\"c-algebra/q1\",\"course_id\":\"c-algebra\",\"attempts\":10,\"first_attempts\":4,"
                + "\"first_attempts_correct\":3,\"first_attempt_correct_rate\":0.75,\"difficulty\":0.75,"
                + "\"discrimination\":0.25,\"hints\":2,\"mean_hints\":0.5,\"event_time\":1767225595000}");
        assertThat(JsonLines.readQuestionStats(json)).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(s);

        s.firstAttempts = 0;
        s.firstAttemptsCorrect = 0;
        s.firstAttemptCorrectRate = Double.NaN;
        s.discrimination = Double.NaN;
        String empty = JsonLines.toJson(s);
        assertThat(empty).contains("\"discrimination\":null,");
        assertThat(empty).contains("\"first_attempt_correct_rate\":null,");
        assertThat(JsonLines.readQuestionStats(empty).firstAttemptCorrectRate).isNaN();
    }

    // ---- DeadLetter / LateEvent -----------------------------------------------------------------------------

    @Test
    void deadLetterEscapesTheRawRecord() {
        DeadLetter d = new DeadLetter("{\"action\":\"rewind\",\"note\":\"a\tb\\\\c\u0001\"}", "video", "invalid_field",
                "field 'action' must be one of play, pause, seek, ended (was 'rewind')", INGEST);
        String json = JsonLines.toJson(d);
        assertThat(json).isEqualTo("{\"raw\":\"{\\\"action\\\":\\\"rewind\\\",\\\"note\\\":\\\"a\\tb\\\\\\\\c\\u0001\\\"}\","
                + "\"source\":\"video\",\"reason\":\"invalid_field\","
                + "\"error\":\"field 'action' must be one of play, pause, seek, ended (was 'rewind')\","
                + "\"received_at\":1767225600000}");
        assertThat(json).doesNotContain("\n");
        assertThat(JsonLines.readDeadLetter(json)).isEqualTo(d);
    }

    @Test
    void deadLetterWithNullRawAndSource() {
        DeadLetter d = new DeadLetter(null, null, "malformed_json", "empty record (null)", 5);
        String json = JsonLines.toJson(d);
        assertThat(json).isEqualTo("{\"raw\":null,\"source\":null,\"reason\":\"malformed_json\","
                + "\"error\":\"empty record (null)\",\"received_at\":5}");
        assertThat(JsonLines.readDeadLetter(json)).isEqualTo(d);
    }

    @Test
    void lateEventIsWrittenWithEveryFieldInOrderAndRoundTrips() {
        LateEvent l = new LateEvent();
        l.eventId = "e-video-1";
        l.source = "video";
        l.learnerId = "l-1";
        l.eventTime = T;
        l.watermark = INGEST;
        l.lateByMs = 5_000;
        l.reason = "late";
        l.raw = "{\"schema_version\":2}";
        String json = JsonLines.toJson(l);
        assertThat(json).isEqualTo("{\"event_id\":\"e-video-1\",\"source\":\"video\",\"learner_id\":\"l-1\","
                + "\"event_time\":1767225595000,\"watermark\":1767225600000,\"late_by_ms\":5000,\"reason\":\"late\","
                + "\"raw\":\"{\\\"schema_version\\\":2}\"}");
        assertThat(JsonLines.readLateEvent(json)).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(l);
    }

    // ---- LearnerEvent ---------------------------------------------------------------------------------------

    private static LearnerEvent event(EventKind kind, String objectId) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = "e-1";
        e.source = kind == EventKind.CLICK ? "clickstream" : kind == EventKind.VIDEO ? "video" : "assessment";
        e.format = "native-v2";
        e.kind = kind;
        e.learnerId = "l-1";
        e.courseId = "c-algebra";
        e.objectId = objectId;
        e.eventTime = T;
        return e;
    }

    private static final String COMMON = "\"learner_id\":\"l-1\",\"course_id\":\"c-algebra\"";

    @Test
    void clickEventHasOnlyClickFields() {
        LearnerEvent e = event(EventKind.CLICK, "c-algebra/p1");
        e.pageId = "c-algebra/p1";
        e.clickType = "page_view";
        assertWritten(e, "{\"event_id\":\"e-1\",\"source\":\"clickstream\",\"format\":\"native-v2\",\"kind\":\"click\","
                + COMMON + ",\"object_id\":\"c-algebra/p1\",\"event_time\":1767225595000,"
                + "\"page_id\":\"c-algebra/p1\",\"click_type\":\"page_view\"}");
    }

    @Test
    void videoEventHasOnlyVideoFields() {
        LearnerEvent e = event(EventKind.VIDEO, "c-algebra/v1");
        e.videoId = "c-algebra/v1";
        e.videoAction = VideoAction.PLAY;
        e.position = 12.5;
        assertWritten(e, "{\"event_id\":\"e-1\",\"source\":\"video\",\"format\":\"native-v2\",\"kind\":\"video\","
                + COMMON + ",\"object_id\":\"c-algebra/v1\",\"event_time\":1767225595000,"
                + "\"video_id\":\"c-algebra/v1\",\"video_action\":\"play\",\"position\":12.5,\"seek_from\":null}");

        e.videoAction = VideoAction.SEEK;
        e.position = 300;
        e.seekFrom = 45.5;
        assertWritten(e, "{\"event_id\":\"e-1\",\"source\":\"video\",\"format\":\"native-v2\",\"kind\":\"video\","
                + COMMON + ",\"object_id\":\"c-algebra/v1\",\"event_time\":1767225595000,"
                + "\"video_id\":\"c-algebra/v1\",\"video_action\":\"seek\",\"position\":300.0,\"seek_from\":45.5}");
    }

    @Test
    void attemptEventHasOnlyAttemptFields() {
        LearnerEvent e = event(EventKind.ATTEMPT, "c-algebra/q1");
        e.questionId = "c-algebra/q1";
        e.score = 7.5;
        e.maxScore = 10;
        e.correct = false;
        e.attemptNumber = 2;
        e.skillIds = new String[] {"linear-equations"};
        assertWritten(e, "{\"event_id\":\"e-1\",\"source\":\"assessment\",\"format\":\"native-v2\",\"kind\":\"attempt\","
                + COMMON + ",\"object_id\":\"c-algebra/q1\",\"event_time\":1767225595000,"
                + "\"question_id\":\"c-algebra/q1\",\"score\":7.5,\"max_score\":10.0,\"correct\":false,"
                + "\"attempt_number\":2,\"skill_ids\":[\"linear-equations\"]}");
    }

    @Test
    void hintEventHasOnlyHintFields() {
        LearnerEvent e = event(EventKind.HINT, "c-algebra/q1");
        e.format = "native-v1";
        e.eventId = "v1-0123456789abcdef0123456789abcdef";
        e.questionId = "c-algebra/q1";
        e.hintIndex = 2;
        assertWritten(e, "{\"event_id\":\"v1-0123456789abcdef0123456789abcdef\",\"source\":\"assessment\","
                + "\"format\":\"native-v1\",\"kind\":\"hint\"," + COMMON
                + ",\"object_id\":\"c-algebra/q1\",\"event_time\":1767225595000,"
                + "\"question_id\":\"c-algebra/q1\",\"hint_index\":2,\"skill_ids\":null}");
    }

    @Test
    void otherEventHasCommonFieldsOnly() {
        LearnerEvent e = event(EventKind.OTHER, "x");
        e.source = "xapi";
        e.format = "xapi";
        assertWritten(e, "{\"event_id\":\"e-1\",\"source\":\"xapi\",\"format\":\"xapi\",\"kind\":\"other\","
                + COMMON + ",\"object_id\":\"x\",\"event_time\":1767225595000}");
    }

    /** Checks the exact text and that reading it back gives the same event (the ingest time is not written). */
    private static void assertWritten(LearnerEvent e, String expected) {
        e.ingestTime = INGEST;
        assertThat(JsonLines.toJson(e)).isEqualTo(expected);
        LearnerEvent back = JsonLines.readLearnerEvent(expected);
        LearnerEvent withoutIngest = e.copy();
        withoutIngest.ingestTime = 0;
        assertThat(back).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(withoutIngest);
    }

    // ---- readers --------------------------------------------------------------------------------------------

    @Test
    void readersSkipUnknownFieldsAndAcceptAnyOrder() {
        LearnerAggregate a = JsonLines.readLearnerAggregate("{\"pages_viewed\":3,\"extra\":{\"a\":[1,{\"b\":2}]},"
                + "\"learner_id\":\"l-1\",\"key\":\"k\",\"mean_score\":0.5,\"more\":[]}");
        assertThat(a.pagesViewed).isEqualTo(3);
        assertThat(a.learnerId).isEqualTo("l-1");
        assertThat(a.key).isEqualTo("k");
        assertThat(a.meanScore).isEqualTo(0.5);
        assertThat(a.events).isZero();
    }

    @Test
    void readersRejectWhatTheyCannotRead() {
        assertThatThrownBy(() -> JsonLines.readFusedAttempt("{\"key\":"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a FusedAttempt: ");
        assertThatThrownBy(() -> JsonLines.readQuestionStats("[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a QuestionStats: expected a JSON object");
        assertThatThrownBy(() -> JsonLines.readLearnerEvent("{\"kind\":\"teleport\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown kind 'teleport'");
        assertThatThrownBy(() -> JsonLines.readLearnerEvent("{\"score\":\"high\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("field 'score' must be a number or null");
        assertThatThrownBy(() -> JsonLines.readLearnerAggregate("{} {}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a LearnerAggregate: content after the JSON object");
        assertThatThrownBy(() -> JsonLines.readDeadLetter(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a DeadLetter: null");
    }

    @Test
    void sessionIsWrittenWithItsEventsByKindAndReadsBack() {
        io.learnpulse.core.result.LearnerSession s = new io.learnpulse.core.result.LearnerSession();
        s.key = "L1@1000";
        s.status = "final";
        s.revision = 1;
        s.learnerId = "L1";
        s.courseId = "c1";
        s.start = 1000;
        s.end = 61000;
        s.events = 6;
        s.clicks = 1;
        s.videoEvents = 2;
        s.attempts = 1;
        s.hints = 1;
        s.otherEvents = 1;
        s.activeSeconds = 45.5;
        String json = JsonLines.toJson(s);
        assertThat(json).isEqualTo("{\"key\":\"L1@1000\",\"status\":\"final\",\"revision\":1,\"learner_id\":\"L1\","
                + "\"course_id\":\"c1\",\"start\":1000,\"end\":61000,\"events\":6,"
                + "\"events_by_kind\":{\"click\":1,\"video\":2,\"attempt\":1,\"hint\":1,\"other\":1},"
                + "\"active_seconds\":45.5}");
        assertThat(JsonLines.readLearnerSession(json)).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void masteryAndInterventionsAreWrittenWithTheirDocumentedFields() {
        io.learnpulse.core.result.MasteryRecord m = new io.learnpulse.core.result.MasteryRecord();
        m.key = "L1@k1";
        m.learnerId = "L1";
        m.courseId = "c1";
        m.skillId = "k1";
        m.pMastery = 0.6;
        m.attempts = 1;
        m.eventTime = 5;
        m.triggerEventId = "a1";
        m.status = "final";
        m.revision = 1;
        assertThat(JsonLines.toJson(m)).isEqualTo("{\"key\":\"L1@k1\",\"learner_id\":\"L1\",\"course_id\":\"c1\","
                + "\"skill_id\":\"k1\",\"p_mastery\":0.6,\"attempts\":1,\"event_time\":5,\"trigger_event_id\":\"a1\","
                + "\"status\":\"final\",\"revision\":1}");

        io.learnpulse.core.rules.Intervention iv = new io.learnpulse.core.rules.Intervention(
                io.learnpulse.core.rules.Rule.REPEATED_FAILURE, "L1", "c1", "q1", "Try the worked example.",
                new String[] {"a1", "a2", "a3"}, 7);
        iv.markEmitted(100, 97);
        assertThat(JsonLines.toJson(iv)).isEqualTo("{\"intervention_id\":\"" + iv.interventionId + "\","
                + "\"learner_id\":\"L1\",\"course_id\":\"c1\",\"rule\":\"repeated_failure\",\"object_id\":\"q1\","
                + "\"message\":\"Try the worked example.\",\"trigger_event_ids\":[\"a1\",\"a2\",\"a3\"],"
                + "\"event_time\":7,\"emitted_at\":100,\"latency_ms\":3,\"profile\":null}");
    }

    @Test
    void profilesAttachedToFusedAttemptsAndInterventionsAreWrittenAndReadBack() {
        io.learnpulse.core.profile.ProfileSummary p = new io.learnpulse.core.profile.ProfileSummary();
        p.cohort = "2026-fall";
        p.locale = "en-GB";
        p.accommodations = true;
        p.instructors = new String[] {"t-1", "t-2"};
        FusedAttempt a = fused();
        a.profile = p;
        String line = JsonLines.toJson(a);
        assertThat(line).endsWith(",\"profile\":{\"cohort\":\"2026-fall\",\"locale\":\"en-GB\","
                + "\"accommodations\":true,\"instructors\":[\"t-1\",\"t-2\"]}}");
        assertThat(JsonLines.readFusedAttempt(line).profile).isEqualTo(p);

        io.learnpulse.core.rules.Intervention iv = new io.learnpulse.core.rules.Intervention(
                io.learnpulse.core.rules.Rule.REPEATED_FAILURE, "L1", "c1", "q1", "Try the worked example.",
                new String[] {"a1"}, 7);
        iv.markEmitted(100, 97);
        iv.profile = p;
        io.learnpulse.core.rules.Intervention back = JsonLines.readIntervention(JsonLines.toJson(iv));
        assertThat(back).isEqualTo(iv);
        iv.profile = null;
        assertThat(JsonLines.readIntervention(JsonLines.toJson(iv))).isEqualTo(iv);
    }
}
