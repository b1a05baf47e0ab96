package io.learnpulse.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.event.VideoAction;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NativeEncoderTest {

    /** 2026-03-02T10:15:30.250Z. */
    private static final long TS = 1772446530250L;

    private static LearnerEvent common(String source, EventKind kind) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = "e-42";
        e.source = source;
        e.kind = kind;
        e.learnerId = "L000007";
        e.courseId = "c-algebra";
        e.eventTime = TS;
        return e;
    }

    private static LearnerEvent pageView() {
        LearnerEvent e = common(Sources.CLICKSTREAM, EventKind.CLICK);
        e.pageId = "c-algebra/p1";
        e.clickType = "page_view";
        return e;
    }

    private static LearnerEvent video(VideoAction action, double position, double seekFrom) {
        LearnerEvent e = common(Sources.VIDEO, EventKind.VIDEO);
        e.videoId = "c-algebra/v1";
        e.videoAction = action;
        e.position = position;
        e.seekFrom = seekFrom;
        return e;
    }

    private static LearnerEvent attempt(double score, double max, boolean correct, int attemptNumber, String... skills) {
        LearnerEvent e = common(Sources.ASSESSMENT, EventKind.ATTEMPT);
        e.questionId = "c-algebra/q1";
        e.score = score;
        e.maxScore = max;
        e.correct = correct;
        e.attemptNumber = attemptNumber;
        e.skillIds = skills.length == 0 ? null : skills;
        return e;
    }

    private static LearnerEvent hint(int index) {
        LearnerEvent e = common(Sources.ASSESSMENT, EventKind.HINT);
        e.questionId = "c-algebra/q1";
        e.hintIndex = index;
        return e;
    }

    @Test
    void clickstreamV2() {
        assertThat(NativeEncoder.encodeV2(pageView())).isEqualTo(
                "{\"schema_version\":2,\"event_id\":\"e-42\",\"learner_id\":\"L000007\",\"course_id\":\"c-algebra\","
                        + "\"ts\":1772446530250,\"page_id\":\"c-algebra/p1\",\"event_type\":\"page_view\"}");
    }

    @Test
    void clickstreamV1HasNoIdAndAnIsoTimestampWithOffset() {
        assertThat(NativeEncoder.encodeV1(pageView(), ZoneOffset.ofHours(1))).isEqualTo(
                "{\"user_id\":\"L000007\",\"course_id\":\"c-algebra\",\"timestamp\":\"2026-03-02T11:15:30.250+01:00\","
                        + "\"page_id\":\"c-algebra/p1\",\"event_type\":\"page_view\"}");
        assertThat(NativeEncoder.encode(pageView(), 1)).isEqualTo(
                "{\"user_id\":\"L000007\",\"course_id\":\"c-algebra\",\"timestamp\":\"2026-03-02T10:15:30.250Z\","
                        + "\"page_id\":\"c-algebra/p1\",\"event_type\":\"page_view\"}");
    }

    @Test
    void v1TimestampKeepsMillisecondsAndNegativeAndHalfHourOffsets() {
        assertThat(NativeEncoder.formatV1Timestamp(TS, ZoneOffset.ofHours(-5))).isEqualTo("2026-03-02T05:15:30.250-05:00");
        assertThat(NativeEncoder.formatV1Timestamp(TS, ZoneOffset.ofHoursMinutes(5, 30))).isEqualTo("2026-03-02T15:45:30.250+05:30");
        assertThat(NativeEncoder.formatV1Timestamp(1772438400000L, ZoneOffset.UTC)).isEqualTo("2026-03-02T08:00:00.000Z");
    }

    @Test
    void videoPlayPauseEndedV2() {
        assertThat(NativeEncoder.encodeV2(video(VideoAction.PLAY, 0.0, Double.NaN))).isEqualTo(
                "{\"schema_version\":2,\"event_id\":\"e-42\",\"learner_id\":\"L000007\",\"course_id\":\"c-algebra\","
                        + "\"ts\":1772446530250,\"video_id\":\"c-algebra/v1\",\"action\":\"play\",\"position\":0.0}");
        assertThat(NativeEncoder.encodeV2(video(VideoAction.PAUSE, 95.125, Double.NaN)))
                .endsWith("\"video_id\":\"c-algebra/v1\",\"action\":\"pause\",\"position\":95.125}");
        assertThat(NativeEncoder.encodeV2(video(VideoAction.ENDED, 600.0, 12.0)))
                .as("seek_from is written for seeks only")
                .endsWith("\"action\":\"ended\",\"position\":600.0}");
    }

    @Test
    void videoSeekV2AndV1CarrySeekFrom() {
        assertThat(NativeEncoder.encodeV2(video(VideoAction.SEEK, 240.5, 30.0))).isEqualTo(
                "{\"schema_version\":2,\"event_id\":\"e-42\",\"learner_id\":\"L000007\",\"course_id\":\"c-algebra\","
                        + "\"ts\":1772446530250,\"video_id\":\"c-algebra/v1\",\"action\":\"seek\",\"position\":240.5,"
                        + "\"seek_from\":30.0}");
        assertThat(NativeEncoder.encodeV1(video(VideoAction.SEEK, 240.5, 30.0), ZoneOffset.ofHours(2))).isEqualTo(
                "{\"user_id\":\"L000007\",\"course_id\":\"c-algebra\",\"timestamp\":\"2026-03-02T12:15:30.250+02:00\","
                        + "\"video_id\":\"c-algebra/v1\",\"action\":\"seek\",\"position\":240.5,\"seek_from\":30.0}");
    }

    @Test
    void attemptV2HasTypeAndCorrect() {
        assertThat(NativeEncoder.encodeV2(attempt(2.0, 5.0, false, 2, "linear-equations", "fractions"))).isEqualTo(
                "{\"schema_version\":2,\"event_id\":\"e-42\",\"learner_id\":\"L000007\",\"course_id\":\"c-algebra\","
                        + "\"ts\":1772446530250,\"type\":\"attempt\",\"question_id\":\"c-algebra/q1\",\"score\":2.0,"
                        + "\"max_score\":5.0,\"correct\":false,\"attempt_number\":2,"
                        + "\"skill_ids\":[\"linear-equations\",\"fractions\"]}");
        assertThat(NativeEncoder.encodeV2(attempt(1.0, 1.0, true, 1))).isEqualTo(
                "{\"schema_version\":2,\"event_id\":\"e-42\",\"learner_id\":\"L000007\",\"course_id\":\"c-algebra\","
                        + "\"ts\":1772446530250,\"type\":\"attempt\",\"question_id\":\"c-algebra/q1\",\"score\":1.0,"
                        + "\"max_score\":1.0,\"correct\":true,\"attempt_number\":1}");
    }

    @Test
    void attemptV1OmitsTypeAndCorrect() {
        assertThat(NativeEncoder.encodeV1(attempt(1.0, 1.0, true, 3), ZoneOffset.UTC)).isEqualTo(
                "{\"user_id\":\"L000007\",\"course_id\":\"c-algebra\",\"timestamp\":\"2026-03-02T10:15:30.250Z\","
                        + "\"question_id\":\"c-algebra/q1\",\"score\":1.0,\"max_score\":1.0,\"attempt_number\":3}");
    }

    @Test
    void hintV2AndV1() {
        assertThat(NativeEncoder.encodeV2(hint(2))).isEqualTo(
                "{\"schema_version\":2,\"event_id\":\"e-42\",\"learner_id\":\"L000007\",\"course_id\":\"c-algebra\","
                        + "\"ts\":1772446530250,\"type\":\"hint\",\"question_id\":\"c-algebra/q1\",\"hint_index\":2}");
        assertThat(NativeEncoder.encodeV1(hint(0), ZoneOffset.UTC)).isEqualTo(
                "{\"user_id\":\"L000007\",\"course_id\":\"c-algebra\",\"timestamp\":\"2026-03-02T10:15:30.250Z\","
                        + "\"type\":\"hint\",\"question_id\":\"c-algebra/q1\"}");
    }

    @Test
    void rejectsWhatTheFormatCannotExpress() {
        LearnerEvent wrongChannel = pageView();
        wrongChannel.source = Sources.VIDEO;
        assertThatThrownBy(() -> NativeEncoder.encodeV2(wrongChannel))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("event kind CLICK cannot be written on source 'video'");

        LearnerEvent xapi = pageView();
        xapi.source = "xapi";
        assertThatThrownBy(() -> NativeEncoder.encodeV2(xapi))
                .hasMessage("source must be one of clickstream, video, assessment (was 'xapi')");

        LearnerEvent noId = pageView();
        noId.eventId = null;
        assertThatThrownBy(() -> NativeEncoder.encodeV2(noId)).hasMessageContaining("field 'event_id' is required");
        assertThat(NativeEncoder.encodeV1(noId, ZoneOffset.UTC)).as("v1 has no id").startsWith("{\"user_id\"");

        assertThatThrownBy(() -> NativeEncoder.encodeV1(attempt(0.5, 1.0, true, 1), ZoneOffset.UTC))
                .hasMessageContaining("v1 derives correct as score >= max_score");
        assertThatThrownBy(() -> NativeEncoder.encodeV2(attempt(2.0, 1.0, true, 1)))
                .hasMessageContaining("field 'max_score' must be a number > 0 and >= score");
        assertThatThrownBy(() -> NativeEncoder.encodeV2(attempt(1.0, 1.0, true, 0)))
                .hasMessageContaining("field 'attempt_number' must be >= 1");
        assertThatThrownBy(() -> NativeEncoder.encodeV2(video(VideoAction.SEEK, 10.0, Double.NaN)))
                .hasMessageContaining("field 'seek_from' must be a finite number >= 0");
        assertThatThrownBy(() -> NativeEncoder.encodeV2(video(VideoAction.PLAY, -1.0, Double.NaN)))
                .hasMessageContaining("field 'position' must be a finite number >= 0");
        assertThatThrownBy(() -> NativeEncoder.encode(pageView(), 3))
                .hasMessage("native format version must be 1 or 2 (was 3)");
    }

    @Test
    void escapesStrings() {
        LearnerEvent e = pageView();
        e.pageId = "c1/\"quoted\"\\page";
        assertThat(NativeEncoder.encodeV2(e)).contains("\"page_id\":\"c1/\\\"quoted\\\"\\\\page\"");
    }
}
