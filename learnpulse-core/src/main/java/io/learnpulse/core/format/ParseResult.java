package io.learnpulse.core.format;

import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.LearnerEvent;
import java.util.Objects;

/** The outcome of parsing one record: exactly one of {@link #event} and {@link #deadLetter} is non-null. */
public final class ParseResult {
    public final LearnerEvent event;
    public final DeadLetter deadLetter;

    private ParseResult(LearnerEvent event, DeadLetter deadLetter) {
        this.event = event;
        this.deadLetter = deadLetter;
    }

    public static ParseResult success(LearnerEvent event) {
        return new ParseResult(Objects.requireNonNull(event, "event"), null);
    }

    public static ParseResult failure(DeadLetter deadLetter) {
        return new ParseResult(null, Objects.requireNonNull(deadLetter, "deadLetter"));
    }

    /** True when the record was accepted ({@link #event} is set). */
    public boolean ok() {
        return event != null;
    }

    @Override
    public String toString() {
        return ok() ? "ParseResult{" + event + '}' : "ParseResult{" + deadLetter + '}';
    }
}
