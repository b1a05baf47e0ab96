package io.learnpulse.core.result;

/**
 * What the learner operator tells the per-question statistics about one attempt or hint: on arrival
 * (speculative, counts only) and once more when it is committed in event-time order, with the learner's
 * first-attempt rate before it (for item discrimination).
 */
public class ItemObservation {
    public String questionId;
    public String courseId;
    public boolean committed;
    public boolean hint;
    public int attemptNumber;
    public boolean correct;
    /** The learner's first-attempt correct rate over earlier first attempts; NaN when unknown or none. */
    public double learnerPriorRate = Double.NaN;
    public long eventTime;

    public ItemObservation() {}
}
