package io.learnpulse.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Course;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.catalog.Video;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.sink.OutputFiles;
import io.learnpulse.pipeline.source.FileInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An Open edX learner through the whole job, from pretty-printed {@code .json} exports: the problem checks
 * come from the xAPI backend (each check as the backend sends it: the browser's and the server's
 * {@code problem_check}, the per-input statements of a problem with several inputs, the grade submission),
 * the video from the Caliper backend. Each check is one attempt, numbered as Open edX numbers it, and the
 * Caliper video is the same learner's, so it is fused with the xAPI attempts.
 */
class OpenEdxReplayTest {
    static final String LMS = "https://courses.example.org";
    static final String COURSE = LMS + "/course/course-v1:Org+Phys101+2026";
    static final String BLOCK = LMS + "/xblock/block-v1:Org+Phys101+2026+type@";
    static final String VIDEO = BLOCK + "video+block@v1";
    static final String PROBLEM = BLOCK + "problem+block@p1";
    static final String MULTI = BLOCK + "problem+block@p2";
    static final String USER = "0f5e2a7c-3b1d-4e8f-9a6b-2c4d6e8f0a1b";
    static final String LEARNER = "account:" + LMS + "|" + USER;

    static final String ADL = "http://adlnet.gov/expapi/verbs/";
    static final String EVALUATED = "https://w3id.org/xapi/acrossx/verbs/evaluated";
    static final String INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction";
    static final String ATTEMPT_ID = "http://id.tincanapi.com/extension/attempt-id";

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path out;

    static Catalog catalog() {
        Video v = new Video(VIDEO, COURSE, 300, List.of(new Segment("s1", VIDEO, 60, 120)));
        return new Catalog(List.of(new Course(COURSE, "Physics 101", List.of(v), List.of(
                new Question(PROBLEM, COURSE, List.of("gravity"), VIDEO, "s1"),
                new Question(MULTI, COURSE, List.of("kinematics"), null, null)), List.of())));
    }

    static ObjectNode obj(Object... kv) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return o;
    }

    static ArrayNode arr(Object... values) {
        ArrayNode a = JSON.createArrayNode();
        for (Object v : values) {
            a.add(JSON.<JsonNode>valueToTree(v));
        }
        return a;
    }

    static ObjectNode statement(String id, String verb, ObjectNode object, ObjectNode result, String time) {
        ObjectNode st = obj(
                "id", id,
                "actor", obj("objectType", "Agent", "account", obj("homePage", LMS, "name", USER)),
                "verb", obj("id", verb, "display", obj("en", verb.substring(verb.lastIndexOf('/') + 1))),
                "object", object,
                "context", obj(
                        "contextActivities", obj("parent", arr(obj("id", COURSE, "objectType", "Activity",
                                "definition", obj("type", "http://adlnet.gov/expapi/activities/course")))),
                        "extensions", obj("https://w3id.org/xapi/openedx/extension/transformer-version",
                                "event-routing-backends@9.3.0")),
                "timestamp", time,
                "version", "1.0.3");
        if (result != null) {
            st.set("result", result);
        }
        return st;
    }

    static ObjectNode problem(String id, String objectType, String interactionType, int attempts) {
        return obj("id", id, "objectType", objectType, "definition", obj("type", INTERACTION,
                "interactionType", interactionType, "extensions", obj(ATTEMPT_ID, attempts)));
    }

    static ObjectNode score(double raw, double max) {
        return obj("min", 0, "max", max, "raw", raw, "scaled", raw / max);
    }

    /** The statements Open edX's xAPI backend sends for one check of the one-input problem. */
    static List<ObjectNode> check(String ids, int attempts, boolean correct, String time) {
        double raw = correct ? 1 : 0;
        return List.of(
                statement(ids + "1", ADL + "attempted", obj("id", PROBLEM,
                        "definition", obj("type", INTERACTION, "interactionType", "other")), null, time),
                statement(ids + "2", EVALUATED, problem(PROBLEM, "Activity", "choice", attempts),
                        obj("score", score(raw, 1), "success", correct, "response", "gravity"), time),
                statement(ids + "3", ADL + "attempted", obj("id", PROBLEM,
                        "definition", obj("type", "http://adlnet.gov/expapi/activities/question")),
                        obj("score", score(raw, 1), "success", correct), time));
    }

    @BeforeAll
    static void replay() throws Exception {
        ArrayNode xapi = JSON.createArrayNode();
        xapi.addAll(check("6f1b2c3d-0000-4000-8000-00000000010", 1, false, "2026-04-07T10:05:00.400Z"));
        xapi.addAll(check("6f1b2c3d-0000-4000-8000-00000000020", 2, true, "2026-04-07T10:06:00.400Z"));
        String parent = "6f1b2c3d-0000-4000-8000-000000000300";
        xapi.add(statement(parent, EVALUATED, problem(MULTI, "GroupActivity", "other", 1),
                obj("score", score(1, 2), "success", true), "2026-04-07T10:07:00.400Z"));
        for (String input : List.of("2_1", "3_1")) {
            ObjectNode part = statement("6f1b2c3d-0000-4000-8000-00000000031" + input.charAt(0), EVALUATED,
                    problem(MULTI + "_" + input, "Activity", "numeric", 1),
                    obj("response", "9.8", "success", input.equals("2_1")), "2026-04-07T10:07:00.400Z");
            ObjectNode context = (ObjectNode) part.get("context");
            context.set("statement", obj("objectType", "StatementRef", "id", parent));
            context.set("contextActivities", obj("parent", arr(problem(MULTI, "GroupActivity", "other", 1)),
                    "grouping", arr(obj("id", COURSE, "definition",
                            obj("type", "http://adlnet.gov/expapi/activities/course")))));
            xapi.add(part);
        }
        xapi.add(statement("6f1b2c3d-0000-4000-8000-000000000330", ADL + "attempted", obj("id", MULTI,
                "definition", obj("type", "http://adlnet.gov/expapi/activities/question")),
                obj("score", score(1, 2), "success", false), "2026-04-07T10:07:00.400Z"));
        Files.writeString(dir.resolve("xapi-openedx.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(xapi));

        ObjectNode videoObject = obj("id", VIDEO, "type", "VideoObject", "duration", "PT5M",
                "extensions", obj("isPartOf", obj("id", COURSE, "type", "CourseOffering")));
        ArrayNode media = JSON.createArrayNode();
        String[][] playback = {{"Started", "PT1M", "2026-04-07T10:00:00.000Z"}, {"Paused", "PT1M40S",
                "2026-04-07T10:00:40.000Z"}};
        for (int i = 0; i < playback.length; i++) {
            media.add(obj("@context", "http://purl.imsglobal.org/ctx/caliper/v1p2",
                    "id", "urn:uuid:0c2521d1-2449-42fe-85d9-c706040b0d0" + i, "type", "MediaEvent",
                    "action", playback[i][0], "actor", obj("id", LMS + "/user/" + USER, "type", "Person"),
                    "object", videoObject, "target", obj("id", "_:MediaLocation", "type", "MediaLocation",
                            "currentTime", playback[i][1]),
                    "eventTime", playback[i][2],
                    "extensions", obj("transformerVersion", "event-routing-backends@9.3.0")));
        }
        ObjectNode envelope = obj("sensor", LMS, "sendTime", "2026-04-07T10:00:41.000Z",
                "dataVersion", "http://purl.imsglobal.org/ctx/caliper/v1p2", "data", media);
        Files.writeString(dir.resolve("caliper-openedx.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(envelope));

        out = dir.resolve("out");
        LearnPulseConfig config = LearnPulseConfig.defaults().withoutIdleness();
        new FusionJob(config, catalog(), FileInputs.of(dir), OutputFiles.withEvents(out))
                .execute(Engine.environment(config, Engine.Mode.BOUNDED), "openedx");
    }

    private static <T> List<T> read(String file, Function<String, T> reader) throws IOException {
        return Files.readAllLines(out.resolve(file)).stream().map(reader).collect(Collectors.toList());
    }

    @Test
    void readsEveryStatementAndEventOfThePrettyPrintedDocuments() throws IOException {
        assertThat(Files.readAllLines(out.resolve(OutputFiles.DEAD_LETTERS))).isEmpty();
        List<LearnerEvent> events = read(OutputFiles.EVENTS, JsonLines::readLearnerEvent);
        assertThat(events).hasSize(12); // 3 + 3 + 4 statements, 2 Caliper events
        assertThat(events).allSatisfy(e -> {
            assertThat(e.learnerId).isEqualTo(LEARNER);
            assertThat(e.courseId).isEqualTo(COURSE);
        });
        assertThat(events).filteredOn(e -> e.kind == EventKind.ATTEMPT).extracting(e -> e.eventId)
                .containsExactlyInAnyOrder("6f1b2c3d-0000-4000-8000-000000000102",
                        "6f1b2c3d-0000-4000-8000-000000000202", "6f1b2c3d-0000-4000-8000-000000000300");
    }

    @Test
    void eachCheckIsOneAttemptFusedWithTheVideoSeenInCaliper() throws IOException {
        Map<String, FusedAttempt> fin = read(OutputFiles.FUSED, JsonLines::readFusedAttempt).stream()
                .filter(f -> f.status.equals(Status.FINAL)).collect(Collectors.toMap(f -> f.key, f -> f));
        assertThat(fin).containsOnlyKeys("6f1b2c3d-0000-4000-8000-000000000102",
                "6f1b2c3d-0000-4000-8000-000000000202", "6f1b2c3d-0000-4000-8000-000000000300");

        FusedAttempt first = fin.get("6f1b2c3d-0000-4000-8000-000000000102");
        assertThat(first.learnerId).isEqualTo(LEARNER);
        assertThat(first.attemptNumber).isEqualTo(1);
        assertThat(first.correct).isFalse();
        assertThat(first.skillIds).containsExactly("gravity");
        assertThat(first.videoCoverage).isCloseTo(40.0 / 60.0, within(1e-9)); // watched 60..100 of 60..120

        FusedAttempt second = fin.get("6f1b2c3d-0000-4000-8000-000000000202");
        assertThat(second.attemptNumber).isEqualTo(2);
        assertThat(second.correct).isTrue();

        FusedAttempt multi = fin.get("6f1b2c3d-0000-4000-8000-000000000300");
        assertThat(multi.questionId).isEqualTo(MULTI);
        assertThat(multi.attemptNumber).isEqualTo(1);
        assertThat(multi.score).isEqualTo(1.0);
        assertThat(multi.maxScore).isEqualTo(2.0);
        assertThat(multi.correct).isFalse(); // half the points, whatever the first input's verdict
    }

    @Test
    void itemStatisticsCountOneAttemptPerCheck() throws IOException {
        Map<String, QuestionStats> last = read(OutputFiles.QUESTION_STATS, JsonLines::readQuestionStats).stream()
                .filter(q -> q.status.equals(Status.FINAL))
                .collect(Collectors.toMap(q -> q.key, q -> q,
                        (a, b) -> Comparator.<QuestionStats>comparingInt(q -> q.revision).compare(a, b) >= 0 ? a : b));
        assertThat(last).containsOnlyKeys(PROBLEM, MULTI);
        assertThat(last.get(PROBLEM).attempts).isEqualTo(2);
        assertThat(last.get(PROBLEM).firstAttempts).isEqualTo(1);
        assertThat(last.get(PROBLEM).firstAttemptsCorrect).isZero();
        assertThat(last.get(MULTI).attempts).isEqualTo(1);
        assertThat(last.get(MULTI).firstAttempts).isEqualTo(1);
    }
}
