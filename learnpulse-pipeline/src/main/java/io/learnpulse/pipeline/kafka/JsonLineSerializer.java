package io.learnpulse.pipeline.kafka;

import io.learnpulse.pipeline.sink.JsonLinesFileSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One output record as one Kafka record: the value is the JSON line the file sinks write (without the newline),
 * the key the record's upsert partner (learner id, question id), so that each learner's records stay in order
 * on one partition and a compacted topic could keep the latest of each.
 *
 * <p>The Kafka record timestamp is left to the producer (the time of writing), not taken from the stream: the
 * stream's timestamps are event times, possibly months old, and a topic's time-based retention would delete
 * such records at once.
 */
final class JsonLineSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** The Kafka key of a record; null for none (the producer then spreads records over partitions). */
    @FunctionalInterface
    interface KeyOf<T> extends Serializable {
        String key(T record);
    }

    private final String topic;
    private final JsonLinesFileSink.Encoder<T> encoder;
    private final KeyOf<T> keyOf;

    JsonLineSerializer(String topic, JsonLinesFileSink.Encoder<T> encoder, KeyOf<T> keyOf) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String key = keyOf.key(element);
        return new ProducerRecord<>(topic, null, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                encoder.encode(element).getBytes(StandardCharsets.UTF_8));
    }
}
