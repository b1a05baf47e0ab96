package io.learnpulse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.devservices.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench --kafka=HOST:PORT} end to end against an in-process broker, run tiny: everything generated goes
 * through the input topics and is read by the job, a read_committed consumer counts exactly the records the job
 * wrote to the output topics, and the run's topics are gone afterwards. Nothing here depends on how fast the
 * machine is.
 */
class BenchKafkaTest {
    static LocalKafka kafka;

    @TempDir
    Path dir;

    // One broker for both runs: the second run's topics are created after the first run's were deleted, the case in
    // which the preload used to lose a partition's first batch before the bench waited for its topics to be
    // writable (see TopicReadiness).
    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void anUnpacedRunReadsEveryRecordAndCommitsExactlyWhatTheJobWrote() throws Exception {
        // Few records and a long measured period: the run ends when the job has read them all. No warm-up, so that
        // every record is in the measured period however fast the machine reads them.
        String output = bench("--learners", "300", "--rate", "max", "--events", "20000", "--duration", "120s",
                "--warmup", "0s");
        assertThat(output).contains("wrote ").contains("records to the input topics");
        checkRun(output);
    }

    @Test
    void aPacedRunSendsOnTheScheduleAndEndsOnceTheJobHasReadEverything() throws Exception {
        String output = bench("--learners", "300", "--rate", "2000", "--duration", "3s", "--warmup", "1s");
        Matcher producer = Pattern.compile("input producer .*\\(([\\d,]+) records\\)").matcher(output);
        assertThat(producer.find()).as(output).isTrue();
        long sent = number(producer.group(1));
        long fed = checkRun(output);
        assertThat(sent).isEqualTo(fed);
    }

    @Test
    void kafkaTakesAnOptionalAddress() {
        assertThat(CommandLine.populateCommand(new BenchCommand()).kafka).isNull();
        assertThat(CommandLine.populateCommand(new BenchCommand(), "--kafka").kafka).isEmpty();
        assertThat(CommandLine.populateCommand(new BenchCommand(), "--kafka=127.0.0.1:9092").kafka)
                .isEqualTo("127.0.0.1:9092");
        assertThat(CommandLine.populateCommand(new BenchCommand(), "--kafka", "--rate", "max").kafka).isEmpty();
    }

    private String bench(String... args) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "engine:\n  checkpoint-dir: "
                + dir.resolve("checkpoints").toUri() + "\n  checkpoint-interval: 1s\nmetrics:\n  prometheus-port: \"0\"\n"
                + "kafka:\n  topic-partitions: 2\n");
        List<String> all = new ArrayList<>(List.of("bench", "--splits", "2", "--kafka=" + kafka.bootstrapServers(),
                "--config", config.toString()));
        all.addAll(List.of(args));
        StringWriter text = new StringWriter();
        CommandLine cl = LearnPulse.commandLine();
        cl.setOut(new PrintWriter(text, true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        String output = text.toString();
        assertThat(exit).as(output + err).isZero();
        return output;
    }

    /** Checks what every run through Kafka must show; returns the number of records fed. */
    private long checkRun(String output) throws Exception {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("events_per_sec", "p50_ms", "p95_ms", "p99_ms", "max_ms", "final_p99_ms",
                "heap_mb", "state_entries");
        assertThat(json.get("events_per_sec").asLong()).isPositive();

        // Every record generated went to Kafka and was read by the job.
        Matcher fed = Pattern.compile("events fed\\s+([\\d,]+) of ([\\d,]+) generated; counted in ([\\d,]+)")
                .matcher(output);
        assertThat(fed.find()).as(output).isTrue();
        long sent = number(fed.group(1));
        assertThat(sent).isPositive().isEqualTo(number(fed.group(2))).isEqualTo(number(fed.group(3)));

        // Exactly once: what a read_committed consumer finds in the output topics is what the job wrote.
        Matcher once = Pattern.compile("(?m)^exactly-once\\s+([\\d,]+) output records committed \\(read_committed "
                + "consumer\\) = ([\\d,]+) written by the job$").matcher(output);
        assertThat(once.find()).as(output).isTrue();
        assertThat(number(once.group(1))).isPositive().isEqualTo(number(once.group(2)));
        Matcher outputs = Pattern.compile("outputs\\s+([\\d,]+) records").matcher(output);
        assertThat(outputs.find()).isTrue();
        assertThat(number(outputs.group(1))).isEqualTo(number(once.group(2)));

        // The run's topics were created, then deleted, on a broker that stays up.
        Matcher topics = Pattern.compile("topics (bench-\\d+)-\\*: inputs \\[([a-z, ]+)]").matcher(output);
        assertThat(topics.find()).as(output).isTrue();
        assertThat(topics.group(2)).isEqualTo("assessment, clickstream, video");
        assertThat(output).contains("topics deleted");
        String prefix = topics.group(1) + "-";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // Deleted by the controller; the broker's view of the metadata follows within moments.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Set<String> left = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            while (left.stream().anyMatch(t -> t.startsWith(prefix)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                left = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            }
            assertThat(left).noneMatch(t -> t.startsWith(prefix));
        }
        return sent;
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
