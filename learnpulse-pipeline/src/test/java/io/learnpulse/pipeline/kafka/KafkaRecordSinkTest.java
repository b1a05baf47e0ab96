package io.learnpulse.pipeline.kafka;

import io.learnpulse.core.event.RawRecord;
import io.learnpulse.devservices.LocalKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaRecordSinkTest {
    static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    /** A sink writing xapi and assessment records to topics of their own, {@code <id>.xapi} and {@code <id>.assessment}. */
    private static KafkaRecordSink sink(String id, Map<String, String> properties) {
        kafka.createTopics(2, id + ".xapi", id + ".assessment");
        return new KafkaRecordSink(kafka.bootstrapServers(), Map.of("xapi", id + ".xapi", "assessment", id + ".assessment"),
                id, Duration.ofSeconds(10), properties);
    }

    @Test
    void anOfferedRecordIsAcknowledgedAndReadable() {
        try (KafkaRecordSink sink = sink("gw-single", Map.of())) {
            assertThat(sink.offer("xapi", "{\"statement\":1}", 1_234L)).isTrue();
            List<ConsumerRecord<String, String>> read = Topics.records(kafka.bootstrapServers(), "gw-single.xapi", true);
            assertThat(read).hasSize(1);
            assertThat(read.get(0).value()).isEqualTo("{\"statement\":1}");
            assertThat(read.get(0).timestamp()).isEqualTo(1_234L);   // the time the gateway received it
            assertThat(read.get(0).key()).isNull();
            assertThat(sink.isOpen()).isTrue();
            assertThat(sink.depth()).isEqualTo(-1);
            assertThat(sink.capacity()).isEqualTo(-1);
            assertThatThrownBy(() -> sink.offer("video", "{}", 1L)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("video");
        }
    }

    @Test
    void aBatchBecomesVisibleToReadCommittedConsumersWhollyOrNotAtAll() {
        // The producer refuses records over 2 KB, so a batch with one such record fails part-way through.
        try (KafkaRecordSink sink = sink("gw-batch", Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2048"))) {
            assertThat(sink.offerAll(List.of(new RawRecord("assessment", "a1", 1L), new RawRecord("xapi", "x1", 1L),
                    new RawRecord("assessment", "a2", 1L)))).isTrue();
            String tooLarge = "y".repeat(4096);
            assertThat(sink.offerAll(List.of(new RawRecord("assessment", "b1", 2L), new RawRecord("xapi", tooLarge, 2L),
                    new RawRecord("assessment", "b2", 2L)))).isFalse();
            // The sink goes on after an aborted batch.
            assertThat(sink.isOpen()).isTrue();
            assertThat(sink.offerAll(List.of(new RawRecord("assessment", "c1", 3L)))).isTrue();
            assertThat(sink.offerAll(List.of())).isTrue();

            assertThat(Topics.values(kafka.bootstrapServers(), "gw-batch.assessment")).containsExactlyInAnyOrder("a1", "a2", "c1");
            assertThat(Topics.values(kafka.bootstrapServers(), "gw-batch.xapi")).containsExactly("x1");
        }
    }

    @Test
    void refusesEverythingOnceClosed() {
        KafkaRecordSink sink = sink("gw-closed", Map.of());
        assertThat(sink.offer("assessment", "before", 1L)).isTrue();
        sink.close();
        assertThat(sink.isOpen()).isFalse();
        assertThat(sink.offer("assessment", "after", 1L)).isFalse();
        assertThat(sink.offerAll(List.of(new RawRecord("assessment", "after", 1L)))).isFalse();
        assertThat(sink.offerAll(List.of())).isFalse();
        sink.close();
    }

    @Test
    void closesItselfWhenAnotherProcessTakesOverItsTransactionalId() {
        try (KafkaRecordSink first = sink("gw-shared", Map.of());
                KafkaRecordSink second = new KafkaRecordSink(kafka.bootstrapServers(), Map.of("xapi", "gw-shared.xapi"),
                        "gw-shared")) {
            assertThat(first.offerAll(List.of(new RawRecord("xapi", "first", 1L)))).isTrue();
            // The second producer's initialization fences the first one.
            assertThat(second.offerAll(List.of(new RawRecord("xapi", "second", 1L)))).isTrue();
            assertThat(first.offerAll(List.of(new RawRecord("xapi", "fenced", 1L)))).isFalse();
            assertThat(first.isOpen()).isFalse();
            assertThat(second.isOpen()).isTrue();
            assertThat(Topics.values(kafka.bootstrapServers(), "gw-shared.xapi")).containsExactlyInAnyOrder("first", "second");
        }
    }
}
