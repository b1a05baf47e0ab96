package io.learnpulse.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.core.event.Sources;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka settings of the production job (the {@code kafka} section; defaults and meaning in
 * {@code learnpulse-defaults.yaml}). Immutable.
 */
public final class KafkaConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The output names, as used in {@code kafka.outputs}. */
    public static final List<String> OUTPUTS = List.of("fused", "aggregates", "question-stats", "sessions", "mastery",
            "interventions", "deadletter", "late");

    private final String bootstrapServers;
    private final String groupId;
    private final Map<String, String> inputs;
    private final String profilesTopic;
    private final Map<String, String> outputs;
    private final String transactionalIdPrefix;
    private final Duration transactionTimeout;
    private final Map<String, String> properties;
    private final boolean createTopics;
    private final int topicPartitions;

    private KafkaConfig(String bootstrapServers, String groupId, Map<String, String> inputs, String profilesTopic,
            Map<String, String> outputs, String transactionalIdPrefix, Duration transactionTimeout,
            Map<String, String> properties, boolean createTopics, int topicPartitions) {
        this.createTopics = createTopics;
        this.topicPartitions = topicPartitions;
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.inputs = inputs;
        this.profilesTopic = profilesTopic;
        this.outputs = outputs;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.transactionTimeout = transactionTimeout;
        this.properties = properties;
    }

    static KafkaConfig fromTree(JsonNode k) {
        String path = "kafka";
        Map<String, String> inputs = new LinkedHashMap<>();
        ConfigNodes.stringMap(k, "inputs", path).forEach((channel, topic) -> {
            if (!Sources.ALL.contains(channel)) {
                throw new IllegalArgumentException("kafka.inputs." + channel + ": not an input channel (one of "
                        + String.join(", ", Sources.ALL) + ")");
            }
            if (!topic.isEmpty()) {
                inputs.put(channel, topic);
            }
        });
        Map<String, String> outputs = new LinkedHashMap<>();
        ConfigNodes.stringMap(k, "outputs", path).forEach((name, topic) -> {
            if (!topic.isEmpty()) {
                outputs.put(name, topic);
            }
        });
        Duration timeout = ConfigNodes.duration(k, "transaction-timeout", path);
        if (timeout.toSeconds() < 60) {
            throw new IllegalArgumentException("kafka.transaction-timeout must be at least 1m: a transaction stays open "
                    + "from one checkpoint to the next, and across a restart");
        }
        return new KafkaConfig(ConfigNodes.text(k, "bootstrap-servers", path, false),
                ConfigNodes.text(k, "group-id", path, false), Map.copyOf(inputs),
                ConfigNodes.text(k, "profiles", path, true), java.util.Collections.unmodifiableMap(outputs),
                ConfigNodes.text(k, "transactional-id-prefix", path, false), timeout,
                Map.copyOf(ConfigNodes.stringMap(k, "properties", path)), ConfigNodes.bool(k, "create-topics", path),
                ConfigNodes.integer(k, "topic-partitions", path, 1, 10_000));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String groupId() {
        return groupId;
    }

    /** Input channel → topic, for the channels that have a topic. */
    public Map<String, String> inputs() {
        return inputs;
    }

    /** The compacted profiles topic, or "" when there is none. */
    public String profilesTopic() {
        return profilesTopic;
    }

    /** Output name ({@link #OUTPUTS}) → topic, for the outputs that have a topic, in the order of the file. */
    public Map<String, String> outputs() {
        return outputs;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /** Extra client properties for every consumer and producer. */
    public Map<String, String> properties() {
        return properties;
    }

    /** Whether {@code run} creates missing topics. */
    public boolean createTopics() {
        return createTopics;
    }

    /** Partitions of the topics {@code run} creates. */
    public int topicPartitions() {
        return topicPartitions;
    }

    /** A copy with another bootstrap address (tests and {@code --kafka} flags). */
    public KafkaConfig withBootstrapServers(String servers) {
        return new KafkaConfig(servers, groupId, inputs, profilesTopic, outputs, transactionalIdPrefix,
                transactionTimeout, properties, createTopics, topicPartitions);
    }
}
