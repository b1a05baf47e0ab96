package io.learnpulse.app;

import io.learnpulse.core.sim.SimulatorConfig;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Simulator flags shared by {@code simulate} and {@code demo}; defaults are {@link SimulatorConfig}'s. */
public final class SimulatorOptions {
    private static final SimulatorConfig DEFAULTS = new SimulatorConfig();

    @Option(names = "--learners", description = "Simulated learners (default: 2000).")
    Integer learners;

    @Option(names = "--courses", description = "Courses in the generated catalog (default: 4).")
    Integer courses;

    @Option(names = "--seed", description = "Seed of every random choice (default: 42).")
    Long seed;

    @Option(names = "--clock-skew", converter = DurationConverter.class, paramLabel = "D",
            description = "Device clocks are off by up to +/- this (default: 2s).")
    Duration clockSkew;

    @Option(names = "--max-disorder", converter = DurationConverter.class, paramLabel = "D",
            description = "Network delay bound of normal deliveries (default: 5s).")
    Duration maxDisorder;

    @Option(names = "--offline-burst-fraction", paramLabel = "F",
            description = "Share of mobile sessions delivered in a burst up to 2 minutes late (default: 0.1).")
    Double offlineBurstFraction;

    @Option(names = "--late-fraction", paramLabel = "F",
            description = "Share of events delivered beyond the allowed lateness (default: 0.002).")
    Double lateFraction;

    @Option(names = "--duplicate-fraction", paramLabel = "F",
            description = "Share of events delivered twice (default: 0.01).")
    Double duplicateFraction;

    @Option(names = "--malformed-fraction", paramLabel = "F",
            description = "Share of events replaced by a corrupted record (default: 0.001).")
    Double malformedFraction;

    @Option(names = "--v1-fraction", paramLabel = "F",
            description = "Share of records in the legacy v1 format (default: 0.3).")
    Double v1Fraction;

    SimulatorConfig toConfig() {
        SimulatorConfig c = DEFAULTS.copy();
        if (learners != null) c.learners = learners;
        if (courses != null) c.courses = courses;
        if (seed != null) c.seed = seed;
        if (clockSkew != null) c.clockSkewMs = clockSkew.toMillis();
        if (maxDisorder != null) c.maxDisorderMs = maxDisorder.toMillis();
        if (offlineBurstFraction != null) c.offlineBurstFraction = offlineBurstFraction;
        if (lateFraction != null) c.lateFraction = lateFraction;
        if (duplicateFraction != null) c.duplicateFraction = duplicateFraction;
        if (malformedFraction != null) c.malformedFraction = malformedFraction;
        if (v1Fraction != null) c.v1Fraction = v1Fraction;
        return c.validate();
    }
}
