package io.learnpulse.core.sim;

import java.time.Instant;

/**
 * Settings of the learner simulator. A plain mutable class with public fields and documented defaults;
 * {@link #validate()} checks the ranges, {@link #copy()} makes an independent copy. Serializable so a
 * Flink source can carry it.
 *
 * <p>All fractions are per simulated event (before duplication): each event is independently written
 * as v1 with probability {@link #v1Fraction}, corrupted with probability {@link #malformedFraction},
 * delivered late with probability {@link #lateFraction} (if not corrupted) and re-delivered with
 * probability {@link #duplicateFraction} (if not corrupted).
 */
public final class SimulatorConfig implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** 2026-03-02T08:00:00Z. */
    public static final long DEFAULT_START_TIME = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();

    /** Seed of everything random (catalog, learners, delivery). Default 42. */
    public long seed = 42L;
    /** Number of simulated learners, ids {@code L000000 ...}. Default 2000. */
    public int learners = 2000;
    /** Number of courses in the generated catalog. Default 4. */
    public int courses = 4;
    /** Start of the simulation (epoch ms of true time); no event happens before it. Default {@link #DEFAULT_START_TIME}. */
    public long startTime = DEFAULT_START_TIME;

    /** Each device's clock is off by a constant drawn uniformly from [-clockSkewMs, +clockSkewMs]. Default 2000. */
    public long clockSkewMs = 2_000L;
    /** Normal network delay: uniform in [0, maxDisorderMs] after the true time. Default 5000. */
    public long maxDisorderMs = 5_000L;

    /** Share of learners that also use a mobile device (half of their sessions are then on mobile). Default 0.4. */
    public double mobileFraction = 0.4;
    /**
     * Share of mobile sessions with an offline stretch: the events of that stretch are delivered
     * together when the device reconnects, at most {@link #offlineBurstMaxDelayMs} after they
     * happened. Default 0.1.
     */
    public double offlineBurstFraction = 0.1;
    /** Longest delay of an offline burst. Default 120000 (2 min). */
    public long offlineBurstMaxDelayMs = 120_000L;

    /**
     * Share of events delivered beyond the allowed lateness: their delay is uniform in
     * [{@link #lateDelayMinMs()}, {@link #lateDelayMinMs()} + 60 s]. Default 0.002.
     */
    public double lateFraction = 0.002;
    /** The pipeline's allowed lateness that late events must exceed. Default 120000. */
    public long allowedLatenessMs = 120_000L;
    /** Share of events whose identical line is delivered again 0.2-5 s after the first delivery. Default 0.01. */
    public double duplicateFraction = 0.01;
    /**
     * Share of events replaced by a corrupted line (truncated JSON, a missing required field, a wrong
     * JSON type, an unknown video action or assessment type, garbage text). Default 0.001.
     */
    public double malformedFraction = 0.001;
    /** Share of events written in legacy native v1 (the rest are v2). Default 0.3. */
    public double v1Fraction = 0.3;
    /**
     * How much faster than event time the learners live: every duration in a learner's own time
     * (think time between actions, video playback, time between sessions) takes 1 / timeScale of it
     * in event time, so the event rate is proportional to timeScale. Above 1 videos therefore play
     * faster than real time; positions are unaffected. Use
     * {@link LearnerSimulator#timeScaleForRate} to pick it for a target rate. Default 1.0.
     */
    public double timeScale = 1.0;

    /**
     * The fusion window of the pipeline (docs/formats.md, default 10 min). The simulator uses it for
     * the ground truth {@link SimRecord#linkedSegmentCoverage} and for the "recently watched" boost of
     * the correctness probability. Default 600000.
     */
    public long fusionWindowMs = 600_000L;

    public SimulatorConfig() {}

    /** The smallest delay of a late event: allowed lateness + 2 x (disorder bound + clock skew) + 1 s. */
    public long lateDelayMinMs() {
        return allowedLatenessMs + 2 * (maxDisorderMs + clockSkewMs) + 1_000L;
    }

    /** The largest possible delay between an event's true time and its (last) delivery. */
    public long maxDeliveryDelayMs() {
        long normal = maxDisorderMs;
        long burst = offlineBurstMaxDelayMs;
        long late = lateDelayMinMs() + 60_000L;
        return Math.max(Math.max(normal, burst), late) + LearnerSimulator.DUPLICATE_DELAY_MAX_MS;
    }

    public SimulatorConfig copy() {
        SimulatorConfig c = new SimulatorConfig();
        c.seed = seed;
        c.learners = learners;
        c.courses = courses;
        c.startTime = startTime;
        c.clockSkewMs = clockSkewMs;
        c.maxDisorderMs = maxDisorderMs;
        c.mobileFraction = mobileFraction;
        c.offlineBurstFraction = offlineBurstFraction;
        c.offlineBurstMaxDelayMs = offlineBurstMaxDelayMs;
        c.lateFraction = lateFraction;
        c.allowedLatenessMs = allowedLatenessMs;
        c.duplicateFraction = duplicateFraction;
        c.malformedFraction = malformedFraction;
        c.v1Fraction = v1Fraction;
        c.timeScale = timeScale;
        c.fusionWindowMs = fusionWindowMs;
        return c;
    }

    /** Throws {@link IllegalArgumentException} naming the first field out of range. */
    public SimulatorConfig validate() {
        positive("learners", learners);
        positive("courses", courses);
        nonNegative("clockSkewMs", clockSkewMs);
        nonNegative("maxDisorderMs", maxDisorderMs);
        nonNegative("allowedLatenessMs", allowedLatenessMs);
        positive("fusionWindowMs", fusionWindowMs);
        if (offlineBurstMaxDelayMs < 2_000L) {
            throw new IllegalArgumentException("offlineBurstMaxDelayMs must be >= 2000 (was " + offlineBurstMaxDelayMs + ")");
        }
        fraction("mobileFraction", mobileFraction);
        fraction("offlineBurstFraction", offlineBurstFraction);
        fraction("lateFraction", lateFraction);
        fraction("duplicateFraction", duplicateFraction);
        fraction("malformedFraction", malformedFraction);
        fraction("v1Fraction", v1Fraction);
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a finite number > 0 (was " + timeScale + ")");
        }
        return this;
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 (was " + v + ")");
        }
    }

    private static void nonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 (was " + v + ")");
        }
    }

    private static void fraction(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1] (was " + v + ")");
        }
    }

    @Override
    public String toString() {
        return "SimulatorConfig{seed=" + seed + ", learners=" + learners + ", courses=" + courses
                + ", startTime=" + Instant.ofEpochMilli(startTime) + ", clockSkewMs=" + clockSkewMs
                + ", maxDisorderMs=" + maxDisorderMs + ", mobileFraction=" + mobileFraction
                + ", offlineBurstFraction=" + offlineBurstFraction + ", offlineBurstMaxDelayMs=" + offlineBurstMaxDelayMs
                + ", lateFraction=" + lateFraction + ", allowedLatenessMs=" + allowedLatenessMs
                + ", duplicateFraction=" + duplicateFraction + ", malformedFraction=" + malformedFraction
                + ", v1Fraction=" + v1Fraction + ", timeScale=" + timeScale + ", fusionWindowMs=" + fusionWindowMs + '}';
    }
}
