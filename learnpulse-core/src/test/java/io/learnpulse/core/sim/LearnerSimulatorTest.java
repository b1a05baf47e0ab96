package io.learnpulse.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.sim.SimRecord.Delivery;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LearnerSimulatorTest {

    private static final long HOUR = 3_600_000L;

    private static SimulatorConfig config(long seed, int learners) {
        SimulatorConfig c = new SimulatorConfig();
        c.seed = seed;
        c.learners = learners;
        return c;
    }

    private static LearnerSimulator simulator(SimulatorConfig c) {
        return new LearnerSimulator(c, CatalogGenerator.generate(c.seed, c.courses));
    }

    /** All records arriving before {@code endExclusive}. */
    private static List<SimRecord> until(Iterator<SimRecord> sim, long endExclusive) {
        List<SimRecord> out = new ArrayList<>();
        while (sim.hasNext()) {
            SimRecord r = sim.next();
            if (r.arrivalTime >= endExclusive) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    private static List<SimRecord> first(Iterator<SimRecord> sim, int n) {
        List<SimRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n && sim.hasNext(); i++) {
            out.add(sim.next());
        }
        return out;
    }

    private static String key(SimRecord r) {
        return r.arrivalTime + " " + r.source + " " + r.line;
    }

    // ------------------------------------------------------------------ determinism, partitions

    @Test
    void sameSeedGivesIdenticalRecordsAndAnotherSeedDifferentOnes() {
        List<String> a = first(simulator(config(7, 400)), 30_000).stream().map(LearnerSimulatorTest::key).toList();
        List<String> b = first(simulator(config(7, 400)), 30_000).stream().map(LearnerSimulatorTest::key).toList();
        List<String> other = first(simulator(config(8, 400)), 30_000).stream().map(LearnerSimulatorTest::key).toList();

        assertThat(a).hasSize(30_000).isEqualTo(b);
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(other);
        assertThat(shared).as("no record of seed 7 appears in the run of seed 8").isEmpty();
    }

    @Test
    void partitionsSplitTheLearnersAndTogetherReproduceTheUnpartitionedRun() {
        SimulatorConfig c = config(11, 301);
        Catalog catalog = CatalogGenerator.generate(c.seed, c.courses);
        long end = c.startTime + 12 * HOUR;
        List<SimRecord> all = until(new LearnerSimulator(c, catalog), end);

        List<SimRecord> merged = new ArrayList<>();
        Set<String> learnersSeen = new TreeSet<>();
        for (int p = 0; p < 3; p++) {
            LearnerSimulator part = new LearnerSimulator(c, catalog, p, 3);
            assertThat(part.learnerCount()).isEqualTo(p == 0 ? 101 : 100);
            List<SimRecord> records = until(part, end);
            int partition = p;
            assertThat(records).isNotEmpty().allSatisfy(r ->
                    assertThat(Integer.parseInt(r.learnerId.substring(1)) % 3).isEqualTo(partition));
            Set<String> ids = records.stream().map(r -> r.learnerId).collect(Collectors.toSet());
            assertThat(java.util.Collections.disjoint(ids, learnersSeen)).isTrue();
            learnersSeen.addAll(ids);
            merged.addAll(records);
        }
        merged.sort(SimRecord::compareArrival);

        assertThat(all).hasSizeGreaterThan(10_000);
        assertThat(merged.stream().map(LearnerSimulatorTest::key).toList())
                .as("same records, and in the same (total) arrival order")
                .isEqualTo(all.stream().map(LearnerSimulatorTest::key).toList());
        assertThat(learnersSeen).isEqualTo(all.stream().map(r -> r.learnerId).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void aPartitionWithoutLearnersIsEmpty() {
        LearnerSimulator sim = new LearnerSimulator(config(1, 3), CatalogGenerator.generate(1), 4, 5);
        assertThat(sim.learnerCount()).isZero();
        assertThat(sim.hasNext()).isFalse();
        assertThatThrownBy(() -> new LearnerSimulator(config(1, 3), CatalogGenerator.generate(1), 5, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void learnerIds() {
        assertThat(LearnerSimulator.learnerId(0)).isEqualTo("L000000");
        assertThat(LearnerSimulator.learnerId(123)).isEqualTo("L000123");
        assertThat(LearnerSimulator.learnerId(1234567)).isEqualTo("L1234567");
    }

    @Test
    void configValidationNamesTheField() {
        SimulatorConfig c = new SimulatorConfig();
        c.lateFraction = 1.5;
        assertThatThrownBy(c::validate).hasMessage("lateFraction must be in [0, 1] (was 1.5)");
        SimulatorConfig d = new SimulatorConfig();
        d.timeScale = 0;
        assertThatThrownBy(() -> simulator(d)).hasMessage("timeScale must be a finite number > 0 (was 0.0)");
    }

    // ------------------------------------------------------------------ delivery (one large sample)

    /** Aggregates of one large run of the default config (seed 42, 2000 learners) at time scale 10. */
    private static final class Sample {
        final SimulatorConfig config = new SimulatorConfig();
        long records;
        boolean arrivalNonDecreasing = true;
        // Events whose every delivery has arrived within the sample (true time <= cutoff).
        long events;
        final Map<Delivery, Long> deliveries = new EnumMap<>(Delivery.class);
        long wellFormedEvents;
        long v1Events;
        long malformedStillValid;
        long wellFormedInvalid;
        String firstInvalid;
        // arrival - event time of NORMAL and MALFORMED records
        long minNormalSkew = Long.MAX_VALUE;
        long maxNormalSkew = Long.MIN_VALUE;
        long maxBurstDelay = Long.MIN_VALUE;
        long minBurstDelay = Long.MAX_VALUE;
        long minLateDelay = Long.MAX_VALUE;
        long maxLateDelay = Long.MIN_VALUE;
        long duplicatesWithoutOriginal;
        long minDuplicateGap = Long.MAX_VALUE;
        long maxDuplicateGap = Long.MIN_VALUE;
        final Map<String, Long> malformedKinds = new HashMap<>();
        // correctness by ground-truth coverage of the linked segment
        long watched;
        long watchedCorrect;
        long unwatched;
        long unwatchedCorrect;
    }

    private static Sample sample;

    @BeforeAll
    static void runLargeSample() {
        Sample s = new Sample();
        s.config.timeScale = 10;
        LearnerSimulator sim = simulator(s.config);
        long end = s.config.startTime + 5 * HOUR;
        long cutoff = end - s.config.maxDeliveryDelayMs();
        // Originals of the last 5 s of arrivals, to find each duplicate's first delivery.
        LinkedHashMap<LearnerEvent, SimRecord> recentOriginals = new LinkedHashMap<>();
        long previous = Long.MIN_VALUE;
        while (true) {
            SimRecord r = sim.next();
            if (r.arrivalTime >= end) {
                break;
            }
            s.records++;
            s.arrivalNonDecreasing &= r.arrivalTime >= previous;
            previous = r.arrivalTime;

            String problem = NativeLines.problem(r.line, r.source);
            if (r.delivery == Delivery.MALFORMED) {
                if (problem == null) {
                    s.malformedStillValid++;
                }
                s.malformedKinds.merge(problem == null ? "valid" : problem.startsWith("malformed") ? "not json" : "invalid", 1L, Long::sum);
            } else if (problem != null) {
                s.wellFormedInvalid++;
                if (s.firstInvalid == null) {
                    s.firstInvalid = problem + ": " + r.line;
                }
            }

            switch (r.delivery) {
                case NORMAL:
                case MALFORMED:
                    s.minNormalSkew = Math.min(s.minNormalSkew, r.arrivalTime - r.eventTime);
                    s.maxNormalSkew = Math.max(s.maxNormalSkew, r.arrivalTime - r.eventTime);
                    break;
                case OFFLINE_BURST:
                    s.minBurstDelay = Math.min(s.minBurstDelay, r.arrivalTime - r.trueTime);
                    s.maxBurstDelay = Math.max(s.maxBurstDelay, r.arrivalTime - r.trueTime);
                    break;
                case LATE:
                    s.minLateDelay = Math.min(s.minLateDelay, r.arrivalTime - r.trueTime);
                    s.maxLateDelay = Math.max(s.maxLateDelay, r.arrivalTime - r.trueTime);
                    break;
                case DUPLICATE:
                    SimRecord original = recentOriginals.get(r.event);
                    if (original == null || !original.line.equals(r.line)) {
                        s.duplicatesWithoutOriginal++;
                    } else {
                        s.minDuplicateGap = Math.min(s.minDuplicateGap, r.arrivalTime - original.arrivalTime);
                        s.maxDuplicateGap = Math.max(s.maxDuplicateGap, r.arrivalTime - original.arrivalTime);
                    }
                    break;
                default:
                    break;
            }
            if (r.delivery != Delivery.DUPLICATE) {
                recentOriginals.put(r.event, r);
            }
            for (Iterator<SimRecord> it = recentOriginals.values().iterator(); it.hasNext(); ) {
                if (it.next().arrivalTime < r.arrivalTime - LearnerSimulator.DUPLICATE_DELAY_MAX_MS) {
                    it.remove();
                } else {
                    break;
                }
            }

            if (r.trueTime <= cutoff) {
                s.deliveries.merge(r.delivery, 1L, Long::sum);
                if (r.delivery != Delivery.DUPLICATE) {
                    s.events++;
                    if (r.delivery != Delivery.MALFORMED) {
                        s.wellFormedEvents++;
                        if (r.formatVersion == 1) {
                            s.v1Events++;
                        }
                    }
                    if (r.event.kind == EventKind.ATTEMPT && !Double.isNaN(r.linkedSegmentCoverage)) {
                        if (r.linkedSegmentCoverage >= 0.5) {
                            s.watched++;
                            s.watchedCorrect += r.event.correct ? 1 : 0;
                        } else if (r.linkedSegmentCoverage == 0.0) {
                            s.unwatched++;
                            s.unwatchedCorrect += r.event.correct ? 1 : 0;
                        }
                    }
                }
            }
        }
        sample = s;
    }

    private static long count(Delivery d) {
        return sample.deliveries.getOrDefault(d, 0L);
    }

    /** Asserts an observed share is within 3 binomial standard deviations of the configured p. */
    private static void assertFraction(String what, long hits, long trials, double p) {
        double observed = hits / (double) trials;
        double threeSigma = 3 * Math.sqrt(p * (1 - p) / trials);
        assertThat(observed).as("%s: %d of %d (expected %s +- %.5f)", what, hits, trials, p, threeSigma)
                .isCloseTo(p, within(threeSigma));
    }

    @Test
    void largeSampleIsLargeAndInArrivalOrder() {
        assertThat(sample.records).isGreaterThan(300_000);
        assertThat(sample.arrivalNonDecreasing).isTrue();
    }

    @Test
    void anomalyFractionsMatchTheConfigWithinThreeSigma() {
        // 401 710 events (401 284 well-formed): 3 sigma is +-0.00047 for duplicates (p 0.01), +-0.00021
        // for late (p 0.002), +-0.00015 for malformed (p 0.001) and +-0.0022 for v1 (p 0.3).
        // Measured: duplicates 4082 (0.01017), late 780 (0.00194), malformed 426 (0.00106),
        // v1 120 613 (0.30057); offline-burst records 3191.
        SimulatorConfig c = sample.config;
        assertFraction("malformed", count(Delivery.MALFORMED), sample.events, c.malformedFraction);
        assertFraction("late", count(Delivery.LATE), sample.wellFormedEvents, c.lateFraction);
        assertFraction("duplicates", count(Delivery.DUPLICATE), sample.wellFormedEvents, c.duplicateFraction);
        assertFraction("v1", sample.v1Events, sample.wellFormedEvents, c.v1Fraction);
        assertThat(count(Delivery.OFFLINE_BURST)).as("offline bursts happen").isGreaterThan(100);
    }

    @Test
    void delaysStayWithinTheirBounds() {
        SimulatorConfig c = sample.config;
        // Normal (and malformed) records: arrival - device time = delay - skew, in [-skew, disorder + skew].
        assertThat(sample.minNormalSkew).isBetween(-c.clockSkewMs, -c.clockSkewMs + 200);
        assertThat(sample.maxNormalSkew).isBetween(c.maxDisorderMs + c.clockSkewMs - 200, c.maxDisorderMs + c.clockSkewMs);
        // Offline bursts: up to 2 min after the true time.
        assertThat(sample.minBurstDelay).isPositive();
        assertThat(sample.maxBurstDelay).isBetween(60_000L, c.offlineBurstMaxDelayMs);
        // Late records: beyond allowed lateness + 2 x (disorder + skew).
        assertThat(c.lateDelayMinMs()).isEqualTo(135_000L);
        assertThat(sample.minLateDelay).isGreaterThanOrEqualTo(c.lateDelayMinMs());
        assertThat(sample.maxLateDelay).isLessThanOrEqualTo(c.lateDelayMinMs() + 60_000L);
        // Duplicates: the identical line again, 0.2-5 s after the first delivery.
        assertThat(sample.duplicatesWithoutOriginal).isZero();
        assertThat(sample.minDuplicateGap).isGreaterThanOrEqualTo(LearnerSimulator.DUPLICATE_DELAY_MIN_MS);
        assertThat(sample.maxDuplicateGap).isLessThanOrEqualTo(LearnerSimulator.DUPLICATE_DELAY_MAX_MS);
    }

    @Test
    void wellFormedLinesAreValidAndMalformedOnesAreNot() {
        assertThat(sample.firstInvalid).isNull();
        assertThat(sample.wellFormedInvalid).isZero();
        assertThat(sample.malformedStillValid).isZero();
        assertThat(sample.malformedKinds).containsOnlyKeys("not json", "invalid");
    }

    @Test
    void attemptsAfterWatchingTheLinkedSegmentAreCorrectMoreOften() {
        // Seed 42, 2000 learners, 5 h at time scale 10: measured 0.904 correct (47 588 of 52 661) for
        // attempts after watching at least half of the linked segment within the fusion window,
        // against 0.643 (24 274 of 37 739) with nothing of it watched.
        double watchedRate = sample.watchedCorrect / (double) sample.watched;
        double unwatchedRate = sample.unwatchedCorrect / (double) sample.unwatched;
        assertThat(sample.watched).isGreaterThan(5_000);
        assertThat(sample.unwatched).isGreaterThan(5_000);
        assertThat(watchedRate).isGreaterThan(unwatchedRate + 0.2);
    }

    // ------------------------------------------------------------------ behaviour per learner

    @Test
    void learnerBehaviourIsConsistent() {
        // The learners' complete event streams in true-time order, straight from the model (delivery
        // drops what happened before the start time, so the records may begin mid-session).
        SimulatorConfig c = config(3, 60);
        SimCatalog catalog = new SimCatalog(CatalogGenerator.generate(c.seed), c.seed);
        Map<String, List<LearnerEvent>> byLearner = new HashMap<>();
        for (int i = 0; i < c.learners; i++) {
            Learner learner = new Learner(i, c, catalog, catalog.courses);
            List<LearnerEvent> events = new ArrayList<>();
            long previous = Long.MIN_VALUE;
            for (int session = 0; session < 25; session++) {
                learner.generateSession();
                for (int k = 0; k < learner.statEvents; k++) {
                    Learner.SimEvent ev = learner.pollEvent();
                    assertThat(ev.trueTime).as("strictly increasing true time").isGreaterThan(previous);
                    previous = ev.trueTime;
                    assertThat(Math.abs(ev.event.eventTime - ev.trueTime)).isLessThanOrEqualTo(c.clockSkewMs);
                    assertThat(ev.event.learnerId).isEqualTo(LearnerSimulator.learnerId(i));
                    events.add(ev.event);
                }
            }
            byLearner.put(LearnerSimulator.learnerId(i), events);
        }

        long forwardSeeks = 0;
        long backwardSeeks = 0;
        long wrongThenRetry = 0;
        long hintBetweenRetry = 0;
        long firstAttempts = 0;
        long hintBeforeFirst = 0;
        int maxSittingAttempt = 0;
        for (List<LearnerEvent> events : byLearner.values()) {
            assertThat(events.stream().map(e -> e.courseId).distinct().count()).as("enrolled in 1-2 courses").isBetween(1L, 2L);
            Map<String, Integer> attempts = new HashMap<>();
            Map<String, Integer> hints = new HashMap<>();
            Map<String, LearnerEvent> lastAssessment = new HashMap<>();
            String playing = null;
            for (LearnerEvent e : events) {
                if (e.kind == EventKind.VIDEO) {
                    if (e.videoAction == VideoAction.PLAY) {
                        assertThat(playing).as("no play while playing").isNull();
                        playing = e.videoId;
                    } else {
                        if (e.videoAction == VideoAction.SEEK) {
                            if (e.position > e.seekFrom) {
                                forwardSeeks++;
                            } else {
                                backwardSeeks++;
                            }
                            assertThat(playing).isEqualTo(e.videoId);
                        } else {
                            assertThat(playing).as("pause/ended close the open play").isEqualTo(e.videoId);
                            playing = null;
                        }
                    }
                    continue;
                }
                assertThat(playing).as("every play is closed before the learner does anything else").isNull();
                if (e.kind == EventKind.ATTEMPT) {
                    int n = attempts.merge(e.questionId, 1, Integer::sum);
                    assertThat(e.attemptNumber).as("attempt numbers count up per question").isEqualTo(n);
                    LearnerEvent before = lastAssessment.get(e.questionId);
                    if (n == 1) {
                        firstAttempts++;
                        hintBeforeFirst += before != null && before.kind == EventKind.HINT ? 1 : 0;
                    }
                    maxSittingAttempt = Math.max(maxSittingAttempt, n);
                    lastAssessment.put(e.questionId, e);
                } else if (e.kind == EventKind.HINT) {
                    int n = hints.merge(e.questionId, 1, Integer::sum);
                    assertThat(e.hintIndex).isEqualTo(n);
                    lastAssessment.put(e.questionId, e);
                }
            }
            // Retries: a wrong attempt followed by the next attempt on the question; was there a hint between?
            Map<String, LearnerEvent> previousAttempt = new HashMap<>();
            Map<String, Boolean> hintSince = new HashMap<>();
            for (LearnerEvent e : events) {
                if (e.kind == EventKind.HINT) {
                    hintSince.put(e.questionId, true);
                } else if (e.kind == EventKind.ATTEMPT) {
                    LearnerEvent prev = previousAttempt.get(e.questionId);
                    if (prev != null && !prev.correct && e.eventTime - prev.eventTime < 5 * 60_000L) {
                        wrongThenRetry++;
                        hintBetweenRetry += hintSince.getOrDefault(e.questionId, false) ? 1 : 0;
                    }
                    previousAttempt.put(e.questionId, e);
                    hintSince.put(e.questionId, false);
                }
            }
        }
        assertThat(forwardSeeks).as("forward seeks skip segments").isGreaterThan(100);
        assertThat(backwardSeeks).isGreaterThan(10);
        assertThat(maxSittingAttempt).as("retries reach attempt 3").isGreaterThanOrEqualTo(3);
        double hintAfterWrong = hintBetweenRetry / (double) wrongThenRetry;
        double hintBeforeFirstAttempt = hintBeforeFirst / (double) firstAttempts;
        assertThat(hintAfterWrong).as("hints are more likely after a wrong answer").isGreaterThan(hintBeforeFirstAttempt + 0.25);
    }

    @Test
    void sourcesCarryTheirKinds() {
        for (SimRecord r : first(simulator(config(5, 200)), 20_000)) {
            switch (r.source) {
                case Sources.CLICKSTREAM -> assertThat(r.event.kind).isEqualTo(EventKind.CLICK);
                case Sources.VIDEO -> assertThat(r.event.kind).isEqualTo(EventKind.VIDEO);
                case Sources.ASSESSMENT -> assertThat(r.event.kind).isIn(EventKind.ATTEMPT, EventKind.HINT);
                default -> throw new AssertionError(r.source);
            }
        }
    }

    // ------------------------------------------------------------------ rate

    @Test
    void timeScaleForRateDeliversAboutTheRequestedRate() {
        SimulatorConfig c = new SimulatorConfig();
        Catalog catalog = CatalogGenerator.generate(c.seed, c.courses);
        double base = new LearnerSimulator(c, catalog).estimatedEventsPerSecond();
        c.timeScale = LearnerSimulator.timeScaleForRate(c, catalog, 400);
        LearnerSimulator sim = new LearnerSimulator(c, catalog);

        assertThat(sim.estimatedEventsPerSecond()).isCloseTo(400, within(4.0));
        assertThat(c.timeScale).as("the rate is about proportional to the time scale")
                .isCloseTo(400 / base, within(0.1 * 400 / base));
        // Measured over 5 minutes of arrivals, starting 1 minute in.
        long from = c.startTime + 60_000;
        long to = from + 300_000;
        long n = until(sim, to).stream().filter(r -> r.arrivalTime >= from).count();
        assertThat(n / 300.0).isCloseTo(400, within(40.0));
    }
}
