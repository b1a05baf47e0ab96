package io.learnpulse.pipeline.kafka;

import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.profile.ProfileParser;
import io.learnpulse.pipeline.FusionJob;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The learner-profile input of the production job: a compacted topic keyed by learner id (docs/profiles.md),
 * read from its beginning on a fresh start (a compacted topic is the full current table) and from the offsets in
 * the checkpoint on a restore. A tombstone (null value) under a learner's key deletes their profile.
 */
public final class KafkaProfiles {
    /** Operator names and uids of the profile input. */
    public static final String INPUT_NAME = "kafka-profiles";

    private KafkaProfiles() {}

    public static FusionJob.Input input(String bootstrapServers, String topic, String groupId,
            Map<String, String> properties) {
        KafkaSourceBuilder<RawRecord> b = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ProfileRecordDeserializer());
        properties.forEach(b::setProperty);
        return new FusionJob.Input(INPUT_NAME, b.build(), true);
    }

    /** The value as text; a tombstone becomes the deletion record of the key's learner. */
    static final class ProfileRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {}

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            long now = System.currentTimeMillis();
            if (record.value() == null) {
                if (record.key() == null) {
                    // Neither a profile nor a deletion: the parser dead-letters the empty record with its reason.
                    out.collect(new RawRecord(ProfileParser.CHANNEL, "", now));
                    return;
                }
                String learner = new String(record.key(), StandardCharsets.UTF_8);
                out.collect(new RawRecord(ProfileParser.CHANNEL, JsonLines.toJson(ProfileParser.tombstone(learner)), now));
                return;
            }
            out.collect(new RawRecord(ProfileParser.CHANNEL, new String(record.value(), StandardCharsets.UTF_8), now));
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }
    }
}
