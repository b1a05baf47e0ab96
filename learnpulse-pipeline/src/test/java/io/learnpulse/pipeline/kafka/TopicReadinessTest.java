package io.learnpulse.pipeline.kafka;

import io.learnpulse.devservices.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicReadinessTest {
    static final int PARTITIONS = 4;
    static final int PER_PARTITION = 300;

    static LocalKafka kafka;
    static Admin admin;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.start();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        admin = Admin.create(p);
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    /**
     * The write pattern that lost records on fresh topics: an idempotent producer with five requests in flight per
     * connection writing every partition at once, right after creation. Once the topics are writable, no first
     * request is refused, so nothing is retried and each partition holds its records once and in order.
     */
    @Test
    void freshTopicsTakeTheirFirstWritesWithoutARetry() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "256");
        // A lost batch shows as its expiry; without the wait that happened within the first few rounds.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int round = 0; round < 10; round++) {
                String topic = "ready-" + round;
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
                TopicReadiness.awaitWritable(admin, List.of(topic), Duration.ofSeconds(30));

                AtomicReference<Exception> failure = new AtomicReference<>();
                for (int i = 0; i < PER_PARTITION; i++) {
                    for (int partition = 0; partition < PARTITIONS; partition++) {
                        producer.send(new ProducerRecord<>(topic, partition, null, Integer.toString(i)), (m, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                    }
                }
                producer.flush();
                assertThat(failure.get()).as("round %d", round).isNull();
                assertThat(metric(producer, "record-retry-total")).as("retries by round %d", round).isZero();
                Map<Integer, List<String>> written = read(topic);
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    assertThat(written.get(partition)).as("%s-%d", topic, partition).containsExactlyElementsOf(sequence());
                }
            }
            assertThat(metric(producer, "record-send-total")).isEqualTo(10.0 * PARTITIONS * PER_PARTITION);
        }
    }

    @Test
    void topicsThatDoNotExistTimeOutNamingThem() {
        long start = System.nanoTime();
        // What the last attempt said depends on how far it got in the time (the topic is unknown, or no answer).
        assertThatThrownBy(() -> TopicReadiness.awaitWritable(admin, List.of("never-created"), Duration.ofMillis(1500)))
                .isInstanceOf(TimeoutException.class)
                .hasMessageStartingWith("the partitions of [never-created] did not become writable within 1500 ms, last: ");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1500);
    }

    @Test
    void noTopicsAreWritableAtOnce() throws Exception {
        TopicReadiness.awaitWritable(admin, List.of(), Duration.ZERO);
    }

    private static double metric(KafkaProducer<?, ?> producer, String name) {
        for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
            if (e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name)) {
                return ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no producer metric " + name);
    }

    private static List<String> sequence() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < PER_PARTITION; i++) {
            values.add(Integer.toString(i));
        }
        return values;
    }

    /** Every record of {@code topic}, by partition, in offset order. */
    private static Map<Integer, List<String>> read(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<TopicPartition> tps = new ArrayList<>();
        Map<Integer, List<String>> values = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            tps.add(new TopicPartition(topic, partition));
            values.put(partition, new ArrayList<>());
        }
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.currentTimeMillis() + 30_000;
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    values.get(r.partition()).add(r.value());
                }
            }
        }
        return values;
    }
}
