package io.learnpulse.core.result;

/**
 * The two phases of every derived record. A downstream store upserts by {@code key}, keeping the
 * highest {@code revision} of status {@link #FINAL}; {@link #SPECULATIVE} records are previews that a
 * final record always supersedes.
 */
public final class Status {
    /** Emitted on arrival of the triggering event, from whatever had arrived by then. */
    public static final String SPECULATIVE = "speculative";
    /** Emitted once the watermark passed the record's event time, over events in event-time order. */
    public static final String FINAL = "final";

    private Status() {}
}
