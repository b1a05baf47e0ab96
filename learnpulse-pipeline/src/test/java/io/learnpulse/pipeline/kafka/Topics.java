package io.learnpulse.pipeline.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/** Reading and writing test topics with plain Kafka clients. */
final class Topics {
    private Topics() {}

    static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Writes {@code values} to one partition, in order, and waits until all are acknowledged. */
    static void send(KafkaProducer<String, String> producer, String topic, int partition, List<String> values) {
        try {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, v)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic + "-" + partition, e);
        }
    }

    /** Every record up to the current end of every partition, as the isolation level lets it see. */
    static List<ConsumerRecord<String, String>> records(String bootstrapServers, String topic, boolean committedOnly) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A fetch that finds nothing new would otherwise wait half a second at the broker.
        p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                tps.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            // For read_committed, the end is the last stable offset: an open transaction's records are not read.
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in time");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    /** The values of {@link #records}, committed only. */
    static List<String> values(String bootstrapServers, String topic) {
        return records(bootstrapServers, topic, true).stream().map(ConsumerRecord::value).toList();
    }

    /** Polls {@code topic} (read_committed) until its values satisfy {@code done}; the values then. */
    static List<String> awaitValues(String bootstrapServers, String topic, Predicate<List<String>> done,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> values = values(bootstrapServers, topic);
            if (done.test(values)) {
                return values;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting on " + topic + "; it holds " + values.size() + " records: "
                        + (values.size() > 20 ? values.subList(0, 20) + " ..." : values));
            }
            Thread.sleep(100);
        }
    }
}
