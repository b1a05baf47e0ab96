package io.learnpulse.pipeline.kafka;

import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.ingest.RecordSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands records from an ingestion front end (the HTTP gateway) over to Kafka, one topic per channel, durably:
 * {@link #offer} returns true only once the brokers have acknowledged the record with {@code acks=all} (an
 * idempotent producer, so retries inside the producer do not duplicate it), and {@link #offerAll} writes a batch
 * in one transaction, so that consumers reading with {@code isolation.level=read_committed} (the pipeline's
 * Kafka inputs do) see all of it or none of it.
 *
 * <p>Neither call waits longer than the timeout given (per step: a batch may take the lock, then commit, each
 * within it). False means "not known to be handed over": the caller tells its client to retry, and a record
 * whose acknowledgement came too late may then arrive twice. The pipeline drops such re-deliveries by event id.
 *
 * <p>Batches go through one transactional producer, one batch at a time under a lock: a transaction commits in
 * a few milliseconds on a healthy cluster, which bounds this sink to a few hundred batches per second, plenty
 * for an ingestion gateway, while a pool of producers would need as many transactional ids, each to be kept
 * unique across every gateway process. Single records use a separate idempotent producer and run concurrently.
 * A batch that fails is aborted; when even the abort fails, the transactional producer is replaced by a new one
 * on the next batch (whose initialization fences the old one and ends its transaction).
 *
 * <p>{@link #isOpen()} turns false on {@link #close()} and on an error no retry can cure (this producer's
 * transactional id was taken over by another process, authentication or authorization failed, the broker is
 * too old): the sink then refuses everything. {@link #depth()} and {@link #capacity()} are unknown (-1): the
 * records are in Kafka, not in a queue of this process.
 *
 * <p>The Kafka record's timestamp is the time the front end received the record; it has no key, as the front
 * end does not parse records to find their learner. Thread-safe.
 */
public final class KafkaRecordSink implements RecordSink, AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> topicByChannel;
    private final Duration timeout;
    private final Map<String, Object> producerConfig;
    private final String transactionalId;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ReentrantLock batchLock = new ReentrantLock();
    /** Created on the first batch; replaced after a batch whose abort failed. Guarded by batchLock. */
    private KafkaProducer<byte[], byte[]> transactional;
    private volatile boolean open = true;

    /**
     * @param topicByChannel the topic for each channel records are offered on (e.g. {@code xapi → learnpulse.xapi})
     * @param transactionalId for batches: unique per process writing to the cluster, stable across its restarts
     * @param timeout the longest a call waits for the brokers (also the producers' {@code max.block.ms})
     * @param properties further Kafka producer settings (security, ...), applied last
     */
    public KafkaRecordSink(String bootstrapServers, Map<String, String> topicByChannel, String transactionalId,
            Duration timeout, Map<String, String> properties) {
        this.topicByChannel = Map.copyOf(topicByChannel);
        this.transactionalId = Objects.requireNonNull(transactionalId, "transactionalId");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        // The producer gives up soon after the caller stopped waiting, so a record refused by a false is
        // rarely delivered much later anyway.
        long requestTimeout = Math.min(timeout.toMillis(), 30_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout));
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout + 1_000));
        c.putAll(properties);
        this.producerConfig = Map.copyOf(c);
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** With {@link #DEFAULT_TIMEOUT} and no further producer settings. */
    public KafkaRecordSink(String bootstrapServers, Map<String, String> topicByChannel, String transactionalId) {
        this(bootstrapServers, topicByChannel, transactionalId, DEFAULT_TIMEOUT, Map.of());
    }

    @Override
    public boolean offer(String source, String payload, long ingestTime) {
        ProducerRecord<byte[], byte[]> record = record(source, payload, ingestTime);
        if (!open) {
            return false;
        }
        try {
            Future<RecordMetadata> ack = producer.send(record);
            ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            failIfFatal(e.getCause());
            return false;
        } catch (KafkaException e) {
            failIfFatal(e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean offerAll(List<RawRecord> records) {
        if (records.isEmpty()) {
            return open;
        }
        List<ProducerRecord<byte[], byte[]>> batch =
                records.stream().map(r -> record(r.source, r.payload, r.ingestTime)).toList();
        if (!open) {
            return false;
        }
        try {
            if (!batchLock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            if (!open) {
                return false;
            }
            KafkaProducer<byte[], byte[]> tx = transactional();
            try {
                tx.beginTransaction();
                for (ProducerRecord<byte[], byte[]> r : batch) {
                    tx.send(r);
                }
                // Flushes the batch and fails if any record of it failed.
                tx.commitTransaction();
                return true;
            } catch (KafkaException e) {
                if (!failIfFatal(e)) {
                    abort(tx);
                }
                return false;
            }
        } catch (KafkaException e) {
            // initTransactions failed or timed out: try again with a new producer on the next batch.
            if (!failIfFatal(e)) {
                dropTransactional();
            }
            return false;
        } finally {
            batchLock.unlock();
        }
    }

    private KafkaProducer<byte[], byte[]> transactional() {
        if (transactional == null) {
            Map<String, Object> c = new HashMap<>(producerConfig);
            c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
            transactional = p;
            p.initTransactions();
        }
        return transactional;
    }

    private void abort(KafkaProducer<byte[], byte[]> tx) {
        try {
            tx.abortTransaction();
        } catch (KafkaException e) {
            if (!failIfFatal(e)) {
                dropTransactional();
            }
        }
    }

    private void dropTransactional() {
        if (transactional != null) {
            transactional.close(Duration.ZERO);
            transactional = null;
        }
    }

    /** Closes the sink when {@code t} is an error that no retry cures; true if it was one. */
    private boolean failIfFatal(Throwable t) {
        if (t instanceof ProducerFencedException || t instanceof OutOfOrderSequenceException
                || t instanceof AuthenticationException || t instanceof AuthorizationException
                || t instanceof UnsupportedVersionException) {
            close();
            return true;
        }
        return false;
    }

    private ProducerRecord<byte[], byte[]> record(String channel, String payload, long ingestTime) {
        String topic = topicByChannel.get(channel);
        if (topic == null) {
            throw new IllegalArgumentException("no Kafka topic configured for channel '" + channel + "' (configured: "
                    + topicByChannel.keySet() + ")");
        }
        String key = learnerOf(channel, payload);
        return new ProducerRecord<>(topic, null, ingestTime, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Keyed by the learner of the record's first event, so that one learner's records share a partition and the
     * job reads them in the order they were accepted; null (any partition) when the record yields no event.
     */
    private static String learnerOf(String channel, String payload) {
        if (payload == null || !io.learnpulse.core.event.Sources.ALL.contains(channel)) {
            return null;
        }
        String[] learner = {null};
        PARSERS.get().parse(channel, payload, System.currentTimeMillis(), r -> {
            if (learner[0] == null && r.ok()) {
                learner[0] = r.event.learnerId;
            }
        });
        return learner[0];
    }

    /** Parsers are not thread-safe, and gateway threads hand records over concurrently. */
    private static final ThreadLocal<io.learnpulse.core.format.RecordParser> PARSERS = ThreadLocal.withInitial(
            () -> new io.learnpulse.core.format.RecordParser(new io.learnpulse.core.format.ParserSettings(Integer.MAX_VALUE,
                    Long.MAX_VALUE / 4)));

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Unknown: the records are in Kafka, and how far the pipeline has read is not known here. */
    @Override
    public long depth() {
        return -1;
    }

    /** Unbounded as far as this sink can tell (Kafka's retention is the bound). */
    @Override
    public long capacity() {
        return -1;
    }

    /** Refuses further records and closes the producers, waiting at most the timeout for records in flight. */
    @Override
    public void close() {
        open = false;
        producer.close(timeout);
        boolean locked = batchLock.tryLock();
        try {
            // A batch in progress holds the lock and fails once its producer is closed under it.
            KafkaProducer<byte[], byte[]> tx = transactional;
            if (tx != null) {
                tx.close(locked ? timeout : Duration.ZERO);
            }
        } finally {
            if (locked) {
                batchLock.unlock();
            }
        }
    }
}
