package io.learnpulse.core.sim;

import io.learnpulse.core.event.LearnerEvent;

/**
 * One delivered line of the simulation: what arrived on which channel and when, plus the ground truth
 * behind it (for tests and evaluation; the pipeline only ever sees {@link #source} and {@link #line}).
 */
public final class SimRecord {

    /** How a record was delivered. */
    public enum Delivery {
        /** Delivered after a normal network delay in [0, maxDisorderMs]. */
        NORMAL,
        /** Part of an offline stretch of a mobile session, delivered together on reconnect. */
        OFFLINE_BURST,
        /** Delivered beyond the allowed lateness (see {@link SimulatorConfig#lateDelayMinMs()}). */
        LATE,
        /** A second delivery of an identical line shortly after the first. */
        DUPLICATE,
        /** A corrupted line (normal delay); {@link #event} is what it would have encoded. */
        MALFORMED
    }

    /** The channel: clickstream, video or assessment. */
    public final String source;
    /** The JSON line as delivered (native v1/v2, or corrupted). */
    public final String line;
    /** Wall-clock time of delivery, epoch ms; records come out of the simulator in this order. */
    public final long arrivalTime;
    /** The device's time of the event (true time + the device's clock skew), epoch ms. */
    public final long eventTime;
    /** When the event really happened, epoch ms. */
    public final long trueTime;
    public final String learnerId;
    public final Delivery delivery;
    /** The native format version of the line (1 or 2); for a malformed line the version it was derived from. */
    public final int formatVersion;
    /**
     * The canonical event behind the line. Its {@code eventId} is the simulator's id (the v2
     * {@code event_id}); a parser derives a different id for v1 lines. Shared, do not modify.
     */
    public final LearnerEvent event;
    /**
     * Ground truth for attempts on a question with a linked segment: the fraction 0..1 of that segment
     * played within the fusion window before the attempt (from plays that started inside the window).
     * NaN for every other record.
     */
    public final double linkedSegmentCoverage;

    final int learnerIndex;
    final long seq;

    SimRecord(String source, String line, long arrivalTime, long eventTime, long trueTime, String learnerId,
              Delivery delivery, int formatVersion, LearnerEvent event, double linkedSegmentCoverage,
              int learnerIndex, long seq) {
        this.source = source;
        this.line = line;
        this.arrivalTime = arrivalTime;
        this.eventTime = eventTime;
        this.trueTime = trueTime;
        this.learnerId = learnerId;
        this.delivery = delivery;
        this.formatVersion = formatVersion;
        this.event = event;
        this.linkedSegmentCoverage = linkedSegmentCoverage;
        this.learnerIndex = learnerIndex;
        this.seq = seq;
    }

    /** Arrival order; ties broken by learner index and the learner's record sequence (a total order). */
    static int compareArrival(SimRecord a, SimRecord b) {
        int c = Long.compare(a.arrivalTime, b.arrivalTime);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.learnerIndex, b.learnerIndex);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }

    @Override
    public String toString() {
        return "SimRecord{" + source + ' ' + delivery + " arrival=" + arrivalTime + " eventTime=" + eventTime
                + ' ' + line + '}';
    }
}
