package io.learnpulse.core.format;

import static io.learnpulse.core.format.Json.arr;
import static io.learnpulse.core.format.Json.obj;
import static io.learnpulse.core.format.Json.text;
import static io.learnpulse.core.format.Json.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One learner check of one Open edX problem is exactly one ATTEMPT on the problem, in xAPI and in Caliper,
 * and one Open edX user is one learner in both formats.
 *
 * <p>The statements and events are written for these tests after what Open edX's event-routing backends
 * emit for a check (docs/formats.md, "Open edX"): the browser's {@code problem_check} ({@code attempted}
 * without a result; an AssessmentEvent Submitted), the server's {@code problem_check} ({@code evaluated}
 * with the score, the verdict and the attempt number, plus one {@code evaluated} per input of a problem with
 * several inputs; a GradeEvent) and {@code edx.grades.problem.submitted} ({@code attempted} on a question with
 * the weighted score; an AssessmentEvent Submitted).
 */
class OpenEdxProblemChecksTest {

    private static final String LMS = "https://courses.example.org";
    private static final String COURSE = LMS + "/course/course-v1:Org+Phys101+2026";
    private static final String BLOCK = "block-v1:Org+Phys101+2026+type@problem+block@";
    private static final String PROBLEM = LMS + "/xblock/" + BLOCK + "9f3c";
    private static final String MULTI = LMS + "/xblock/" + BLOCK + "77ab";
    private static final String USER = "0f5e2a7c-3b1d-4e8f-9a6b-2c4d6e8f0a1b";
    private static final String LEARNER = "account:" + LMS + "|" + USER;
    private static final String TIMESTAMP = "2026-04-07T09:12:45.318204+00:00";
    private static final long T = Instant.parse("2026-04-07T09:12:45.318Z").toEpochMilli();
    private static final long INGEST = T + 5_000;

    private static final String ADL = "http://adlnet.gov/expapi/verbs/";
    private static final String EVALUATED = "https://w3id.org/xapi/acrossx/verbs/evaluated";
    private static final String INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction";
    private static final String QUESTION = "http://adlnet.gov/expapi/activities/question";
    private static final String ATTEMPT_ID = "http://id.tincanapi.com/extension/attempt-id";

    private final RecordParser parser = new RecordParser(ParserSettings.defaults());

    private List<LearnerEvent> events(String channel, String payload) {
        List<ParseResult> rs = parser.parse(channel, payload, INGEST);
        assertThat(rs).allSatisfy(r -> assertThat(r.deadLetter).as("dead letter").isNull());
        return rs.stream().map(r -> r.event).collect(Collectors.toList());
    }

    private LearnerEvent one(String channel, String payload) {
        List<LearnerEvent> es = events(channel, payload);
        assertThat(es).hasSize(1);
        return es.get(0);
    }

    // ---- expected canonical events ------------------------------------------------------------------------------

    private static LearnerEvent other(String format, String eventId, String objectId) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = eventId;
        e.source = format;
        e.format = format;
        e.kind = EventKind.OTHER;
        e.learnerId = LEARNER;
        e.courseId = COURSE;
        e.objectId = objectId;
        e.eventTime = T;
        e.ingestTime = INGEST;
        return e;
    }

    private static LearnerEvent attempt(String format, String eventId, String objectId, String questionId,
            double score, double max, boolean correct, int attemptNumber) {
        LearnerEvent e = other(format, eventId, objectId);
        e.kind = EventKind.ATTEMPT;
        e.questionId = questionId;
        e.score = score;
        e.maxScore = max;
        e.correct = correct;
        e.attemptNumber = attemptNumber;
        return e;
    }

    // ---- xAPI, as Open edX writes it ------------------------------------------------------------------------------

    private static ObjectNode courseActivity() {
        return obj("id", COURSE, "objectType", "Activity", "definition", obj(
                "name", obj("en-US", "Physics 101"), "type", "http://adlnet.gov/expapi/activities/course"));
    }

    private static ObjectNode statement(String id, String verb, ObjectNode object, ObjectNode result) {
        ObjectNode st = obj(
                "id", id,
                "actor", obj("objectType", "Agent", "account", obj("homePage", LMS, "name", USER)),
                "verb", obj("id", verb, "display", obj("en", verb.substring(verb.lastIndexOf('/') + 1))),
                "object", object,
                "context", obj(
                        "contextActivities", obj("parent", arr(courseActivity())),
                        "extensions", obj(
                                "https://w3id.org/xapi/openedx/extension/transformer-version",
                                "event-routing-backends@9.3.0",
                                "https://w3id.org/xapi/openedx/extensions/session-id", "a41c")),
                "timestamp", TIMESTAMP,
                "version", "1.0.3");
        if (result != null) {
            st.set("result", result);
        }
        return st;
    }

    /** problem_check from the browser: attempted, no result. */
    private static ObjectNode browserCheck(String id, String problem) {
        return statement(id, ADL + "attempted", obj("id", problem, "objectType", "Activity",
                "definition", obj("type", INTERACTION, "interactionType", "other")), null);
    }

    /** problem_check from the server on a problem with one input: evaluated, with score, verdict, attempt. */
    private static ObjectNode serverCheck(String id, String problem, int attempts, ObjectNode result) {
        return statement(id, EVALUATED, obj("id", problem, "objectType", "Activity", "definition", obj(
                "type", INTERACTION, "interactionType", "choice",
                "description", obj("en-US", "Which force keeps the Moon in orbit?"),
                "extensions", obj(ATTEMPT_ID, attempts))), result);
    }

    /** edx.grades.problem.submitted: attempted on a question, with the weighted score. */
    private static ObjectNode gradeSubmitted(String id, String block, double earned, double possible) {
        return statement(id, ADL + "attempted", obj("id", block, "objectType", "Activity",
                "definition", obj("type", QUESTION)), obj(
                        "score", obj("min", 0, "max", possible, "raw", earned,
                                "scaled", possible > 0 ? earned / possible : 0.0),
                        "success", earned >= possible));
    }

    private static ObjectNode score(double raw, double max) {
        return obj("min", 0, "max", max, "raw", raw, "scaled", max > 0 ? raw / max : 0.0);
    }

    /** The problem-level statement of a problem with several inputs (a GroupActivity). */
    private static ObjectNode multiInputCheck(String id, int attempts, ObjectNode result) {
        return statement(id, EVALUATED, multiInputProblem(attempts), result);
    }

    private static ObjectNode multiInputProblem(int attempts) {
        return obj("id", MULTI, "objectType", "GroupActivity", "definition", obj(
                "type", INTERACTION, "name", obj("en-US", "Kinematics"), "interactionType", "other",
                "extensions", obj(ATTEMPT_ID, attempts)));
    }

    /** One input's statement of a problem with several inputs: refers to the problem's statement and activity. */
    private static ObjectNode inputCheck(String id, String parentStatementId, String input, int attempts,
            boolean success) {
        ObjectNode st = statement(id, EVALUATED, obj("id", MULTI + "_" + input, "objectType", "Activity",
                "definition", obj("type", INTERACTION, "interactionType", "numeric",
                        "description", obj("en-US", "Input " + input),
                        "extensions", obj(ATTEMPT_ID, attempts))),
                obj("response", "9.81", "success", success));
        return with(with(st, "context.statement", obj("objectType", "StatementRef", "id", parentStatementId)),
                "context.contextActivities", obj("parent", arr(multiInputProblem(attempts)),
                        "grouping", arr(courseActivity())));
    }

    @Nested
    class Xapi {

        @Test
        void aCheckOfAProblemWithOneInputIsOneAttemptFromTheServersEvaluation() {
            ArrayNode check = arr(
                    browserCheck("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a01", PROBLEM),
                    serverCheck("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a02", PROBLEM, 3,
                            obj("score", score(0.5, 1), "success", false, "response", "gravity")),
                    gradeSubmitted("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a03", PROBLEM, 1.5, 3));

            assertThat(events("xapi", text(check))).containsExactly(
                    other("xapi", "5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a01", PROBLEM),
                    attempt("xapi", "5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a02", PROBLEM, PROBLEM, 0.5, 1, false, 3),
                    other("xapi", "5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a03", PROBLEM));
        }

        @Test
        void aCheckOfAProblemWithSeveralInputsIsOneAttemptOnTheProblemScoredAsAWhole() {
            String parent = "e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5e6";
            // 2 of 3 points: the backends' success (true) is the first input's, the problem is not fully right
            ArrayNode check = arr(
                    multiInputCheck(parent, 2, obj("score", score(2, 3), "success", true)),
                    inputCheck("e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5e7", parent, "2_1", 2, true),
                    inputCheck("e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5e8", parent, "3_1", 2, true),
                    inputCheck("e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5e9", parent, "4_1", 2, false),
                    gradeSubmitted("e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5ea", MULTI, 2, 3));

            assertThat(events("xapi", text(check))).containsExactly(
                    attempt("xapi", parent, MULTI, MULTI, 2, 3, false, 2),
                    other("xapi", "e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5e7", MULTI + "_2_1"),
                    other("xapi", "e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5e8", MULTI + "_3_1"),
                    other("xapi", "e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5e9", MULTI + "_4_1"),
                    other("xapi", "e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5ea", MULTI));
        }

        @Test
        void aProblemWithSeveralInputsIsCorrectWithFullMarksWhateverItsFirstInputSays() {
            ObjectNode full = multiInputCheck("e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5f0", 4,
                    obj("score", score(3, 3), "success", false));
            assertThat(one("xapi", text(full)))
                    .isEqualTo(attempt("xapi", "e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5f0", MULTI, MULTI, 3, 3, true, 4));
            // ungraded (no points possible): nothing to score, so the backends' verdict is kept
            ObjectNode ungraded = multiInputCheck("e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5f1", 1,
                    obj("score", score(0, 0), "success", true));
            assertThat(one("xapi", text(ungraded))).isEqualTo(attempt("xapi", "e1d5b0a2-4c3f-5d6e-8f70-91a2b3c4d5f1",
                    MULTI, MULTI, Double.NaN, Double.NaN, true, 1));
        }

        @Test
        void anUngradedProblemHasNoScoreButKeepsTheVerdict() {
            // Open edX writes scaled 0 when max_grade is 0; there is nothing to scale against
            ObjectNode check = serverCheck("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a10", PROBLEM, 1,
                    obj("score", score(0, 0), "success", true, "response", "gravity"));
            assertThat(one("xapi", text(check))).isEqualTo(attempt("xapi", "5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a10",
                    PROBLEM, PROBLEM, Double.NaN, Double.NaN, true, 1));
        }

        @Test
        void theGradeSubmissionOfABlockThatIsNotAProblemIsItsAttempt() {
            // drag-and-drop, open response and LTI blocks publish grades but send no problem_check
            String dnd = LMS + "/xblock/block-v1:Org+Phys101+2026+type@drag-and-drop-v2+block@c1d2";
            ObjectNode submitted = gradeSubmitted("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a20", dnd, 4, 5);
            assertThat(one("xapi", text(submitted)))
                    .isEqualTo(attempt("xapi", "5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a20", dnd, dnd, 4, 5, false, 1));
        }

        @Test
        void problemsAreRecognisedByTheirUsageKeyInEveryKeyStyle() {
            String ccx = LMS + "/xblock/ccx-block-v1:Org+Phys101+2026+ccx@3+type@problem+block@9f3c";
            String i4x = LMS + "/xblock/i4x://Org/Phys101/problem/9f3c";
            String notAProblem = LMS + "/xblock/i4x://Org/Phys101/video/problem";
            assertThat(one("xapi", text(gradeSubmitted("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a30", ccx, 1, 1))).kind)
                    .isEqualTo(EventKind.OTHER);
            assertThat(one("xapi", text(gradeSubmitted("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a31", i4x, 1, 1))).kind)
                    .isEqualTo(EventKind.OTHER);
            assertThat(one("xapi", text(gradeSubmitted("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a32", notAProblem, 1, 1)))
                    .kind).isEqualTo(EventKind.ATTEMPT);
        }
    }

    // ---- Caliper, as Open edX writes it ---------------------------------------------------------------------------

    private static ObjectNode caliper(String uuid, String type, String action, ObjectNode object) {
        return obj(
                "@context", "http://purl.imsglobal.org/ctx/caliper/v1p2",
                "id", "urn:uuid:" + uuid,
                "type", type,
                "action", action,
                "actor", obj("id", LMS + "/user/" + USER, "type", "Person"),
                "object", object,
                "eventTime", "2026-04-07T09:12:45.318Z",
                "session", obj("id", LMS + "/sessions/a41c", "type", "Session"),
                "extensions", obj("transformerVersion", "event-routing-backends@9.3.0"));
    }

    private static ObjectNode submitted(String uuid, String problem) {
        return caliper(uuid, "AssessmentEvent", "Submitted", obj("id", problem, "type", "Assessment",
                "extensions", obj("isPartOf", obj("id", COURSE, "type", "CourseOffering"))));
    }

    private static ObjectNode graded(String uuid, String problem, int attempts, double given, double max,
            Object success) {
        ObjectNode e = caliper(uuid, "GradeEvent", "Graded", obj(
                "id", problem + "/user/" + USER + "/attempt/" + attempts, "type", "Attempt", "extensions", obj(
                        "assignable", obj("id", problem, "type", "Assessment"),
                        "assignee", obj("id", LMS + "/user/" + USER, "type", "Person"),
                        "count", attempts,
                        "isPartOf", obj("id", COURSE, "type", "CourseOffering"))));
        e.set("generated", obj("score", obj("id", "_:score", "type", "Score", "scoreGiven", given,
                "maxScore", max, "attempts", attempts, "extensions", obj("success", success))));
        return e;
    }

    private static ObjectNode envelope(ObjectNode... events) {
        return obj("sensor", LMS, "sendTime", "2026-04-07T09:12:46.000Z",
                "dataVersion", "http://purl.imsglobal.org/ctx/caliper/v1p2", "data", arr((Object[]) events));
    }

    @Nested
    class Caliper {

        @Test
        void aCheckIsOneAttemptFromItsGradeEvent() {
            ObjectNode check = envelope(
                    submitted("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c01", PROBLEM),
                    graded("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c02", PROBLEM, 3, 0.5, 1, "False"),
                    submitted("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c03", PROBLEM));

            assertThat(events("caliper", text(check))).containsExactly(
                    other("caliper", "urn:uuid:7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c01", PROBLEM),
                    attempt("caliper", "urn:uuid:7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c02",
                            PROBLEM + "/user/" + USER + "/attempt/3", PROBLEM, 0.5, 1, false, 3),
                    other("caliper", "urn:uuid:7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c03", PROBLEM));
        }

        @Test
        void theVerdictIsOpenEdxsOwnSuccessFlag() {
            // an ungraded problem answered right: no usable score, correct all the same
            ObjectNode ungraded = graded("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c10", PROBLEM, 1, 0, 0, "True");
            assertThat(one("caliper", text(ungraded))).isEqualTo(attempt("caliper",
                    "urn:uuid:7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c10", PROBLEM + "/user/" + USER + "/attempt/1",
                    PROBLEM, Double.NaN, Double.NaN, true, 1));
            ObjectNode asBoolean = graded("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c11", PROBLEM, 2, 1, 1, false);
            assertThat(one("caliper", text(asBoolean)).correct).isFalse();
        }

        @Test
        void anUnreadableVerdictIsAnInvalidField() {
            List<ParseResult> rs = parser.parse("caliper",
                    text(graded("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c12", PROBLEM, 1, 1, 1, "yes")), INGEST);
            assertThat(rs).hasSize(1);
            assertThat(rs.get(0).deadLetter.reason).isEqualTo(DeadLetterReason.INVALID_FIELD);
            assertThat(rs.get(0).deadLetter.error).isEqualTo("Caliper: the generated Score's extensions.success "
                    + "(Open edX's verdict) must be \"True\" or \"False\" (was 'yes')");
        }

        @Test
        void openEdxsProblemCompletedIsNotACheck() {
            ObjectNode completed = caliper("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c20", "AssessmentItemEvent", "Completed",
                    obj("id", PROBLEM, "type", "AssessmentItem",
                            "extensions", obj("isPartOf", obj("id", COURSE, "type", "CourseOffering"))));
            assertThat(one("caliper", text(completed)))
                    .isEqualTo(other("caliper", "urn:uuid:7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c20", PROBLEM));
        }

        @Test
        void theSameCheckIsTheSameAttemptInXapiAndCaliper() {
            LearnerEvent x = one("xapi", text(serverCheck("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a40", PROBLEM, 2,
                    obj("score", score(1, 1), "success", true, "response", "gravity"))));
            LearnerEvent c = one("caliper", text(graded("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c40", PROBLEM, 2, 1, 1,
                    "True")));
            // only what identifies the record differs
            c.eventId = x.eventId;
            c.objectId = x.objectId;
            c.source = x.source;
            c.format = x.format;
            assertThat(c).isEqualTo(x);
        }
    }

    @Nested
    class Learners {

        @Test
        void anOpenEdxUserIsOneLearnerInXapiAndCaliper() {
            LearnerEvent x = one("xapi", text(browserCheck("5b0c8a66-8f63-5c5e-a1d2-0c6f7e3b9a50", PROBLEM)));
            LearnerEvent actor = one("caliper", text(submitted("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c50", PROBLEM)));
            ObjectNode byInstructor = with(graded("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c51", PROBLEM, 1, 1, 1, "True"),
                    "actor", obj("id", LMS + "/user/11111111-2222-4333-8444-555555555555", "type", "Person"));
            LearnerEvent assignee = one("caliper", text(byInstructor));
            assertThat(x.learnerId).isEqualTo(LEARNER);
            assertThat(actor.learnerId).isEqualTo(LEARNER);
            assertThat(assignee.learnerId).isEqualTo(LEARNER);
        }

        @Test
        void onlyOpenEdxUserIrisOfOpenEdxEventsAreRewritten() {
            ObjectNode event = submitted("7a0e4c1b-2d3f-4a5b-8c6d-7e8f9a0b1c60", PROBLEM);
            // another platform's IRI of the same shape, in an event not written by Open edX
            ObjectNode elsewhere = with(with(event, "extensions", obj("sensorVersion", "lms-tracker@2.1")),
                    "actor", obj("id", "https://lms.example.edu/user/42", "type", "Person"));
            assertThat(one("caliper", text(elsewhere)).learnerId).isEqualTo("https://lms.example.edu/user/42");
            ObjectNode unsigned = with(with(event, "extensions", Json.REMOVE),
                    "actor", obj("id", LMS + "/user/" + USER, "type", "Person"));
            assertThat(one("caliper", text(unsigned)).learnerId).isEqualTo(LMS + "/user/" + USER);
            // Open edX events with ids of other shapes keep them
            for (String id : List.of(LMS + "/users/" + USER, LMS + "/user/" + USER + "/profile",
                    LMS + "/user/", "urn:uuid:" + USER, "https://courses.example.org/user/a?b=c")) {
                ObjectNode e = with(event, "actor", obj("id", id, "type", "Person"));
                assertThat(one("caliper", text(e)).learnerId).as(id).isEqualTo(id);
            }
        }
    }
}
