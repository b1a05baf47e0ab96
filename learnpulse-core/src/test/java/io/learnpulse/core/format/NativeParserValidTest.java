package io.learnpulse.core.format;

import static io.learnpulse.core.format.Records.INGEST;
import static io.learnpulse.core.format.Records.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.event.VideoAction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Valid records of every source and version: every field of the resulting event is checked. */
class NativeParserValidTest {

    private final NativeParser parser = new NativeParser(ParserSettings.defaults());

    private LearnerEvent parseOk(String source, Rec rec) {
        return parseOk(source, rec.json());
    }

    private LearnerEvent parseOk(String source, String line) {
        ParseResult r = parser.parse(source, line, INGEST);
        assertThat(r.deadLetter).as("dead letter for %s", line).isNull();
        assertThat(r.ok()).isTrue();
        return r.event;
    }

    /** Asserts every field of the event, including that the fields of other kinds are left at their defaults. */
    private static void assertEvent(LearnerEvent actual, LearnerEvent expected) {
        assertThat(actual).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(expected);
        assertThat(actual).isEqualTo(expected);
    }

    private static LearnerEvent common(String eventId, String source, String format, EventKind kind, String objectId,
            long eventTime) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = eventId;
        e.source = source;
        e.format = format;
        e.kind = kind;
        e.learnerId = "l-1";
        e.courseId = "c-algebra";
        e.objectId = objectId;
        e.eventTime = eventTime;
        e.ingestTime = INGEST;
        return e;
    }

    // ---- native v2 ----------------------------------------------------------------------------------------

    @Test
    void v2Clickstream() {
        LearnerEvent e = parseOk(Sources.CLICKSTREAM, Records.V2_CLICK);

        LearnerEvent expected = common("e-click-1", "clickstream", "native-v2", EventKind.CLICK, "c-algebra/p1", T);
        expected.pageId = "c-algebra/p1";
        expected.clickType = "page_view";
        assertEvent(e, expected);
        assertThat(e.eventTime).isEqualTo(1_767_225_595_000L);
    }

    @Test
    void v2ClickTypeIsAnyNonEmptyString() {
        LearnerEvent e = parseOk(Sources.CLICKSTREAM, Records.V2_CLICK.with("event_type", "scroll"));
        assertThat(e.clickType).isEqualTo("scroll");
    }

    @Test
    void v2VideoSeek() {
        LearnerEvent e = parseOk(Sources.VIDEO, Records.V2_VIDEO_SEEK);

        LearnerEvent expected = common("e-video-1", "video", "native-v2", EventKind.VIDEO, "c-algebra/v1", T);
        expected.videoId = "c-algebra/v1";
        expected.videoAction = VideoAction.SEEK;
        expected.position = 300.0;
        expected.seekFrom = 45.5;
        assertEvent(e, expected);
    }

    @ParameterizedTest
    @CsvSource({"play, PLAY", "pause, PAUSE", "ended, ENDED"})
    void v2VideoActionsOtherThanSeekHaveNoSeekFrom(String action, VideoAction expectedAction) {
        LearnerEvent e = parseOk(Sources.VIDEO, Records.V2_VIDEO_PLAY.with("action", action));

        LearnerEvent expected = common("e-video-2", "video", "native-v2", EventKind.VIDEO, "c-algebra/v1", T);
        expected.videoId = "c-algebra/v1";
        expected.videoAction = expectedAction;
        expected.position = 12.5;
        assertEvent(e, expected);
        assertThat(e.seekFrom).isNaN();
    }

    @Test
    void integralPositionsAndNegativeZeroAreNumbers() {
        LearnerEvent e = parseOk(Sources.VIDEO, Records.V2_VIDEO_SEEK.with("position", 30).with("seek_from",
                Rec.raw("-0.0")));
        assertThat(e.position).isEqualTo(30.0);
        assertThat(Double.doubleToRawLongBits(e.seekFrom)).as("-0.0 is normalized to 0.0").isEqualTo(0L);
    }

    @Test
    void v2Attempt() {
        LearnerEvent e = parseOk(Sources.ASSESSMENT, Records.V2_ATTEMPT);

        LearnerEvent expected = common("e-attempt-1", "assessment", "native-v2", EventKind.ATTEMPT, "c-algebra/q1", T);
        expected.questionId = "c-algebra/q1";
        expected.score = 7.5;
        expected.maxScore = 10.0;
        expected.correct = false;
        expected.attemptNumber = 2;
        expected.skillIds = new String[] {"linear-equations", "fractions"};
        assertEvent(e, expected);
    }

    @Test
    void v2AttemptIsTheDefaultTypeAndSkillIdsAreOptional() {
        LearnerEvent e = parseOk(Sources.ASSESSMENT, Records.V2_ATTEMPT.without("type").without("skill_ids")
                .with("score", 10).with("correct", true).with("attempt_number", 1));

        LearnerEvent expected = common("e-attempt-1", "assessment", "native-v2", EventKind.ATTEMPT, "c-algebra/q1", T);
        expected.questionId = "c-algebra/q1";
        expected.score = 10.0;
        expected.maxScore = 10.0;
        expected.correct = true;
        expected.attemptNumber = 1;
        assertEvent(e, expected);
        assertThat(e.skillIds).isNull();
    }

    @Test
    void v2TypeNullMeansTheDefaultAndAnEmptySkillListIsKept() {
        LearnerEvent e = parseOk(Sources.ASSESSMENT, Records.V2_ATTEMPT.with("type", null).with("skill_ids",
                List.of()));
        assertThat(e.kind).isEqualTo(EventKind.ATTEMPT);
        assertThat(e.skillIds).isEmpty();
    }

    @Test
    void v2Hint() {
        LearnerEvent e = parseOk(Sources.ASSESSMENT, Records.V2_HINT);

        LearnerEvent expected = common("e-hint-1", "assessment", "native-v2", EventKind.HINT, "c-algebra/q1", T);
        expected.questionId = "c-algebra/q1";
        expected.hintIndex = 2;
        expected.skillIds = new String[] {"linear-equations"};
        assertEvent(e, expected);
        assertThat(e.score).isNaN();
        assertThat(e.maxScore).isNaN();
        assertThat(e.attemptNumber).isZero();
    }

    @Test
    void v2HintWithoutIndex() {
        LearnerEvent e = parseOk(Sources.ASSESSMENT, Records.V2_HINT.without("hint_index").without("skill_ids"));

        LearnerEvent expected = common("e-hint-1", "assessment", "native-v2", EventKind.HINT, "c-algebra/q1", T);
        expected.questionId = "c-algebra/q1";
        assertEvent(e, expected);
        assertThat(e.hintIndex).isZero();
    }

    @Test
    void futureSkewBoundaryIsInclusive() {
        LearnerEvent e = parseOk(Sources.CLICKSTREAM, Records.V2_CLICK.with("ts", INGEST + 600_000L));
        assertThat(e.eventTime).isEqualTo(INGEST + 600_000L);
    }

    @Test
    void epochZeroIsAccepted() {
        assertThat(parseOk(Sources.CLICKSTREAM, Records.V2_CLICK.with("ts", 0)).eventTime).isZero();
    }

    @Test
    void maxScoreMayEqualScoreAndScoreMayBeZero() {
        LearnerEvent e = parseOk(Sources.ASSESSMENT, Records.V2_ATTEMPT.with("score", 0).with("max_score", 0.5));
        assertThat(e.score).isZero();
        assertThat(e.maxScore).isEqualTo(0.5);
        LearnerEvent full = parseOk(Sources.ASSESSMENT, Records.V2_ATTEMPT.with("score", 10).with("max_score", 10));
        assertThat(full.score).isEqualTo(10.0);
    }

    // ---- native v1 ----------------------------------------------------------------------------------------

    @Test
    void v1Clickstream() throws Exception {
        LearnerEvent e = parseOk(Sources.CLICKSTREAM, Records.V1_CLICK);

        LearnerEvent expected = common(null, "clickstream", "native-v1", EventKind.CLICK, "c-algebra/p2", T + 250);
        expected.pageId = "c-algebra/p2";
        expected.clickType = "click";
        expected.eventId = V1Ids.expected(expected);
        assertEvent(e, expected);
        assertThat(e.eventId).matches("v1-[0-9a-f]{32}");
        assertThat(e.eventTime).isEqualTo(1_767_225_595_250L);
    }

    @Test
    void v1VideoSeek() throws Exception {
        LearnerEvent e = parseOk(Sources.VIDEO, Records.V1_VIDEO_SEEK);

        LearnerEvent expected = common(null, "video", "native-v1", EventKind.VIDEO, "c-algebra/v1", T + 250);
        expected.videoId = "c-algebra/v1";
        expected.videoAction = VideoAction.SEEK;
        expected.position = 300.0;
        expected.seekFrom = 45.5;
        expected.eventId = V1Ids.expected(expected);
        assertEvent(e, expected);
    }

    @Test
    void v1VideoPause() throws Exception {
        LearnerEvent e = parseOk(Sources.VIDEO, Records.V1_VIDEO_SEEK.with("action", "pause").without("seek_from"));

        LearnerEvent expected = common(null, "video", "native-v1", EventKind.VIDEO, "c-algebra/v1", T + 250);
        expected.videoId = "c-algebra/v1";
        expected.videoAction = VideoAction.PAUSE;
        expected.position = 300.0;
        expected.eventId = V1Ids.expected(expected);
        assertEvent(e, expected);
    }

    @Test
    void v1Attempt() throws Exception {
        LearnerEvent e = parseOk(Sources.ASSESSMENT, Records.V1_ATTEMPT);

        LearnerEvent expected = common(null, "assessment", "native-v1", EventKind.ATTEMPT, "c-algebra/q1", T + 250);
        expected.questionId = "c-algebra/q1";
        expected.score = 0.5;
        expected.maxScore = 2.0;
        expected.correct = false;
        expected.attemptNumber = 3;
        expected.skillIds = new String[] {"linear-equations"};
        expected.eventId = V1Ids.expected(expected);
        assertEvent(e, expected);
    }

    @Test
    void v1AttemptDefaultsMaxScoreAndAttemptNumberToOneAndDerivesCorrect() throws Exception {
        LearnerEvent e = parseOk(Sources.ASSESSMENT, Records.V1_ATTEMPT.without("max_score").without("attempt_number")
                .without("skill_ids").with("score", 1));

        LearnerEvent expected = common(null, "assessment", "native-v1", EventKind.ATTEMPT, "c-algebra/q1", T + 250);
        expected.questionId = "c-algebra/q1";
        expected.score = 1.0;
        expected.maxScore = 1.0;
        expected.correct = true;
        expected.attemptNumber = 1;
        expected.eventId = V1Ids.expected(expected);
        assertEvent(e, expected);
    }

    @Test
    void v1CorrectIsDerivedFromTheScoreEvenWhenTheRecordSaysOtherwise() {
        LearnerEvent wrong = parseOk(Sources.ASSESSMENT, Records.V1_ATTEMPT.with("correct", true));
        assertThat(wrong.correct).isFalse();
        LearnerEvent right = parseOk(Sources.ASSESSMENT, Records.V1_ATTEMPT.with("score", 2).with("correct", "no"));
        assertThat(right.correct).isTrue();
    }

    @Test
    void v1Hint() throws Exception {
        LearnerEvent e = parseOk(Sources.ASSESSMENT, Records.V1_HINT);

        LearnerEvent expected = common(null, "assessment", "native-v1", EventKind.HINT, "c-algebra/q1", T + 250);
        expected.questionId = "c-algebra/q1";
        expected.hintIndex = 1;
        expected.eventId = V1Ids.expected(expected);
        assertEvent(e, expected);
    }

    @ParameterizedTest
    @CsvSource({
        "2025-12-31T23:59:55.250Z, 1767225595250",
        "2025-12-31T23:59:55.25Z, 1767225595250",
        "2025-12-31T23:59:55.250999999Z, 1767225595250",
        "2025-12-31T23:59:55Z, 1767225595000",
        "2025-12-31T23:59Z, 1767225540000",
        "2026-01-01T05:29:55+05:30, 1767225595000",
        "2025-12-31T18:59:55-05:00, 1767225595000",
        "2025-12-31T23:59:55.250+00:00, 1767225595250",
        "2025-12-31t23:59:55.250z, 1767225595250",
        "1970-01-01T00:00:00Z, 0",
        "2024-02-29T12:00:00Z, 1709208000000",
    })
    void v1TimestampsWithAnOffset(String timestamp, long epochMillis) {
        LearnerEvent e = parseOk(Sources.CLICKSTREAM, Records.V1_CLICK.with("timestamp", timestamp));
        assertThat(e.eventTime).isEqualTo(epochMillis);
    }

    @Test
    void schemaVersionNullIsTreatedAsAbsent() {
        LearnerEvent e = parseOk(Sources.CLICKSTREAM, Records.V1_CLICK.with("schema_version", null));
        assertThat(e.format).isEqualTo("native-v1");
    }

    @Test
    void parserSurvivesJavaSerialization() throws Exception {
        NativeParser small = new NativeParser(ParserSettings.defaults().withMaxRecordBytes(50));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(small);
        }
        NativeParser copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (NativeParser) in.readObject();
        }
        assertThat(copy.parse(Sources.CLICKSTREAM, Records.V2_CLICK.json(), INGEST).deadLetter.reason)
                .isEqualTo("oversized");
        NativeParser big = new NativeParser(ParserSettings.defaults());
        assertThat(big.parse(Sources.CLICKSTREAM, Records.V2_CLICK.json(), INGEST).ok()).isTrue();
    }
}
