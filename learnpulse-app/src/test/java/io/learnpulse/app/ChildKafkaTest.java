package io.learnpulse.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the child broker's address in its output, its log, and the services jar. */
class ChildKafkaTest {
    @TempDir
    Path dir;

    @Test
    void theLogHoldsThisRunsOutputOnlyAndTheAddressIsTakenFromIt() throws Exception {
        Path log = dir.resolve("bench-kafka.log");
        Files.writeString(log, "a previous run's broker output, longer than this run's\n".repeat(3));
        Process child = new ProcessBuilder("sh", "-c",
                "echo 'Kafka (single-node KRaft) is up: bootstrap.servers=127.0.0.1:40123'; echo stopped").start();
        CompletableFuture<String> address = new CompletableFuture<>();
        ChildKafka.copyOutput(child, log, address);
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(address.get()).isEqualTo("127.0.0.1:40123");
        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).isEqualTo(List.of(
                "Kafka (single-node KRaft) is up: bootstrap.servers=127.0.0.1:40123", "stopped"));
    }

    @Test
    void readsTheAddressFromTheServicesLine() {
        assertThat(ChildKafka.bootstrapIn("Kafka (single-node KRaft) is up: bootstrap.servers=127.0.0.1:40123"))
                .isEqualTo("127.0.0.1:40123");
        assertThat(ChildKafka.bootstrapIn("bootstrap.servers=localhost:9092 ")).isEqualTo("localhost:9092");
        assertThat(ChildKafka.bootstrapIn("Press Ctrl-C to stop; its data is deleted on exit.")).isNull();
        assertThat(ChildKafka.bootstrapIn("bootstrap.servers=")).isNull();
    }

    @Test
    void saysWhatToDoWithoutTheServicesJar() {
        String before = System.getProperty(ChildKafka.JAR_PROPERTY);
        try {
            System.clearProperty(ChildKafka.JAR_PROPERTY);
            assertThatThrownBy(ChildKafka::servicesJar).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("./learnpulse").hasMessageContaining("--kafka=HOST:PORT");
            System.setProperty(ChildKafka.JAR_PROPERTY, "/no/such/learnpulse-services.jar");
            assertThatThrownBy(ChildKafka::servicesJar).hasMessageContaining("not at /no/such/learnpulse-services.jar");
        } finally {
            if (before == null) {
                System.clearProperty(ChildKafka.JAR_PROPERTY);
            } else {
                System.setProperty(ChildKafka.JAR_PROPERTY, before);
            }
        }
    }
}
