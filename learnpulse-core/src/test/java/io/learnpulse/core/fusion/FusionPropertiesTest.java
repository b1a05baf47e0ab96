package io.learnpulse.core.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LearnerAggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Results are a function of the set of events in their time range, not of the order the events reached
 * the timeline nor of anything outside that range.
 */
class FusionPropertiesTest {

    private static final long HOUR = 3_600_000L;
    private static final String[] VIDEOS = {Fixtures.V1, Fixtures.V2, Fixtures.V_UNKNOWN, Fixtures.W1};
    private static final String[] QUESTIONS = {Fixtures.Q1, Fixtures.Q2, Fixtures.Q4, Fixtures.Q5};

    private final Catalog catalog = Fixtures.catalog();
    private final FusionCalculator fusion = new FusionCalculator(catalog);
    private final WindowAggregator aggregator = new WindowAggregator(catalog);

    /**
     * The same events added sorted, shuffled, reversed or with re-deliveries give identical fused
     * attempts and window aggregates.
     */
    @Property(tries = 300)
    void resultsDoNotDependOnArrivalOrder(@ForAll("eventSets") List<LearnerEvent> events, @ForAll long seed) {
        Random random = new Random(seed);

        List<LearnerEvent> sorted = new ArrayList<>(events);
        sorted.sort(LearnerEvent::compareByTime);
        List<LearnerEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        List<LearnerEvent> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);
        // re-deliveries: a copy of some events added again later
        List<LearnerEvent> redelivered = new ArrayList<>(shuffled);
        for (LearnerEvent e : events) {
            if (random.nextInt(3) == 0) {
                redelivered.add(random.nextInt(redelivered.size() + 1), e.copy());
            }
        }

        LearnerTimeline reference = build(sorted);
        List<LearnerTimeline> others = List.of(build(shuffled), build(reversed), build(redelivered));
        assertThat(reference.events()).containsExactlyElementsOf(sorted);
        for (LearnerTimeline other : others) {
            assertThat(other.events()).containsExactlyElementsOf(sorted);
        }

        for (LearnerEvent e : events) {
            if (e.kind != EventKind.ATTEMPT) {
                continue;
            }
            FusedAttempt expected = fusion.fuse(e, reference);
            for (LearnerTimeline other : others) {
                FusedAttempt actual = fusion.fuse(e, other);
                assertThat(actual.sameResult(expected)).as("%s vs %s", actual, expected).isTrue();
            }
        }

        TreeSet<Long> windowEnds = new TreeSet<>();
        for (LearnerEvent e : events) {
            for (long end : WindowAggregator.windowEndsContaining(e.eventTime)) {
                windowEnds.add(end);
            }
        }
        for (long end : windowEnds) {
            long start = end - WindowAggregator.DEFAULT_SIZE_MS;
            LearnerAggregate expected = aggregator.aggregate(Fixtures.LEARNER, start, end, reference);
            for (LearnerTimeline other : others) {
                LearnerAggregate actual = aggregator.aggregate(Fixtures.LEARNER, start, end, other);
                assertThat(actual.sameResult(expected)).as("%s vs %s", actual, expected).isTrue();
            }
        }
    }

    /**
     * Fusing an attempt only reads the same-course events in [t - W, t]; aggregating a window only reads
     * [start - lookback, end): a timeline holding just those events gives the same results.
     */
    @Property(tries = 200)
    void resultsOnlyDependOnTheirTimeRange(@ForAll("eventSets") List<LearnerEvent> events) {
        LearnerTimeline all = build(events);
        for (LearnerEvent a : events) {
            if (a.kind != EventKind.ATTEMPT) {
                continue;
            }
            List<LearnerEvent> inRange = new ArrayList<>();
            for (LearnerEvent e : events) {
                if (e.courseId.equals(a.courseId) && e.eventTime >= a.eventTime - fusion.windowMs()
                        && LearnerEvent.compareByTime(e, a) < 0) {
                    inRange.add(e);
                }
            }
            Collections.shuffle(inRange, new Random(a.eventTime));
            FusedAttempt full = fusion.fuse(a, all);
            FusedAttempt restricted = fusion.fuse(a, build(inRange));
            assertThat(restricted.sameResult(full)).as("%s vs %s", restricted, full).isTrue();
        }
        // a short look-back so that it actually cuts within the generated hour
        WindowAggregator shortLookback = new WindowAggregator(catalog, 600_000L);
        TreeSet<Long> windowEnds = new TreeSet<>();
        for (LearnerEvent e : events) {
            for (long end : WindowAggregator.windowEndsContaining(e.eventTime)) {
                windowEnds.add(end);
            }
        }
        for (long end : windowEnds) {
            long start = end - WindowAggregator.DEFAULT_SIZE_MS;
            List<LearnerEvent> inRange = new ArrayList<>();
            for (LearnerEvent e : events) {
                if (e.eventTime >= shortLookback.earliestNeededTime(start) && e.eventTime < end) {
                    inRange.add(e);
                }
            }
            LearnerAggregate full = shortLookback.aggregate(Fixtures.LEARNER, start, end, all);
            LearnerAggregate restricted = shortLookback.aggregate(Fixtures.LEARNER, start, end, build(inRange));
            assertThat(restricted.sameResult(full)).as("%s vs %s", restricted, full).isTrue();
        }
    }

    private static LearnerTimeline build(List<LearnerEvent> events) {
        LearnerTimeline tl = new LearnerTimeline();
        for (LearnerEvent e : events) {
            tl.add(e);
        }
        return tl;
    }

    @Provide
    Arbitrary<List<LearnerEvent>> eventSets() {
        // Times within one hour; a third of them on whole 10-second marks so that ties are common.
        Arbitrary<Long> times = Arbitraries.oneOf(
                Arbitraries.longs().between(0, HOUR - 1),
                Arbitraries.longs().between(0, 359).map(i -> i * 10_000L));
        Arbitrary<String> ids = Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(4);
        Arbitrary<LearnerEvent> event = Combinators.combine(
                        ids,
                        times,
                        Arbitraries.integers().between(0, 9), // kind selector
                        Arbitraries.integers().between(0, VIDEOS.length - 1),
                        Arbitraries.integers().between(0, 1400), // position, half-seconds
                        Arbitraries.integers().between(0, 1400), // seek-from, half-seconds
                        Arbitraries.integers().between(0, 9), // course (1 in 10 in the other course)
                        Arbitraries.integers().between(0, QUESTIONS.length - 1))
                .as(FusionPropertiesTest::event);
        return event.list().ofMinSize(1).ofMaxSize(60).uniqueElements(e -> e.eventId);
    }

    private static LearnerEvent event(String id, long offset, int kindSel, int videoSel, int pos, int from,
            int courseSel, int questionSel) {
        long t = Fixtures.T0 + offset;
        String video = VIDEOS[videoSel];
        String question = QUESTIONS[questionSel];
        double position = pos / 2.0;
        LearnerEvent e;
        switch (kindSel) {
            case 0:
            case 1:
                e = Fixtures.play(id, t, video, position);
                break;
            case 2:
                e = Fixtures.pause(id, t, video, position);
                break;
            case 3:
                e = Fixtures.seek(id, t, video, from / 2.0, position);
                break;
            case 4:
                e = Fixtures.ended(id, t, video, position);
                break;
            case 5:
                e = Fixtures.click(id, t, pos % 3 == 0 ? "click" : "page_view");
                break;
            case 6:
                e = Fixtures.hint(id, t, question);
                break;
            default:
                e = Fixtures.attempt(id, t, question, from % 5, 4);
                break;
        }
        if (courseSel == 0) {
            e.courseId = Fixtures.OTHER_COURSE;
        }
        return e;
    }
}
