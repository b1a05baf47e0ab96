package io.learnpulse.core.session;

import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.result.LearnerSession;
import io.learnpulse.core.result.Status;

/**
 * Builds one learner's sessions from their events fed in event-time order. A session ends when the
 * next event is more than {@code gapMs} after the previous one, or when it would last longer than
 * {@code maxDurationMs} (the long run of activity is split there). Active time counts the gaps between
 * consecutive events that are at most {@code activeGapMs}: a learner who stays 20 minutes on one page
 * without doing anything is in the session but not active.
 *
 * <p>Fields are public and primitive so the Flink state serializer can write them directly.
 */
public final class SessionBuilder {
    public static final long DEFAULT_GAP_MS = 30 * 60_000L;
    public static final long DEFAULT_MAX_DURATION_MS = 24 * 3_600_000L;
    public static final long DEFAULT_ACTIVE_GAP_MS = 5 * 60_000L;

    // The open session; start == Long.MIN_VALUE when there is none.
    public String learnerId;
    public String courseId;
    public long start = Long.MIN_VALUE;
    public long last;
    public int events;
    public int clicks;
    public int videoEvents;
    public int attempts;
    public int hints;
    public int otherEvents;
    public long activeMs;

    public SessionBuilder() {}

    public boolean isOpen() {
        return start != Long.MIN_VALUE;
    }

    /**
     * Feeds the next event (in event-time order). Returns the session this event closed, or null.
     */
    public LearnerSession add(LearnerEvent e, long gapMs, long maxDurationMs, long activeGapMs) {
        LearnerSession closed = null;
        if (isOpen() && (e.eventTime - last > gapMs || e.eventTime - start >= maxDurationMs)) {
            closed = close();
        }
        if (!isOpen()) {
            learnerId = e.learnerId;
            courseId = e.courseId;
            start = e.eventTime;
            last = e.eventTime;
        } else {
            long gap = e.eventTime - last;
            if (gap <= activeGapMs) {
                activeMs += gap;
            }
            last = e.eventTime;
        }
        events++;
        if (e.kind != null) {
            switch (e.kind) {
                case CLICK: clicks++; break;
                case VIDEO: videoEvents++; break;
                case ATTEMPT: attempts++; break;
                case HINT: hints++; break;
                default: otherEvents++; break;
            }
        } else {
            otherEvents++;
        }
        return closed;
    }

    /**
     * Closes the open session if no event can join it any more: every event before {@code frontier}
     * has been fed, and the frontier is more than the gap after the session's last event.
     */
    public LearnerSession closeIfIdle(long frontier, long gapMs) {
        if (isOpen() && frontier - last > gapMs) {
            return close();
        }
        return null;
    }

    private LearnerSession close() {
        LearnerSession s = new LearnerSession();
        s.key = learnerId + "@" + start;
        s.status = Status.FINAL;
        s.revision = 1;
        s.learnerId = learnerId;
        s.courseId = courseId;
        s.start = start;
        s.end = last;
        s.events = events;
        s.clicks = clicks;
        s.videoEvents = videoEvents;
        s.attempts = attempts;
        s.hints = hints;
        s.otherEvents = otherEvents;
        s.activeSeconds = activeMs / 1000.0;
        start = Long.MIN_VALUE;
        learnerId = null;
        courseId = null;
        last = 0;
        events = clicks = videoEvents = attempts = hints = otherEvents = 0;
        activeMs = 0;
        return s;
    }
}
