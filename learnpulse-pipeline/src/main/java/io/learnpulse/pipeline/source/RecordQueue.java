package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.ingest.RecordSink;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded in-JVM queue of raw records from an ingestion front end (the HTTP gateway) into a job running on
 * the embedded MiniCluster in the same JVM, read by {@link QueueSource}. Queues are registered by name in a
 * static registry, since the job's source is serialized and re-created inside the cluster and can only find
 * the queue again by its name.
 *
 * <p>{@link #offer} and {@link #offerAll} never block and never grow the queue beyond its capacity: they
 * return false when the records do not fit, and the front end answers its client with "retry later".
 *
 * <p><b>What "handed over" means here.</b> A record is handed over once it is in this queue: the running job
 * will read it unless the process dies or the job fails first. Nothing is written to disk and nothing is
 * replayed after a failure: records still in the queue when the process stops, and records the job had read
 * but not yet checkpointed when it fails, are lost (at most once). The durable handover is
 * {@link io.learnpulse.pipeline.kafka.KafkaRecordSink}, behind the same {@link RecordSink} interface.
 *
 * <p>Thread-safe: any number of producers, one or more consumers.
 */
public final class RecordQueue implements RecordSink {
    private static final ConcurrentMap<String, RecordQueue> REGISTRY = new ConcurrentHashMap<>();

    private final String name;
    private final int capacity;
    private final ArrayDeque<RawRecord> records;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Completed when a record arrives or the queue closes; null when nobody waits. Guarded by this. */
    private CompletableFuture<Void> waiting;
    private volatile boolean closed;
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

    private RecordQueue(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
        this.records = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /**
     * Creates and registers an open queue named {@code name} holding at most {@code capacity} records.
     *
     * @throws IllegalStateException when an open queue of that name is registered already
     */
    public static RecordQueue create(String name, int capacity) {
        Objects.requireNonNull(name, "name");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 (was " + capacity + ")");
        }
        RecordQueue q = new RecordQueue(name, capacity);
        RecordQueue previous = REGISTRY.putIfAbsent(name, q);
        if (previous != null) {
            throw new IllegalStateException("a record queue named '" + name + "' is open already");
        }
        return q;
    }

    /** The open queue registered under {@code name}, or null. */
    public static RecordQueue lookup(String name) {
        return REGISTRY.get(name);
    }

    public String name() {
        return name;
    }

    @Override
    public boolean offer(String source, String payload, long ingestTime) {
        return offerAll(List.of(new RawRecord(source, payload, ingestTime)));
    }

    @Override
    public boolean offerAll(List<RawRecord> batch) {
        if (batch.isEmpty()) {
            return !closed;
        }
        CompletableFuture<Void> wake;
        synchronized (this) {
            if (closed || records.size() + batch.size() > capacity) {
                refused.addAndGet(batch.size());
                return false;
            }
            records.addAll(batch);
            accepted.addAndGet(batch.size());
            wake = waiting;
            waiting = null;
        }
        if (wake != null) {
            wake.complete(null);
        }
        return true;
    }

    /** The oldest record, removed; null when the queue is empty. */
    public synchronized RawRecord poll() {
        return records.poll();
    }

    /** A future completed as soon as the queue holds a record or is closed (at once if it does or is). */
    public synchronized CompletableFuture<Void> whenAvailable() {
        if (!records.isEmpty() || closed) {
            return CompletableFuture.completedFuture(null);
        }
        if (waiting == null) {
            waiting = new CompletableFuture<>();
        }
        return waiting;
    }

    /**
     * Refuses further records and unregisters the name; records already queued can still be read, after which
     * the source ends its input (so a job that reads only this queue finishes once it has drained it).
     */
    public void close() {
        CompletableFuture<Void> wake;
        synchronized (this) {
            closed = true;
            wake = waiting;
            waiting = null;
        }
        REGISTRY.remove(name, this);
        if (wake != null) {
            wake.complete(null);
        }
        closedFuture.complete(null);
    }

    /** A future completed when the queue is closed. */
    public CompletableFuture<Void> whenClosed() {
        return closedFuture;
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public synchronized long depth() {
        return records.size();
    }

    @Override
    public long capacity() {
        return capacity;
    }

    /** Records accepted so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Records refused so far (queue full or closed). */
    public long refused() {
        return refused.get();
    }

    @Override
    public String toString() {
        return "RecordQueue{" + name + ", " + depth() + " of " + capacity + (closed ? ", closed" : "") + '}';
    }
}
