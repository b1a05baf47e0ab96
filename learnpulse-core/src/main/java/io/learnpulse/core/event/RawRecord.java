package io.learnpulse.core.event;

/**
 * One record as it arrived, before parsing: the channel it came in on, its text and the wall-clock
 * time LearnPulse received it.
 */
public class RawRecord {
    public String source;
    public String payload;
    public long ingestTime;

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
