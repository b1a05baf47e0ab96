package io.learnpulse.pipeline.kafka;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.config.KafkaConfig;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.serving.ServingOutputs;
import io.learnpulse.pipeline.serving.ServingStoreFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The production job of {@code run}, from the config: Kafka inputs (one per channel, watermarks per partition),
 * the compacted profiles topic, exactly-once Kafka outputs keyed by learner, and the serving store. Built here,
 * apart from the command line, so that tests run exactly what {@code run} runs.
 */
public final class ProductionJob {
    private ProductionJob() {}

    /** The job for {@code config}; {@code serving} is null for a job without a serving store. */
    public static FusionJob of(LearnPulseConfig config, Catalog catalog, ServingStoreFactory serving) {
        KafkaConfig k = config.kafka();
        if (k.inputs().isEmpty()) {
            throw new IllegalArgumentException("kafka.inputs names no topic: nothing to read");
        }
        List<FusionJob.Input> inputs = KafkaInputs.inputs(config, k.bootstrapServers(), k.inputs(), k.groupId(),
                k.properties());
        FusionJob.Profiles profiles = k.profilesTopic().isEmpty() ? FusionJob.Profiles.none()
                : new FusionJob.Profiles(List.of(), List.of(
                        KafkaProfiles.input(k.bootstrapServers(), k.profilesTopic(), k.groupId(), k.properties())));
        FusionJob.Sinks sinks = new KafkaOutputs(k.bootstrapServers(), k.transactionalIdPrefix(), k.transactionTimeout(),
                k.properties()).sinks(outputTopics(k));
        if (serving != null) {
            sinks.extra.add(ServingOutputs.to(serving));
        }
        return new FusionJob(config, catalog, inputs, profiles, sinks);
    }

    /** {@code kafka.outputs} under the names {@link KafkaOutputs} uses. */
    public static Map<String, String> outputTopics(KafkaConfig k) {
        Map<String, String> out = new LinkedHashMap<>();
        k.outputs().forEach((name, topic) -> out.put(outputName(name), topic));
        return out;
    }

    /** The {@link KafkaOutputs} name of the output {@code kafka.outputs} calls {@code configName}. */
    public static String outputName(String configName) {
        return configName.equals("deadletter") ? KafkaOutputs.DEAD_LETTERS : configName;
    }

    /**
     * Creates the configured topics that do not exist yet (when {@code kafka.create-topics} is on): inputs and
     * outputs with {@code kafka.topic-partitions} partitions, the profiles topic compacted. Existing topics are left
     * as they are.
     *
     * @return the topics created
     */
    public static List<String> createMissingTopics(KafkaConfig k) throws InterruptedException {
        if (!k.createTopics()) {
            return List.of();
        }
        Properties props = new Properties();
        props.putAll(k.properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> wanted = new ArrayList<>();
            for (String t : new java.util.LinkedHashSet<>(concat(k.inputs().values(), k.outputs().values()))) {
                if (!existing.contains(t)) {
                    wanted.add(new NewTopic(t, k.topicPartitions(), (short) -1));
                }
            }
            if (!k.profilesTopic().isEmpty() && !existing.contains(k.profilesTopic())) {
                Map<String, String> compacted = new HashMap<>();
                compacted.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                wanted.add(new NewTopic(k.profilesTopic(), k.topicPartitions(), (short) -1).configs(compacted));
            }
            List<String> created = wanted.stream().map(NewTopic::name).toList();
            if (!wanted.isEmpty()) {
                admin.createTopics(wanted).all().get(30, TimeUnit.SECONDS);
                // The job's transactional sinks and the first publisher write as soon as this returns.
                TopicReadiness.awaitWritable(admin, created, java.time.Duration.ofSeconds(30));
            }
            return created;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalArgumentException("cannot create the Kafka topics at " + k.bootstrapServers() + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
