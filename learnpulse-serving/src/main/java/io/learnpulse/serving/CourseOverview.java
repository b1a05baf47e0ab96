package io.learnpulse.serving;

import java.util.List;
import java.util.Map;

/**
 * What the store holds for one course, as of the course's event time: the newest event time of any learner
 * activity seen in the course (so a replay of old data is judged by its own clock, not the wall clock).
 *
 * @param eventTime             the course's event time, null before any activity
 * @param activeLearnerCount    learners active within the active window (all of them, not only those listed)
 * @param activeLearners        the most recently active of them, most recent first
 * @param strugglingLearnerCount learners with a struggle signal within the struggling window
 * @param strugglingLearners    those with the most recent signals, most recent first
 * @param questionStats         the latest statistics record per question, by question id
 * @param recentInterventions   the newest interventions, newest first (by event time)
 */
public record CourseOverview(String courseId, Long eventTime, long activeLearnerCount,
                             List<ActiveLearner> activeLearners, long strugglingLearnerCount,
                             List<StrugglingLearner> strugglingLearners, Map<String, String> questionStats,
                             List<String> recentInterventions) {

    public CourseOverview {
        activeLearners = List.copyOf(activeLearners);
        strugglingLearners = List.copyOf(strugglingLearners);
        questionStats = Map.copyOf(questionStats);
        recentInterventions = List.copyOf(recentInterventions);
    }

    public record ActiveLearner(String learnerId, long lastEventTime) {
    }

    /**
     * A learner with their latest struggle signal.
     *
     * @param signalJson {@code {"signal": "intervention"|"low_mastery", "rule", "object_id", "p_mastery",
     *                   "event_time"}}: the intervention's rule and object, or the skill and its estimate
     */
    public record StrugglingLearner(String learnerId, long eventTime, String signalJson) {
    }
}
