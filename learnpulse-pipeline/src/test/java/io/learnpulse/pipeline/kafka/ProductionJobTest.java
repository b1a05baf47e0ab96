package io.learnpulse.pipeline.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.profile.ProfileSummary;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.Status;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.devservices.LocalKafka;
import io.learnpulse.devservices.LocalRedis;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.TestEvents;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import io.learnpulse.pipeline.serving.ServingOutputs;
import io.learnpulse.pipeline.serving.ServingStoreFactory;
import io.learnpulse.serving.CourseOverview;
import io.learnpulse.serving.CourseOverview.ActiveLearner;
import io.learnpulse.serving.LearnerView;
import io.learnpulse.serving.LearnerView.CourseMembership;
import io.learnpulse.serving.RedisServingStore;
import io.learnpulse.serving.StoreSettings;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.learnpulse.pipeline.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The production job exactly as {@code learnpulse run} builds it ({@link ProductionJob#of}), end to end on real
 * services: an in-process Kafka broker for its inputs, profiles and outputs, and a real Redis server for its
 * serving store, with pseudonymization on.
 *
 * <p>The topics are created by {@link ProductionJob#createMissingTopics} (two partitions each, the profiles topic
 * compacted). Learner profiles go to the profiles topic keyed by learner id, and the scenario of
 * {@code FusionJobScenarioTest} (learner Ada watches the segment, answers q1 wrong, takes a hint and answers
 * right; Ben skips the segment, answers wrong and goes quiet) to the input topics, Ada's records on partition 0
 * and Ben's on partition 1. Records arrive in phases, each produced once every operator has processed the
 * previous one (see {@link #awaitProcessed}), so profiles are in place before the events that should carry them,
 * and videos before the attempts fused with them. A page view of a learner of its own, in a course of its own, on
 * every partition then moves the watermarks on, one hour into the scenario, so the first attempts are final.
 *
 * <p>Then Ada's profile is updated (a new locale and a second course) and Ben's deleted with a tombstone, and
 * once the job has processed both, each answers once more, an hour later; another page view moves the
 * watermarks past that. Profile updates apply from the moment they arrive: only records emitted after them carry
 * them.
 *
 * <p>The serving store is read once the Kafka topics hold every result: the serving sinks write their buffers
 * before each checkpoint barrier, and the Kafka outputs commit only when that checkpoint completes, so whatever a
 * read_committed consumer sees is in Redis already.
 */
class ProductionJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "production-job-test-secret-2026";
    private static final Pseudonymizer PSEUDONYMS = Pseudonymizer.keyed(SECRET);

    /** Raw learner ids: distinctive enough that finding one in any output can only mean it leaked. */
    static final String ADA = "learner-ada";
    static final String BEN = "learner-ben";
    /** Enrolled by profile only: no events. */
    static final String DEE = "learner-dee";
    /** The learner of the page views that move the watermarks. */
    static final String ZED = "learner-zed";
    static final List<String> RAW_IDS = List.of(ADA, BEN, DEE, ZED);
    static final String P_ADA = PSEUDONYMS.apply(ADA);
    static final String P_BEN = PSEUDONYMS.apply(BEN);
    static final String P_DEE = PSEUDONYMS.apply(DEE);

    static final String GROUP = "e2e-learnpulse";
    static final String CLICKSTREAM = "e2e.in.clickstream";
    static final String VIDEO = "e2e.in.video";
    static final String ASSESSMENT = "e2e.in.assessment";
    static final String PROFILES = "e2e.profiles";
    /** Output name in {@code kafka.outputs} → topic. */
    static final Map<String, String> OUTPUTS = new LinkedHashMap<>();

    static {
        for (String output : List.of("fused", "aggregates", "question-stats", "sessions", "mastery", "interventions",
                "deadletter", "late")) {
            OUTPUTS.put(output, "e2e.out." + output);
        }
    }

    // ---- profiles ---------------------------------------------------------------------------------------------

    static final String ADA_PROFILE = "{\"learner_id\":\"" + ADA + "\",\"cohort\":\"2026-fall\",\"locale\":\"en-GB\","
            + "\"accommodations\":true,\"courses\":[\"c1\"],\"instructors\":[\"t-lovelace\",\"t-hopper\"]}";
    static final String BEN_PROFILE = "{\"learner_id\":\"" + BEN + "\",\"cohort\":\"2026-spring\",\"locale\":\"de-DE\","
            + "\"courses\":[\"c1\"],\"instructors\":[\"t-noether\"]}";
    static final String DEE_PROFILE = "{\"learner_id\":\"" + DEE + "\",\"cohort\":\"2026-fall\",\"courses\":[\"c1\"]}";
    /** Ada's profile updated: another locale, and enrolled in c2 as well. */
    static final String ADA_PROFILE_UPDATE = "{\"learner_id\":\"" + ADA + "\",\"cohort\":\"2026-fall\","
            + "\"locale\":\"fr-FR\",\"accommodations\":true,\"courses\":[\"c1\",\"c2\"],"
            + "\"instructors\":[\"t-lovelace\",\"t-hopper\"]}";

    static final ProfileSummary ADA_SUMMARY = summary("2026-fall", "en-GB", true, "t-lovelace", "t-hopper");
    static final ProfileSummary ADA_UPDATED_SUMMARY = summary("2026-fall", "fr-FR", true, "t-lovelace", "t-hopper");
    static final ProfileSummary BEN_SUMMARY = summary("2026-spring", "de-DE", false, "t-noether");

    // ---- the scenario's events: Ada on partition 0, Ben on partition 1 ------------------------------------------

    /** A legacy v1 record: 11:00+01:00 is T0. */
    static final String ADA_PAGE = "{\"user_id\":\"" + ADA + "\",\"course_id\":\"c1\","
            + "\"timestamp\":\"2026-01-05T11:00:00+01:00\",\"page_id\":\"p1\",\"event_type\":\"page_view\"}";
    static final String BEN_PAGE = v2("p-b1", BEN, "c1", at(2), "\"page_id\":\"p1\",\"event_type\":\"page_view\"");
    static final List<String> ADA_VIDEO = List.of(
            v2("v-a1", ADA, "c1", at(10), "\"video_id\":\"v1\",\"action\":\"play\",\"position\":0"),
            v2("v-a2", ADA, "c1", at(70), "\"video_id\":\"v1\",\"action\":\"pause\",\"position\":60"),
            v2("v-a3", ADA, "c1", at(80), "\"video_id\":\"v1\",\"action\":\"play\",\"position\":60"),
            v2("v-a4", ADA, "c1", at(110), "\"video_id\":\"v1\",\"action\":\"pause\",\"position\":90"));
    static final List<String> BEN_VIDEO = List.of(
            v2("v-b1", BEN, "c1", at(5), "\"video_id\":\"v1\",\"action\":\"play\",\"position\":0"),
            v2("v-b2", BEN, "c1", at(15), "\"video_id\":\"v1\",\"action\":\"seek\",\"seek_from\":10,\"position\":130"),
            v2("v-b3", BEN, "c1", at(25), "\"video_id\":\"v1\",\"action\":\"pause\",\"position\":140"));
    static final List<String> ADA_ATTEMPTS = List.of(
            v2("q-a1", ADA, "c1", at(120), attempt(false, 1)),
            v2("q-a2", ADA, "c1", at(130), attempt(true, 2)),
            // 3 s out of order, within the 5 s bound
            v2("h-a1", ADA, "c1", at(127), "\"type\":\"hint\",\"question_id\":\"q1\",\"hint_index\":1"));
    static final String BEN_ATTEMPT = v2("q-b1", BEN, "c1", at(40), attempt(false, 1));
    /** After the profile update and the tombstone: one more (right) answer each, an hour on. */
    static final String ADA_LATER_ATTEMPT = v2("q-a3", ADA, "c1", at(3660), attempt(true, 3));
    static final String BEN_LATER_ATTEMPT = v2("q-b2", BEN, "c1", at(3690), attempt(true, 2));

    private static String v2(String id, String learner, String course, long ts, String fields) {
        return "{\"schema_version\":2,\"event_id\":\"" + id + "\",\"learner_id\":\"" + learner
                + "\",\"course_id\":\"" + course + "\",\"ts\":" + ts + "," + fields + "}";
    }

    private static String attempt(boolean correct, int n) {
        return "\"question_id\":\"q1\",\"score\":" + (correct ? 1 : 0) + ",\"max_score\":1,\"correct\":" + correct
                + ",\"attempt_number\":" + n;
    }

    /**
     * A page view at {@code seconds} by a learner of its own in a course of its own, on one partition of one input
     * topic: it moves that partition's watermark and touches nothing of course c1. Assessment topics take no
     * native page views, so there it is an xAPI statement.
     */
    private static String pageViewAt(String topic, int partition, long seconds) {
        String id = "flush-" + topic + "-" + seconds + "-" + partition;
        long t = at(seconds);
        switch (topic) {
            case CLICKSTREAM:
                return v2(id, ZED, "c-flush", t, "\"page_id\":\"p-flush\",\"event_type\":\"page_view\"");
            case VIDEO:
                return v2(id, ZED, "c-flush", t, "\"video_id\":\"v-flush\",\"action\":\"play\",\"position\":0");
            default:
                String course = "https://lms.example.org/courses/flush";
                return "{\"id\":\"6a9e2c5e-1c1a-4f7e-9d3b-" + String.format("%08d%04d", seconds, partition) + "\","
                        + "\"actor\":{\"mbox\":\"mailto:" + ZED + "@example.com\"},"
                        + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
                        + "\"object\":{\"id\":\"" + course + "/pages/intro\","
                        + "\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/lesson\"}},"
                        + "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"" + course + "\","
                        + "\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}}]}},"
                        + "\"timestamp\":\"" + Instant.ofEpochMilli(t) + "\"}";
        }
    }

    private static ProfileSummary summary(String cohort, String locale, boolean accommodations, String... instructors) {
        ProfileSummary s = new ProfileSummary();
        s.cohort = cohort;
        s.locale = locale;
        s.accommodations = accommodations;
        s.instructors = instructors;
        return s;
    }

    // ---- the run ----------------------------------------------------------------------------------------------

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static LocalRedis redis;
    static Admin admin;
    static LearnPulseConfig config;
    static StoreSettings settings;
    static List<String> created;
    static List<String> createdOnSecondCall;
    static Path checkpoints;
    static JobID jobId;
    /** Channel → records produced to its topic so far. */
    static final Map<String, Long> produced = new TreeMap<>();
    /** Output name → the records read (read_committed) from its topic once the job had produced everything. */
    static final Map<String, List<ConsumerRecord<String, String>>> out = new TreeMap<>();

    @BeforeAll
    static void runTheProductionJob() throws Exception {
        kafka = LocalKafka.start();
        redis = LocalRedis.start();
        checkpoints = dir.resolve("checkpoints");
        Properties adminProps = new Properties();
        adminProps.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        admin = Admin.create(adminProps);

        config = LearnPulseConfig.fromYamlString(String.join("\n",
                "pipeline: {parallelism: 2}",
                // No partition goes idle while the test runs: phases are seconds apart.
                "lateness: {default: {idleness: 10m}}",
                "engine: {checkpoint-interval: 300ms, checkpoint-dir: '" + checkpoints.toUri() + "'}",
                "metrics: {prometheus-port: '0'}",
                "kafka:",
                "  bootstrap-servers: '" + kafka.bootstrapServers() + "'",
                "  group-id: " + GROUP,
                "  inputs: {clickstream: " + CLICKSTREAM + ", video: " + VIDEO + ", assessment: " + ASSESSMENT
                        + ", xapi: '', caliper: ''}",
                "  profiles: " + PROFILES,
                "  outputs: {" + OUTPUTS.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ")) + "}",
                "  transactional-id-prefix: e2e-production-job",
                "  create-topics: true",
                "  topic-partitions: 2",
                "serving: {redis-url: '" + redis.url() + "'}",
                "privacy: {pseudonymize: true, secret: " + SECRET + "}"));
        settings = ServingOutputs.settings(config);

        created = ProductionJob.createMissingTopics(config.kafka());
        createdOnSecondCall = ProductionJob.createMissingTopics(config.kafka());

        LiveMetrics.clear();
        JobClient job = ProductionJob.of(config, TestEvents.catalog(), ServingStoreFactory.redis(redis.url(), settings))
                .executeAsync(Engine.environment(config, Engine.Mode.SERVICE), "learnpulse");
        jobId = job.getJobID();
        try (KafkaProducer<String, String> producer = Topics.producer(kafka.bootstrapServers())) {
            // Profiles first, keyed by learner (the default partitioner places them).
            profile(producer, ADA, ADA_PROFILE);
            profile(producer, BEN, BEN_PROFILE);
            profile(producer, DEE, DEE_PROFILE);
            awaitProcessed();

            send(producer, CLICKSTREAM, 0, ADA, List.of(ADA_PAGE));
            send(producer, CLICKSTREAM, 1, BEN, List.of(BEN_PAGE));
            send(producer, VIDEO, 0, ADA, ADA_VIDEO);
            send(producer, VIDEO, 1, BEN, BEN_VIDEO);
            awaitProcessed();

            send(producer, ASSESSMENT, 0, ADA, ADA_ATTEMPTS);
            send(producer, ASSESSMENT, 1, BEN, List.of(BEN_ATTEMPT));
            awaitProcessed();

            moveWatermarksTo(producer, 3600);
            awaitOutput("fused", v -> finalKeys(v).containsAll(List.of("q-a1", "q-a2", "q-b1")));
            // Ben's review hint on arrival and, once event time passed 15 minutes after his attempt, disengagement.
            awaitOutput("interventions", v -> v.size() >= 2);

            profile(producer, ADA, ADA_PROFILE_UPDATE);
            profile(producer, BEN, null);
            awaitProcessed();

            send(producer, ASSESSMENT, 0, ADA, List.of(ADA_LATER_ATTEMPT));
            send(producer, ASSESSMENT, 1, BEN, List.of(BEN_LATER_ATTEMPT));
            moveWatermarksTo(producer, 7200);
            awaitOutput("fused", v -> finalKeys(v).containsAll(List.of("q-a3", "q-b2")));
            // What the same watermark closes: the sessions of the later answers, and the question's final statistics.
            awaitOutput("sessions", v -> v.stream().filter(l -> l.contains("\"start\":" + at(3660))
                    || l.contains("\"start\":" + at(3690))).count() >= 2);
            awaitOutput("question-stats", v -> v.stream().map(JsonLines::readQuestionStats)
                    .anyMatch(q -> q.status.equals(Status.FINAL) && q.attempts == 5));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        for (Map.Entry<String, String> e : OUTPUTS.entrySet()) {
            out.put(e.getKey(), Topics.records(kafka.bootstrapServers(), e.getValue(), true));
        }
    }

    @AfterAll
    static void stopServices() {
        if (admin != null) {
            admin.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void profile(KafkaProducer<String, String> producer, String learner, String value) {
        try {
            producer.send(new ProducerRecord<>(PROFILES, learner, value)).get();
            produced.merge("profiles", 1L, Long::sum);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + PROFILES, e);
        }
    }

    /** Writes {@code values} to one partition, in order, keyed by learner, and waits until all are acknowledged. */
    private static void send(KafkaProducer<String, String> producer, String topic, int partition, String key,
            List<String> values) {
        try {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, partition, key, v)).get();
                produced.merge(topic.substring("e2e.in.".length()), 1L, Long::sum);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic + "-" + partition, e);
        }
    }

    private static void moveWatermarksTo(KafkaProducer<String, String> producer, long seconds) {
        for (String topic : List.of(CLICKSTREAM, VIDEO, ASSESSMENT)) {
            for (int p = 0; p < 2; p++) {
                send(producer, topic, p, ZED, List.of(pageViewAt(topic, p, seconds)));
            }
        }
    }

    /**
     * Waits until every operator of the job has processed every record produced so far. First the parse operators
     * must have taken them in (their {@code events_in} counters, per channel, reach what was produced); then two
     * more checkpoints must complete. Checkpoints run one at a time, so the second of them was triggered after the
     * records had left the sources: its barriers followed them through every operator, and it completes only once
     * every operator has taken its snapshot. (The offsets the sources commit to the consumer group would say the
     * same, but a source commits them only when its fetcher's poll returns, which on an idle partition takes up to
     * ten seconds.)
     */
    private static void awaitProcessed() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!LiveMetrics.sumsBy("events_in").entrySet().containsAll(produced.entrySet())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the job did not read " + produced + " in time; it read "
                        + LiveMetrics.sumsBy("events_in"));
            }
            Thread.sleep(20);
        }
        long next = latestCheckpoint() + 2;
        while (latestCheckpoint() < next) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("checkpoint " + next + " did not complete in time");
            }
            Thread.sleep(20);
        }
    }

    /** The number of the newest complete checkpoint of the job ({@code <dir>/<job id>/chk-<n>/_metadata}), or 0. */
    private static long latestCheckpoint() {
        Path job = checkpoints.resolve(jobId.toHexString());
        if (!Files.isDirectory(job)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(job)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chk-")
                            && Files.isRegularFile(p.resolve("_metadata")))
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString().substring("chk-".length())))
                    .max().orElse(0);
        } catch (IOException | UncheckedIOException e) {
            // Flink deleted the previous checkpoint while it was listed: look again.
            return latestCheckpoint();
        }
    }

    private static List<String> awaitOutput(String output, Predicate<List<String>> done) throws InterruptedException {
        return Topics.awaitValues(kafka.bootstrapServers(), OUTPUTS.get(output), done, WAIT);
    }

    private static Set<String> finalKeys(List<String> fusedLines) {
        return fusedLines.stream().map(JsonLines::readFusedAttempt).filter(f -> f.status.equals(Status.FINAL))
                .map(f -> f.key).collect(Collectors.toSet());
    }

    private static List<String> values(String output) {
        return out.get(output).stream().map(ConsumerRecord::value).collect(Collectors.toList());
    }

    private static List<FusedAttempt> fused() {
        return values("fused").stream().map(JsonLines::readFusedAttempt).collect(Collectors.toList());
    }

    /** The final fused record of each attempt, as the line read from the topic. */
    private static Map<String, String> finalFusedLines() {
        Map<String, String> finals = new TreeMap<>();
        for (String line : values("fused")) {
            FusedAttempt f = JsonLines.readFusedAttempt(line);
            if (f.status.equals(Status.FINAL)) {
                assertThat(finals.put(f.key, line)).as("a second final record of " + f.key).isNull();
            }
        }
        return finals;
    }

    /** The interventions read from their topic, newest first by event time, as the store lists them. */
    private static List<String> interventionsNewestFirst() {
        List<String> lines = values("interventions");
        lines.sort((a, b) -> Long.compare(read(b).path("event_time").asLong(), read(a).path("event_time").asLong()));
        return lines;
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedisServingStore store() {
        return new RedisServingStore(redis.url(), settings);
    }

    // ---- topics -------------------------------------------------------------------------------------------------

    @Test
    void createsTheMissingTopicsWithTheProfilesTopicCompacted() throws Exception {
        List<String> expected = new ArrayList<>(List.of(CLICKSTREAM, VIDEO, ASSESSMENT, PROFILES));
        expected.addAll(OUTPUTS.values());
        assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
        // Existing topics are left as they are.
        assertThat(createdOnSecondCall).isEmpty();

        Map<String, TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get(10, TimeUnit.SECONDS);
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).as(t.name()).hasSize(2));
        List<ConfigResource> resources = expected.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).collect(Collectors.toList());
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
        for (ConfigResource r : resources) {
            String policy = configs.get(r).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            assertThat(policy).as(r.name()).isEqualTo(r.name().equals(PROFILES)
                    ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        }
    }

    // ---- Kafka outputs ------------------------------------------------------------------------------------------

    @Test
    void fusesEveryAttemptOnceSpeculativelyAndOnceFinallyUnderItsLearnersPseudonym() {
        List<String> identities = fused().stream().map(f -> f.key + "/" + f.status + "/" + f.revision)
                .collect(Collectors.toList());
        assertThat(identities).containsExactlyInAnyOrder(
                "q-a1/speculative/0", "q-a2/speculative/0", "q-b1/speculative/0", "q-a3/speculative/0",
                "q-b2/speculative/0", "q-a1/final/1", "q-a2/final/1", "q-b1/final/1", "q-a3/final/1", "q-b2/final/1");
        for (ConsumerRecord<String, String> r : out.get("fused")) {
            FusedAttempt f = JsonLines.readFusedAttempt(r.value());
            String expected = f.key.startsWith("q-a") ? P_ADA : P_BEN;
            assertThat(f.learnerId).as(f.key).isEqualTo(expected).startsWith("lp-");
            assertThat(r.key()).as(f.key).isEqualTo(expected);
        }
        // The scenario's results, under pseudonyms (as FusionJobScenarioTest has them under the raw ids).
        Map<String, FusedAttempt> finals = fused().stream().filter(f -> f.status.equals(Status.FINAL))
                .collect(Collectors.toMap(f -> f.key, f -> f));
        assertThat(finals.get("q-a1").videoCoverage).isEqualTo(0.5);
        assertThat(finals.get("q-a2").hintsUsed).isEqualTo(1);
        assertThat(finals.get("q-b1").segmentSkipped).isTrue();
    }

    @Test
    void attachesEachLearnersProfileFromTheProfilesTopic() {
        for (FusedAttempt f : fused()) {
            switch (f.key) {
                case "q-a1":
                case "q-a2":
                    assertThat(f.profile).as(f.key + " " + f.status).isEqualTo(ADA_SUMMARY);
                    break;
                case "q-b1":
                    assertThat(f.profile).as(f.key + " " + f.status).isEqualTo(BEN_SUMMARY);
                    break;
                default:
                    break;
            }
        }
    }

    @Test
    void profileUpdatesApplyFromTheMomentTheyArrive() {
        Map<String, List<FusedAttempt>> byKey = fused().stream().collect(Collectors.groupingBy(f -> f.key));
        // Emitted after the update: Ada's new locale; after the tombstone: no profile for Ben.
        assertThat(byKey.get("q-a3")).hasSize(2).allSatisfy(f -> assertThat(f.profile).isEqualTo(ADA_UPDATED_SUMMARY));
        assertThat(byKey.get("q-b2")).hasSize(2).allSatisfy(f -> assertThat(f.profile).isNull());
        // Emitted before: unchanged.
        assertThat(byKey.get("q-a1")).hasSize(2).allSatisfy(f -> assertThat(f.profile).isEqualTo(ADA_SUMMARY));
        assertThat(byKey.get("q-a2")).hasSize(2).allSatisfy(f -> assertThat(f.profile).isEqualTo(ADA_SUMMARY));
        assertThat(byKey.get("q-b1")).hasSize(2).allSatisfy(f -> assertThat(f.profile).isEqualTo(BEN_SUMMARY));
    }

    @Test
    void interventionsCarryTheProfileToo() {
        List<ConsumerRecord<String, String>> records = out.get("interventions");
        List<Intervention> ivs = records.stream().map(r -> JsonLines.readIntervention(r.value()))
                .collect(Collectors.toList());
        // Ben skipped the segment before answering wrong, then went quiet; Ada had watched half of it.
        assertThat(ivs).extracting(iv -> iv.rule).containsExactlyInAnyOrder("review_segment", "disengagement");
        assertThat(ivs).allSatisfy(iv -> {
            assertThat(iv.learnerId).isEqualTo(P_BEN);
            assertThat(iv.courseId).isEqualTo("c1");
            assertThat(iv.triggerEventIds).containsExactly("q-b1");
            assertThat(iv.profile).isEqualTo(BEN_SUMMARY);
        });
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(P_BEN);
    }

    @Test
    void tracesMasteryUnderPseudonyms() {
        Map<String, List<String>> finals = values("mastery").stream().filter(l -> l.contains("\"status\":\"final\""))
                .collect(Collectors.groupingBy(l -> read(l).path("key").asText()));
        assertThat(finals).containsOnlyKeys(P_ADA + "@k1", P_BEN + "@k1");
        // One wrong first attempt each from p_init 0.2 (slip 0.1, guess 0.2, learn 0.15); later attempts are not
        // first attempts and move nothing.
        double posterior = 0.2 * 0.1 / (0.2 * 0.1 + 0.8 * 0.8);
        double expected = posterior + (1 - posterior) * 0.15;
        for (List<String> lines : finals.values()) {
            assertThat(lines).hasSize(1);
            JsonNode m = read(lines.get(0));
            assertThat(m.path("p_mastery").asDouble()).isCloseTo(expected, within(1e-12));
            assertThat(m.path("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void noOutputNamesALearnerByTheirRawId() {
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> e : out.entrySet()) {
            for (ConsumerRecord<String, String> r : e.getValue()) {
                for (String raw : RAW_IDS) {
                    assertThat(r.value()).as(e.getKey()).doesNotContain(raw);
                    assertThat(r.key()).as(e.getKey() + " key").doesNotContain(raw);
                }
            }
        }
        // Every record was valid and in time: nothing went to the dead letters (which would keep the raw record).
        assertThat(out.get("deadletter")).isEmpty();
        assertThat(out.get("late")).isEmpty();
    }

    // ---- the serving store --------------------------------------------------------------------------------------

    @Test
    void servesTheLearnersMasteryAndTheFinalFusedAttempts() {
        Map<String, String> finals = finalFusedLines();
        String adaMastery = values("mastery").stream()
                .filter(l -> l.contains("\"status\":\"final\"") && read(l).path("key").asText().equals(P_ADA + "@k1"))
                .findFirst().orElseThrow();
        String adaLatestSession = values("sessions").stream()
                .filter(l -> read(l).path("learner_id").asText().equals(P_ADA))
                .max((a, b) -> Long.compare(read(a).path("start").asLong(), read(b).path("start").asLong()))
                .orElseThrow();
        assertThat(read(adaLatestSession).path("start").asLong()).isEqualTo(at(3660));
        try (RedisServingStore store = store()) {
            LearnerView ada = store.learner(P_ADA).orElseThrow();
            assertThat(ada.mastery()).containsOnlyKeys("k1").containsEntry("k1", adaMastery);
            // Newest first, by event time; the final record of each attempt replaced its speculative one.
            assertThat(ada.recentAttempts())
                    .containsExactly(finals.get("q-a3"), finals.get("q-a2"), finals.get("q-a1"));
            assertThat(ada.recentInterventions()).isEmpty();
            assertThat(ada.latestSession()).isEqualTo(adaLatestSession);
            // Enrolled in c1 and (since the update) c2 by profile; active in c1 only.
            assertThat(ada.courses()).containsExactly(new CourseMembership("c1", true, at(3660)),
                    new CourseMembership("c2", true, null));

            LearnerView ben = store.learner(P_BEN).orElseThrow();
            assertThat(ben.recentAttempts()).containsExactly(finals.get("q-b2"), finals.get("q-b1"));
            assertThat(JsonLines.readFusedAttempt(ben.recentAttempts().get(0)).profile).isNull();
            assertThat(ben.recentInterventions()).isEqualTo(interventionsNewestFirst());

            // Only pseudonyms are stored: the raw id finds nothing.
            assertThat(store.learner(ADA)).isEmpty();
        }
    }

    @Test
    void servesTheCourseWithItsActiveAndStrugglingLearners() {
        try (RedisServingStore store = store()) {
            CourseOverview c1 = store.course("c1", 10, 10);
            // The course's clock is its newest activity: Ben's later answer.
            assertThat(c1.eventTime()).isEqualTo(at(3690));
            assertThat(c1.activeLearnerCount()).isEqualTo(2);
            assertThat(c1.activeLearners()).containsExactly(new ActiveLearner(P_BEN, at(3690)),
                    new ActiveLearner(P_ADA, at(3660)));
            // Ben's disengagement (15 minutes after his wrong answer at 40 s) is within the hour of struggling-period.
            assertThat(c1.strugglingLearnerCount()).isEqualTo(1);
            assertThat(c1.strugglingLearners()).hasSize(1);
            CourseOverview.StrugglingLearner ben = c1.strugglingLearners().get(0);
            assertThat(ben.learnerId()).isEqualTo(P_BEN);
            assertThat(ben.eventTime()).isEqualTo(at(940));
            assertThat(read(ben.signalJson()).path("rule").asText()).isEqualTo("disengagement");
            // Five attempts on q1 (no duplicates), two of them first attempts, both wrong.
            assertThat(c1.questionStats()).containsOnlyKeys("q1");
            JsonNode q1 = read(c1.questionStats().get("q1"));
            assertThat(q1.path("status").asText()).isEqualTo(Status.FINAL);
            assertThat(q1.path("attempts").asLong()).isEqualTo(5);
            assertThat(q1.path("first_attempts").asLong()).isEqualTo(2);
            assertThat(q1.path("first_attempts_correct").asLong()).isZero();
            assertThat(c1.recentInterventions()).isEqualTo(interventionsNewestFirst());
        }
    }

    @Test
    void enrollsLearnersByTheirProfiles() {
        try (RedisServingStore store = store()) {
            assertThat(store.isEnrolled(P_ADA, "c1")).isTrue();
            assertThat(store.isEnrolled(P_ADA, "c2")).isTrue();
            // A tombstone deletes the profile, not the enrollment or the activity.
            assertThat(store.isEnrolled(P_BEN, "c1")).isTrue();
            assertThat(store.isEnrolled(P_BEN, "c2")).isFalse();
            // A learner known from their profile only.
            assertThat(store.isEnrolled(P_DEE, "c1")).isTrue();
            assertThat(store.isEnrolled(P_DEE, "c2")).isFalse();
            assertThat(store.isEnrolled(DEE, "c1")).isFalse();
            assertThat(store.learner(P_DEE)).isEqualTo(Optional.of(new LearnerView(P_DEE,
                    List.of(new CourseMembership("c1", true, null)), Map.of(), List.of(), null, null, List.of())));
        }
    }

    @Test
    void redisHoldsNoRawLearnerId() {
        List<String> found = new ArrayList<>();
        int keys = 0;
        try (Jedis j = new Jedis(URI.create(redis.url()))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = j.scan(cursor, new ScanParams().count(500));
                for (String key : page.getResult()) {
                    keys++;
                    List<String> texts = new ArrayList<>(List.of(key));
                    texts.addAll(contentOf(j, key));
                    for (String text : texts) {
                        for (String raw : RAW_IDS) {
                            if (text.contains(raw)) {
                                found.add(key + ": " + text);
                            }
                        }
                    }
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        assertThat(keys).isPositive();
        assertThat(found).isEmpty();
    }

    private static Collection<String> contentOf(Jedis j, String key) {
        switch (j.type(key)) {
            case "string":
                return List.of(j.get(key));
            case "hash":
                Map<String, String> h = j.hgetAll(key);
                List<String> all = new ArrayList<>(h.keySet());
                all.addAll(h.values());
                return all;
            case "set":
                return j.smembers(key);
            case "zset":
                return j.zrange(key, 0, -1);
            case "list":
                return j.lrange(key, 0, -1);
            default:
                return List.of();
        }
    }
}
