package io.learnpulse.pipeline.kafka;

import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.format.RecordParser;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns a Kafka record of one channel into a {@link RawRecord}: the value as UTF-8 text, with the record's event
 * time parsed out of it ({@link RawRecord#eventTimeHint}) so that watermarks can be generated per partition in
 * the source. The record is parsed again, and validated, by the pipeline's parse step; this parse only reads the
 * time. A record that yields no valid event keeps the hint unset and flows on, to become a dead letter there.
 *
 * <p>The record's {@linkplain RawRecord#ingestTime ingest time} (where insight latency starts) is by default the
 * wall clock when the source reads it ({@link IngestTime#READ}): the job's own latency, whatever the record's
 * producer and broker took before. {@link IngestTime#RECORD_TIMESTAMP} takes the Kafka record's timestamp instead
 * (the producer's CreateTime, or the broker's append time on a topic with {@code LogAppendTime}), so that the time
 * a record spent in the producer, the broker and the consumer's queue counts too.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    /** Where a record's ingest time comes from. */
    public enum IngestTime {
        /** The wall clock when the source reads the record (the default). */
        READ,
        /** The Kafka record's timestamp (CreateTime or LogAppendTime, as the topic keeps it). */
        RECORD_TIMESTAMP
    }

    private final String channel;
    private final ParserSettings settings;
    private final IngestTime ingestTime;
    private transient RecordParser parser;

    public RawRecordDeserializer(String channel, ParserSettings settings) {
        this(channel, settings, IngestTime.READ);
    }

    public RawRecordDeserializer(String channel, ParserSettings settings, IngestTime ingestTime) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ingestTime = Objects.requireNonNull(ingestTime, "ingestTime");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parser = new RecordParser(settings);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        byte[] value = record.value();
        // A null value (a tombstone) is passed on as a null payload, which the parse step dead-letters.
        String payload = value == null ? null : new String(value, StandardCharsets.UTF_8);
        long ingest = ingestTime == IngestTime.RECORD_TIMESTAMP && record.timestamp() >= 0 ? record.timestamp()
                : System.currentTimeMillis();
        RawRecord raw = new RawRecord(channel, payload, ingest);
        raw.eventTimeHint = eventTimeHint(raw);
        out.collect(raw);
    }

    /** The earliest event time among the valid events of the record, or {@link Long#MIN_VALUE} if it has none. */
    long eventTimeHint(RawRecord raw) {
        if (parser == null) {
            parser = new RecordParser(settings);
        }
        long[] earliest = {Long.MAX_VALUE};
        parser.parse(raw.source, raw.payload, raw.ingestTime, (ParseResult r) -> {
            if (r.ok() && r.event.eventTime < earliest[0]) {
                earliest[0] = r.event.eventTime;
            }
        });
        return earliest[0] == Long.MAX_VALUE ? Long.MIN_VALUE : earliest[0];
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
