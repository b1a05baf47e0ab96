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

    public LearnerState() {
        this(new LearnerTimeline(), new HashMap<>(), new SessionBuilder(), new SeenEvents());
    }

    LearnerState(LearnerTimeline timeline, Map<String, FinalMark> finals, SessionBuilder session, SeenEvents seen) {
        this.timeline = timeline;
        this.finals = finals;
        this.session = session;
        this.seen = seen;
    }

    /** Forgets fingerprints of results that can no longer be revised (event time before {@code time}). */
    public void forgetFinalsBefore(long time) {
        Iterator<FinalMark> it = finals.values().iterator();
        while (it.hasNext()) {
            if (it.next().eventTime < time) {
                it.remove();
            }
        }
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
