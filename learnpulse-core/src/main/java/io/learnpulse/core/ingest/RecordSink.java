package io.learnpulse.core.ingest;

import io.learnpulse.core.event.RawRecord;

import java.util.List;

/**
 * Where an ingestion front end (the HTTP gateway) hands accepted records over to the pipeline. A record is
 * handed over as it arrived: its channel ({@code source}), its exact text and the wall-clock time it was
 * received; the pipeline parses it again.
 *
 * <p>"Handed over" means what the implementation guarantees once {@code offer} returns true, and the
 * front end answers its client only then:
 * <ul>
 *   <li>the in-JVM queue into the embedded pipeline ({@code io.learnpulse.pipeline.source.RecordQueue}):
 *       the record is in the running job's bounded queue. Nothing is written to disk: a crash of the process,
 *       or a failure of the job, loses what the job had not yet processed;</li>
 *   <li>Kafka ({@code io.learnpulse.pipeline.kafka.KafkaRecordSink}): the brokers acknowledged the record with
 *       {@code acks=all}, so it survives the gateway and the job; {@link #offerAll} writes the batch in one
 *       transaction, visible to read-committed consumers entirely or not at all. A false there means "not known
 *       to be handed over" (the acknowledgement did not come in time): a client's retry may then deliver a
 *       record twice, which the pipeline drops by event id.</li>
 * </ul>
 *
 * <p>Implementations never block the caller for long and never buffer without bound: when they cannot take
 * more, {@code offer} returns false and the front end tells its client to retry later. Thread-safe.
 */
public interface RecordSink {

    /** Hands one record over; false when the sink cannot take it now (full or closed). */
    boolean offer(String source, String payload, long ingestTime);

    /**
     * Hands all records over, or none: false (and nothing handed over) when the sink cannot take them all
     * now. An empty list is trivially accepted.
     */
    boolean offerAll(List<RawRecord> records);

    /** False once the pipeline behind the sink has stopped: offers then fail until it runs again (if ever). */
    boolean isOpen();

    /** Records handed over but not yet taken by the pipeline, or -1 when the sink cannot tell. */
    long depth();

    /** The most records {@link #depth()} can reach, or -1 when the sink has no such bound. */
    long capacity();
}
