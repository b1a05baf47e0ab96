package io.learnpulse.core.result;

/** An event that arrived after its source's allowed lateness: kept for batch reprocessing. */
public class LateEvent {
    public String eventId;
    public String source;
    public String learnerId;
    public long eventTime;
    /** The source's watermark when the event arrived. */
    public long watermark;
    public long lateByMs;
    public String reason;
    /** The record as it arrived, so it can be replayed as-is. */
    public String raw;

    public LateEvent() {}
}
