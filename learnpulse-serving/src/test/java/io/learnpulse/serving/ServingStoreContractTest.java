package io.learnpulse.serving;

import static io.learnpulse.serving.Fixtures.MINUTE;
import static io.learnpulse.serving.Fixtures.T0;
import static io.learnpulse.serving.Fixtures.aggregate;
import static io.learnpulse.serving.Fixtures.fin;
import static io.learnpulse.serving.Fixtures.intervention;
import static io.learnpulse.serving.Fixtures.mastery;
import static io.learnpulse.serving.Fixtures.questionStats;
import static io.learnpulse.serving.Fixtures.session;
import static io.learnpulse.serving.Fixtures.speculative;
import static io.learnpulse.core.json.JsonLines.toJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.LearnerSession;
import io.learnpulse.core.result.MasteryRecord;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.rules.Rule;
import io.learnpulse.serving.CourseOverview.ActiveLearner;
import io.learnpulse.serving.CourseOverview.StrugglingLearner;
import io.learnpulse.serving.LearnerView.CourseMembership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ServingStore} must have; run against the memory store and against a real Redis.
 */
abstract class ServingStoreContractTest {

    /** A store over empty data (a Redis store flushes the database first). */
    protected abstract ServingStore newStore(StoreSettings settings);

    private final List<ServingStore> opened = new ArrayList<>();

    protected ServingStore store(StoreSettings settings) {
        ServingStore s = newStore(settings);
        opened.add(s);
        return s;
    }

    protected ServingStore store() {
        return store(StoreSettings.defaults());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(ServingStore::close);
        opened.clear();
    }

    static int write(ServingStore store, Object... records) {
        return new ServingWriter(store).write(List.of(records));
    }

    // ---- ordering -------------------------------------------------------------------------------------------------

    @Test
    void finalBeatsSpeculativeAndTheHighestRevisionWinsInEveryArrivalOrder() {
        FusedAttempt spec = speculative("a1", "L1", "c1", T0);
        FusedAttempt rev1 = fin("a1", "L1", "c1", T0, 1);
        FusedAttempt rev2 = fin("a1", "L1", "c1", T0, 2);
        for (List<FusedAttempt> order : permutations(List.of(spec, rev1, rev2))) {
            ServingStore s = store();
            for (FusedAttempt a : order) {
                write(s, a);
            }
            assertThat(s.learner("L1").orElseThrow().recentAttempts()).as("arrival order %s", order)
                    .containsExactly(toJson(rev2));
        }

        ServingStore forward = store();
        assertThat(List.of(write(forward, spec), write(forward, rev1), write(forward, rev2))).containsExactly(1, 1, 1);
        ServingStore backward = store();
        assertThat(List.of(write(backward, rev2), write(backward, rev1), write(backward, spec))).containsExactly(1, 0, 0);
    }

    @Test
    void aSpeculativeOrOlderRevisionArrivingAfterAFinalDoesNotOverwriteIt() {
        ServingStore s = store();
        FusedAttempt rev2 = fin("a1", "L1", "c1", T0, 2);
        assertThat(write(s, rev2)).isEqualTo(1);
        assertThat(write(s, speculative("a1", "L1", "c1", T0))).isZero();
        assertThat(write(s, fin("a1", "L1", "c1", T0, 1))).isZero();
        assertThat(write(s, rev2)).as("the same record again").isZero();
        assertThat(s.learner("L1").orElseThrow().recentAttempts()).containsExactly(toJson(rev2));

        // Mastery: the estimate over the most first attempts is shown at once (a preview over 6 beats the final
        // over 5), and the final over the same attempts then replaces the preview; nothing older comes back.
        MasteryRecord final5 = mastery("L1", "c1", "s1", 0.61, 5, T0 + MINUTE, Status.FINAL);
        MasteryRecord preview6 = mastery("L1", "c1", "s1", 0.72, 6, T0 + 2 * MINUTE, Status.SPECULATIVE);
        MasteryRecord final6 = mastery("L1", "c1", "s1", 0.70, 6, T0 + 2 * MINUTE, Status.FINAL);
        assertThat(write(s, final5, preview6)).isEqualTo(2);
        assertThat(s.learner("L1").orElseThrow().mastery()).containsExactly(Map.entry("s1", toJson(preview6)));
        assertThat(write(s, final6)).isEqualTo(1);
        assertThat(write(s, final5, preview6)).isZero();
        assertThat(s.learner("L1").orElseThrow().mastery()).containsExactly(Map.entry("s1", toJson(final6)));
    }

    @Test
    void amongPreviewsOfOneKeyTheOneOverMoreAttemptsWins() {
        MasteryRecord preview3 = mastery("L1", "c1", "s1", 0.4, 3, T0, Status.SPECULATIVE);
        MasteryRecord preview4 = mastery("L1", "c1", "s1", 0.5, 4, T0 - MINUTE, Status.SPECULATIVE);
        QuestionStats stats10 = questionStats("c1/q1", "c1", 10, T0, Status.SPECULATIVE, 0);
        QuestionStats stats11 = questionStats("c1/q1", "c1", 11, T0, Status.SPECULATIVE, 0);
        for (boolean forward : new boolean[] {true, false}) {
            ServingStore s = store();
            if (forward) {
                write(s, preview3, preview4, stats10, stats11);
            } else {
                write(s, preview4, preview3, stats11, stats10);
            }
            assertThat(s.learner("L1").orElseThrow().mastery()).containsExactly(Map.entry("s1", toJson(preview4)));
            assertThat(s.course("c1", 10, 10).questionStats()).containsExactly(Map.entry("c1/q1", toJson(stats11)));
        }
    }

    @Test
    void outOfOrderEventTimesKeepTheNewestAttemptsAndTheLatestWindowAndSession() {
        StoreSettings settings = StoreSettings.defaults().withRecentAttempts(3);
        ServingStore s = store(settings);
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(speculative("a" + i, "L1", "c1", T0 + i * MINUTE));
            records.add(fin("a" + i, "L1", "c1", T0 + i * MINUTE, 1));
            records.add(aggregate("L1", T0 + (i + 1) * MINUTE, 10 + i));
            records.add(session("L1", "c1", T0 + i * 60 * MINUTE, T0 + i * 60 * MINUTE + 20 * MINUTE));
        }
        Collections.shuffle(records, new Random(7));
        new ServingWriter(s).write(records);
        // An old attempt's later revision does not push out a newer attempt.
        write(s, fin("a0", "L1", "c1", T0, 3));

        LearnerView v = s.learner("L1").orElseThrow();
        assertThat(v.recentAttempts()).containsExactly(toJson(fin("a5", "L1", "c1", T0 + 5 * MINUTE, 1)),
                toJson(fin("a4", "L1", "c1", T0 + 4 * MINUTE, 1)), toJson(fin("a3", "L1", "c1", T0 + 3 * MINUTE, 1)));
        assertThat(v.latestAggregate()).isEqualTo(toJson(aggregate("L1", T0 + 6 * MINUTE, 15)));
        assertThat(v.latestSession()).isEqualTo(toJson(session("L1", "c1", T0 + 300 * MINUTE, T0 + 320 * MINUTE)));
    }

    @Test
    void replayingABatchChangesNothingAndAnyArrivalOrderEndsInTheSameState() {
        List<Object> batch = mixedBatch();
        ServingStore first = store();
        // 26 records, two of them duplicates.
        assertThat(new ServingWriter(first).write(batch)).isEqualTo(24);
        Snapshot expected = Snapshot.of(first);
        assertThat(new ServingWriter(first).write(batch)).as("replay").isZero();
        assertThat(Snapshot.of(first)).isEqualTo(expected);

        assertThat(expected.l1.orElseThrow().recentAttempts()).containsExactly(
                toJson(fin("L1-a2", "L1", "c1", T0 + 4 * MINUTE, 2)), toJson(fin("L1-a1", "L1", "c1", T0 + 2 * MINUTE, 1)));
        assertThat(expected.c1.activeLearners()).containsExactly(new ActiveLearner("L2", T0 + 5 * MINUTE),
                new ActiveLearner("L1", T0 + 4 * MINUTE));
        assertThat(expected.c1.strugglingLearners()).extracting(StrugglingLearner::learnerId).containsExactly("L1");

        Random random = new Random(42);
        for (int run = 0; run < 8; run++) {
            List<Object> shuffled = new ArrayList<>(batch);
            Collections.shuffle(shuffled, random);
            ServingStore s = store();
            // Half of the runs deliver one record per write, like a sink flushing often.
            if (run % 2 == 0) {
                new ServingWriter(s).write(shuffled);
            } else {
                for (Object r : shuffled) {
                    write(s, r);
                }
            }
            assertThat(Snapshot.of(s)).as("run %d", run).isEqualTo(expected);
        }
    }

    /** Two learners in course c1, one of them also in c2, with every record type, revisions and duplicates. */
    private static List<Object> mixedBatch() {
        List<Object> b = new ArrayList<>();
        b.add(speculative("L1-a1", "L1", "c1", T0 + 2 * MINUTE));
        b.add(fin("L1-a1", "L1", "c1", T0 + 2 * MINUTE, 1));
        b.add(speculative("L1-a2", "L1", "c1", T0 + 4 * MINUTE));
        b.add(fin("L1-a2", "L1", "c1", T0 + 4 * MINUTE, 1));
        b.add(fin("L1-a2", "L1", "c1", T0 + 4 * MINUTE, 2));
        b.add(speculative("L2-a1", "L2", "c1", T0 + 5 * MINUTE));
        b.add(fin("L2-a1", "L2", "c2", T0 + 5 * MINUTE, 1));
        b.add(mastery("L1", "c1", "s1", 0.21, 5, T0 + 2 * MINUTE, Status.SPECULATIVE));
        b.add(mastery("L1", "c1", "s1", 0.25, 5, T0 + 2 * MINUTE, Status.FINAL));
        b.add(mastery("L1", "c1", "s2", 0.66, 2, T0 + 4 * MINUTE, Status.FINAL));
        b.add(mastery("L2", "c1", "s1", 0.55, 1, T0 + 5 * MINUTE, Status.FINAL));
        b.add(aggregate("L1", T0 + 3 * MINUTE, 4));
        b.add(aggregate("L1", T0 + 4 * MINUTE, 6));
        b.add(aggregate("L2", T0 + 5 * MINUTE, 2));
        b.add(session("L1", "c1", T0, T0 + 4 * MINUTE));
        b.add(questionStats("c1/q1", "c1", 2, T0 + 2 * MINUTE, Status.SPECULATIVE, 0));
        b.add(questionStats("c1/q1", "c1", 3, T0 + 3 * MINUTE, Status.FINAL, 1));
        b.add(questionStats("c1/q1", "c1", 4, T0 + 4 * MINUTE, Status.FINAL, 2));
        b.add(questionStats("c1/q2", "c1", 1, T0 + 4 * MINUTE, Status.FINAL, 1));
        b.add(intervention(Rule.REVIEW_SEGMENT, "L1", "c1", "c1/v1/s1", "L1-a1", T0 + 2 * MINUTE, T0 + 2 * MINUTE + 8));
        b.add(intervention(Rule.REPEATED_FAILURE, "L1", "c1", "c1/q1", "L1-a2", T0 + 4 * MINUTE, T0 + 4 * MINUTE + 9));
        b.add(intervention(Rule.REVIEW_SEGMENT, "L2", "c2", "c2/v1/s1", "L2-a1", T0 + 5 * MINUTE, T0 + 5 * MINUTE + 7));
        b.add(new Enrollment("L1", "c1"));
        b.add(new Enrollment("L2", "c3"));
        // Duplicates, as a sink replays them.
        b.add(fin("L1-a1", "L1", "c1", T0 + 2 * MINUTE, 1));
        b.add(new Enrollment("L1", "c1"));
        return b;
    }

    /** Everything the store shows for the learners and courses of {@link #mixedBatch}. */
    record Snapshot(Optional<LearnerView> l1, Optional<LearnerView> l2, CourseOverview c1, CourseOverview c2,
                    List<String> c1Interventions, boolean l2InC3) {
        static Snapshot of(ServingStore s) {
            return new Snapshot(s.learner("L1"), s.learner("L2"), s.course("c1", 100, 100), s.course("c2", 100, 100),
                    s.interventions("c1", 100), s.isEnrolled("L2", "c3"));
        }
    }

    // ---- views ----------------------------------------------------------------------------------------------------

    @Test
    void theLearnerViewHoldsTheLatestOfEachKind() {
        ServingStore s = store();
        new ServingWriter(s).write(mixedBatch());
        LearnerView l1 = s.learner("L1").orElseThrow();
        assertThat(l1.learnerId()).isEqualTo("L1");
        assertThat(l1.courses()).containsExactly(new CourseMembership("c1", true, T0 + 4 * MINUTE));
        assertThat(l1.mastery()).containsOnly(
                Map.entry("s1", toJson(mastery("L1", "c1", "s1", 0.25, 5, T0 + 2 * MINUTE, Status.FINAL))),
                Map.entry("s2", toJson(mastery("L1", "c1", "s2", 0.66, 2, T0 + 4 * MINUTE, Status.FINAL))));
        assertThat(l1.latestAggregate()).isEqualTo(toJson(aggregate("L1", T0 + 4 * MINUTE, 6)));
        assertThat(l1.latestSession()).isEqualTo(toJson(session("L1", "c1", T0, T0 + 4 * MINUTE)));
        assertThat(l1.recentInterventions()).containsExactly(
                toJson(intervention(Rule.REPEATED_FAILURE, "L1", "c1", "c1/q1", "L1-a2", T0 + 4 * MINUTE, T0 + 4 * MINUTE + 9)),
                toJson(intervention(Rule.REVIEW_SEGMENT, "L1", "c1", "c1/v1/s1", "L1-a1", T0 + 2 * MINUTE, T0 + 2 * MINUTE + 8)));

        LearnerView l2 = s.learner("L2").orElseThrow();
        // L2's speculative attempt named c1, its final c2: activity counts for both courses.
        assertThat(l2.courses()).containsExactly(new CourseMembership("c1", false, T0 + 5 * MINUTE),
                new CourseMembership("c2", false, T0 + 5 * MINUTE), new CourseMembership("c3", true, null));
        assertThat(l2.latestSession()).isNull();

        assertThat(s.learner("nobody")).isEmpty();
        CourseOverview none = s.course("no-such-course", 10, 10);
        assertThat(none).isEqualTo(new CourseOverview("no-such-course", null, 0, List.of(), 0, List.of(), Map.of(), List.of()));
        assertThat(s.interventions("no-such-course", 10)).isEmpty();
    }

    @Test
    void activeLearnersHadActivityWithinTheWindowOfTheCoursesEventTime() {
        ServingStore s = store(StoreSettings.defaults().withActiveWindow(Duration.ofMinutes(15)));
        write(s, fin("a", "La", "c1", T0, 1), fin("b", "Lb", "c1", T0 + 10 * MINUTE, 1),
                intervention(Rule.DISENGAGEMENT, "Lc", "c1", "c1", "c-1", T0 + 20 * MINUTE, T0 + 20 * MINUTE + 1),
                session("Ld", "c1", T0 + MINUTE, T0 + 5 * MINUTE), fin("e", "Le", "c2", T0 + 60 * MINUTE, 1));

        CourseOverview c1 = s.course("c1", 10, 10);
        assertThat(c1.eventTime()).isEqualTo(T0 + 20 * MINUTE);
        // Since 5 min: La (at 0) is out; Ld's session ended at exactly 5 min, on the bound, so Ld is in.
        assertThat(c1.activeLearners()).containsExactly(new ActiveLearner("Lc", T0 + 20 * MINUTE),
                new ActiveLearner("Lb", T0 + 10 * MINUTE), new ActiveLearner("Ld", T0 + 5 * MINUTE));
        assertThat(c1.activeLearnerCount()).isEqualTo(3);
        CourseOverview top1 = s.course("c1", 1, 10);
        assertThat(top1.activeLearners()).containsExactly(new ActiveLearner("Lc", T0 + 20 * MINUTE));
        assertThat(top1.activeLearnerCount()).isEqualTo(3);

        // The course's clock moves with its own events only.
        write(s, fin("b2", "Lb", "c1", T0 + 24 * MINUTE, 1));
        assertThat(s.course("c1", 10, 10).activeLearners()).containsExactly(new ActiveLearner("Lb", T0 + 24 * MINUTE),
                new ActiveLearner("Lc", T0 + 20 * MINUTE));
        assertThat(s.course("c2", 10, 10).activeLearners()).containsExactly(new ActiveLearner("Le", T0 + 60 * MINUTE));
    }

    @Test
    void strugglingLearnersHadAnInterventionOrALowMasteryEstimateWithinTheWindow() {
        ServingStore s = store(StoreSettings.defaults().withStruggling(Duration.ofMinutes(30), 0.3, 5));
        write(s,
                mastery("Lx", "c1", "s1", 0.2, 6, T0 + 10 * MINUTE, Status.FINAL),
                mastery("Ly", "c1", "s1", 0.2, 3, T0 + 11 * MINUTE, Status.FINAL),
                intervention(Rule.REPEATED_FAILURE, "Lz", "c1", "c1/q3", "z-9", T0 + 5 * MINUTE, T0 + 5 * MINUTE + 4),
                mastery("Lw", "c1", "s1", 0.8, 9, T0 + 12 * MINUTE, Status.FINAL));

        CourseOverview c1 = s.course("c1", 10, 10);
        assertThat(c1.strugglingLearnerCount()).isEqualTo(2);
        assertThat(c1.strugglingLearners()).containsExactly(
                new StrugglingLearner("Lx", T0 + 10 * MINUTE, "{\"signal\":\"low_mastery\",\"rule\":null,"
                        + "\"object_id\":\"s1\",\"p_mastery\":0.2,\"event_time\":" + (T0 + 10 * MINUTE) + "}"),
                new StrugglingLearner("Lz", T0 + 5 * MINUTE, "{\"signal\":\"intervention\",\"rule\":\"repeated_failure\","
                        + "\"object_id\":\"c1/q3\",\"p_mastery\":null,\"event_time\":" + (T0 + 5 * MINUTE) + "}"));

        // 40 min: signals before 10 min are out of the window; Lx's at exactly 10 min is still in.
        write(s, fin("w-1", "Lw", "c1", T0 + 40 * MINUTE, 1));
        CourseOverview later = s.course("c1", 10, 10);
        assertThat(later.strugglingLearners()).extracting(StrugglingLearner::learnerId).containsExactly("Lx");
        assertThat(later.strugglingLearnerCount()).isEqualTo(1);

        // A newer signal replaces the reason shown.
        write(s, intervention(Rule.LOW_MASTERY, "Lx", "c1", "s1", "x-7", T0 + 41 * MINUTE, T0 + 41 * MINUTE + 2));
        assertThat(s.course("c1", 10, 10).strugglingLearners()).containsExactly(new StrugglingLearner("Lx",
                T0 + 41 * MINUTE, "{\"signal\":\"intervention\",\"rule\":\"low_mastery\",\"object_id\":\"s1\","
                        + "\"p_mastery\":null,\"event_time\":" + (T0 + 41 * MINUTE) + "}"));
    }

    @Test
    void enrollmentByProfileOrActivityMakesALearnerPartOfACourse() {
        ServingStore s = store();
        s.enroll("L1", "cA");
        assertThat(s.isEnrolled("L1", "cA")).isTrue();
        assertThat(s.isEnrolled("L1", "cB")).isFalse();
        assertThat(s.isEnrolled("L2", "cA")).isFalse();
        assertThat(s.learner("L1").orElseThrow().courses()).containsExactly(new CourseMembership("cA", true, null));

        write(s, speculative("x", "L1", "cB", T0));
        assertThat(s.isEnrolled("L1", "cB")).isTrue();
        assertThat(s.learner("L1").orElseThrow().courses()).containsExactly(new CourseMembership("cA", true, null),
                new CourseMembership("cB", false, T0));
        // Enrollment is not activity: cA has no clock and no active learners.
        assertThat(s.course("cA", 10, 10).eventTime()).isNull();
    }

    @Test
    void interventionsAreCappedNewestFirstAndAnnouncedOncePerId() throws Exception {
        ServingStore s = store(StoreSettings.defaults().withInterventions(2, 3));
        BlockingQueue<String> announced = new LinkedBlockingQueue<>();
        ServingStore.Subscription sub = s.subscribe("c1", announced::add);
        BlockingQueue<String> other = new LinkedBlockingQueue<>();
        s.subscribe("c2", other::add);

        List<Intervention> ivs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ivs.add(intervention(Rule.REVIEW_SEGMENT, "L" + (i % 2), "c1", "c1/v1/s" + i, "t" + i,
                    T0 + i * MINUTE, T0 + i * MINUTE + 10));
        }
        new ServingWriter(s).write(ivs);
        assertThat(take(announced, 5)).containsExactly(ivs.stream().map(io.learnpulse.core.json.JsonLines::toJson)
                .toArray(String[]::new));

        // Replays and re-emissions are not announced again, and the first emission is kept.
        Intervention reEmitted = intervention(Rule.REVIEW_SEGMENT, "L0", "c1", "c1/v1/s4", "t4", T0 + 4 * MINUTE,
                T0 + 99 * MINUTE);
        assertThat(new ServingWriter(s).write(List.of(ivs.get(4), reEmitted))).isZero();
        // Older than the three kept: stored nowhere, announced never.
        Intervention old = intervention(Rule.REVIEW_SEGMENT, "L0", "c1", "c1/v1/s9", "t9", T0 - MINUTE, T0);
        write(s, old);
        Intervention sentinel = intervention(Rule.DISENGAGEMENT, "L1", "c1", "c1", "t10", T0 + 10 * MINUTE,
                T0 + 10 * MINUTE + 1);
        write(s, sentinel);
        assertThat(take(announced, 1)).containsExactly(toJson(sentinel));

        assertThat(s.interventions("c1", 10)).containsExactly(toJson(sentinel), toJson(ivs.get(4)), toJson(ivs.get(3)));
        assertThat(s.interventions("c1", 2)).containsExactly(toJson(sentinel), toJson(ivs.get(4)));
        assertThat(s.course("c1", 10, 1).recentInterventions()).containsExactly(toJson(sentinel));
        // A limit of 0 lists nothing (in Redis, a range to -1 would be everything).
        assertThat(s.interventions("c1", 0)).isEmpty();
        CourseOverview none = s.course("c1", 0, 0);
        assertThat(none.recentInterventions()).isEmpty();
        assertThat(none.activeLearners()).isEmpty();
        assertThat(none.activeLearnerCount()).isEqualTo(2);
        assertThat(s.learner("L0").orElseThrow().recentInterventions()).containsExactly(toJson(ivs.get(4)),
                toJson(ivs.get(2)));
        assertThat(s.learner("L1").orElseThrow().recentInterventions()).containsExactly(toJson(sentinel),
                toJson(ivs.get(3)));

        sub.close();
        Intervention afterClose = intervention(Rule.DISENGAGEMENT, "L1", "c1", "c1", "t11", T0 + 11 * MINUTE,
                T0 + 11 * MINUTE + 1);
        Intervention inC2 = intervention(Rule.DISENGAGEMENT, "L1", "c2", "c2", "t12", T0 + 12 * MINUTE,
                T0 + 12 * MINUTE + 1);
        write(s, afterClose, inC2);
        assertThat(take(other, 1)).containsExactly(toJson(inC2));
        assertThat(announced).isEmpty();
    }

    /** The next {@code n} announcements, waiting up to 5 s for each (Redis delivers them asynchronously). */
    static List<String> take(BlockingQueue<String> queue, int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = queue.poll(5, TimeUnit.SECONDS);
            if (s == null) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    @Test
    void recordsAreStoredAsThePipelinesJsonLines() {
        ServingStore s = store();
        FusedAttempt a = fin("a1", "L1", "c1", T0, 1);
        a.videoCoverage = Double.NaN;
        a.skillIds = null;
        LearnerAggregate g = aggregate("L1", T0, 0);
        g.meanScore = Double.NaN;
        LearnerSession sess = session("L1", "c1", T0 - MINUTE, T0);
        write(s, a, g, sess);
        LearnerView v = s.learner("L1").orElseThrow();
        assertThat(v.recentAttempts()).containsExactly(toJson(a));
        assertThat(v.recentAttempts().get(0)).contains("\"video_coverage\":null", "\"skill_ids\":null");
        assertThat(v.latestAggregate()).isEqualTo(toJson(g)).contains("\"mean_score\":null");
        assertThat(v.latestSession()).isEqualTo(toJson(sess));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> p : permutations(rest)) {
                List<T> l = new ArrayList<>();
                l.add(head);
                l.addAll(p);
                out.add(l);
            }
        }
        return out;
    }
}
