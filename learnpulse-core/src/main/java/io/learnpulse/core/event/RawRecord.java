package io.learnpulse.core.event;

/**
 * One record as it arrived, before parsing: the channel it came in on, its text and the wall-clock
 * time LearnPulse received it.
 */
public class RawRecord {
    public String source;
    public String payload;
    public long ingestTime;
    /**
     * The record's event time as far as a source could tell before the pipeline parses it (the earliest event
     * time among the events it yields), or {@link Long#MIN_VALUE} when unknown or when the record yields none.
     * Sources that track watermarks per partition (Kafka) fill it in, so that event time is known where
     * watermarks are generated; other sources leave it unset, and the pipeline assigns watermarks after parsing.
     */
    public long eventTimeHint = Long.MIN_VALUE;

    public RawRecord() {}

    public RawRecord(String source, String payload, long ingestTime) {
        this.source = source;
        this.payload = payload;
        this.ingestTime = ingestTime;
    }

    @Override
    public String toString() {
        return "RawRecord{" + source + ' ' + payload + '}';
    }
}
