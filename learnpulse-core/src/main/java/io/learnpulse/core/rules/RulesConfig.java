package io.learnpulse.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.core.config.Durations;
import io.learnpulse.core.config.LearnPulseConfig;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the intervention rules (the {@code rules} section of the config; defaults in
 * {@code learnpulse-defaults.yaml} and in docs/models.md). Immutable; change values with
 * {@link #toBuilder()}.
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>rule</th><th>settings</th></tr>
 *   <tr><td>review_segment</td><td>on, coverage below 0.5, cooldown 10 min</td></tr>
 *   <tr><td>repeated_failure</td><td>on, 3 wrong attempts within 10 min, cooldown 10 min</td></tr>
 *   <tr><td>low_mastery</td><td>on, mastery below 0.3 after at least 5 first attempts, cooldown 10 min</td></tr>
 *   <tr><td>disengagement</td><td>on, 15 min without activity after a wrong attempt, cooldown 10 min</td></tr>
 * </table>
 */
public final class RulesConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final long MINUTE = 60_000L;
    private static final RulesConfig DEFAULTS = new Builder().build();

    public final boolean reviewSegmentEnabled;
    /** R1 fires when the linked segment's coverage is strictly below this. */
    public final double reviewSegmentMaxCoverage;
    public final long reviewSegmentCooldownMs;

    public final boolean repeatedFailureEnabled;
    /** R2: this many wrong attempts on one question ... */
    public final int repeatedFailureCount;
    /** ... whose first and last are at most this far apart. */
    public final long repeatedFailureWindowMs;
    public final long repeatedFailureCooldownMs;

    public final boolean lowMasteryEnabled;
    /** R3 fires when mastery is strictly below this ... */
    public final double lowMasteryThreshold;
    /** ... after at least this many first attempts on the skill. */
    public final int lowMasteryMinFirstAttempts;
    public final long lowMasteryCooldownMs;

    public final boolean disengagementEnabled;
    /** R4: no activity for this long after a wrong attempt. */
    public final long disengagementIdleMs;
    public final long disengagementCooldownMs;

    private RulesConfig(Builder b) {
        if (!(b.reviewSegmentMaxCoverage > 0.0 && b.reviewSegmentMaxCoverage <= 1.0)) {
            throw new IllegalArgumentException("rules.review-segment.max-coverage must be in (0, 1] (was "
                    + b.reviewSegmentMaxCoverage + ")");
        }
        if (b.repeatedFailureCount < 2) {
            throw new IllegalArgumentException("rules.repeated-failure.wrong-attempts must be at least 2 (was "
                    + b.repeatedFailureCount + ")");
        }
        if (!(b.lowMasteryThreshold > 0.0 && b.lowMasteryThreshold < 1.0)) {
            throw new IllegalArgumentException("rules.low-mastery.threshold must be in (0, 1) (was "
                    + b.lowMasteryThreshold + ")");
        }
        if (b.lowMasteryMinFirstAttempts < 1) {
            throw new IllegalArgumentException("rules.low-mastery.min-first-attempts must be at least 1 (was "
                    + b.lowMasteryMinFirstAttempts + ")");
        }
        nonNegative("rules.review-segment.cooldown", b.reviewSegmentCooldownMs);
        nonNegative("rules.repeated-failure.window", b.repeatedFailureWindowMs);
        nonNegative("rules.repeated-failure.cooldown", b.repeatedFailureCooldownMs);
        nonNegative("rules.low-mastery.cooldown", b.lowMasteryCooldownMs);
        nonNegative("rules.disengagement.cooldown", b.disengagementCooldownMs);
        if (b.disengagementIdleMs <= 0) {
            throw new IllegalArgumentException("rules.disengagement.idle must be positive");
        }
        reviewSegmentEnabled = b.reviewSegmentEnabled;
        reviewSegmentMaxCoverage = b.reviewSegmentMaxCoverage;
        reviewSegmentCooldownMs = b.reviewSegmentCooldownMs;
        repeatedFailureEnabled = b.repeatedFailureEnabled;
        repeatedFailureCount = b.repeatedFailureCount;
        repeatedFailureWindowMs = b.repeatedFailureWindowMs;
        repeatedFailureCooldownMs = b.repeatedFailureCooldownMs;
        lowMasteryEnabled = b.lowMasteryEnabled;
        lowMasteryThreshold = b.lowMasteryThreshold;
        lowMasteryMinFirstAttempts = b.lowMasteryMinFirstAttempts;
        lowMasteryCooldownMs = b.lowMasteryCooldownMs;
        disengagementEnabled = b.disengagementEnabled;
        disengagementIdleMs = b.disengagementIdleMs;
        disengagementCooldownMs = b.disengagementCooldownMs;
    }

    private static void nonNegative(String key, long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException(key + " must not be negative");
        }
    }

    /** The documented defaults (the same as {@code LearnPulseConfig.defaults().rules()}). */
    public static RulesConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.reviewSegmentEnabled = reviewSegmentEnabled;
        b.reviewSegmentMaxCoverage = reviewSegmentMaxCoverage;
        b.reviewSegmentCooldownMs = reviewSegmentCooldownMs;
        b.repeatedFailureEnabled = repeatedFailureEnabled;
        b.repeatedFailureCount = repeatedFailureCount;
        b.repeatedFailureWindowMs = repeatedFailureWindowMs;
        b.repeatedFailureCooldownMs = repeatedFailureCooldownMs;
        b.lowMasteryEnabled = lowMasteryEnabled;
        b.lowMasteryThreshold = lowMasteryThreshold;
        b.lowMasteryMinFirstAttempts = lowMasteryMinFirstAttempts;
        b.lowMasteryCooldownMs = lowMasteryCooldownMs;
        b.disengagementEnabled = disengagementEnabled;
        b.disengagementIdleMs = disengagementIdleMs;
        b.disengagementCooldownMs = disengagementCooldownMs;
        return b;
    }

    /** The rule's cooldown in milliseconds of event time. */
    public long cooldownMs(Rule rule) {
        switch (rule) {
            case REVIEW_SEGMENT: return reviewSegmentCooldownMs;
            case REPEATED_FAILURE: return repeatedFailureCooldownMs;
            case LOW_MASTERY: return lowMasteryCooldownMs;
            default: return disengagementCooldownMs;
        }
    }

    public boolean enabled(Rule rule) {
        switch (rule) {
            case REVIEW_SEGMENT: return reviewSegmentEnabled;
            case REPEATED_FAILURE: return repeatedFailureEnabled;
            case LOW_MASTERY: return lowMasteryEnabled;
            default: return disengagementEnabled;
        }
    }

    /**
     * How far back in event time rule state can still matter: the longest cooldown or R2 window. An
     * operator may prune a learner's rule state older than its watermark minus this minus the allowed
     * lateness ({@link LearnerRules#pruneBefore}).
     */
    public long retentionMs() {
        long m = Math.max(repeatedFailureWindowMs, reviewSegmentCooldownMs);
        m = Math.max(m, repeatedFailureCooldownMs);
        m = Math.max(m, lowMasteryCooldownMs);
        return Math.max(m, disengagementCooldownMs);
    }

    /** Reads the {@code rules} section of a merged config tree (every key present; see {@link LearnPulseConfig}). */
    public static RulesConfig fromTree(JsonNode rules) {
        Builder b = new Builder();
        JsonNode r1 = section(rules, "review-segment");
        b.reviewSegmentEnabled = bool(r1, "review-segment", "enabled");
        b.reviewSegmentMaxCoverage = number(r1, "review-segment", "max-coverage");
        b.reviewSegmentCooldownMs = duration(r1, "review-segment", "cooldown");
        JsonNode r2 = section(rules, "repeated-failure");
        b.repeatedFailureEnabled = bool(r2, "repeated-failure", "enabled");
        b.repeatedFailureCount = integer(r2, "repeated-failure", "wrong-attempts");
        b.repeatedFailureWindowMs = duration(r2, "repeated-failure", "window");
        b.repeatedFailureCooldownMs = duration(r2, "repeated-failure", "cooldown");
        JsonNode r3 = section(rules, "low-mastery");
        b.lowMasteryEnabled = bool(r3, "low-mastery", "enabled");
        b.lowMasteryThreshold = number(r3, "low-mastery", "threshold");
        b.lowMasteryMinFirstAttempts = integer(r3, "low-mastery", "min-first-attempts");
        b.lowMasteryCooldownMs = duration(r3, "low-mastery", "cooldown");
        JsonNode r4 = section(rules, "disengagement");
        b.disengagementEnabled = bool(r4, "disengagement", "enabled");
        b.disengagementIdleMs = duration(r4, "disengagement", "idle");
        b.disengagementCooldownMs = duration(r4, "disengagement", "cooldown");
        return b.build();
    }

    private static JsonNode section(JsonNode rules, String name) {
        JsonNode n = rules == null ? null : rules.get(name);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("rules." + name + " must be a mapping");
        }
        return n;
    }

    private static JsonNode value(JsonNode n, String rule, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing rules." + rule + "." + key);
        }
        return v;
    }

    private static boolean bool(JsonNode n, String rule, String key) {
        JsonNode v = value(n, rule, key);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("rules." + rule + "." + key + " must be true or false");
        }
        return v.booleanValue();
    }

    private static double number(JsonNode n, String rule, String key) {
        JsonNode v = value(n, rule, key);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("rules." + rule + "." + key + " must be a number");
        }
        return v.doubleValue();
    }

    private static int integer(JsonNode n, String rule, String key) {
        JsonNode v = value(n, rule, key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("rules." + rule + "." + key + " must be an integer");
        }
        return v.intValue();
    }

    private static long duration(JsonNode n, String rule, String key) {
        JsonNode v = value(n, rule, key);
        try {
            return v.isNumber() ? v.longValue() : Durations.parse(v.asText()).toMillis();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rules." + rule + "." + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RulesConfig{review_segment=" + reviewSegmentEnabled + "/<" + reviewSegmentMaxCoverage
                + ", repeated_failure=" + repeatedFailureEnabled + "/" + repeatedFailureCount + " in "
                + Durations.format(Duration.ofMillis(repeatedFailureWindowMs))
                + ", low_mastery=" + lowMasteryEnabled + "/<" + lowMasteryThreshold + " after " + lowMasteryMinFirstAttempts
                + ", disengagement=" + disengagementEnabled + "/" + Durations.format(Duration.ofMillis(disengagementIdleMs)) + '}';
    }

    /** Mutable settings, starting from the documented defaults. */
    public static final class Builder {
        private boolean reviewSegmentEnabled = true;
        private double reviewSegmentMaxCoverage = 0.5;
        private long reviewSegmentCooldownMs = 10 * MINUTE;
        private boolean repeatedFailureEnabled = true;
        private int repeatedFailureCount = 3;
        private long repeatedFailureWindowMs = 10 * MINUTE;
        private long repeatedFailureCooldownMs = 10 * MINUTE;
        private boolean lowMasteryEnabled = true;
        private double lowMasteryThreshold = 0.3;
        private int lowMasteryMinFirstAttempts = 5;
        private long lowMasteryCooldownMs = 10 * MINUTE;
        private boolean disengagementEnabled = true;
        private long disengagementIdleMs = 15 * MINUTE;
        private long disengagementCooldownMs = 10 * MINUTE;

        private Builder() {}

        public Builder enabled(Rule rule, boolean on) {
            switch (rule) {
                case REVIEW_SEGMENT: reviewSegmentEnabled = on; break;
                case REPEATED_FAILURE: repeatedFailureEnabled = on; break;
                case LOW_MASTERY: lowMasteryEnabled = on; break;
                default: disengagementEnabled = on; break;
            }
            return this;
        }

        /** Sets the cooldown of every rule. */
        public Builder cooldown(Duration d) {
            reviewSegmentCooldownMs = d.toMillis();
            repeatedFailureCooldownMs = d.toMillis();
            lowMasteryCooldownMs = d.toMillis();
            disengagementCooldownMs = d.toMillis();
            return this;
        }

        public Builder cooldown(Rule rule, Duration d) {
            switch (rule) {
                case REVIEW_SEGMENT: reviewSegmentCooldownMs = d.toMillis(); break;
                case REPEATED_FAILURE: repeatedFailureCooldownMs = d.toMillis(); break;
                case LOW_MASTERY: lowMasteryCooldownMs = d.toMillis(); break;
                default: disengagementCooldownMs = d.toMillis(); break;
            }
            return this;
        }

        public Builder reviewSegmentMaxCoverage(double v) {
            reviewSegmentMaxCoverage = v;
            return this;
        }

        public Builder repeatedFailure(int wrongAttempts, Duration window) {
            repeatedFailureCount = wrongAttempts;
            repeatedFailureWindowMs = window.toMillis();
            return this;
        }

        public Builder lowMastery(double threshold, int minFirstAttempts) {
            lowMasteryThreshold = threshold;
            lowMasteryMinFirstAttempts = minFirstAttempts;
            return this;
        }

        public Builder disengagementIdle(Duration idle) {
            disengagementIdleMs = idle.toMillis();
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public RulesConfig build() {
            return new RulesConfig(this);
        }
    }
}
