package io.learnpulse.core.rules;

/** The intervention rules, with their wire names and who the intervention is for. */
public enum Rule {
    /** R1: a wrong attempt after watching too little of the question's video segment → hint to review it. */
    REVIEW_SEGMENT("review_segment", Audience.LEARNER),
    /** R2: repeated wrong attempts on one question in a short time → worked-example hint. */
    REPEATED_FAILURE("repeated_failure", Audience.LEARNER),
    /** R3: low mastery of a skill after enough practice → instructor alert. */
    LOW_MASTERY("low_mastery", Audience.INSTRUCTOR),
    /** R4: no activity for a while after a wrong attempt → instructor alert. */
    DISENGAGEMENT("disengagement", Audience.INSTRUCTOR);

    /** Who an intervention is addressed to. */
    public enum Audience { LEARNER, INSTRUCTOR }

    private final String wireName;
    private final Audience audience;

    Rule(String wireName, Audience audience) {
        this.wireName = wireName;
        this.audience = audience;
    }

    /** The name in {@code Intervention.rule} and in output records, e.g. {@code review_segment}. */
    public String wireName() {
        return wireName;
    }

    public Audience audience() {
        return audience;
    }

    public static Rule fromWireName(String name) {
        for (Rule r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rule '" + name + "'");
    }
}
