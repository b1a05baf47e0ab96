package io.learnpulse.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A learner's estimated mastery of one skill: P(known) after the first attempts seen so far.
 *
 * <p>Plain mutable class with public fields (Flink POJO style, easy to serialize by hand). Only first
 * attempts ({@code attemptNumber == 1}) are opportunities; retries on the same question are not,
 * because they follow feedback on the first answer.
 */
public class SkillMastery {
    public String skillId;
    /** P(known) after the last applied opportunity; pInit of the skill before the first. */
    public double pMastery;
    /** First attempts applied so far. */
    public int firstAttempts;
    /** Event time and id of the last applied attempt (for idempotence); Long.MIN_VALUE / null before. */
    public long lastEventTime = Long.MIN_VALUE;
    public String lastEventId;

    public SkillMastery() {}

    public SkillMastery(String skillId, double pMastery) {
        this.skillId = skillId;
        this.pMastery = pMastery;
    }

    /** A fresh estimate for a skill: P(known) = pInit, no attempts. */
    public static SkillMastery initial(String skillId, BktParams params) {
        return new SkillMastery(skillId, params.pInit);
    }

    /**
     * Applies one first attempt at event time {@code eventTime} with id {@code eventId}.
     *
     * @return false (nothing changes) when the attempt is not after the last applied one in event-time
     *     order (time, then id): a re-delivered or out-of-order attempt is not applied twice or backwards
     */
    public boolean apply(boolean correct, long eventTime, String eventId, BktParams params) {
        if (lastEventId != null && !isAfterLast(eventTime, eventId)) {
            return false;
        }
        pMastery = Bkt.update(pMastery, correct, params);
        firstAttempts++;
        lastEventTime = eventTime;
        lastEventId = eventId;
        return true;
    }

    private boolean isAfterLast(long eventTime, String eventId) {
        int c = Long.compare(eventTime, lastEventTime);
        if (c != 0) {
            return c > 0;
        }
        return eventId != null && eventId.compareTo(lastEventId) > 0;
    }

    public SkillMastery copy() {
        SkillMastery m = new SkillMastery(skillId, pMastery);
        m.firstAttempts = firstAttempts;
        m.lastEventTime = lastEventTime;
        m.lastEventId = lastEventId;
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SkillMastery)) {
            return false;
        }
        SkillMastery m = (SkillMastery) o;
        return Double.compare(pMastery, m.pMastery) == 0 && firstAttempts == m.firstAttempts
                && lastEventTime == m.lastEventTime && Objects.equals(skillId, m.skillId)
                && Objects.equals(lastEventId, m.lastEventId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(skillId, pMastery, firstAttempts, lastEventTime, lastEventId);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SkillMastery{%s p=%.4f first=%d}", skillId, pMastery, firstAttempts);
    }
}
