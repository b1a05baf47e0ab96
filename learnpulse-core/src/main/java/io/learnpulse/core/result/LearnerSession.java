package io.learnpulse.core.result;

/**
 * One learner session: events separated by less than the session gap, at most the maximum session
 * duration long (a longer run of activity is split). Always final: sessions are built from events the
 * watermark has passed by the allowed lateness, so no later event can change them.
 */
public class LearnerSession {
    /** Stable upsert key: {@code learnerId + "@" + start}. */
    public String key;
    public String status;
    public int revision;

    public String learnerId;
    /** The course of the session's first event. */
    public String courseId;
    /** Event time of the first and the last event. */
    public long start;
    public long end;
    public int events;
    public int clicks;
    public int videoEvents;
    public int attempts;
    public int hints;
    public int otherEvents;
    /** Time between consecutive events, counting only gaps up to the active-gap threshold. */
    public double activeSeconds;

    public LearnerSession() {}

    @Override
    public String toString() {
        return "LearnerSession{" + key + " events=" + events + " active=" + activeSeconds + '}';
    }
}
