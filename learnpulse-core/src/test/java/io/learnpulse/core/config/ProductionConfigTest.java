package io.learnpulse.core.config;

import io.learnpulse.core.privacy.Pseudonymizer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kafka, serving, api and privacy sections. */
class ProductionConfigTest {

    @Test
    void defaultsDescribeALocalBrokerAndTheInMemoryStore() {
        LearnPulseConfig c = LearnPulseConfig.defaults();
        assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.kafka().inputs()).containsOnlyKeys("clickstream", "video", "assessment", "xapi", "caliper");
        assertThat(c.kafka().profilesTopic()).isEqualTo("learnpulse.profiles");
        assertThat(c.kafka().outputs().keySet()).containsExactlyElementsOf(KafkaConfig.OUTPUTS);
        assertThat(c.kafka().transactionTimeout().toMinutes()).isEqualTo(15);
        assertThat(c.kafka().properties()).isEmpty();
        assertThat(c.serving().usesRedis()).isFalse();
        assertThat(c.api().port()).isEqualTo(8090);
        assertThat(c.api().tokens()).extracting(ApiConfig.Token::courses).containsExactly(Set.of("*"));
        assertThat(c.privacy().pseudonymizer().enabled()).isFalse();
    }

    @Test
    void userFileOverridesTopicsPropertiesAndTokens() {
        LearnPulseConfig c = LearnPulseConfig.fromYamlString("""
                kafka:
                  bootstrap-servers: broker:29092
                  inputs: {caliper: "", xapi: lrs.statements}
                  outputs: {late: ""}
                  properties: {security.protocol: SASL_SSL, sasl.mechanism: PLAIN}
                serving:
                  redis-url: redis://cache:6379/2
                api:
                  port: 0
                  tokens:
                    - {token: teacher-a-token, name: teacher A, courses: [course-a]}
                privacy:
                  pseudonymize: true
                  secret: 0123456789abcdef0123
                """);
        assertThat(c.kafka().bootstrapServers()).isEqualTo("broker:29092");
        assertThat(c.kafka().inputs()).containsEntry("xapi", "lrs.statements").doesNotContainKey("caliper");
        assertThat(c.kafka().outputs()).doesNotContainKey("late").containsEntry("fused", "learnpulse.fused");
        assertThat(c.kafka().properties()).isEqualTo(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
        assertThat(c.serving().redisUrl()).isEqualTo("redis://cache:6379/2");
        assertThat(c.api().tokens()).containsExactly(new ApiConfig.Token("teacher-a-token", "teacher A", Set.of("course-a")));
        assertThat(c.privacy().pseudonymizer().apply("ada"))
                .isEqualTo(Pseudonymizer.keyed("0123456789abcdef0123").apply("ada"));
    }

    @Test
    void mistakesAreReportedWithTheirKey() {
        assertRejected("kafka: {inputs: {clikstream: t}}", "unknown config key 'kafka.inputs.clikstream'");
        assertRejected("kafka: {outputs: {fusd: t}}", "unknown config key 'kafka.outputs.fusd'");
        assertRejected("kafka: {transaction-timeout: 10s}", "kafka.transaction-timeout must be at least 1m");
        assertRejected("serving: {redis-url: 'localhost:6379'}", "serving.redis-url must start with redis://");
        assertRejected("api: {tokens: [{token: short, courses: [a]}]}", "api.tokens[0].token must be at least 8 characters");
        assertRejected("api: {tokens: [{token: long-enough, courses: []}]}", "api.tokens[0].courses must be a non-empty list");
        assertRejected("api: {tokens: [{token: long-enough, courses: [a], role: x}]}", "unknown config key 'api.tokens[0].role'");
        assertRejected("privacy: {pseudonymize: true, secret: tooshort}", "privacy.secret: the pseudonymization secret must be at least 16");
        assertRejected("privacy: {pseudonymize: yes-please}", "privacy.pseudonymize must be true or false");
    }

    @Test
    void pseudonymizationWithoutASecretNamesBothPlacesToSetIt() {
        assertThatThrownBy(() -> PrivacyConfig.fromTree(new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("pseudonymize", true).put("secret", ""), name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set privacy.secret or the environment variable " + PrivacyConfig.SECRET_ENV);
    }

    @Test
    void secretFromTheEnvironmentIsUsedWhenTheFileHasNone() {
        PrivacyConfig p = PrivacyConfig.fromTree(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("pseudonymize", true).put("secret", ""), name -> name.equals(PrivacyConfig.SECRET_ENV)
                        ? "from-the-environment-123" : null);
        assertThat(p.pseudonymizer().apply("ada")).isEqualTo(Pseudonymizer.keyed("from-the-environment-123").apply("ada"));
    }

    private static void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString(yaml)).as(yaml)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

}
