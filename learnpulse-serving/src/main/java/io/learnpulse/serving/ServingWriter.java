package io.learnpulse.serving;

import io.learnpulse.core.privacy.Pseudonymizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns pipeline records into {@link ServingStore} writes, in batches: fused attempts, mastery records,
 * aggregates, question statistics, sessions, interventions and {@link Enrollment}s.
 *
 * <p>Made for a sink writer: {@link #add} buffers a record, {@link #flush} writes the buffer as batches of at
 * most {@code maxBatch} updates; the sink decides when (before each checkpoint, at a size bound, at an age bound,
 * see {@link #bufferedSinceNanos()}). {@link #write} writes at once. A record the store cannot hold (no learner
 * id, a question without a course, ...) is skipped, counted and logged rather than failing the job over and over
 * on replay. Not thread-safe: one writer per sink writer.
 *
 * <p>Enrollments come from learner profiles, which may carry raw learner ids: their ids go through the
 * pseudonymizer. Pipeline records already carry the pipeline's ids and are stored as they are.
 */
public final class ServingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ServingWriter.class);
    public static final int DEFAULT_MAX_BATCH = 500;

    private final ServingStore store;
    private final int maxBatch;
    private final Pseudonymizer enrollmentIds;
    private final List<ServingUpdate> buffer = new ArrayList<>();
    private long bufferedSinceNanos;
    private long written;
    private long applied;
    private long skipped;

    public ServingWriter(ServingStore store) {
        this(store, DEFAULT_MAX_BATCH, Pseudonymizer.identity());
    }

    /**
     * @param maxBatch      updates per store call
     * @param enrollmentIds maps the learner ids of {@link Enrollment}s to their stored form
     */
    public ServingWriter(ServingStore store, int maxBatch, Pseudonymizer enrollmentIds) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1 (was " + maxBatch + ")");
        }
        this.store = store;
        this.maxBatch = maxBatch;
        this.enrollmentIds = enrollmentIds;
    }

    /**
     * Writes the records now (after anything still buffered, to keep the order).
     *
     * @return how many replaced what the store held
     * @throws IllegalArgumentException for a record of a type the store does not take (a wiring mistake)
     * @throws ServingStoreException    when the store fails
     */
    public int write(Collection<?> records) {
        for (Object r : records) {
            add(r);
        }
        return flush();
    }

    /** Buffers the record. */
    public void add(Object record) {
        ServingUpdate u = toUpdate(record);
        if (u == null) {
            return;
        }
        if (buffer.isEmpty()) {
            bufferedSinceNanos = System.nanoTime();
        }
        buffer.add(u);
    }

    /**
     * Writes the buffer in batches of at most {@code maxBatch}; the buffer is empty afterwards, also when the store
     * failed (the sink's job restarts from its last checkpoint and sends the records again).
     *
     * @return how many updates replaced what the store held
     */
    public int flush() {
        if (buffer.isEmpty()) {
            return 0;
        }
        int n = 0;
        try {
            for (int from = 0; from < buffer.size(); from += maxBatch) {
                n += store.write(buffer.subList(from, Math.min(buffer.size(), from + maxBatch)));
            }
            written += buffer.size();
            applied += n;
        } finally {
            buffer.clear();
        }
        return n;
    }

    /** Records buffered and not yet written. */
    public int buffered() {
        return buffer.size();
    }

    /** {@link System#nanoTime()} when the oldest buffered record was added (meaningless when nothing is buffered). */
    public long bufferedSinceNanos() {
        return bufferedSinceNanos;
    }

    /** Records written to the store so far. */
    public long written() {
        return written;
    }

    /** Of those, how many replaced what the store held. */
    public long applied() {
        return applied;
    }

    /** Records skipped because the store cannot hold them. */
    public long skipped() {
        return skipped;
    }

    private ServingUpdate toUpdate(Object record) {
        if (!ServingUpdate.supports(record)) {
            return ServingUpdate.of(record); // throws, naming the types the store takes
        }
        try {
            if (record instanceof Enrollment) {
                Enrollment e = (Enrollment) record;
                return ServingUpdate.enrollment(enrollmentIds.apply(e.learnerId()), e.courseId());
            }
            return ServingUpdate.of(record);
        } catch (IllegalArgumentException e) {
            skipped++;
            // The first, then every thousandth: a stream of bad records must not flood the log.
            if (skipped == 1 || skipped % 1000 == 0) {
                LOG.warn("serving: skipped {} record(s) the store cannot hold; latest: {}", skipped, e.getMessage());
            }
            return null;
        }
    }
}
