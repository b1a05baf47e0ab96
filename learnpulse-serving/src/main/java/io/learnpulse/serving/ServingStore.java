package io.learnpulse.serving;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The latest state per learner and per course, as the query API serves it, kept up to date from the pipeline's
 * outputs.
 *
 * <h2>Writes</h2>
 * Every write is an idempotent upsert: a record replaces the one a view holds for it only when its order is
 * strictly greater ({@link ServingUpdate} defines the orders: final beats speculative, a higher revision beats a
 * lower one, a later window or session beats an earlier one). A newer revision never loses to an older one, and
 * applying the same records again or in another order leaves the same state, so a sink may replay after a
 * failure. Each update is applied atomically.
 *
 * <h2>Views</h2>
 * Per learner ({@link #learner}): the latest mastery per skill, the newest {@code recentAttempts} fused attempts,
 * the latest aggregate window and session, the courses the learner is enrolled in or active in, and the newest
 * {@code learnerInterventions} interventions.
 *
 * <p>Per course ({@link #course}), measured in the course's event time (the newest activity time seen in the
 * course), so that replays of old data and live data are judged alike:
 * <ul>
 *   <li><b>active learners</b>: learners with activity in the course within {@code activeWindow} (default 15 min)
 *       of the course's event time. Activity is a fused attempt, a mastery update, an intervention (at their event
 *       times) or a session (at its end), in that course.</li>
 *   <li><b>struggling learners</b>: learners with a struggle signal in the course within {@code strugglingWindow}
 *       (default 30 min) of the course's event time. Signals: any intervention for the learner in the course (each
 *       rule marks trouble: a skipped segment before a wrong answer, repeated failure, low mastery,
 *       disengagement), and any mastery estimate below {@code masteryThreshold} (0.3) that rests on at least
 *       {@code masteryMinAttempts} (5) first attempts. The latest signal is reported with its reason. A learner
 *       whose mastery recovers stays listed until the signal is older than the window: a recent struggle is
 *       worth an instructor's look either way.</li>
 *   <li>the latest statistics per question, and the newest {@code courseInterventions} interventions.</li>
 * </ul>
 *
 * <h2>Expiry</h2>
 * Everything about a learner expires {@code ttl} after the last write concerning that learner, and everything
 * about a course {@code ttl} after the last write concerning that course, matching the pipeline's learner-state
 * TTL.
 *
 * <p>Learner ids are stored as the records carry them: pseudonyms when the pipeline pseudonymizes. Callers of
 * {@link #enroll}, {@link #isEnrolled} and {@link #learner} pass that form ({@code Pseudonymizer.apply}).
 * Implementations are thread-safe.
 */
public interface ServingStore extends AutoCloseable {

    StoreSettings settings();

    /**
     * Applies the updates, in order.
     *
     * @return how many of them replaced what the store held (the others were older than or equal to it)
     * @throws ServingStoreException when the backend fails; some updates may have been applied, and applying all
     *                               of them again is safe
     */
    int write(List<ServingUpdate> updates);

    /** Records that the learner is enrolled in the course (by profile). */
    default void enroll(String learnerId, String courseId) {
        write(List.of(ServingUpdate.enrollment(learnerId, courseId)));
    }

    /** True when the learner is enrolled in the course by profile, or was active in it (within the TTL). */
    boolean isEnrolled(String learnerId, String courseId);

    /** The learner's views, or empty when the store holds nothing about the learner. */
    Optional<LearnerView> learner(String learnerId);

    /**
     * The course's views; empty lists (and a null event time) for a course the store knows nothing about.
     *
     * @param maxLearners      how many active and struggling learners to list (the counts are always complete)
     * @param maxInterventions how many of the newest interventions to include
     */
    CourseOverview course(String courseId, int maxLearners, int maxInterventions);

    /** The newest interventions of the course (JSON lines), newest first, at most {@code limit}. */
    List<String> interventions(String courseId, int limit);

    /**
     * Calls {@code listener} with the JSON of every intervention for the course that the store receives from now
     * on, once per intervention id (a replayed intervention is not announced again). The listener runs on a store
     * thread and must return quickly.
     */
    Subscription subscribe(String courseId, Consumer<String> listener);

    /** True when the backend answers. */
    boolean isHealthy();

    /** Releases connections and threads. */
    @Override
    void close();

    /** Ends a {@link #subscribe} registration. Idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
