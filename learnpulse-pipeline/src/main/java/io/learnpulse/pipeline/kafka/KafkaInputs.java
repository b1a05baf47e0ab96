package io.learnpulse.pipeline.kafka;

import io.learnpulse.core.config.LatenessPolicy;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.pipeline.FusionJob;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Kafka topics as pipeline inputs: one topic carries one channel ({@link Sources}), each record one raw record
 * (a native JSON line, an xAPI statement or array, a Caliper envelope or event).
 *
 * <p>Watermarks are generated in the source, per Kafka partition, with the channel's lateness policy: bounded
 * out-of-orderness from the records' event times ({@link RawRecord#eventTimeHint}, read by the deserializer)
 * and the policy's idleness for partitions that fall silent. The input's watermark is the minimum over its
 * partitions, so a partition that is read ahead of the others (a backlog is read partition by partition) does
 * not make the others' events late. Partitions are ordered streams, so producers should key records by
 * learner, keeping each learner's events in order on one partition.
 *
 * <p>A job starts from the offsets committed for its group id (Flink commits them on each checkpoint), or from
 * the earliest offset where there are none; after a restore, from the offsets in the checkpoint.
 */
public final class KafkaInputs {
    private KafkaInputs() {}

    /** The operator name and uid stem of the input for {@code channel}. */
    public static String inputName(String channel) {
        return "kafka-" + channel;
    }

    /**
     * One input per channel of {@code topicByChannel}, reading until the job is stopped.
     *
     * @param properties further Kafka consumer settings (security, client id, ...)
     */
    public static List<FusionJob.Input> inputs(LearnPulseConfig config, String bootstrapServers,
            Map<String, String> topicByChannel, String groupId, Map<String, String> properties) {
        List<FusionJob.Input> inputs = new ArrayList<>();
        new TreeMap<>(topicByChannel).forEach((channel, topic) -> inputs.add(
                input(config, channel, source(config, bootstrapServers, topic, channel, groupId, properties))));
        return inputs;
    }

    /** The input for {@code channel} reading {@code source}, with watermarks per partition by the channel's policy. */
    public static FusionJob.Input input(LearnPulseConfig config, String channel, KafkaSource<RawRecord> source) {
        return FusionJob.Input.watermarkedAtSource(inputName(channel), source, watermarks(config.lateness(channel)));
    }

    /**
     * A source of raw records of {@code channel} from {@code topic}, reading until the job is stopped.
     *
     * @param properties further Kafka consumer settings
     */
    public static KafkaSource<RawRecord> source(LearnPulseConfig config, String bootstrapServers, String topic,
            String channel, String groupId, Map<String, String> properties) {
        return builder(config, bootstrapServers, topic, channel, groupId, properties).build();
    }

    /**
     * The source's builder with everything set: to read up to given offsets and finish, say
     * ({@code setBounded(OffsetsInitializer.offsets(...))}). With connector 5.0.0-2.2 such a bounded source
     * finishes only in the job that started it: restored from a checkpoint, its readers are never told that no
     * more splits will come (the enumerator says so only after discovering new partitions), so it never ends.
     */
    public static KafkaSourceBuilder<RawRecord> builder(LearnPulseConfig config, String bootstrapServers,
            String topic, String channel, String groupId, Map<String, String> properties) {
        return builder(config, bootstrapServers, topic, channel, groupId, properties, RawRecordDeserializer.IngestTime.READ);
    }

    /**
     * As {@link #builder(LearnPulseConfig, String, String, String, String, Map)}, with the records' ingest time
     * (where insight latency starts) taken as {@code ingestTime} says: the production job uses
     * {@link RawRecordDeserializer.IngestTime#READ}, the time the source reads a record.
     */
    @SuppressWarnings("deprecation") // OffsetResetStrategy is what the connector's initializer takes
    public static KafkaSourceBuilder<RawRecord> builder(LearnPulseConfig config, String bootstrapServers,
            String topic, String channel, String groupId, Map<String, String> properties,
            RawRecordDeserializer.IngestTime ingestTime) {
        if (!Sources.ALL.contains(channel)) {
            throw new IllegalArgumentException("unknown channel '" + channel + "' (expected one of "
                    + String.join(", ", Sources.ALL) + ")");
        }
        KafkaSourceBuilder<RawRecord> b = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer(channel,
                        new ParserSettings(config.maxRecordBytes(), config.maxFutureSkew().toMillis()), ingestTime));
        properties.forEach(b::setProperty);
        return b;
    }

    /**
     * Bounded out-of-orderness and idleness by {@code policy}, on {@link RawRecord#eventTimeHint}. Records
     * without a hint (they yield no valid event) neither move the watermark nor count as activity.
     */
    public static WatermarkStrategy<RawRecord> watermarks(LatenessPolicy policy) {
        return new HintWatermarks(policy.maxOutOfOrderness(), policy.idleness());
    }

    private static final class HintWatermarks implements WatermarkStrategy<RawRecord> {
        private static final long serialVersionUID = 1L;
        private final Duration maxOutOfOrderness;
        private final Duration idleness;

        HintWatermarks(Duration maxOutOfOrderness, Duration idleness) {
            this.maxOutOfOrderness = Objects.requireNonNull(maxOutOfOrderness);
            this.idleness = Objects.requireNonNull(idleness);
        }

        @Override
        public TimestampAssigner<RawRecord> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
            return (record, previous) -> record.eventTimeHint;
        }

        @Override
        public WatermarkGenerator<RawRecord> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
            WatermarkStrategy<RawRecord> base = WatermarkStrategy.forBoundedOutOfOrderness(maxOutOfOrderness);
            // Zero idleness means none (bounded replays), as for the other inputs.
            if (!idleness.isZero()) {
                base = base.withIdleness(idleness);
            }
            WatermarkGenerator<RawRecord> inner = base.createWatermarkGenerator(context);
            return new WatermarkGenerator<>() {
                @Override
                public void onEvent(RawRecord event, long timestamp, WatermarkOutput output) {
                    if (timestamp != Long.MIN_VALUE) {
                        inner.onEvent(event, timestamp, output);
                    }
                }

                @Override
                public void onPeriodicEmit(WatermarkOutput output) {
                    inner.onPeriodicEmit(output);
                }
            };
        }
    }
}
