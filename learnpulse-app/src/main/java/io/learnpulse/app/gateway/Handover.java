package io.learnpulse.app.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.ingest.RecordSink;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Hands a request's records to the {@link RecordSink}, all or none, and answers 429 or 503 when it cannot. */
final class Handover {
    private final RecordSink sink;
    private final String retryAfterSeconds;
    final AtomicLong recordsAccepted = new AtomicLong();
    final AtomicLong requestsRefused = new AtomicLong();

    Handover(RecordSink sink, Duration retryAfter) {
        this.sink = sink;
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    RecordSink sink() {
        return sink;
    }

    /**
     * Hands all records over, or throws: 503 when the pipeline is not running, 429 when its queue cannot take
     * them all now; both with {@code Retry-After}, and nothing of the request handed over.
     */
    void offerAll(List<RawRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (sink.isOpen() && sink.offerAll(records)) {
            recordsAccepted.addAndGet(records.size());
            return;
        }
        requestsRefused.incrementAndGet();
        int status;
        String message;
        if (!sink.isOpen()) {
            status = 503;
            message = "the pipeline is not running: nothing of this request was accepted; retry after "
                    + retryAfterSeconds + " s";
        } else {
            status = 429;
            String queue = sink.capacity() >= 0 ? " (" + sink.depth() + " of " + sink.capacity() + " records waiting)"
                    : "";
            // A bounded queue says how full it is; a Kafka hand-over has no queue here, only brokers that did not answer.
            String what = sink.capacity() >= 0 ? "the pipeline's input queue is full" + queue
                    : "the records could not be handed over in time";
            message = what + ": none of the " + records.size()
                    + " records of this request was accepted; retry after " + retryAfterSeconds + " s";
        }
        ObjectNode body = HttpError.body(message);
        body.put("accepted", 0);
        HttpError e = new HttpError(Response.json(status, body));
        throw e.header("Retry-After", retryAfterSeconds);
    }
}
