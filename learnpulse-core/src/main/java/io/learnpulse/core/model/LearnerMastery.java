package io.learnpulse.core.model;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One learner's mastery of every skill they have practised, plus their overall first-attempt record
 * (used as the criterion for item discrimination, see {@link ItemStatistics}).
 *
 * <p>Feed attempts in event-time order. Every skill of the question is updated by a first attempt
 * (a question with two skills is an opportunity for both); other attempts change nothing. Applying the
 * same attempt twice changes nothing the second time.
 */
public final class LearnerMastery {
    /** Skill id → estimate, sorted by skill id. */
    public final Map<String, SkillMastery> skills = new TreeMap<>();
    /** First attempts (on any question) applied so far, and how many were correct. */
    public long firstAttempts;
    public long firstAttemptsCorrect;
    /** Event time and id of the last attempt counted in the totals above. */
    public long lastEventTime = Long.MIN_VALUE;
    public String lastEventId;

    public LearnerMastery() {}

    /** The estimate for a skill, or null before its first opportunity. */
    public SkillMastery skill(String skillId) {
        return skills.get(skillId);
    }

    /** P(known) of a skill: the estimate, or the skill's pInit before any opportunity. */
    public double pMastery(String skillId, BktParameterSet params) {
        SkillMastery m = skills.get(skillId);
        return m != null ? m.pMastery : params.forSkill(skillId).pInit;
    }

    /**
     * The learner's first-attempt correct rate over the first attempts applied so far (so it never
     * includes the attempt about to be applied); NaN before the first one.
     */
    public double priorFirstAttemptRate() {
        return firstAttempts == 0 ? Double.NaN : (double) firstAttemptsCorrect / firstAttempts;
    }

    /** Applies an ATTEMPT event (other kinds are ignored); see {@link #onAttempt(String[], int, boolean, long, String, BktParameterSet)}. */
    public List<SkillMastery> onAttempt(LearnerEvent e, BktParameterSet params) {
        if (e.kind != EventKind.ATTEMPT) {
            return List.of();
        }
        return onAttempt(e.skillIds, e.attemptNumber, e.correct, e.eventTime, e.eventId, params);
    }

    /**
     * Applies an attempt. Only a first attempt ({@code attemptNumber == 1}) changes anything; it updates
     * every distinct skill in {@code skillIds} with that skill's parameters.
     *
     * @return the updated estimates (live objects, in the order of {@code skillIds}); empty when the
     *     attempt is not a first attempt, has no skills, or was already applied
     */
    public List<SkillMastery> onAttempt(String[] skillIds, int attemptNumber, boolean correct, long eventTime,
                                        String eventId, BktParameterSet params) {
        if (attemptNumber != 1) {
            return List.of();
        }
        if (isAfterLast(eventTime, eventId)) {
            firstAttempts++;
            if (correct) {
                firstAttemptsCorrect++;
            }
            lastEventTime = eventTime;
            lastEventId = eventId;
        }
        if (skillIds == null || skillIds.length == 0) {
            return List.of();
        }
        Collection<String> distinct = skillIds.length == 1 ? List.of(skillIds[0]) : new LinkedHashSet<>(List.of(skillIds));
        List<SkillMastery> updated = new ArrayList<>(distinct.size());
        for (String skill : distinct) {
            BktParams p = params.forSkill(skill);
            SkillMastery m = skills.computeIfAbsent(skill, s -> SkillMastery.initial(s, p));
            if (m.apply(correct, eventTime, eventId, p)) {
                updated.add(m);
            }
        }
        return updated;
    }

    private boolean isAfterLast(long eventTime, String eventId) {
        if (lastEventId == null) {
            return true;
        }
        int c = Long.compare(eventTime, lastEventTime);
        return c != 0 ? c > 0 : eventId != null && eventId.compareTo(lastEventId) > 0;
    }

    public boolean isEmpty() {
        return skills.isEmpty() && firstAttempts == 0;
    }
}
