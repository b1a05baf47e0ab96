package io.learnpulse.pipeline.serving;

import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.serving.ServingStore;
import io.learnpulse.serving.ServingWriter;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

import java.io.IOException;
import java.time.Duration;

/**
 * Writes pipeline results (fused attempts, mastery records, aggregates, question statistics, sessions,
 * interventions, and enrollments from profiles) into the serving store the query API reads.
 *
 * <p>Each writer buffers records and writes them through a {@link ServingWriter} in batches: when the buffer
 * holds {@code maxBuffered} records, when its oldest record is {@code maxDelay} old (a processing-time timer,
 * on the task thread), and in {@link SinkWriter#flush}, which Flink calls before every checkpoint barrier and at
 * the end of input.
 *
 * <p><b>Delivery.</b> Because the buffer is written before each checkpoint, every record a checkpoint covers is in
 * the store: at-least-once. After a failure the job resumes from the last checkpoint and writes some records
 * again, and the store's upserts are idempotent and ordered (a record replaces what the store holds only if it
 * is newer by the output contract's order; see {@code ServingUpdate}), so replays leave the state as it was:
 * effectively exactly-once state in the store, without transactions. Readers may briefly see a newer state than
 * the last checkpoint's, which the replay then confirms.
 *
 * <p>Any parallelism works: records of one key may be written by different writers, since the store decides by
 * order, atomically, not by arrival.
 */
public final class ServingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_MAX_BUFFERED = 500;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(200);

    private final ServingStoreFactory factory;
    private final int maxBuffered;
    private final long maxDelayMs;
    private final Pseudonymizer enrollmentIds;

    /** With {@value #DEFAULT_MAX_BUFFERED} records and 200 ms as buffer bounds. */
    public ServingSink(ServingStoreFactory factory) {
        this(factory, DEFAULT_MAX_BUFFERED, DEFAULT_MAX_DELAY, Pseudonymizer.identity());
    }

    /**
     * @param maxBuffered   records buffered at most before they are written
     * @param maxDelay      how long a record waits in the buffer at most (roughly: timers are not exact)
     * @param enrollmentIds maps learner ids of enrollments (from profiles) to their stored form; pipeline records
     *                      already carry it
     */
    public ServingSink(ServingStoreFactory factory, int maxBuffered, Duration maxDelay, Pseudonymizer enrollmentIds) {
        if (maxBuffered < 1) {
            throw new IllegalArgumentException("maxBuffered must be at least 1 (was " + maxBuffered + ")");
        }
        if (maxDelay.toMillis() < 1) {
            throw new IllegalArgumentException("maxDelay must be at least 1 ms (was " + maxDelay + ")");
        }
        this.factory = factory;
        this.maxBuffered = maxBuffered;
        this.maxDelayMs = maxDelay.toMillis();
        this.enrollmentIds = enrollmentIds;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        ServingStore store = factory.open();
        Writer<T> writer = new Writer<>(store, new ServingWriter(store, maxBuffered, enrollmentIds), maxBuffered,
                maxDelayMs, context.getProcessingTimeService(), context.metricGroup().getNumRecordsSendCounter());
        writer.scheduleFlush(writer.time.getCurrentProcessingTime() + maxDelayMs);
        return writer;
    }

    @Override
    public String toString() {
        return "ServingSink{" + factory + ", maxBuffered=" + maxBuffered + ", maxDelayMs=" + maxDelayMs + '}';
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final ServingStore store;
        private final ServingWriter writer;
        private final int maxBuffered;
        private final long maxDelayNanos;
        final ProcessingTimeService time;
        private final Counter sent;
        private boolean closed;

        Writer(ServingStore store, ServingWriter writer, int maxBuffered, long maxDelayMs, ProcessingTimeService time,
               Counter sent) {
            this.store = store;
            this.writer = writer;
            this.maxBuffered = maxBuffered;
            this.maxDelayNanos = maxDelayMs * 1_000_000L;
            this.time = time;
            this.sent = sent;
        }

        /**
         * The age bound. The timer runs on the task thread, like write(), so the buffer needs no lock; it fires when
         * the oldest buffered record comes of age, or a full delay from now when nothing is buffered.
         */
        void scheduleFlush(long at) {
            time.registerTimer(at, now -> {
                if (closed) {
                    return;
                }
                long delayMs = maxDelayNanos / 1_000_000L;
                if (writer.buffered() > 0) {
                    long ageNanos = System.nanoTime() - writer.bufferedSinceNanos();
                    if (ageNanos >= maxDelayNanos) {
                        write();
                    } else {
                        scheduleFlush(now + Math.max(1, (maxDelayNanos - ageNanos) / 1_000_000L));
                        return;
                    }
                }
                scheduleFlush(now + delayMs);
            });
        }

        @Override
        public void write(T element, Context context) {
            writer.add(element);
            if (writer.buffered() >= maxBuffered) {
                write();
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            write();
        }

        private void write() {
            int n = writer.buffered();
            if (n > 0) {
                writer.flush();
                sent.inc(n);
            }
        }

        /** Does not write the buffer: a cancelled or failed job resumes from its last checkpoint, which covers it. */
        @Override
        public void close() {
            closed = true;
            store.close();
        }
    }
}
