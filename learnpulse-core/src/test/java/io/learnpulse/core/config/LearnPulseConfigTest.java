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
}
