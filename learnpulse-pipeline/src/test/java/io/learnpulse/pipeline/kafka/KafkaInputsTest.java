package io.learnpulse.pipeline.kafka;

import io.learnpulse.core.config.LatenessPolicy;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.format.ParserSettings;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.learnpulse.pipeline.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka input's deserializer and watermarks, without a broker. */
class KafkaInputsTest {

    private static RawRecord deserialize(String channel, String value) throws Exception {
        RawRecordDeserializer d = new RawRecordDeserializer(channel, ParserSettings.defaults());
        d.open(null);
        List<RawRecord> out = new ArrayList<>();
        d.deserialize(new ConsumerRecord<>("t", 0, 0L, null,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8)), new Collector<>() {
                    @Override
                    public void collect(RawRecord record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static String statement(String id, String time) {
        return "{\"id\":\"" + id + "\",\"actor\":{\"mbox\":\"mailto:ann@example.com\"},"
                + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
                + "\"object\":{\"id\":\"https://lms.example.org/pages/1\"},"
                + "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"https://lms.example.org/courses/c\","
                + "\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}}]}},"
                + "\"timestamp\":\"" + time + "\"}";
    }

    @Test
    void readsTheEventTimeOfEachRecordAndKeepsItAsItCame() throws Exception {
        String page = "{\"schema_version\":2,\"event_id\":\"e1\",\"learner_id\":\"A\",\"course_id\":\"c1\",\"ts\":"
                + at(42) + ",\"page_id\":\"p1\",\"event_type\":\"page_view\"}";
        long before = System.currentTimeMillis();
        RawRecord r = deserialize("clickstream", page);
        assertThat(r.source).isEqualTo("clickstream");
        assertThat(r.payload).isEqualTo(page);
        assertThat(r.ingestTime).isBetween(before, System.currentTimeMillis());
        assertThat(r.eventTimeHint).isEqualTo(at(42));
    }

    @Test
    void takesTheRecordTimestampAsIngestTimeWhenAskedTo() throws Exception {
        String page = "{\"schema_version\":2,\"event_id\":\"e1\",\"learner_id\":\"A\",\"course_id\":\"c1\",\"ts\":"
                + at(42) + ",\"page_id\":\"p1\",\"event_type\":\"page_view\"}";
        long sent = at(50);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 7L, sent, TimestampType.CREATE_TIME, 0, 0,
                null, page.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());
        List<RawRecord> out = new ArrayList<>();
        Collector<RawRecord> collect = new Collector<>() {
            @Override
            public void collect(RawRecord r) {
                out.add(r);
            }

            @Override
            public void close() {}
        };
        RawRecordDeserializer byTimestamp = new RawRecordDeserializer("clickstream", ParserSettings.defaults(),
                RawRecordDeserializer.IngestTime.RECORD_TIMESTAMP);
        byTimestamp.open(null);
        byTimestamp.deserialize(record, collect);
        long before = System.currentTimeMillis();
        RawRecordDeserializer byReading = new RawRecordDeserializer("clickstream", ParserSettings.defaults());
        byReading.open(null);
        byReading.deserialize(record, collect);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).ingestTime).isEqualTo(sent);
        assertThat(out.get(0).eventTimeHint).isEqualTo(at(42));
        // The production default: when the source reads the record, whatever its timestamp says.
        assertThat(out.get(1).ingestTime).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void takesTheEarliestEventOfAStatementArray() throws Exception {
        String batch = "[" + statement("6a9e2c5e-1c1a-4f7e-9d3b-000000000002", "2026-01-05T10:00:30Z") + ","
                + statement("6a9e2c5e-1c1a-4f7e-9d3b-000000000001", "2026-01-05T10:00:10Z") + "]";
        assertThat(deserialize("xapi", batch).eventTimeHint).isEqualTo(at(10));
    }

    @Test
    void leavesTheHintUnsetForRecordsWithoutAValidEvent() throws Exception {
        RawRecord broken = deserialize("assessment", "{\"schema_version\":2,\"event_id\":\"x\"");
        assertThat(broken.payload).isEqualTo("{\"schema_version\":2,\"event_id\":\"x\"");
        assertThat(broken.eventTimeHint).isEqualTo(Long.MIN_VALUE);
        RawRecord tombstone = deserialize("assessment", null);
        assertThat(tombstone.payload).isNull();
        assertThat(tombstone.eventTimeHint).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void watermarksFollowTheHintsAndIgnoreRecordsWithout() {
        WatermarkStrategy<RawRecord> strategy = KafkaInputs.watermarks(
                new LatenessPolicy(Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(2)));
        TimestampAssigner<RawRecord> timestamps = strategy.createTimestampAssigner(() -> new UnregisteredMetricsGroup());
        WatermarkGenerator<RawRecord> generator = strategy.createWatermarkGenerator(new TestContext());
        List<Long> emitted = new ArrayList<>();
        WatermarkOutput output = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark watermark) {
                emitted.add(watermark.getTimestamp());
            }

            @Override
            public void markIdle() {}

            @Override
            public void markActive() {}
        };
        for (long hint : new long[] {at(100), Long.MIN_VALUE, at(90)}) {
            RawRecord r = new RawRecord("video", "{}", 0L);
            r.eventTimeHint = hint;
            long ts = timestamps.extractTimestamp(r, -1L);
            assertThat(ts).isEqualTo(hint);
            generator.onEvent(r, ts, output);
        }
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(at(100) - 5_001);
    }

    private static final class TestContext implements WatermarkGeneratorSupplier.Context {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return SystemClock.getInstance();
        }
    }
}
