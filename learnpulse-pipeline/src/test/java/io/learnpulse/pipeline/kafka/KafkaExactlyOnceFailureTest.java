package io.learnpulse.pipeline.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.json.LatestFinals;
import io.learnpulse.core.sim.CatalogGenerator;
import io.learnpulse.core.sim.LearnerSimulator;
import io.learnpulse.core.sim.SimRecord;
import io.learnpulse.core.sim.SimulatorConfig;
import io.learnpulse.devservices.LocalKafka;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a job reading and writing Kafka part-way through (cancelled, not stopped with a savepoint), restarts it
 * from its last retained checkpoint, and checks that the committed output equals that of one uninterrupted run
 * of the same input, record for record: nothing lost, nothing twice.
 *
 * <p>The input is the assessment channel of a seeded simulation (attempts, hints, re-deliveries and malformed
 * records), each learner's records in order on one of two partitions. Each learner's events therefore arrive in
 * the same order in every run and none is ever behind a watermark, so every result is the same line in both runs
 * — apart from the wall-clock fields (when an intervention was emitted, when a dead letter was received), and
 * from question statistics, which merge learners in whatever order they come and issue a final revision per
 * step of the watermark: those are compared by their last final record per question.
 *
 * <p>The uninterrupted run reads up to the end offsets and finishes. The interrupted run reads without end, as a
 * live job does, while its input is being written; a page view a day after the simulation on each partition then
 * moves the watermark past everything, and the restarted job is cancelled once its output is complete. (A bounded
 * Kafka source restored from a checkpoint would never finish: connector 5.0.0-2.2 tells its readers that no more
 * splits come only after discovering partitions it did not know yet.) The windows and session of that last
 * learner are left out of the uninterrupted run's output, where the end of input closes them too.
 */
class KafkaExactlyOnceFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 3_000;
    private static final int PARTITIONS = 2;
    private static final String CHANNEL = Sources.ASSESSMENT;
    private static final List<String> OUTPUTS = List.of(KafkaOutputs.FUSED, KafkaOutputs.AGGREGATES,
            KafkaOutputs.QUESTION_STATS, KafkaOutputs.SESSIONS, KafkaOutputs.MASTERY, KafkaOutputs.INTERVENTIONS,
            KafkaOutputs.DEAD_LETTERS, KafkaOutputs.LATE);
    /** The learner of the last page views, which close the simulation's windows in the live run. */
    private static final String CLOSING_LEARNER = "mailto:closing@example.com";

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Catalog catalog;
    static LearnPulseConfig config;
    /** Partition → records (Kafka key = learner id, value = line), in delivery order. */
    static final List<List<ProducerRecord<String, String>>> input = new ArrayList<>();
    static final Map<String, List<String>> reference = new HashMap<>();
    static final Map<String, List<String>> restarted = new HashMap<>();
    static final Map<String, List<String>> restartedUncommitted = new HashMap<>();
    static int fusedCommittedWhenKilled;

    @BeforeAll
    static void runOnceWholeAndOnceKilledAndRestarted() throws Exception {
        simulate();
        kafka = LocalKafka.start();
        for (String prefix : List.of("whole", "killed")) {
            kafka.createTopics(PARTITIONS, prefix + ".in");
            kafka.createTopics(PARTITIONS, OUTPUTS.stream().map(o -> prefix + ".out." + o).toArray(String[]::new));
        }
        config = LearnPulseConfig.fromYamlString(String.join("\n",
                "pipeline: {parallelism: 2}",
                "engine: {checkpoint-interval: 500ms, checkpoint-dir: '" + dir.resolve("checkpoints").toUri() + "'}",
                "metrics: {prometheus-port: '0'}"));

        // The uninterrupted run, over input that is all there from the start.
        try (KafkaProducer<String, String> producer = Topics.producer(kafka.bootstrapServers())) {
            write(producer, "whole.in", Integer.MAX_VALUE, null);
        }
        start("whole", null).getJobExecutionResult().get(2, TimeUnit.MINUTES);
        read("whole", reference, true);
        reference.replaceAll((o, lines) -> lines.stream()
                .filter(l -> !l.contains("\"learner_id\":\"" + CLOSING_LEARNER + "\"")).collect(Collectors.toList()));

        // The same input written at about 600 records a second while the job runs; killed part-way through.
        AtomicInteger written = new AtomicInteger();
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (KafkaProducer<String, String> producer = Topics.producer(kafka.bootstrapServers())) {
                write(producer, "killed.in", 600, written);
            } catch (Throwable t) {
                writeFailure.set(t);
            }
        }, "paced-input");
        Path checkpoints = dir.resolve("checkpoints");
        JobClient first = start("killed", null);
        writer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (latestCheckpoint(checkpoints).isEmpty() || written.get() < RECORDS / 3
                || committed(KafkaOutputs.FUSED).isEmpty()) {
            assertThat(System.nanoTime()).as("a checkpoint and committed output in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        first.cancel().get(1, TimeUnit.MINUTES);
        fusedCommittedWhenKilled = committed(KafkaOutputs.FUSED).size();
        String checkpoint = latestCheckpoint(checkpoints).orElseThrow().toUri().toString();

        JobClient second = start("killed", checkpoint);
        try {
            writer.join(TimeUnit.MINUTES.toMillis(1));
            assertThat(writeFailure.get()).isNull();
            // Complete once every output holds as many records as the uninterrupted run's (question statistics: the
            // same last records); then a little longer, so that anything beyond would be committed too, and seen.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!complete()) {
                assertThat(System.nanoTime()).as("the restarted job's output in time").isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(1_500);
        } finally {
            second.cancel().get(1, TimeUnit.MINUTES);
        }
        read("killed", restarted, true);
        read("killed", restartedUncommitted, false);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Simulated assessment records in order of delivery, each learner on one partition, then the closing ones. */
    private static void simulate() {
        SimulatorConfig sim = new SimulatorConfig();
        sim.learners = 120;
        sim.seed = 11;
        // Delivered in event-time order: nothing arrives behind a watermark, so results are independent of timing.
        sim.clockSkewMs = 0;
        sim.maxDisorderMs = 0;
        sim.offlineBurstFraction = 0;
        sim.lateFraction = 0;
        sim.malformedFraction = 0.01;
        catalog = CatalogGenerator.generate(sim.seed, sim.courses);
        for (int p = 0; p < PARTITIONS; p++) {
            input.add(new ArrayList<>());
        }
        LearnerSimulator simulator = new LearnerSimulator(sim, catalog);
        int n = 0;
        long last = Long.MIN_VALUE;
        while (n < RECORDS && simulator.hasNext()) {
            SimRecord r = simulator.next();
            // One channel: a learner's events on two topics would arrive interleaved differently in every run, and
            // the results computed on arrival (speculative records, interventions) would differ with it.
            if (!r.source.equals(CHANNEL)) {
                continue;
            }
            String learner = r.learnerId == null ? "" : r.learnerId;
            int partition = Math.floorMod(learner.hashCode(), PARTITIONS);
            input.get(partition).add(new ProducerRecord<>("", partition, learner, r.line));
            last = Math.max(last, r.eventTime);
            n++;
        }
        for (int p = 0; p < PARTITIONS; p++) {
            // xAPI goes on any channel; a page view is no attempt, so it adds no item statistics either.
            input.get(p).add(new ProducerRecord<>("", p, CLOSING_LEARNER, "{\"id\":\"6a9e2c5e-1c1a-4f7e-9d3b-00000000000"
                    + p + "\",\"actor\":{\"mbox\":\"" + CLOSING_LEARNER + "\"},"
                    + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
                    + "\"object\":{\"id\":\"https://lms.example.org/pages/closing\"},"
                    + "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"https://lms.example.org/courses/c\","
                    + "\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}}]}},"
                    + "\"timestamp\":\"" + Instant.ofEpochMilli(last + Duration.ofDays(1).toMillis()) + "\"}"));
        }
    }

    /** Writes the input to {@code topic}, at most {@code perSecond} records a second, round-robin over partitions. */
    private static void write(KafkaProducer<String, String> producer, String topic, int perSecond, AtomicInteger written)
            throws Exception {
        int total = input.stream().mapToInt(List::size).sum();
        long start = System.nanoTime();
        int sent = 0;
        for (int i = 0; sent < total; i++) {
            for (List<ProducerRecord<String, String>> partition : input) {
                if (i < partition.size()) {
                    ProducerRecord<String, String> r = partition.get(i);
                    producer.send(new ProducerRecord<>(topic, r.partition(), r.key(), r.value()));
                    sent++;
                }
            }
            if (perSecond < Integer.MAX_VALUE) {
                producer.flush();
                written.set(sent);
                long wait = start + TimeUnit.SECONDS.toNanos(1) * sent / perSecond - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        producer.flush();
    }

    /**
     * The job over {@code prefix.in} into {@code prefix.out.*}: up to the offsets the input ends at for the
     * uninterrupted run, without end for the other.
     */
    private static JobClient start(String prefix, String restoreFrom) throws Exception {
        String topic = prefix + ".in";
        KafkaSourceBuilder<RawRecord> source = KafkaInputs.builder(config, kafka.bootstrapServers(), topic, CHANNEL,
                prefix, Map.of());
        if (prefix.equals("whole")) {
            Map<TopicPartition, Long> end = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                end.put(new TopicPartition(topic, p), (long) input.get(p).size());
            }
            source.setBounded(OffsetsInitializer.offsets(end));
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String o : OUTPUTS) {
            outputs.put(o, prefix + ".out." + o);
        }
        Configuration conf = Engine.flinkConfiguration(config, Engine.Mode.CONTINUOUS);
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(config.parallelism());
        return new FusionJob(config, catalog, List.of(KafkaInputs.input(config, CHANNEL, source.build())),
                KafkaOutputs.sinks(kafka.bootstrapServers(), outputs, prefix, Map.of()))
                .executeAsync(env, "exactly-once-" + prefix);
    }

    /** The newest completed checkpoint of any job under {@code root}: a {@code chk-N} directory with metadata. */
    private static Optional<Path> latestCheckpoint(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(root, 2)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))));
        }
    }

    private static List<String> committed(String output) {
        return Topics.values(kafka.bootstrapServers(), "killed.out." + output);
    }

    private static boolean complete() throws IOException {
        for (String o : OUTPUTS) {
            List<String> lines = committed(o);
            boolean done = o.equals(KafkaOutputs.QUESTION_STATS)
                    ? latestFinals(lines).equals(latestFinals(reference.get(o)))
                    : lines.size() >= reference.get(o).size();
            if (!done) {
                return false;
            }
        }
        return true;
    }

    private static void read(String prefix, Map<String, List<String>> into, boolean committedOnly) {
        for (String o : OUTPUTS) {
            into.put(o, Topics.records(kafka.bootstrapServers(), prefix + ".out." + o, committedOnly).stream()
                    .map(r -> r.value()).collect(Collectors.toList()));
        }
    }

    // ---- comparisons ----------------------------------------------------------------------------------------

    private static ObjectNode json(String line) {
        try {
            return (ObjectNode) JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFinal(String line) {
        return json(line).path("status").asText().equals("final");
    }

    private static List<String> without(List<String> lines, String... wallClockFields) {
        return lines.stream().map(l -> {
            ObjectNode n = json(l);
            n.remove(List.of(wallClockFields));
            return n.toString();
        }).collect(Collectors.toList());
    }

    private static Map<String, String> latestFinals(List<String> lines) throws IOException {
        Path f = Files.createTempFile(dir, "finals", ".jsonl");
        Files.write(f, lines);
        return LatestFinals.of(f);
    }

    @Test
    void theJobWasKilledAfterCommittingSomeButNotAllOfItsOutput() {
        assertThat(reference.get(KafkaOutputs.FUSED)).hasSizeGreaterThan(1_000);
        assertThat(fusedCommittedWhenKilled).isPositive().isLessThan(reference.get(KafkaOutputs.FUSED).size() / 2);
    }

    @Test
    void everyResultIsCommittedExactlyOnce() {
        for (String o : List.of(KafkaOutputs.FUSED, KafkaOutputs.MASTERY, KafkaOutputs.AGGREGATES,
                KafkaOutputs.SESSIONS)) {
            List<String> expected = reference.get(o);
            assertThat(expected).as(o).isNotEmpty().doesNotHaveDuplicates();
            assertThat(restarted.get(o)).as(o).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(restarted.get(KafkaOutputs.FUSED)).anyMatch(l -> !isFinal(l)).anyMatch(KafkaExactlyOnceFailureTest::isFinal);
    }

    @Test
    void everyInterventionDeadLetterAndLateEventIsCommittedExactlyOnce() {
        List<String> interventions = without(restarted.get(KafkaOutputs.INTERVENTIONS), "emitted_at", "latency_ms");
        assertThat(interventions).isNotEmpty().doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                without(reference.get(KafkaOutputs.INTERVENTIONS), "emitted_at", "latency_ms"));
        List<String> dead = without(restarted.get(KafkaOutputs.DEAD_LETTERS), "received_at");
        assertThat(dead).isNotEmpty().containsExactlyInAnyOrderElementsOf(
                without(reference.get(KafkaOutputs.DEAD_LETTERS), "received_at"));
        assertThat(restarted.get(KafkaOutputs.LATE)).isEmpty();
        assertThat(reference.get(KafkaOutputs.LATE)).isEmpty();
    }

    @Test
    void questionStatisticsEndTheSameWithNoRecordTwice() throws IOException {
        List<String> finals = restarted.get(KafkaOutputs.QUESTION_STATS).stream()
                .filter(KafkaExactlyOnceFailureTest::isFinal)
                .map(l -> json(l).path("key").asText() + "/" + json(l).path("revision").asInt())
                .collect(Collectors.toList());
        assertThat(finals).isNotEmpty().doesNotHaveDuplicates();
        assertThat(latestFinals(restarted.get(KafkaOutputs.QUESTION_STATS)))
                .isEqualTo(latestFinals(reference.get(KafkaOutputs.QUESTION_STATS)));
        // One speculative record per attempt, as it arrived.
        assertThat(restarted.get(KafkaOutputs.QUESTION_STATS).stream().filter(l -> !isFinal(l)).count())
                .isEqualTo(reference.get(KafkaOutputs.QUESTION_STATS).stream().filter(l -> !isFinal(l)).count());
    }

    @Test
    void readUncommittedConsumersMaySeeMore() {
        for (String o : OUTPUTS) {
            assertThat(restartedUncommitted.get(o)).as(o).containsAll(restarted.get(o));
        }
    }
}
