package io.learnpulse.pipeline;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Course;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.catalog.Video;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.sink.OutputFiles;
import io.learnpulse.pipeline.source.FileInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * xAPI statements and Caliper envelopes through the whole job: two learners, one reported by an LRS
 * client in xAPI and one by a Caliper sensor, watch part of the segment that teaches a question and
 * answer it; one bad statement in a batch and one bad Caliper event are dead-lettered on their own.
 */
class StandardsReplayTest {
    static final String COURSE = "https://lms.example.org/courses/algebra";
    static final String VIDEO = "https://lms.example.org/videos/v1";
    static final String QUESTION = "https://lms.example.org/courses/algebra/q/1";

    @TempDir
    static Path dir;
    static Path out;

    static Catalog catalog() {
        Video v = new Video(VIDEO, COURSE, 300, List.of(new Segment("s1", VIDEO, 60, 120)));
        return new Catalog(List.of(new Course(COURSE, "Algebra", List.of(v),
                List.of(new Question(QUESTION, COURSE, List.of("k1"), VIDEO, "s1")), List.of())));
    }

    private static String statement(String id, String verb, String object, String objectType, String result,
            String time) {
        return "{\"id\":\"" + id + "\",\"actor\":{\"objectType\":\"Agent\",\"mbox\":\"mailto:ann@example.com\"},"
                + "\"verb\":{\"id\":\"" + verb + "\",\"display\":{\"en-US\":\"did\"}},"
                + "\"object\":{\"objectType\":\"Activity\",\"id\":\"" + object + "\",\"definition\":{\"type\":\""
                + objectType + "\"}}," + (result == null ? "" : "\"result\":" + result + ",")
                + "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"" + COURSE
                + "\",\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}}]}},"
                + "\"timestamp\":\"" + time + "\"}";
    }

    private static String video(String verb, double time) {
        return "{\"extensions\":{\"https://w3id.org/xapi/video/extensions/time\":" + time + "}}";
    }

    private static String caliper(String id, String type, String action, String object, String extra, String time) {
        return "{\"@context\":\"http://purl.imsglobal.org/ctx/caliper/v1p2\",\"id\":\"urn:uuid:" + id + "\",\"type\":\""
                + type + "\",\"actor\":{\"id\":\"https://lms.example.org/users/bob\",\"type\":\"Person\"},\"action\":\""
                + action + "\",\"object\":" + object + "," + extra + "\"eventTime\":\"" + time + "\","
                + "\"group\":{\"id\":\"" + COURSE + "\",\"type\":\"CourseSection\"}}";
    }

    @BeforeAll
    static void replay() throws Exception {
        String videoType = "https://w3id.org/xapi/video/activity-type/video";
        String played = "https://w3id.org/xapi/video/verbs/played";
        String paused = "https://w3id.org/xapi/video/verbs/paused";
        Files.write(dir.resolve("xapi.jsonl"), List.of(
                "[" + statement("6a9e2c5e-1c1a-4f7e-9d3b-000000000001", played, VIDEO, videoType, video("played", 60),
                        "2026-01-05T10:00:10Z") + ","
                        + statement("6a9e2c5e-1c1a-4f7e-9d3b-000000000002", paused, VIDEO, videoType,
                                video("paused", 100), "2026-01-05T10:00:50Z") + "]",
                "[" + statement("6a9e2c5e-1c1a-4f7e-9d3b-000000000003", "http://adlnet.gov/expapi/verbs/answered",
                        QUESTION, "http://adlnet.gov/expapi/activities/question",
                        "{\"success\":false,\"score\":{\"raw\":0,\"max\":1}}", "2026-01-05T10:02:00Z") + ","
                        + "{\"id\":\"6a9e2c5e-1c1a-4f7e-9d3b-000000000004\",\"actor\":{\"mbox\":\"mailto:ann@example.com\"},"
                        + "\"object\":{\"id\":\"" + QUESTION + "\"},\"timestamp\":\"2026-01-05T10:02:01Z\"}]"));
        String videoObject = "{\"id\":\"" + VIDEO + "\",\"type\":\"VideoObject\",\"duration\":\"PT5M\"}";
        Files.write(dir.resolve("caliper.jsonl"), List.of(
                "{\"sensor\":\"https://lms.example.org/sensor\",\"sendTime\":\"2026-01-05T10:03:00Z\","
                        + "\"dataVersion\":\"http://purl.imsglobal.org/ctx/caliper/v1p2\",\"data\":["
                        + caliper("00000000-0000-4000-8000-000000000001", "MediaEvent", "Started", videoObject,
                                "\"target\":{\"id\":\"" + VIDEO + "?t=60\",\"type\":\"MediaLocation\",\"currentTime\":\"PT1M\"},",
                                "2026-01-05T10:00:05Z") + ","
                        + caliper("00000000-0000-4000-8000-000000000002", "MediaEvent", "Paused", videoObject,
                                "\"target\":{\"id\":\"" + VIDEO + "?t=110\",\"type\":\"MediaLocation\",\"currentTime\":\"PT1M50S\"},",
                                "2026-01-05T10:00:55Z") + ","
                        + caliper("00000000-0000-4000-8000-000000000003", "MediaEvent", "Deleted", videoObject, "",
                                "2026-01-05T10:00:56Z") + ","
                        + caliper("00000000-0000-4000-8000-000000000004", "AssessmentItemEvent", "Completed",
                                "{\"id\":\"" + QUESTION + "\",\"type\":\"AssessmentItem\"}",
                                "\"generated\":{\"id\":\"" + QUESTION + "/responses/1\",\"type\":\"Response\","
                                        + "\"attempt\":{\"id\":\"" + QUESTION + "/attempts/1\",\"type\":\"Attempt\",\"count\":1}},",
                                "2026-01-05T10:01:30Z") + "]}"));
        out = dir.resolve("out");
        LearnPulseConfig config = LearnPulseConfig.defaults().withoutIdleness();
        new FusionJob(config, catalog(), FileInputs.of(dir), OutputFiles.withEvents(out))
                .execute(Engine.environment(config, Engine.Mode.BOUNDED), "standards");
    }

    @Test
    void fusesAttemptsReportedInXapiAndCaliperWithTheVideoWatchedBeforeThem() throws Exception {
        Map<String, FusedAttempt> fin = Files.readAllLines(out.resolve(OutputFiles.FUSED)).stream()
                .map(JsonLines::readFusedAttempt).filter(f -> f.status.equals(Status.FINAL))
                .collect(Collectors.toMap(f -> f.learnerId, f -> f));
        assertThat(fin).containsOnlyKeys("mailto:ann@example.com", "https://lms.example.org/users/bob");

        FusedAttempt ann = fin.get("mailto:ann@example.com");
        assertThat(ann.key).isEqualTo("6a9e2c5e-1c1a-4f7e-9d3b-000000000003");
        assertThat(ann.courseId).isEqualTo(COURSE);
        assertThat(ann.questionId).isEqualTo(QUESTION);
        assertThat(ann.skillIds).containsExactly("k1");
        assertThat(ann.videoCoverage).isCloseTo(40.0 / 60.0, within(1e-9));   // watched 60..100 of 60..120
        assertThat(ann.correct).isFalse();

        FusedAttempt bob = fin.get("https://lms.example.org/users/bob");
        assertThat(bob.key).isEqualTo("urn:uuid:00000000-0000-4000-8000-000000000004");
        assertThat(bob.videoCoverage).isCloseTo(50.0 / 60.0, within(1e-9));  // watched 60..110
    }

    @Test
    void deadLettersOnlyTheInvalidStatementAndEvent() throws Exception {
        List<DeadLetter> dead = Files.readAllLines(out.resolve(OutputFiles.DEAD_LETTERS)).stream()
                .map(JsonLines::readDeadLetter).collect(Collectors.toList());
        assertThat(dead).hasSize(2);
        assertThat(dead).anySatisfy(d -> {
            assertThat(d.source).isEqualTo("xapi");
            assertThat(d.error).contains("verb").endsWith("(statement 2 of 2)");
            assertThat(d.raw).contains("000000000004");
        });
        assertThat(dead).anySatisfy(d -> {
            assertThat(d.source).isEqualTo("caliper");
            assertThat(d.error).contains("Deleted");
        });
    }

    @Test
    void alertsOnBothWrongAnswersFollowedBySilenceButSendsNoReviewHint() throws Exception {
        List<String> interventions = Files.readAllLines(out.resolve(OutputFiles.INTERVENTIONS));
        // 67% and 83% of the segment were watched: above the 50% threshold, so no review hint; both
        // learners answered wrong and did nothing for 15 minutes: one disengagement alert each.
        assertThat(interventions).hasSize(2).allMatch(l -> l.contains("\"rule\":\"disengagement\""));
        assertThat(interventions).anyMatch(l -> l.contains("\"learner_id\":\"mailto:ann@example.com\""));
        assertThat(interventions).anyMatch(l -> l.contains("\"learner_id\":\"https://lms.example.org/users/bob\""));
    }

    @Test
    void writesEveryParsedEventSoUsersCanSeeHowTheirDataWasUnderstood() throws Exception {
        List<io.learnpulse.core.event.LearnerEvent> events = Files.readAllLines(out.resolve(OutputFiles.EVENTS)).stream()
                .map(JsonLines::readLearnerEvent).collect(Collectors.toList());
        assertThat(events).extracting(e -> e.format + " " + e.kind + " " + e.learnerId).containsExactlyInAnyOrder(
                "xapi VIDEO mailto:ann@example.com", "xapi VIDEO mailto:ann@example.com",
                "xapi ATTEMPT mailto:ann@example.com",
                "caliper VIDEO https://lms.example.org/users/bob", "caliper VIDEO https://lms.example.org/users/bob",
                "caliper ATTEMPT https://lms.example.org/users/bob");
        assertThat(events).allSatisfy(e -> assertThat(e.courseId).isEqualTo(COURSE));
        assertThat(events).filteredOn(e -> e.kind == io.learnpulse.core.event.EventKind.VIDEO)
                .extracting(e -> e.position).containsExactlyInAnyOrder(60.0, 100.0, 60.0, 110.0);
    }
}
