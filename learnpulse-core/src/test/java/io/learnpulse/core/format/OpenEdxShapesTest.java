package io.learnpulse.core.format;

import static io.learnpulse.core.format.Json.arr;
import static io.learnpulse.core.format.Json.obj;
import static io.learnpulse.core.format.Json.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statements and events shaped like those Open edX's event-routing backends emit (written for these tests
 * after the backends' documented output: account actors, course parents, the attempt-id extension, Caliper
 * attempts and courses in extensions, the {@code generated.score} wrapper, {@code newTime} seeks) map to
 * the same canonical kinds and fields as the equivalent native records.
 */
class OpenEdxShapesTest {

    private static final String LMS = "http://lms.example.org";
    private static final String COURSE = LMS + "/course/course-v1:Org+C1+2026";
    private static final String PROBLEM = LMS + "/xblock/block-v1:Org+C1+2026+type@problem+block@p1";
    private static final String VIDEO = LMS + "/xblock/block-v1:Org+C1+2026+type@video+block@v1";
    private static final String UNIT = LMS + "/xblock/block-v1:Org+C1+2026+type@sequential+block@s1";
    private static final String USER = "a1b2c3d4-0000-4000-8000-000000000001";
    private static final long T = Instant.parse("2026-03-02T10:15:30.250Z").toEpochMilli();
    private static final long INGEST = T + 1_000;

    private final RecordParser parser = new RecordParser(ParserSettings.defaults());

    private LearnerEvent one(String channel, String payload) {
        List<ParseResult> rs = parser.parse(channel, payload, INGEST);
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).deadLetter).as("dead letter").isNull();
        return rs.get(0).event;
    }

    // ---- xAPI, as the xAPI backend writes it ----------------------------------------------------------------

    private static ObjectNode xapi(String id, String verb, ObjectNode object, ObjectNode result) {
        ObjectNode st = obj(
                "id", id,
                "actor", obj("objectType", "Agent", "account", obj("homePage", LMS, "name", USER)),
                "verb", obj("id", verb, "display", obj("en", verb.substring(verb.lastIndexOf('/') + 1))),
                "object", object,
                "context", obj(
                        "contextActivities", obj("parent", arr(obj("id", COURSE, "objectType", "Activity",
                                "definition", obj("name", obj("en-US", "Course 1"),
                                        "type", "http://adlnet.gov/expapi/activities/course")))),
                        "extensions", obj(
                                "https://w3id.org/xapi/openedx/extension/transformer-version",
                                "event-routing-backends@7.0.0",
                                "https://w3id.org/xapi/openedx/extensions/session-id", "5f1e",
                                "https://w3id.org/xapi/video/extensions/length", 195.0)),
                "timestamp", "2026-03-02T10:15:30.250123+00:00",
                "version", "1.0.3");
        if (result != null) {
            st.set("result", result);
        }
        return st;
    }

    private static ObjectNode xapiVideo(String id, String verb, ObjectNode extensions) {
        return xapi(id, verb, obj("id", VIDEO, "objectType", "Activity",
                "definition", obj("type", "https://w3id.org/xapi/video/activity-type/video")),
                obj("extensions", extensions));
    }

    // ---- Caliper, as the Caliper backend writes it ------------------------------------------------------------

    private static ObjectNode caliper(String uuid, String type, String action, ObjectNode object) {
        return obj(
                "@context", "http://purl.imsglobal.org/ctx/caliper/v1p2",
                "id", "urn:uuid:" + uuid,
                "type", type,
                "action", action,
                "actor", obj("id", LMS + "/user/" + USER, "type", "Person"),
                "object", object,
                "eventTime", "2026-03-02T10:15:30.250Z",
                "session", obj("id", LMS + "/sessions/5f1e", "type", "Session"),
                "extensions", obj("transformerVersion", "event-routing-backends@7.0.0"));
    }

    private static ObjectNode partOfCourse() {
        return obj("isPartOf", obj("id", COURSE, "type", "CourseOffering"));
    }

    private static ObjectNode caliperVideo(String uuid, String action, ObjectNode target) {
        ObjectNode e = caliper(uuid, "MediaEvent", action, obj("id", VIDEO, "type", "VideoObject",
                "duration", "PT3M15S", "extensions", partOfCourse()));
        e.set("target", target);
        return e;
    }

    private static ObjectNode location(String currentTime) {
        return obj("id", "_:MediaLocation", "type", "MediaLocation", "currentTime", currentTime);
    }

    // ---- native equivalents -----------------------------------------------------------------------------------

    private LearnerEvent nativeV2(String channel, String fields) {
        return one(channel, "{\"schema_version\":2,\"event_id\":\"n1\",\"learner_id\":\"L1\",\"course_id\":\""
                + COURSE + "\",\"ts\":" + T + "," + fields + "}");
    }

    private static void assertSameAttempt(LearnerEvent actual, LearnerEvent expected) {
        assertThat(actual.kind).isEqualTo(EventKind.ATTEMPT);
        assertThat(actual.courseId).isEqualTo(expected.courseId);
        assertThat(actual.questionId).isEqualTo(expected.questionId);
        assertThat(actual.score).isEqualTo(expected.score);
        assertThat(actual.maxScore).isEqualTo(expected.maxScore);
        assertThat(actual.correct).isEqualTo(expected.correct);
        assertThat(actual.attemptNumber).isEqualTo(expected.attemptNumber);
        assertThat(actual.eventTime).isEqualTo(expected.eventTime);
    }

    private static void assertSameVideo(LearnerEvent actual, LearnerEvent expected) {
        assertThat(actual.kind).isEqualTo(EventKind.VIDEO);
        assertThat(actual.courseId).isEqualTo(expected.courseId);
        assertThat(actual.videoId).isEqualTo(expected.videoId);
        assertThat(actual.videoAction).isEqualTo(expected.videoAction);
        assertThat(Double.compare(actual.position, expected.position)).as("position %s", actual.position).isZero();
        assertThat(Double.compare(actual.seekFrom, expected.seekFrom)).as("seekFrom %s", actual.seekFrom).isZero();
    }

    private static void assertPageView(LearnerEvent actual, String pageId) {
        assertThat(actual.kind).isEqualTo(EventKind.CLICK);
        assertThat(actual.clickType).isEqualTo("page_view");
        assertThat(actual.pageId).isEqualTo(pageId);
        assertThat(actual.courseId).isEqualTo(COURSE);
    }

    @Test
    void aServerProblemCheckIsTheSameAttemptInEveryFormat() {
        LearnerEvent expected = nativeV2("assessment", "\"type\":\"attempt\",\"question_id\":\"" + PROBLEM
                + "\",\"score\":2,\"max_score\":2,\"correct\":true,\"attempt_number\":3");

        ObjectNode xapiCheck = xapi("9d1a0c52-5e8b-5b7c-9f4e-1a2b3c4d5e6f",
                "https://w3id.org/xapi/acrossx/verbs/evaluated",
                obj("id", PROBLEM, "objectType", "Activity", "definition", obj(
                        "type", "http://adlnet.gov/expapi/activities/cmi.interaction",
                        "interactionType", "choice",
                        "description", obj("en-US", "Which is prime?"),
                        "extensions", obj("http://id.tincanapi.com/extension/attempt-id", 3))),
                obj("score", obj("scaled", 1, "raw", 2, "min", 0, "max", 2), "success", true,
                        "response", "[\"7\"]"));
        LearnerEvent fromXapi = one("xapi", text(xapiCheck));
        assertSameAttempt(fromXapi, expected);
        assertThat(fromXapi.objectId).isEqualTo(PROBLEM);
        assertThat(fromXapi.learnerId).isEqualTo("account:" + LMS + "|" + USER);
        assertThat(fromXapi.eventId).isEqualTo("9d1a0c52-5e8b-5b7c-9f4e-1a2b3c4d5e6f");

        ObjectNode caliperCheck = caliper("129915b8-4455-46d9-9da5-ef0707fddc06", "GradeEvent", "Graded",
                obj("id", PROBLEM + "/user/" + USER + "/attempt/3", "type", "Attempt", "extensions", obj(
                        "assignable", obj("id", PROBLEM, "type", "Assessment"),
                        "assignee", obj("id", LMS + "/user/" + USER, "type", "Person"),
                        "count", 3,
                        "isPartOf", obj("id", COURSE, "type", "CourseOffering"))));
        caliperCheck.set("generated", obj("score", obj("id", "_:score", "type", "Score", "scoreGiven", 2,
                "maxScore", 2, "attempts", 3, "extensions", obj("success", "True"))));
        LearnerEvent fromCaliper = one("caliper", text(caliperCheck));
        assertSameAttempt(fromCaliper, expected);
        assertThat(fromCaliper.objectId).isEqualTo(PROBLEM + "/user/" + USER + "/attempt/3");
        // the same user in both formats: Caliper's <LMS>/user/<id> reads as xAPI's account {<LMS>, <id>}
        assertThat(fromCaliper.learnerId).isEqualTo(fromXapi.learnerId);
    }

    @Test
    void videoEventsCarryThePositionsInEveryFormat() {
        String time = "https://w3id.org/xapi/video/extensions/time";
        String v = "https://w3id.org/xapi/video/verbs/";
        String native0 = "\"video_id\":\"" + VIDEO + "\",";

        LearnerEvent play = nativeV2("video", native0 + "\"action\":\"play\",\"position\":12.5");
        assertSameVideo(one("xapi", text(xapiVideo("203e182c-6a2d-5458-9c61-a271297d459a", v + "played",
                obj(time, 12.5)))), play);
        assertSameVideo(one("caliper", text(caliperVideo("4c53b337-b72f-4a36-b0ea-17fb335e18ab", "Resumed",
                location("PT12.5S")))), play);

        LearnerEvent pause = nativeV2("video", native0 + "\"action\":\"pause\",\"position\":40");
        assertSameVideo(one("xapi", text(xapiVideo("b2fff5f6-c77d-5aa4-a08b-bb547d6ee5a6", v + "paused",
                obj(time, 40)))), pause);
        assertSameVideo(one("caliper", text(caliperVideo("36428505-2138-423e-a515-5b865b332c80", "Paused",
                location("PT40S")))), pause);

        LearnerEvent seek = nativeV2("video", native0 + "\"action\":\"seek\",\"seek_from\":40,\"position\":100");
        assertSameVideo(one("xapi", text(xapiVideo("50e46aad-346e-58da-ab55-e599abcd554c", v + "seeked",
                obj("https://w3id.org/xapi/video/extensions/time-from", 40,
                        "https://w3id.org/xapi/video/extensions/time-to", 100)))), seek);
        ObjectNode jumped = location("PT40S");
        jumped.set("extensions", obj("newTime", "PT1M40S"));
        assertSameVideo(one("caliper", text(caliperVideo("0c2521d1-2449-42fe-85d9-c706040b0d6d", "JumpedTo",
                jumped))), seek);

        LearnerEvent ended = nativeV2("video", native0 + "\"action\":\"ended\",\"position\":195");
        ObjectNode complete = xapiVideo("f7c8b743-f18f-5016-8455-35ff8a2f8020", "http://adlnet.gov/expapi/verbs/"
                + "completed", obj(time, 195));
        ((ObjectNode) complete.get("result")).put("completion", true).put("duration", "PT03M15S");
        assertSameVideo(one("xapi", text(complete)), ended);
        assertSameVideo(one("xapi", text(xapiVideo("d079c151-11f1-5a91-8e49-9627a5c9832d",
                "http://adlnet.gov/expapi/verbs/terminated", obj(time, 195)))), ended);
        assertSameVideo(one("caliper", text(caliperVideo("9929774a-8599-4d44-9262-01d63ba4c216", "Ended",
                location("PT3M15S")))), ended);
    }

    @Test
    void navigationIsAPageViewInEveryFormat() {
        LearnerEvent expected = nativeV2("clickstream", "\"page_id\":\"" + UNIT + "\",\"event_type\":\"page_view\"");
        assertPageView(expected, UNIT);

        ObjectNode nextUnit = xapi("2802561d-3e8e-56d4-8944-07a8fbfd02b2", "https://w3id.org/xapi/dod-isd/verbs/"
                + "navigated", obj("id", UNIT, "objectType", "Activity", "definition", obj(
                        "type", "http://id.tincanapi.com/activitytype/resource",
                        "extensions", obj("https://w3id.org/xapi/acrossx/extensions/total-items", 10))), null);
        assertPageView(one("xapi", text(nextUnit)), UNIT);

        JsonNode ext = obj("isPartOf", obj("id", COURSE, "type", "CourseOffering"), "current_tab", 4,
                "tab_count", 10, "target", "next unit");
        ObjectNode caliperNext = caliper("39e7b46a-64a4-4f86-9a40-b55b36a1f3c8", "NavigationEvent", "NavigatedTo",
                obj("id", UNIT, "type", "DigitalResourceCollection", "name", "Unit", "extensions", ext));
        assertPageView(one("caliper", text(caliperNext)), UNIT);

        String link = LMS + "/courses/course-v1:Org+C1+2026/jump_to/block-v1:Org+C1+2026+type@sequential+block@s2";
        ObjectNode linkClicked = caliper("47946874-7ce0-4465-9efe-9b2510c45310", "NavigationEvent", "NavigatedTo",
                obj("id", link, "type", "Webpage", "extensions", partOfCourse()));
        assertPageView(one("caliper", text(linkClicked)), link);
    }

    @Test
    void aDemandHintIsAHintOnTheProblem() {
        ObjectNode asked = xapi("e9b9ba0f-d976-5656-9a6c-d432b12335ea", "http://adlnet.gov/expapi/verbs/asked",
                obj("id", PROBLEM + "/hint/0", "objectType", "Activity",
                        "definition", obj("type", "https://w3id.org/xapi/acrossx/extensions/supplemental-info")), null);
        LearnerEvent hint = one("xapi", text(asked));
        LearnerEvent nativeHint = nativeV2("assessment", "\"type\":\"hint\",\"question_id\":\"" + PROBLEM
                + "\",\"hint_index\":1");
        assertThat(hint.kind).isEqualTo(nativeHint.kind);
        assertThat(hint.questionId).isEqualTo(nativeHint.questionId);
        assertThat(hint.hintIndex).isEqualTo(nativeHint.hintIndex);
        assertThat(hint.courseId).isEqualTo(nativeHint.courseId);
    }

    @Test
    void videoFromCaliperAndXapiArriveOnAnyChannelButKeepTheChannelAsSource() {
        LearnerEvent e = one("video", text(caliperVideo("36428505-2138-423e-a515-5b865b332c80", "Paused",
                location("PT40S"))));
        assertThat(e.source).isEqualTo("video");
        assertThat(e.format).isEqualTo("caliper");
        assertThat(e.videoAction).isEqualTo(VideoAction.PAUSE);
    }
}
