package io.learnpulse.devservices;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LocalKafkaTest {
    static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void committedTransactionsAreVisibleToReadCommittedConsumersAndAbortedOnesAreNot() throws Exception {
        kafka.createTopics(2, "tx");
        try (KafkaProducer<String, String> producer = producer("tx-test")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", 0, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", 0, "k", "committed-0"));
            producer.send(new ProducerRecord<>("tx", 1, "k", "committed-1"));
            producer.commitTransaction();
        }
        assertThat(readAll("tx", 2, "read_committed")).containsExactlyInAnyOrder("committed-0", "committed-1");
        assertThat(readAll("tx", 2, "read_uncommitted"))
                .containsExactlyInAnyOrder("aborted", "committed-0", "committed-1");
    }

    @Test
    void createsCompactedTopicsWithTheirPartitions() throws Exception {
        kafka.createCompactedTopic("profiles", 3);
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            assertThat(admin.describeTopics(List.of("profiles")).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get("profiles").partitions()).hasSize(3);
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "profiles");
            ConfigEntry policy = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic)
                    .get("cleanup.policy");
            assertThat(policy.value()).isEqualTo("compact");
        }
    }

    @Test
    void closeDeletesTheStorageDirectory() {
        LocalKafka other = LocalKafka.start();
        Path dir = other.directory();
        assertThat(dir).isDirectory();
        assertThat(other.bootstrapServers()).isNotEqualTo(kafka.bootstrapServers());
        other.close();
        assertThat(Files.exists(dir)).isFalse();
        other.close(); // idempotent
    }

    private static KafkaProducer<String, String> producer(String transactionalId) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Every value up to the end of each partition (as the isolation level lets it see). */
    private static List<String> readAll(String topic, int partitions, String isolation) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
