package io.learnpulse.pipeline.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The producer settings the exactly-once sinks are built with. */
class KafkaOutputsTest {
    @Test
    void sinksBatchForTwentyMillisecondsUpTo128KbUnlessTheConfigSaysOtherwise() {
        KafkaOutputs defaults = new KafkaOutputs("127.0.0.1:9092", "lp", Duration.ofMinutes(5), Map.of());
        assertThat(defaults.producerProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "linger.ms", "20", "batch.size", "131072", "transaction.timeout.ms", "300000"));

        KafkaOutputs configured = new KafkaOutputs("127.0.0.1:9092", "lp", Duration.ofMinutes(5),
                Map.of("linger.ms", "0", "security.protocol", "SSL"));
        assertThat(configured.producerProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "linger.ms", "0", "batch.size", "131072", "security.protocol", "SSL",
                "transaction.timeout.ms", "300000"));
    }

    @Test
    void theTransactionTimeoutComesFromItsOwnSetting() {
        // kafka.transaction-timeout is validated (at least a minute: a transaction spans checkpoints and restarts);
        // a stray client property must not undo that.
        KafkaOutputs outputs = new KafkaOutputs("127.0.0.1:9092", "lp", Duration.ofMinutes(2),
                Map.of("transaction.timeout.ms", "1000"));
        assertThat(outputs.producerProperties()).containsEntry("transaction.timeout.ms", "120000");
    }
}
