package io.learnpulse.core.event;

import java.util.Objects;

/**
 * A record LearnPulse could not accept, kept with the reason so nothing is lost silently.
 *
 * <p>{@code reason} is a short stable code (for metrics and filtering, see {@link DeadLetterReason});
 * {@code error} is the human explanation naming the field or rule.
 */
public class DeadLetter {
    public String raw;
    public String source;
    public String reason;
    public String error;
    public long receivedAt;

    public DeadLetter() {}

    public DeadLetter(String raw, String source, String reason, String error, long receivedAt) {
        this.raw = raw;
        this.source = source;
        this.reason = reason;
        this.error = error;
        this.receivedAt = receivedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter d = (DeadLetter) o;
        return receivedAt == d.receivedAt
                && Objects.equals(raw, d.raw)
                && Objects.equals(source, d.source)
                && Objects.equals(reason, d.reason)
                && Objects.equals(error, d.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(raw, source, reason, error);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + source + ' ' + reason + ": " + error + '}';
    }
}
