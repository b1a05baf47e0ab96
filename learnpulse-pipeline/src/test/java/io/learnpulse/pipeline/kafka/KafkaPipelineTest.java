package io.learnpulse.pipeline.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.json.LatestFinals;
import io.learnpulse.devservices.LocalKafka;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.TestEvents;
import io.learnpulse.pipeline.sink.OutputFiles;
import io.learnpulse.pipeline.source.FileInputs;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.learnpulse.pipeline.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job reading Kafka topics and writing Kafka topics exactly once, on the scenario of
 * {@code FusionJobScenarioTest} (two learners watch and answer, with a legacy v1 record, an out-of-order hint, a
 * duplicate, a malformed record and a late one) plus xAPI statements of a third learner, compared with the same
 * records replayed from files.
 *
 * <p>Each topic has two partitions and one learner's events are spread over both. The records arrive in phases,
 * each produced once the job has parsed the previous one (visible on the events topic): first a clickstream
 * event at 600 s on partition 1 alone, then the rest from 0 s on. A watermark over both partitions together
 * would have jumped to 595 s and made the learners' earlier events late; per partition, partition 0 holds it
 * back until its own events came. Attempts come after the videos they are fused with, so the interventions
 * raised on arrival are the same every run. Then one event of a fourth learner three hours on, on every
 * partition, moves every watermark past the scenario (the job never ends by itself), and a page view at 100 s
 * arriving after that is late.
 */
class KafkaPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COURSE = "https://lms.example.org/courses/algebra";
    private static final String XAPI_ATTEMPT = "6a9e2c5e-1c1a-4f7e-9d3b-0000000000a3";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Path reference;
    /** Output name → the values read (read_committed) from its topic once the job had produced everything. */
    static final Map<String, List<String>> out = new TreeMap<>();
    /** Output name → the keys of those records. */
    static final Map<String, List<String>> keys = new TreeMap<>();

    // ---- the scenario's records, by channel and partition ------------------------------------------------

    static final String A_PAGE = "{\"user_id\":\"A\",\"course_id\":\"c1\",\"timestamp\":\"2026-01-05T11:00:00+01:00\","
            + "\"page_id\":\"p1\",\"event_type\":\"page_view\"}";
    static final String C_PAGE = v2("p-c1", "C", at(600), "\"page_id\":\"p1\",\"event_type\":\"page_view\"");
    static final String A_LATE_PAGE = v2("p-a-late", "A", at(100), "\"page_id\":\"p1\",\"event_type\":\"page_view\"");

    static final List<String> VIDEO_P0 = List.of(
            v2("v-b1", "B", at(5), "\"video_id\":\"v1\",\"action\":\"play\",\"position\":0"),
            v2("v-a1", "A", at(10), "\"video_id\":\"v1\",\"action\":\"play\",\"position\":0"),
            v2("v-b2", "B", at(15), "\"video_id\":\"v1\",\"action\":\"seek\",\"seek_from\":10,\"position\":130"),
            v2("v-b3", "B", at(25), "\"video_id\":\"v1\",\"action\":\"pause\",\"position\":140"));
    static final List<String> VIDEO_P1 = List.of(
            v2("v-a2", "A", at(70), "\"video_id\":\"v1\",\"action\":\"pause\",\"position\":60"),
            v2("v-a3", "A", at(80), "\"video_id\":\"v1\",\"action\":\"play\",\"position\":60"),
            v2("v-a4", "A", at(110), "\"video_id\":\"v1\",\"action\":\"pause\",\"position\":90"));

    static final String ATTEMPT_B = v2("q-b1", "B", at(40), attempt("q1", false, 1));
    static final String BROKEN = "{\"schema_version\":2,\"event_id\":\"broken\",\"learner_id\":\"A\"";
    static final List<String> ASSESSMENT_P0 = List.of(ATTEMPT_B, ATTEMPT_B, BROKEN,
            v2("q-a1", "A", at(120), attempt("q1", false, 1)));
    static final List<String> ASSESSMENT_P1 = List.of(
            v2("q-a2", "A", at(130), attempt("q1", true, 2)),
            // 3 s out of order, within the 5 s bound
            v2("h-a1", "A", at(127), "\"type\":\"hint\",\"question_id\":\"q1\",\"hint_index\":1"));

    /** Dana, reported in xAPI: an array of two statements (a page, then a correct answer) and one more page. */
    static final String XAPI_P0 = "[" + statement("6a9e2c5e-1c1a-4f7e-9d3b-0000000000a1", "dana", "experienced",
            COURSE + "/pages/intro", "http://adlnet.gov/expapi/activities/lesson", null, at(200)) + ","
            + statement(XAPI_ATTEMPT, "dana", "answered", COURSE + "/q/1", "http://adlnet.gov/expapi/activities/question",
                    "{\"success\":true,\"score\":{\"raw\":1,\"max\":1}}", at(260)) + "]";
    static final String XAPI_P1 = statement("6a9e2c5e-1c1a-4f7e-9d3b-0000000000a2", "dana", "experienced",
            COURSE + "/pages/two", "http://adlnet.gov/expapi/activities/lesson", null, at(230));

    private static String v2(String id, String learner, long ts, String fields) {
        return "{\"schema_version\":2,\"event_id\":\"" + id + "\",\"learner_id\":\"" + learner
                + "\",\"course_id\":\"c1\",\"ts\":" + ts + "," + fields + "}";
    }

    private static String attempt(String question, boolean correct, int n) {
        return "\"question_id\":\"" + question + "\",\"score\":" + (correct ? 1 : 0) + ",\"max_score\":1,\"correct\":"
                + correct + ",\"attempt_number\":" + n;
    }

    private static String statement(String id, String who, String verb, String object, String type, String result,
            long time) {
        return "{\"id\":\"" + id + "\",\"actor\":{\"mbox\":\"mailto:" + who + "@example.com\"},"
                + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/" + verb + "\"},"
                + "\"object\":{\"id\":\"" + object + "\",\"definition\":{\"type\":\"" + type + "\"}},"
                + (result == null ? "" : "\"result\":" + result + ",")
                + "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"" + COURSE
                + "\",\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}}]}},"
                + "\"timestamp\":\"" + Instant.ofEpochMilli(time) + "\"}";
    }

    /** A page view three hours on, by a learner of its own: it moves the partition's watermark and yields nothing. */
    private static String flush(String channel, int partition) {
        String id = "flush-" + channel + "-" + partition;
        long t = at(3 * 3600);
        switch (channel) {
            case "clickstream":
                return v2(id, "Z", t, "\"page_id\":\"p1\",\"event_type\":\"page_view\"");
            case "video":
                return v2(id, "Z", t, "\"video_id\":\"v1\",\"action\":\"play\",\"position\":0");
            default:
                // Any channel takes xAPI, and a page view is no attempt: no item statistics either.
                return statement("6a9e2c5e-1c1a-4f7e-9d3b-00000000f" + (channel.equals("xapi") ? "1" : "2") + "0" + partition,
                        "zed", "experienced", COURSE + "/pages/intro", "http://adlnet.gov/expapi/activities/lesson", null, t);
        }
    }

    // ---- the runs --------------------------------------------------------------------------------------------

    @BeforeAll
    static void runBothWays() throws Exception {
        reference = replayFromFiles();
        kafka = LocalKafka.start();
        Map<String, String> inputTopics = new TreeMap<>();
        for (String channel : List.of("clickstream", "video", "assessment", "xapi")) {
            inputTopics.put(channel, "in." + channel);
        }
        Map<String, String> outputTopics = new LinkedHashMap<>();
        for (String output : KafkaOutputs.ALL) {
            outputTopics.put(output, "out." + output);
        }
        kafka.createTopics(2, inputTopics.values().toArray(String[]::new));
        kafka.createTopics(2, outputTopics.values().toArray(String[]::new));

        LearnPulseConfig config = LearnPulseConfig.fromYamlString(String.join("\n",
                "pipeline: {parallelism: 1}",
                // No partition goes idle while the test runs: phases are seconds apart.
                "lateness: {default: {idleness: 10m}}",
                "engine: {checkpoint-interval: 300ms, checkpoint-dir: '" + dir.resolve("checkpoints").toUri() + "'}",
                "metrics: {prometheus-port: '0'}"));
        String bootstrap = kafka.bootstrapServers();
        JobClient job = new FusionJob(config, TestEvents.catalog(),
                KafkaInputs.inputs(config, bootstrap, inputTopics, "kafka-pipeline-test", Map.of()),
                KafkaOutputs.sinks(bootstrap, outputTopics, "kafka-pipeline-test", Map.of()))
                .executeAsync(Engine.environment(config, Engine.Mode.CONTINUOUS), "kafka-pipeline-test");
        try (KafkaProducer<String, String> producer = Topics.producer(bootstrap)) {
            Topics.send(producer, "in.clickstream", 1, List.of(C_PAGE));
            awaitParsed(1);

            Topics.send(producer, "in.clickstream", 0, List.of(A_PAGE));
            Topics.send(producer, "in.video", 0, VIDEO_P0);
            Topics.send(producer, "in.video", 1, VIDEO_P1);
            Topics.send(producer, "in.xapi", 0, List.of(XAPI_P0));
            Topics.send(producer, "in.xapi", 1, List.of(XAPI_P1));
            awaitParsed(12);

            Topics.send(producer, "in.assessment", 0, ASSESSMENT_P0);
            Topics.send(producer, "in.assessment", 1, ASSESSMENT_P1);
            awaitParsed(17); // the malformed record is no event

            for (String channel : inputTopics.keySet()) {
                for (int p = 0; p < 2; p++) {
                    Topics.send(producer, "in." + channel, p, List.of(flush(channel, p)));
                }
            }
            awaitParsed(25);
            for (String output : List.of(KafkaOutputs.FUSED, KafkaOutputs.AGGREGATES, KafkaOutputs.QUESTION_STATS,
                    KafkaOutputs.SESSIONS, KafkaOutputs.MASTERY)) {
                Map<String, String> expected = LatestFinals.of(reference.resolve(fileOf(output)));
                Topics.awaitValues(bootstrap, "out." + output, v -> latestFinals(v).equals(expected), WAIT);
            }
            // Learner B's review hint and, once event time passed 15 minutes after the attempt, disengagement.
            Topics.awaitValues(bootstrap, "out." + KafkaOutputs.INTERVENTIONS, v -> v.size() >= 2, WAIT);
            Topics.send(producer, "in.clickstream", 0, List.of(A_LATE_PAGE));
            Topics.awaitValues(bootstrap, "out." + KafkaOutputs.LATE, v -> v.size() == 1, WAIT);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        for (String output : KafkaOutputs.ALL) {
            List<ConsumerRecord<String, String>> records = Topics.records(bootstrap, "out." + output, true);
            out.put(output, records.stream().map(ConsumerRecord::value).collect(Collectors.toList()));
            keys.put(output, records.stream().map(ConsumerRecord::key).collect(Collectors.toList()));
        }
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void awaitParsed(int events) throws InterruptedException {
        Topics.awaitValues(kafka.bootstrapServers(), "out." + KafkaOutputs.EVENTS, v -> v.size() >= events, WAIT);
    }

    /** The same records from files, in event-time order per file (the late page view last), to completion. */
    private static Path replayFromFiles() throws Exception {
        Path events = dir.resolve("files/events");
        Files.createDirectories(events);
        Files.write(events.resolve("clickstream.jsonl"), List.of(A_PAGE, C_PAGE, A_LATE_PAGE));
        List<String> video = new ArrayList<>(VIDEO_P0);
        video.addAll(VIDEO_P1);
        video.sort((x, y) -> Long.compare(ts(x), ts(y)));
        Files.write(events.resolve("video.jsonl"), video);
        List<String> assessment = new ArrayList<>(ASSESSMENT_P0);
        assessment.addAll(ASSESSMENT_P1);
        Files.write(events.resolve("assessment.jsonl"), assessment);
        Files.write(events.resolve("xapi.jsonl"), List.of(XAPI_P0, XAPI_P1));
        Path refOut = dir.resolve("reference");
        LearnPulseConfig config = LearnPulseConfig.defaults().withoutIdleness();
        new FusionJob(config, TestEvents.catalog(), FileInputs.of(dir.resolve("files")), OutputFiles.in(refOut))
                .execute(Engine.environment(config, Engine.Mode.BOUNDED), "kafka-pipeline-reference");
        return refOut;
    }

    private static long ts(String native2) {
        return read(native2).path("ts").asLong();
    }

    private static String fileOf(String output) {
        switch (output) {
            case KafkaOutputs.FUSED: return OutputFiles.FUSED;
            case KafkaOutputs.AGGREGATES: return OutputFiles.AGGREGATES;
            case KafkaOutputs.QUESTION_STATS: return OutputFiles.QUESTION_STATS;
            case KafkaOutputs.SESSIONS: return OutputFiles.SESSIONS;
            case KafkaOutputs.MASTERY: return OutputFiles.MASTERY;
            case KafkaOutputs.INTERVENTIONS: return OutputFiles.INTERVENTIONS;
            case KafkaOutputs.DEAD_LETTERS: return OutputFiles.DEAD_LETTERS;
            case KafkaOutputs.LATE: return OutputFiles.LATE;
            default: throw new IllegalArgumentException(output);
        }
    }

    private static Map<String, String> latestFinals(List<String> lines) {
        try {
            Path f = Files.createTempFile(dir, "finals", ".jsonl");
            Files.write(f, lines);
            return LatestFinals.of(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> referenceLines(String output) throws IOException {
        return Files.readAllLines(reference.resolve(fileOf(output)));
    }

    private static ObjectNode read(String line) {
        try {
            return (ObjectNode) JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record without the fields that hold wall-clock times, which differ between any two runs. */
    private static String withoutWallClock(String line, String... fields) {
        ObjectNode n = read(line);
        n.remove(List.of(fields));
        return n.toString();
    }

    private static List<String> identities(List<String> lines) {
        return lines.stream().map(l -> {
            ObjectNode n = read(l);
            return n.path("key").asText() + "/" + n.path("status").asText() + "/" + n.path("revision").asInt();
        }).collect(Collectors.toList());
    }

    // ---- the assertions -------------------------------------------------------------------------------------

    @Test
    void fusesTheSameFinalAttemptsAsTheFileReplayEachOnce() throws IOException {
        Map<String, String> finals = latestFinals(out.get(KafkaOutputs.FUSED));
        assertThat(finals).containsOnlyKeys("q-a1", "q-a2", "q-b1", XAPI_ATTEMPT);
        assertThat(finals).isEqualTo(LatestFinals.of(reference.resolve(OutputFiles.FUSED)));
        assertThat(read(finals.get("q-a1")).path("video_coverage").asDouble()).isEqualTo(0.5);
        assertThat(read(finals.get("q-a2")).path("hints_used").asInt()).isEqualTo(1);
        assertThat(read(finals.get(XAPI_ATTEMPT)).path("correct").asBoolean()).isTrue();

        List<String> ids = identities(out.get(KafkaOutputs.FUSED));
        assertThat(ids).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("q-a1/speculative/0", "q-a2/speculative/0", "q-b1/speculative/0",
                        XAPI_ATTEMPT + "/speculative/0", "q-a1/final/1", "q-a2/final/1", "q-b1/final/1",
                        XAPI_ATTEMPT + "/final/1");
    }

    @Test
    void tracesTheSameMasteryAsTheFileReplay() throws IOException {
        Map<String, String> finals = latestFinals(out.get(KafkaOutputs.MASTERY));
        assertThat(finals).containsOnlyKeys("A@k1", "B@k1");
        assertThat(finals).isEqualTo(LatestFinals.of(reference.resolve(OutputFiles.MASTERY)));
        assertThat(identities(out.get(KafkaOutputs.MASTERY))).doesNotHaveDuplicates();
    }

    @Test
    void raisesTheSameInterventionsOnceEach() throws IOException {
        List<String> interventions = out.get(KafkaOutputs.INTERVENTIONS).stream()
                .map(l -> withoutWallClock(l, "emitted_at", "latency_ms")).collect(Collectors.toList());
        // Learner B skipped the segment before answering wrong, then went quiet; learner A had watched half of it.
        List<String> expected = referenceLines(KafkaOutputs.INTERVENTIONS).stream()
                .filter(l -> l.contains("\"learner_id\":\"B\""))
                .map(l -> withoutWallClock(l, "emitted_at", "latency_ms")).collect(Collectors.toList());
        assertThat(expected).hasSize(2);
        assertThat(interventions).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(interventions).extracting(l -> read(l).path("rule").asText())
                .containsExactlyInAnyOrder("review_segment", "disengagement");
    }

    @Test
    void keepsTheOtherResultsOfTheFileReplay() throws IOException {
        for (String output : List.of(KafkaOutputs.AGGREGATES, KafkaOutputs.QUESTION_STATS, KafkaOutputs.SESSIONS)) {
            Map<String, String> expected = LatestFinals.of(reference.resolve(fileOf(output)));
            assertThat(expected).as(output).isNotEmpty();
            assertThat(latestFinals(out.get(output))).as(output).isEqualTo(expected);
            assertThat(identities(out.get(output).stream().filter(l -> l.contains("\"status\":\"final\""))
                    .collect(Collectors.toList()))).as(output).doesNotHaveDuplicates();
        }
        // One speculative record per attempt on arrival (the re-delivered one is dropped before).
        assertThat(identities(out.get(KafkaOutputs.QUESTION_STATS))).filteredOn(id -> id.startsWith("q1/speculative"))
                .hasSize(3);
        // Sessions of A, B, C and Dana; the flushing learners' are still open.
        assertThat(latestFinals(out.get(KafkaOutputs.SESSIONS))).hasSize(4);
    }

    @Test
    void deadLettersTheMalformedRecordWithItsReason() throws IOException {
        List<String> dead = out.get(KafkaOutputs.DEAD_LETTERS);
        assertThat(dead).hasSize(1);
        ObjectNode d = read(dead.get(0));
        assertThat(d.path("source").asText()).isEqualTo("assessment");
        assertThat(d.path("reason").asText()).isEqualTo("malformed_json");
        assertThat(d.path("raw").asText()).isEqualTo(BROKEN);
        assertThat(withoutWallClock(dead.get(0), "received_at")).isEqualTo(
                withoutWallClock(referenceLines(KafkaOutputs.DEAD_LETTERS).get(0), "received_at"));
    }

    @Test
    void sendsAnEventBehindTheWatermarkBeyondItsAllowedLatenessToLate() {
        List<String> late = out.get(KafkaOutputs.LATE);
        assertThat(late).hasSize(1);
        ObjectNode l = read(late.get(0));
        assertThat(l.path("event_id").asText()).isEqualTo("p-a-late");
        assertThat(l.path("raw").asText()).isEqualTo(A_LATE_PAGE);
        // Judged against the watermark of the clickstream partitions: three hours on, less 5 s out-of-orderness.
        assertThat(l.path("watermark").asLong()).isEqualTo(at(3 * 3600 - 5));
        assertThat(l.path("reason").asText()).contains("allowed lateness of source 'clickstream'");
    }

    @Test
    void keysEachRecordByItsLearner() {
        for (String output : List.of(KafkaOutputs.FUSED, KafkaOutputs.MASTERY, KafkaOutputs.INTERVENTIONS,
                KafkaOutputs.SESSIONS, KafkaOutputs.EVENTS)) {
            List<String> learners = out.get(output).stream().map(l -> read(l).path("learner_id").asText())
                    .collect(Collectors.toList());
            assertThat(keys.get(output)).as(output).isEqualTo(learners);
        }
        assertThat(keys.get(KafkaOutputs.QUESTION_STATS)).allMatch(k -> k.equals("q1") || k.equals(COURSE + "/q/1"));
        assertThat(keys.get(KafkaOutputs.DEAD_LETTERS)).containsExactly("assessment");
    }

    @Test
    void writesEveryParsedEventOnce() {
        List<String> ids = out.get(KafkaOutputs.EVENTS).stream().map(e -> read(e).path("event_id").asText())
                .collect(Collectors.toList());
        assertThat(ids).hasSize(25).contains("p-c1", "v-a4", "h-a1", XAPI_ATTEMPT, "flush-video-1");
        // Parsing comes before deduplication: the re-delivered attempt is there twice.
        assertThat(ids).filteredOn(id -> id.equals("q-b1")).hasSize(2);
    }
}
