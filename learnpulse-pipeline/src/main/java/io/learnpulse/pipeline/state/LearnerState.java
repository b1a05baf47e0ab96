package io.learnpulse.pipeline.state;

import io.learnpulse.core.fusion.LearnerTimeline;
import io.learnpulse.core.fusion.SeenEvents;
import io.learnpulse.core.model.LearnerMastery;
import io.learnpulse.core.rules.LearnerRules;
import io.learnpulse.core.session.SessionBuilder;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Everything the learner operator keeps per learner: recent events in event-time order, how far the
 * learner's results have been declared final, and a fingerprint of every final result still open to
 * revision (so a late event emits a new revision only when it really changes a result).
 */
public final class LearnerState {
    public final LearnerTimeline timeline;
    /** Results with event time up to here have been emitted as final. */
    public long finalizedUpTo = Long.MIN_VALUE;
    public final Map<String, FinalMark> finals;
    /**
     * Events before this time are committed: fed, in event-time order, to the session builder and the
     * mastery model. No event accepted later can be earlier (it would be beyond allowed lateness).
     */
    public long committedBefore = Long.MIN_VALUE;
    public final SessionBuilder session;
    /** Knowledge-tracing state over the committed first attempts. */
    public LearnerMastery mastery = new LearnerMastery();
    /** Intervention rules, fed on the speculative path. */
    public LearnerRules rules = new LearnerRules();
    /** Latest event time seen for the learner: the learner's state expires a TTL after it. */
    public long lastEventTime = Long.MIN_VALUE;
    /** Event ids received in the dedup retention, to drop re-deliveries. */
    public final SeenEvents seen;

    /** Lower bound of the event times in {@link #finals}; not serialized (Long.MIN_VALUE: unknown). */
    private long finalsFloor = Long.MIN_VALUE;

    public LearnerState() {
        this(true);
    }

    /**
     * @param timelineRejectsRepeatedIds false when the owner deduplicates event ids itself for at least as
     *     long as events stay in the timeline (see {@link LearnerTimeline#LearnerTimeline(boolean)})
     */
    public LearnerState(boolean timelineRejectsRepeatedIds) {
        this(new LearnerTimeline(timelineRejectsRepeatedIds), new HashMap<>(), new SessionBuilder(), new SeenEvents());
    }

    LearnerState(LearnerTimeline timeline, Map<String, FinalMark> finals, SessionBuilder session, SeenEvents seen) {
        this.timeline = timeline;
        this.finals = finals;
        this.session = session;
        this.seen = seen;
    }

    /** Forgets fingerprints of results that can no longer be revised (event time before {@code time}). */
    public void forgetFinalsBefore(long time) {
        if (time <= finalsFloor) {
            return; // nothing that old: spares a pass over every fingerprint on every timer
        }
        long floor = Long.MAX_VALUE;
        Iterator<FinalMark> it = finals.values().iterator();
        while (it.hasNext()) {
            long t = it.next().eventTime;
            if (t < time) {
                it.remove();
            } else if (t < floor) {
                floor = t;
            }
        }
        finalsFloor = floor;
    }

    /**
     * Event-time timers registered for this learner that have not fired yet, as far as this object knows:
     * lets the operator skip registering a timer again (most events ask for the one already pending). Not
     * serialized: a restored or copied state starts without it and registers again, which Flink
     * deduplicates, so it can only miss a timer that is pending, never claim one that is not.
     */
    private long[] pendingTimers = new long[4];
    private int pendingTimerCount;

    /** Whether a timer at {@code time} is known to be pending; otherwise notes it (the caller registers it). */
    public boolean timerPending(long time) {
        for (int i = 0; i < pendingTimerCount; i++) {
            if (pendingTimers[i] == time) {
                return true;
            }
        }
        if (pendingTimerCount == pendingTimers.length) {
            pendingTimers = java.util.Arrays.copyOf(pendingTimers, pendingTimerCount * 2);
        }
        pendingTimers[pendingTimerCount++] = time;
        return false;
    }

    /** Timers up to the watermark have fired. */
    public void timersFiredUpTo(long watermark) {
        int kept = 0;
        for (int i = 0; i < pendingTimerCount; i++) {
            if (pendingTimers[i] > watermark) {
                pendingTimers[kept++] = pendingTimers[i];
            }
        }
        pendingTimerCount = kept;
    }

    /** Records the fingerprint of a new final result. */
    public void putFinal(String key, FinalMark mark) {
        finals.put(key, mark);
        finalsFloor = Math.min(finalsFloor, mark.eventTime);
    }

    public boolean isEmpty() {
        return timeline.size() == 0 && finals.isEmpty() && !session.isOpen() && seen.isEmpty()
                && mastery.isEmpty() && rules.isEmpty();
    }

    /** The revision and content fingerprint of the last final record emitted for a key. */
    public static final class FinalMark {
        public int revision;
        public long hash;
        public long eventTime;

        public FinalMark(int revision, long hash, long eventTime) {
            this.revision = revision;
            this.hash = hash;
            this.eventTime = eventTime;
        }
    }
}
