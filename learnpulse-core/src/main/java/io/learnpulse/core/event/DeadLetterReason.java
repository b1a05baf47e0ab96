package io.learnpulse.core.event;

/** Stable reason codes for dead letters; the human-readable detail goes in {@link DeadLetter#error}. */
public final class DeadLetterReason {
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String OVERSIZED = "oversized";
    public static final String MISSING_FIELD = "missing_field";
    public static final String INVALID_FIELD = "invalid_field";
    public static final String UNKNOWN_FORMAT = "unknown_format";
    public static final String UNSUPPORTED_VERSION = "unsupported_version";
    public static final String FUTURE_DATED = "future_dated";
    public static final String CONFLICTING_DUPLICATE = "conflicting_duplicate";

    private DeadLetterReason() {}
}
