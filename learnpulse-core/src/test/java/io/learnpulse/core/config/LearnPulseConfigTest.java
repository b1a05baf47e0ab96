package io.learnpulse.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnPulseConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        LearnPulseConfig c = LearnPulseConfig.defaults();
        assertThat(c.parallelism()).isEqualTo(2);
        assertThat(c.fusionWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.aggregateWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.aggregateSlide()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.playbackLookback()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.dedupRetention()).isEqualTo(Duration.ofHours(24));
        assertThat(c.learnerStateTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(c.maxFutureSkew()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxRecordBytes()).isEqualTo(65536);
        assertThat(c.lateness("video")).isEqualTo(
                new LatenessPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2)));
        assertThat(c.exactlyOnce()).isTrue();
        assertThat(c.stateBackend()).isEqualTo("hashmap");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aUserFileOverridesOnlyTheKeysItSets() {
        LearnPulseConfig c = LearnPulseConfig.fromYamlString(String.join("\n",
                "pipeline:",
                "  fusion-window: 15m",
                "lateness:",
                "  video:",
                "    allowed-lateness: 5m",
                "engine:",
                "  state-backend: rocksdb"));
        assertThat(c.fusionWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.aggregateWindow()).isEqualTo(Duration.ofMinutes(5));
        // A per-source entry inherits the default policy's other values.
        assertThat(c.lateness("video")).isEqualTo(
                new LatenessPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)));
        assertThat(c.lateness("clickstream")).isEqualTo(LatenessPolicy.DEFAULT);
        assertThat(c.maxAllowedLateness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.stateBackend()).isEqualTo("rocksdb");
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsThatNameTheKey() {
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("pipeline:\n  fusion-windw: 15m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown config key 'pipeline.fusion-windw'");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("pipeline:\n  fusion-window: soon"))
                .hasMessageStartingWith("pipeline.fusion-window: invalid duration 'soon'");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("engine:\n  state-backend: memory"))
                .hasMessage("engine.state-backend must be hashmap or rocksdb (was 'memory')");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("pipeline:\n  aggregate-slide: 7m"))
                .hasMessage("pipeline.aggregate-window must be a multiple of pipeline.aggregate-slide");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("pipeline:\n  parallelism: 0"))
                .hasMessage("pipeline.parallelism must be a positive integer");
    }

    @Test
    void withoutIdlenessTurnsIdlenessOffForEverySource() {
        LearnPulseConfig c = LearnPulseConfig.fromYamlString("lateness:\n  video:\n    idleness: 1m").withoutIdleness();
        assertThat(c.lateness("video").idleness()).isZero();
        assertThat(c.lateness("assessment").idleness()).isZero();
        assertThat(c.lateness("video").allowedLateness()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void durationsParseAndFormatInTheSameNotation() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.format(Duration.ofMillis(120_000))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThatThrownBy(() -> Durations.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGatewayDefaultsAreTheDocumentedOnesWithTheTwoDemoKeys() {
        GatewayConfig g = LearnPulseConfig.defaults().gateway();
        assertThat(g.host()).isEqualTo("127.0.0.1");
        assertThat(g.port()).isEqualTo(8088);
        assertThat(g.maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(g.queueCapacity()).isEqualTo(10_000);
        assertThat(g.threads()).isEqualTo(4);
        assertThat(g.recentStatementIds()).isEqualTo(100_000);
        assertThat(g.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(g.keys()).hasSize(2);
        assertThat(g.keys().get(0).key).isEqualTo("demo-lrs");
        assertThat(g.keys().get(0).secret).isEqualTo("demo-secret");
        assertThat(g.keys().get(0).endpoints).containsExactly(GatewayConfig.Endpoint.XAPI);
        assertThat(g.keys().get(1).key).isEqualTo("demo-token");
        assertThat(g.keys().get(1).secret).isNull();
        assertThat(g.keys().get(1).endpoints)
                .containsExactlyInAnyOrder(GatewayConfig.Endpoint.CALIPER, GatewayConfig.Endpoint.EVENTS);
        assertThat(g.keys().get(0).toString()).doesNotContain("demo-secret");
    }

    @Test
    void aUserFileReplacesTheWholeKeyListAndKeepsTheOtherGatewayDefaults() {
        LearnPulseConfig c = LearnPulseConfig.fromYamlString(String.join("\n",
                "gateway:",
                "  port: 9090",
                "  keys:",
                "    - {key: lms, secret: s3cret, endpoints: [xapi, events]}"));
        assertThat(c.gateway().port()).isEqualTo(9090);
        assertThat(c.gateway().maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(c.gateway().keys()).singleElement().satisfies(k -> {
            assertThat(k.key).isEqualTo("lms");
            assertThat(k.endpoints).containsExactlyInAnyOrder(GatewayConfig.Endpoint.XAPI, GatewayConfig.Endpoint.EVENTS);
        });
        assertThat(c.withGatewayPort(0).gateway().port()).isZero();
        assertThat(c.gateway().port()).isEqualTo(9090);
    }

    @Test
    void badGatewaySettingsAreErrorsThatNameTheKey() {
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("gateway:\n  prot: 1"))
                .hasMessage("unknown config key 'gateway.prot'");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("gateway:\n  keys:\n    - {key: k, endpoints: [xapi], scope: all}"))
                .hasMessage("unknown config key 'gateway.keys[0].scope'");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("gateway:\n  keys:\n    - {key: k, endpoints: [lrs]}"))
                .hasMessage("gateway.keys[0].endpoints: 'lrs' is not one of xapi, caliper, events");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("gateway:\n  keys:\n    - {key: k}"))
                .hasMessage("gateway.keys[0].endpoints must be a non-empty list of xapi, caliper, events");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString(
                "gateway:\n  keys:\n    - {key: k, endpoints: [xapi]}\n    - {key: k, endpoints: [events]}"))
                .hasMessage("gateway.keys[1].key 'k' is listed twice");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("gateway:\n  keys:\n    - {key: 'a:b', endpoints: [xapi]}"))
                .hasMessage("gateway.keys[0].key must not contain ':' (HTTP Basic separates the key from the secret with it)");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("gateway:\n  port: 70000"))
                .hasMessage("gateway.port must be an integer from 0 to 65535 (0: any free port)");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("gateway:\n  queue-capacity: 0"))
                .hasMessage("gateway.queue-capacity must be a positive integer");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("gateway:\n  retry-after: 500ms"))
                .hasMessage("gateway.retry-after must be at least 1s");
    }

    @Test
    void theGatewayKeysAreNotPartOfTheSerializedConfigThatJobsCarry() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(LearnPulseConfig.defaults());
        }
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("demo-secret");
        LearnPulseConfig copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (LearnPulseConfig) in.readObject();
        }
        assertThat(copy.gateway()).isNull();
        assertThat(copy.fusionWindow()).isEqualTo(Duration.ofMinutes(10));
    }
}
