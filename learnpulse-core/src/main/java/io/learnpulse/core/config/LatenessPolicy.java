package io.learnpulse.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How late one source's events may be. Events up to {@code maxOutOfOrderness} behind the newest one
 * seen are on time (the watermark waits for them); up to {@code allowedLateness} more, they still
 * count but revise results already declared final; beyond that they go to the {@code late} output.
 * A source silent for {@code idleness} stops holding the watermark back.
 */
public final class LatenessPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final LatenessPolicy DEFAULT =
            new LatenessPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));

    private final Duration maxOutOfOrderness;
    private final Duration idleness;
    private final Duration allowedLateness;

    public LatenessPolicy(Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness) {
        if (maxOutOfOrderness.isNegative() || idleness.isNegative() || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("lateness durations must not be negative");
        }
        this.maxOutOfOrderness = maxOutOfOrderness;
        this.idleness = idleness;
        this.allowedLateness = allowedLateness;
    }

    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    /** Zero disables idleness detection (used for bounded replays, where it would make results depend on read speed). */
    public Duration idleness() {
        return idleness;
    }

    public Duration allowedLateness() {
        return allowedLateness;
    }

    public LatenessPolicy withIdleness(Duration d) {
        return new LatenessPolicy(maxOutOfOrderness, d, allowedLateness);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LatenessPolicy)) {
            return false;
        }
        LatenessPolicy p = (LatenessPolicy) o;
        return maxOutOfOrderness.equals(p.maxOutOfOrderness) && idleness.equals(p.idleness)
                && allowedLateness.equals(p.allowedLateness);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxOutOfOrderness, idleness, allowedLateness);
    }

    @Override
    public String toString() {
        return "out-of-orderness " + Durations.format(maxOutOfOrderness) + ", idleness " + Durations.format(idleness)
                + ", allowed lateness " + Durations.format(allowedLateness);
    }
}
