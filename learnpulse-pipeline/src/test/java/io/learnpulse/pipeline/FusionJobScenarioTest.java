package io.learnpulse.pipeline;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.LearnerSession;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.learnpulse.pipeline.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job on an embedded Flink cluster over a small hand-written scenario, from files to files:
 * two learners watch and answer, with a legacy v1 record, an out-of-order pair, a duplicate, an event
 * beyond allowed lateness and a malformed record.
 */
class FusionJobScenarioTest {

    @TempDir
    static Path dir;
    static Path out;

    @BeforeAll
    static void runTheJob() throws Exception {
        writeScenario(dir);
        out = dir.resolve("out");
        LearnPulseConfig config = LearnPulseConfig.defaults().withoutIdleness();
        new FusionJob(config, TestEvents.catalog(), FileInputs.of(dir), OutputFiles.in(out))
                .execute(Engine.environment(config, Engine.Mode.BOUNDED), "scenario");
    }

    /** Writes the scenario's three input files into {@code dir/events}. */
    static void writeScenario(Path dir) throws IOException {
        Path events = dir.resolve("events");
        Files.createDirectories(events);
        Files.write(events.resolve("clickstream.jsonl"), List.of(
                // v1 legacy record: 11:00+01:00 is T0
                "{\"user_id\":\"A\",\"course_id\":\"c1\",\"timestamp\":\"2026-01-05T11:00:00+01:00\",\"page_id\":\"p1\",\"event_type\":\"page_view\"}",
                v2("p-c1", "C", at(600), "\"page_id\":\"p1\",\"event_type\":\"page_view\""),
                // 500 s behind the newest clickstream event: beyond 5 s out-of-orderness + 2 min lateness
                v2("p-a-late", "A", at(100), "\"page_id\":\"p1\",\"event_type\":\"page_view\"")));
        Files.write(events.resolve("video.jsonl"), List.of(
                v2("v-b1", "B", at(5), "\"video_id\":\"v1\",\"action\":\"play\",\"position\":0"),
                v2("v-a1", "A", at(10), "\"video_id\":\"v1\",\"action\":\"play\",\"position\":0"),
                v2("v-b2", "B", at(15), "\"video_id\":\"v1\",\"action\":\"seek\",\"seek_from\":10,\"position\":130"),
                v2("v-b3", "B", at(25), "\"video_id\":\"v1\",\"action\":\"pause\",\"position\":140"),
                v2("v-a2", "A", at(70), "\"video_id\":\"v1\",\"action\":\"pause\",\"position\":60"),
                v2("v-a3", "A", at(80), "\"video_id\":\"v1\",\"action\":\"play\",\"position\":60"),
                v2("v-a4", "A", at(110), "\"video_id\":\"v1\",\"action\":\"pause\",\"position\":90")));
        String attemptB = v2("q-b1", "B", at(40), attempt("q1", false, 1));
        Files.write(events.resolve("assessment.jsonl"), List.of(
                attemptB,
                attemptB, // re-delivered
                "{\"schema_version\":2,\"event_id\":\"broken\",\"learner_id\":\"A\"",
                v2("q-a1", "A", at(120), attempt("q1", false, 1)),
                v2("q-a2", "A", at(130), attempt("q1", true, 2)),
                // 3 s out of order, within the 5 s bound
                v2("h-a1", "A", at(127), "\"type\":\"hint\",\"question_id\":\"q1\",\"hint_index\":1")));
    }

    private static String v2(String id, String learner, long ts, String fields) {
        return "{\"schema_version\":2,\"event_id\":\"" + id + "\",\"learner_id\":\"" + learner
                + "\",\"course_id\":\"c1\",\"ts\":" + ts + "," + fields + "}";
    }

    private static String attempt(String question, boolean correct, int n) {
        return "\"question_id\":\"" + question + "\",\"score\":" + (correct ? 1 : 0) + ",\"max_score\":1,\"correct\":"
                + correct + ",\"attempt_number\":" + n;
    }

    private static <T> List<T> read(String file, Function<String, T> reader) throws IOException {
        return Files.readAllLines(out.resolve(file)).stream().map(reader).collect(Collectors.toList());
    }

    private static Map<String, FusedAttempt> finalFused() throws IOException {
        return read(OutputFiles.FUSED, JsonLines::readFusedAttempt).stream()
                .filter(f -> f.status.equals(Status.FINAL))
                .collect(Collectors.toMap(f -> f.key, f -> f));
    }

    @Test
    void fusesEachAttemptWithTheEngagementBeforeIt() throws IOException {
        Map<String, FusedAttempt> fin = finalFused();
        assertThat(fin).containsOnlyKeys("q-a1", "q-a2", "q-b1");

        FusedAttempt a1 = fin.get("q-a1");
        assertThat(a1.learnerId).isEqualTo("A");
        assertThat(a1.skillIds).containsExactly("k1");
        assertThat(a1.segmentId).isEqualTo("s1");
        assertThat(a1.videoCoverage).isEqualTo(0.5);
        assertThat(a1.videoSeconds).isEqualTo(90.0);
        assertThat(a1.segmentSkipped).isFalse();
        assertThat(a1.pagesViewed).isEqualTo(1);          // the v1 page view; the late one is not counted
        assertThat(a1.hintsUsed).isZero();
        assertThat(a1.secondsSinceLastActivity).isEqualTo(10.0);

        FusedAttempt a2 = fin.get("q-a2");
        assertThat(a2.correct).isTrue();
        assertThat(a2.attemptNumber).isEqualTo(2);
        assertThat(a2.hintsUsed).isEqualTo(1);            // the hint that arrived after the attempt
        assertThat(a2.secondsSinceLastActivity).isEqualTo(3.0);

        FusedAttempt b1 = fin.get("q-b1");
        assertThat(b1.videoCoverage).isEqualTo(0.0);
        assertThat(b1.videoSeconds).isEqualTo(20.0);      // [0, 10] and [130, 140]
        assertThat(b1.segmentSkipped).isTrue();            // seek 10 -> 130 jumps over [60, 120)
        assertThat(b1.secondsSinceLastActivity).isEqualTo(15.0);

        assertThat(fin.values()).allSatisfy(f -> assertThat(f.revision).isEqualTo(1));
    }

    @Test
    void emitsOneSpeculativeRecordPerAttemptAndNoneForTheDuplicate() throws IOException {
        List<FusedAttempt> spec = read(OutputFiles.FUSED, JsonLines::readFusedAttempt).stream()
                .filter(f -> f.status.equals(Status.SPECULATIVE)).collect(Collectors.toList());
        assertThat(spec).extracting(f -> f.key).containsExactlyInAnyOrder("q-a1", "q-a2", "q-b1");
        // The hint was still in flight when the second attempt arrived.
        assertThat(spec.stream().filter(f -> f.key.equals("q-a2")).findFirst().get().hintsUsed).isZero();
    }

    @Test
    void routesTheMalformedAndTheLateRecordWithTheirReasons() throws IOException {
        List<DeadLetter> dead = read(OutputFiles.DEAD_LETTERS, JsonLines::readDeadLetter);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).source).isEqualTo("assessment");
        assertThat(dead.get(0).reason).isEqualTo("malformed_json");
        assertThat(dead.get(0).raw).isEqualTo("{\"schema_version\":2,\"event_id\":\"broken\",\"learner_id\":\"A\"");

        List<LateEvent> late = read(OutputFiles.LATE, JsonLines::readLateEvent);
        assertThat(late).hasSize(1);
        assertThat(late.get(0).eventId).isEqualTo("p-a-late");
        assertThat(late.get(0).source).isEqualTo("clickstream");
        assertThat(late.get(0).raw).contains("\"event_id\":\"p-a-late\"");
        assertThat(late.get(0).reason).contains("allowed lateness");
    }

    @Test
    void countsQuestionStatisticsOverDeduplicatedAttempts() throws IOException {
        List<QuestionStats> finals = read(OutputFiles.QUESTION_STATS, JsonLines::readQuestionStats).stream()
                .filter(q -> q.status.equals(Status.FINAL)).collect(Collectors.toList());
        QuestionStats last = finals.get(finals.size() - 1);
        assertThat(last.questionId).isEqualTo("q1");
        assertThat(last.attempts).isEqualTo(3);
        assertThat(last.firstAttempts).isEqualTo(2);
        assertThat(last.firstAttemptsCorrect).isZero();
        assertThat(last.firstAttemptCorrectRate).isEqualTo(0.0);
        assertThat(last.eventTime).isEqualTo(at(130));
    }

    @Test
    void aggregatesEveryWindowOfEveryLearner() throws IOException {
        Map<String, LearnerAggregate> aggs = read(OutputFiles.AGGREGATES, JsonLines::readLearnerAggregate).stream()
                .collect(Collectors.toMap(a -> a.key, a -> a));
        // 5-minute windows every minute: A's events (0..130 s) fall in windows ending 1..7 min,
        // B's (5..40 s) in 1..5 min, C's (600 s) in 11..15 min.
        assertThat(aggs.keySet().stream().filter(k -> k.startsWith("A@"))).hasSize(7);
        assertThat(aggs.keySet().stream().filter(k -> k.startsWith("B@"))).hasSize(5);
        assertThat(aggs.keySet().stream().filter(k -> k.startsWith("C@"))).hasSize(5);

        LearnerAggregate a60 = aggs.get("A@" + at(60));
        assertThat(a60.events).isEqualTo(2);
        assertThat(a60.pagesViewed).isEqualTo(1);
        assertThat(a60.videoSeconds).isEqualTo(50.0);

        LearnerAggregate a420 = aggs.get("A@" + at(420));   // [120 s, 420 s)
        assertThat(a420.events).isEqualTo(3);
        assertThat(a420.attempts).isEqualTo(2);
        assertThat(a420.correct).isEqualTo(1);
        assertThat(a420.meanScore).isEqualTo(0.5);
        assertThat(a420.hints).isEqualTo(1);

        for (long end = 60; end <= 300; end += 60) {
            LearnerAggregate b = aggs.get("B@" + at(end));
            assertThat(b.events).isEqualTo(4);            // the duplicate attempt is not counted
            assertThat(b.attempts).isEqualTo(1);
            assertThat(b.meanScore).isEqualTo(0.0);
            assertThat(b.videoSeconds).isEqualTo(20.0);
        }
        assertThat(aggs.values()).allSatisfy(a -> {
            assertThat(a.status).isEqualTo(Status.FINAL);
            assertThat(a.revision).isEqualTo(1);
        });
    }

    @Test
    void buildsOneSessionPerLearnerFromTheAcceptedEvents() throws IOException {
        Map<String, LearnerSession> sessions = read(OutputFiles.SESSIONS, JsonLines::readLearnerSession).stream()
                .collect(Collectors.toMap(s -> s.learnerId, s -> s));
        assertThat(sessions).containsOnlyKeys("A", "B", "C");
        LearnerSession a = sessions.get("A");
        assertThat(a.key).isEqualTo("A@" + at(0));
        assertThat(a.start).isEqualTo(at(0));
        assertThat(a.end).isEqualTo(at(130));
        assertThat(a.events).isEqualTo(8);                 // not the late page view
        assertThat(a.clicks).isEqualTo(1);
        assertThat(a.videoEvents).isEqualTo(4);
        assertThat(a.attempts).isEqualTo(2);
        assertThat(a.hints).isEqualTo(1);
        assertThat(a.activeSeconds).isEqualTo(130.0);      // no gap above 5 minutes
        LearnerSession b = sessions.get("B");
        assertThat(b.events).isEqualTo(4);                 // the duplicate is not counted
        assertThat(b.end - b.start).isEqualTo(35_000L);
        assertThat(sessions.get("C").events).isEqualTo(1);
        assertThat(sessions.get("C").activeSeconds).isZero();
    }

    @Test
    void tracesMasteryFromFirstAttemptsOnly() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(OutputFiles.MASTERY));
        Map<String, String> finals = io.learnpulse.core.json.LatestFinals.of(out.resolve(OutputFiles.MASTERY));
        assertThat(finals).containsOnlyKeys("A@k1", "B@k1");
        // One wrong first attempt from p_init 0.2 (slip 0.1, guess 0.2, learn 0.15):
        // posterior 0.2*0.1 / (0.2*0.1 + 0.8*0.8) = 0.030303..., then + (1 - 0.030303...) * 0.15 = 0.175757...
        assertThat(finals.get("A@k1")).contains("\"p_mastery\":0.17575757575757").contains("\"attempts\":1")
                .contains("\"trigger_event_id\":\"q-a1\"");
        assertThat(finals.get("B@k1")).contains("\"p_mastery\":0.17575757575757");
        // q-a2 is a second attempt: it moves no estimate, speculative or final.
        assertThat(lines).noneMatch(l -> l.contains("q-a2"));
    }

    @Test
    void raisesInterventionsForTheLearnerWhoSkippedTheSegmentAndWentQuiet() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(OutputFiles.INTERVENTIONS));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"learner_id\":\"B\"")
                .contains("\"rule\":\"review_segment\"").contains("\"object_id\":\"s1\"")
                .contains("\"trigger_event_ids\":[\"q-b1\"]"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"learner_id\":\"B\"")
                .contains("\"rule\":\"disengagement\""));
        assertThat(lines).noneMatch(l -> l.contains("\"learner_id\":\"C\""));
        assertThat(lines).doesNotHaveDuplicates();
    }
}
