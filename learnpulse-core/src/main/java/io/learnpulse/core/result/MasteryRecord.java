package io.learnpulse.core.result;

/**
 * A learner's estimated mastery of one skill after an attempt (Bayesian Knowledge Tracing).
 * Speculative on arrival of the attempt; final once no late attempt can come before it any more, with
 * {@code revision} = the number of first attempts applied, so the highest revision is the latest.
 */
public class MasteryRecord {
    /** Stable upsert key: {@code learnerId + "@" + skillId}. */
    public String key;
    public String status;
    public int revision;

    public String learnerId;
    public String courseId;
    public String skillId;
    public double pMastery;
    /** First attempts on this skill applied so far. */
    public int attempts;
    public long eventTime;
    public String triggerEventId;
    /** Wall-clock receive time of the triggering attempt (for latency); not part of the result. */
    public long ingestTime;

    public MasteryRecord() {}

    @Override
    public String toString() {
        return "MasteryRecord{" + key + ' ' + status + '#' + revision + " p=" + pMastery + " n=" + attempts + '}';
    }
}
