package io.learnpulse.app.gateway;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.devservices.LocalKafka;
import io.learnpulse.pipeline.kafka.KafkaRecordSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.learnpulse.app.gateway.Bodies.answered;
import static io.learnpulse.app.gateway.Bodies.attempt;
import static io.learnpulse.app.gateway.Bodies.time;
import static io.learnpulse.app.gateway.Bodies.video;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of Kafka (`gateway --kafka`): a request is answered 200 only once its records are on the
 * input topics, acknowledged by the broker; an xAPI batch is one transaction; a rejected request writes nothing.
 */
class GatewayKafkaHandOverTest {
    static LocalKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.start();
        kafka.createTopics(2, "gw.video", "gw.assessment", "gw.xapi");
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void acceptedRecordsAreOnTheTopicsOfTheirChannelsWhenTheRequestIsAnswered() throws Exception {
        LearnPulseConfig config = LearnPulseConfig.fromYamlString("gateway:\n  port: 0\n");
        Map<String, String> topics = Map.of("video", "gw.video", "assessment", "gw.assessment", "xapi", "gw.xapi");
        try (KafkaRecordSink sink = new KafkaRecordSink(kafka.bootstrapServers(), topics, "gw-test-" + UUID.randomUUID());
             Gateway gateway = Gateway.start(config, sink)) {
            Http http = new Http(gateway.baseUrl());
            long now = System.currentTimeMillis();
            String v1 = video("k-v1", "ann", "play", 60, now - 120_000);
            String v2 = video("k-v2", "ann", "pause", 100, now - 80_000);
            assertThat(http.postEvents("video", v1 + "\n" + v2).status()).isEqualTo(200);
            String a1 = attempt("k-a1", "ann", false, now - 60_000);
            assertThat(http.postEvents("assessment", a1).status()).isEqualTo(200);
            String s1 = answered("6a9e2c5e-1c1a-4f7e-9d3b-0000000000a1", true, time(30_000));
            String s2 = answered("6a9e2c5e-1c1a-4f7e-9d3b-0000000000a2", false, time(20_000));
            assertThat(http.postStatements("[" + s1 + "," + s2 + "]").status()).isEqualTo(200);
            // Invalid: a statement without a verb fails the whole xAPI batch, and nothing reaches the topic.
            String bad = s1.replace("6a9e2c5e-1c1a-4f7e-9d3b-0000000000a1", "6a9e2c5e-1c1a-4f7e-9d3b-0000000000a3")
                    .replaceFirst("\"verb\"\\s*:", "\"verbx\":");
            assertThat(http.postStatements("[" + s2.replace("0000000000a2", "0000000000a4") + "," + bad + "]").status())
                    .isEqualTo(400);

            // Read without waiting for anything else: the 200s above mean the records are already there.
            assertThat(readCommitted("gw.video", 2)).containsExactlyInAnyOrder(v1, v2);
            assertThat(readCommitted("gw.assessment", 1)).containsExactly(a1);
            // One record per statement, both in one transaction, in order (same learner: same key, same partition);
            // nothing of the refused batch.
            List<String> statements = readCommitted("gw.xapi", 2);
            assertThat(statements).hasSize(2);
            assertThat(statements.get(0)).contains("0000000000a1");
            assertThat(statements.get(1)).contains("0000000000a2");
            assertThat(String.join("", statements)).doesNotContain("0000000000a4").doesNotContain("0000000000a3");
        }
    }

    private static List<String> readCommitted(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // Keep polling a little past the expected count, so that an extra record would be seen.
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                    keys.add(r.key());
                }
                if (out.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        // Keyed by learner, so one learner's records keep their order in one partition.
        assertThat(keys).as(topic).containsOnly(topic.equals("gw.xapi") ? "mailto:ann@example.com" : "ann");
        return out;
    }
}
