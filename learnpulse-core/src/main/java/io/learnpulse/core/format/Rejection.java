package io.learnpulse.core.format;

/**
 * Ends the parsing of one record (or one statement or event of a batch) with a dead letter: a stable
 * reason code from {@link io.learnpulse.core.event.DeadLetterReason} and a message naming the property
 * and the rule. Control flow, not a bug: no stack trace.
 */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final String reason;

    public Rejection(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }
}
