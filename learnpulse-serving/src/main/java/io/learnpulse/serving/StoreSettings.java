package io.learnpulse.serving;

import java.io.Serializable;
import java.time.Duration;

/**
 * What a {@link ServingStore} keeps and how it judges recency. Every bound here applies to both stores alike.
 *
 * @param ttl                  a learner's (a course's) entries are dropped this long after the last write to
 *                             that learner (course); use the pipeline's {@code pipeline.learner-state-ttl}
 * @param recentAttempts       fused attempts kept per learner (the newest by event time)
 * @param learnerInterventions interventions kept per learner (the newest by event time)
 * @param courseInterventions  interventions kept per course (the newest by event time)
 * @param activeWindow         a learner is active in a course with activity this recent, in the course's event
 *                             time (see {@link ServingStore})
 * @param strugglingWindow     a learner is struggling in a course with a struggle signal this recent
 * @param masteryThreshold     a mastery estimate strictly below this is a struggle signal ...
 * @param masteryMinAttempts   ... once it rests on at least this many first attempts (so a learner's first
 *                             wrong answer on a skill, with the low prior, does not count)
 */
public record StoreSettings(Duration ttl, int recentAttempts, int learnerInterventions, int courseInterventions,
                            Duration activeWindow, Duration strugglingWindow, double masteryThreshold,
                            int masteryMinAttempts) implements Serializable {

    /**
     * The defaults: 30 days TTL (the pipeline's default learner-state TTL), 20 attempts and 20 interventions per
     * learner, 200 interventions per course, active within 15 minutes, struggling within 30 minutes, mastery below
     * 0.3 after 5 first attempts (the low-mastery rule's defaults).
     */
    public static StoreSettings defaults() {
        return new StoreSettings(Duration.ofDays(30), 20, 20, 200, Duration.ofMinutes(15), Duration.ofMinutes(30),
                0.3, 5);
    }

    public StoreSettings {
        if (ttl == null || ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("ttl must be at least 1 ms (was " + ttl + ")");
        }
        positive("recentAttempts", recentAttempts);
        positive("learnerInterventions", learnerInterventions);
        positive("courseInterventions", courseInterventions);
        if (activeWindow == null || activeWindow.isNegative()) {
            throw new IllegalArgumentException("activeWindow must not be negative (was " + activeWindow + ")");
        }
        if (strugglingWindow == null || strugglingWindow.isNegative()) {
            throw new IllegalArgumentException("strugglingWindow must not be negative (was " + strugglingWindow + ")");
        }
        if (!(masteryThreshold >= 0.0 && masteryThreshold <= 1.0)) {
            throw new IllegalArgumentException("masteryThreshold must be in [0, 1] (was " + masteryThreshold + ")");
        }
        if (masteryMinAttempts < 0) {
            throw new IllegalArgumentException("masteryMinAttempts must not be negative (was " + masteryMinAttempts + ")");
        }
    }

    public StoreSettings withTtl(Duration value) {
        return new StoreSettings(value, recentAttempts, learnerInterventions, courseInterventions, activeWindow,
                strugglingWindow, masteryThreshold, masteryMinAttempts);
    }

    public StoreSettings withRecentAttempts(int value) {
        return new StoreSettings(ttl, value, learnerInterventions, courseInterventions, activeWindow,
                strugglingWindow, masteryThreshold, masteryMinAttempts);
    }

    public StoreSettings withInterventions(int perLearner, int perCourse) {
        return new StoreSettings(ttl, recentAttempts, perLearner, perCourse, activeWindow, strugglingWindow,
                masteryThreshold, masteryMinAttempts);
    }

    public StoreSettings withActiveWindow(Duration value) {
        return new StoreSettings(ttl, recentAttempts, learnerInterventions, courseInterventions, value,
                strugglingWindow, masteryThreshold, masteryMinAttempts);
    }

    public StoreSettings withStruggling(Duration window, double threshold, int minAttempts) {
        return new StoreSettings(ttl, recentAttempts, learnerInterventions, courseInterventions, activeWindow,
                window, threshold, minAttempts);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 (was " + value + ")");
        }
    }
}
