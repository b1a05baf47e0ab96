package io.learnpulse.serving;

import java.util.List;
import java.util.Map;

/**
 * What the store holds for one learner. Records are the pipeline's own JSON lines (schemas in the README,
 * <i>Output schemas</i>), with the learner id as stored (a pseudonym when pseudonymization is on).
 *
 * @param courses             the courses the learner is enrolled in or was active in, by course id
 * @param mastery             the latest mastery record per skill, by skill id
 * @param recentAttempts      the newest fused attempts, newest first (by event time)
 * @param latestAggregate     the aggregate of the latest window, or null
 * @param latestSession       the latest session, or null
 * @param recentInterventions the newest interventions, newest first (by event time)
 */
public record LearnerView(String learnerId, List<CourseMembership> courses, Map<String, String> mastery,
                          List<String> recentAttempts, String latestAggregate, String latestSession,
                          List<String> recentInterventions) {

    public LearnerView {
        courses = List.copyOf(courses);
        mastery = Map.copyOf(mastery);
        recentAttempts = List.copyOf(recentAttempts);
        recentInterventions = List.copyOf(recentInterventions);
    }

    /**
     * @param enrolled      enrolled by profile
     * @param lastEventTime the event time of the learner's latest activity in the course, null when none is known
     */
    public record CourseMembership(String courseId, boolean enrolled, Long lastEventTime) {
    }
}
