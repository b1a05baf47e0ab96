package io.learnpulse.core.rules;

import io.learnpulse.core.config.LearnPulseConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesConfigTest {

    @Test
    void theDefaultsFileHasTheDocumentedDefaults() {
        RulesConfig c = LearnPulseConfig.defaults().rules();
        assertThat(c.reviewSegmentEnabled).isTrue();
        assertThat(c.reviewSegmentMaxCoverage).isEqualTo(0.5);
        assertThat(c.repeatedFailureEnabled).isTrue();
        assertThat(c.repeatedFailureCount).isEqualTo(3);
        assertThat(c.repeatedFailureWindowMs).isEqualTo(600_000L);
        assertThat(c.lowMasteryEnabled).isTrue();
        assertThat(c.lowMasteryThreshold).isEqualTo(0.3);
        assertThat(c.lowMasteryMinFirstAttempts).isEqualTo(5);
        assertThat(c.disengagementEnabled).isTrue();
        assertThat(c.disengagementIdleMs).isEqualTo(900_000L);
        for (Rule r : Rule.values()) {
            assertThat(c.cooldownMs(r)).isEqualTo(600_000L);
            assertThat(c.enabled(r)).isTrue();
        }
        assertThat(c.retentionMs()).isEqualTo(600_000L);
        // the built-in defaults and the YAML defaults agree
        assertThat(c.toString()).isEqualTo(RulesConfig.defaults().toString());
        assertThat(RulesConfig.defaults().lowMasteryCooldownMs).isEqualTo(c.lowMasteryCooldownMs);
    }

    @Test
    void aUserFileChangesRules() {
        RulesConfig c = LearnPulseConfig.fromYamlString(String.join("\n",
                "rules:",
                "  review-segment: {enabled: false}",
                "  repeated-failure: {wrong-attempts: 4, window: 5m}",
                "  low-mastery: {threshold: 0.25, min-first-attempts: 8, cooldown: 1h}",
                "  disengagement: {idle: 20m}")).rules();
        assertThat(c.reviewSegmentEnabled).isFalse();
        assertThat(c.repeatedFailureCount).isEqualTo(4);
        assertThat(c.repeatedFailureWindowMs).isEqualTo(300_000L);
        assertThat(c.lowMasteryThreshold).isEqualTo(0.25);
        assertThat(c.lowMasteryMinFirstAttempts).isEqualTo(8);
        assertThat(c.lowMasteryCooldownMs).isEqualTo(3_600_000L);
        assertThat(c.disengagementIdleMs).isEqualTo(1_200_000L);
        assertThat(c.retentionMs()).isEqualTo(3_600_000L);
    }

    @Test
    void invalidSettingsNameTheKey() {
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("rules:\n  review-segment: {max-coverage: 1.5}\n"))
                .hasMessageContaining("rules.review-segment.max-coverage must be in (0, 1]");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("rules:\n  repeated-failure: {wrong-attempts: 1}\n"))
                .hasMessageContaining("rules.repeated-failure.wrong-attempts must be at least 2");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("rules:\n  low-mastery: {enabled: maybe}\n"))
                .hasMessageContaining("rules.low-mastery.enabled must be true or false");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("rules:\n  disengagement: {idle: soon}\n"))
                .hasMessageContaining("rules.disengagement.idle: invalid duration 'soon'");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("rules:\n  disengagement: {timeout: 5m}\n"))
                .hasMessageContaining("unknown config key 'rules.disengagement.timeout'");
        assertThatThrownBy(() -> RulesConfig.builder().lowMastery(1.0, 5).build())
                .hasMessageContaining("rules.low-mastery.threshold must be in (0, 1)");
        assertThatThrownBy(() -> RulesConfig.builder().disengagementIdle(Duration.ZERO).build())
                .hasMessageContaining("rules.disengagement.idle must be positive");
    }

    @Test
    void wireNames() {
        assertThat(Rule.REVIEW_SEGMENT.wireName()).isEqualTo("review_segment");
        assertThat(Rule.fromWireName("disengagement")).isEqualTo(Rule.DISENGAGEMENT);
        assertThat(Rule.LOW_MASTERY.audience()).isEqualTo(Rule.Audience.INSTRUCTOR);
        assertThat(Rule.REPEATED_FAILURE.audience()).isEqualTo(Rule.Audience.LEARNER);
    }
}
