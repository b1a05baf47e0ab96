package io.learnpulse.pipeline.kafka;

import io.learnpulse.core.json.JsonLines;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.sink.JsonLinesFileSink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kafka topics as pipeline outputs, written exactly once: each record is the JSON line the file sinks write,
 * keyed by learner id (question id for question statistics; the channel for dead letters), so consumers see
 * each learner's records in order.
 *
 * <p>The sinks write in Kafka transactions that commit when a checkpoint completes, so consumers that read
 * with {@code isolation.level=read_committed} see every record exactly once, across failures and restarts —
 * and see it only after the next checkpoint: <b>output latency is the checkpoint interval</b> (10 s by
 * default), whatever the pipeline's own latency. Checkpointing must be on ({@code engine.checkpointing:
 * exactly-once}); {@code read_uncommitted} consumers would also see records of aborted transactions.
 *
 * <p>Each sink's transactional ids start with the prefix given here plus the output name ({@code prefix-fused},
 * ...), so sinks do not fence each other. A prefix must be unique per job on a Kafka cluster and must stay the
 * same across restarts of the job: a restored job aborts the transactions its predecessor left open under it.
 * The producer's transaction timeout must cover the checkpoint interval plus the time a restart may take; it
 * defaults to the broker's maximum ({@code transaction.max.timeout.ms}, 15 minutes).
 */
public final class KafkaOutputs {
    public static final String FUSED = "fused";
    public static final String AGGREGATES = "aggregates";
    public static final String QUESTION_STATS = "question-stats";
    public static final String SESSIONS = "sessions";
    public static final String MASTERY = "mastery";
    public static final String INTERVENTIONS = "interventions";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String LATE = "late";
    /** The canonical events as parsed (optional, like {@code replay --emit-events}). */
    public static final String EVENTS = "events";
    /** Every output name {@link #sinks(Map)} accepts. */
    public static final List<String> ALL =
            List.of(FUSED, AGGREGATES, QUESTION_STATS, SESSIONS, MASTERY, INTERVENTIONS, DEAD_LETTERS, LATE, EVENTS);

    /** The broker's default {@code transaction.max.timeout.ms}: a producer may not ask for more. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private final String bootstrapServers;
    private final String transactionalIdPrefix;
    /**
     * Producer settings of the sinks unless {@code kafka.properties} says otherwise. The outputs are transactional:
     * read_committed consumers see them when the checkpoint commits, so waiting 20 ms to fill larger batches
     * delays nothing they can see, and it cuts the per-request work of the producers and the broker (2.4 times
     * the throughput of Kafka's defaults, 5 ms and 16 KB, in {@code bench --kafka}; docs/benchmarks.md).
     */
    static final Map<String, String> PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, "20",
            ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));

    private final Duration transactionTimeout;
    private final Map<String, String> properties;

    /**
     * @param transactionalIdPrefix unique per job and cluster, stable across restarts
     * @param properties further Kafka producer settings (security, compression, ...)
     */
    public KafkaOutputs(String bootstrapServers, String transactionalIdPrefix, Map<String, String> properties) {
        this(bootstrapServers, transactionalIdPrefix, DEFAULT_TRANSACTION_TIMEOUT, properties);
    }

    public KafkaOutputs(String bootstrapServers, String transactionalIdPrefix, Duration transactionTimeout,
            Map<String, String> properties) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.transactionalIdPrefix = Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
        if (transactionTimeout.isNegative() || transactionTimeout.isZero()) {
            throw new IllegalArgumentException("transaction timeout must be positive, was " + transactionTimeout);
        }
        this.transactionTimeout = transactionTimeout;
        this.properties = Map.copyOf(properties);
    }

    /**
     * The job's sinks: output name ({@link #ALL}) → topic; outputs not named are discarded.
     *
     * @param topicByOutput e.g. {@code fused → learnpulse.fused}
     */
    public static FusionJob.Sinks sinks(String bootstrapServers, Map<String, String> topicByOutput,
            String transactionalIdPrefix, Map<String, String> properties) {
        return new KafkaOutputs(bootstrapServers, transactionalIdPrefix, properties).sinks(topicByOutput);
    }

    /** As {@link #sinks(String, Map, String, Map)}, with this instance's settings. */
    public FusionJob.Sinks sinks(Map<String, String> topicByOutput) {
        Set<String> unknown = new HashSet<>(topicByOutput.keySet());
        unknown.removeAll(ALL);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown outputs " + unknown + " (expected any of " + ALL + ")");
        }
        FusionJob.Sinks s = new FusionJob.Sinks();
        s.fused = sink(topicByOutput, FUSED, JsonLines::toJson, r -> r.learnerId);
        s.aggregates = sink(topicByOutput, AGGREGATES, JsonLines::toJson, r -> r.learnerId);
        s.questionStats = sink(topicByOutput, QUESTION_STATS, JsonLines::toJson, r -> r.questionId);
        s.sessions = sink(topicByOutput, SESSIONS, JsonLines::toJson, r -> r.learnerId);
        s.mastery = sink(topicByOutput, MASTERY, JsonLines::toJson, r -> r.learnerId);
        s.interventions = sink(topicByOutput, INTERVENTIONS, JsonLines::toJson, r -> r.learnerId);
        // Keyed by channel: a dead letter has no trustworthy learner id.
        s.deadLetters = sink(topicByOutput, DEAD_LETTERS, JsonLines::toJson, r -> r.source);
        s.late = sink(topicByOutput, LATE, JsonLines::toJson, r -> r.learnerId);
        s.parsed = sink(topicByOutput, EVENTS, JsonLines::toJson, r -> r.learnerId);
        s.singleWriter = false;
        return s;
    }

    /** The sink of {@code output} to its topic in {@code topicByOutput}; null when it names none. */
    private <T> KafkaSink<T> sink(Map<String, String> topicByOutput, String output,
            JsonLinesFileSink.Encoder<T> encoder, JsonLineSerializer.KeyOf<T> key) {
        if (!topicByOutput.containsKey(output)) {
            return null;
        }
        KafkaSinkBuilder<T> b = KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new JsonLineSerializer<>(topicByOutput.get(output), encoder, key))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix + "-" + output);
        producerProperties().forEach(b::setProperty);
        return b.build();
    }

    /** The settings each sink gives its producers: the defaults, then {@code kafka.properties}, then the timeout. */
    Map<String, String> producerProperties() {
        Map<String, String> p = new HashMap<>(PRODUCER_DEFAULTS);
        p.putAll(properties);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(transactionTimeout.toMillis()));
        return p;
    }
}
