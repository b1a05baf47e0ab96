package io.learnpulse.core.event;

/** What a learner did, independent of the system that reported it. */
public enum EventKind {
    /** A page view or other navigation/interaction in the LMS clickstream. */
    CLICK,
    /** A video player action (play, pause, seek, ended). */
    VIDEO,
    /** An answer submitted to an assessment question. */
    ATTEMPT,
    /** A hint requested on an assessment question. */
    HINT,
    /** Anything recognised but not modelled yet (e.g. an unknown xAPI verb). */
    OTHER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
