package io.learnpulse.pipeline.kafka;

import io.learnpulse.pipeline.sink.JsonLinesFileSink;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
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
 *
 * <p>Counts the records and their value bytes ({@code learnpulse.sink_records}, {@code learnpulse.sink_bytes}, as
 * the other sinks do): the records handed to the Kafka producer, in the transaction of the current checkpoint.
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
    private transient Counter records;
    private transient Counter bytes;

    JsonLineSerializer(String topic, JsonLinesFileSink.Encoder<T> encoder, KeyOf<T> keyOf) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        // The connector's writer opens its schema more than once; a second registration of the same name would
        // not be reported, so the counters are created once.
        if (records == null) {
            MetricGroup group = context.getMetricGroup().addGroup("learnpulse");
            records = group.counter("sink_records");
            bytes = group.counter("sink_bytes");
        }
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String key = keyOf.key(element);
        byte[] value = encoder.encode(element).getBytes(StandardCharsets.UTF_8);
        if (records != null) {
            records.inc();
            bytes.inc(value.length);
        }
        return new ProducerRecord<>(topic, null, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }
}
