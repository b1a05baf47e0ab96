package io.learnpulse.core.fusion;

import static io.learnpulse.core.fusion.Fixtures.LEARNER;
import static io.learnpulse.core.fusion.Fixtures.OTHER_COURSE;
import static io.learnpulse.core.fusion.Fixtures.Q1;
import static io.learnpulse.core.fusion.Fixtures.Q2;
import static io.learnpulse.core.fusion.Fixtures.T0;
import static io.learnpulse.core.fusion.Fixtures.V1;
import static io.learnpulse.core.fusion.Fixtures.V2;
import static io.learnpulse.core.fusion.Fixtures.V_UNKNOWN;
import static io.learnpulse.core.fusion.Fixtures.attempt;
import static io.learnpulse.core.fusion.Fixtures.click;
import static io.learnpulse.core.fusion.Fixtures.hint;
import static io.learnpulse.core.fusion.Fixtures.inCourse;
import static io.learnpulse.core.fusion.Fixtures.pageView;
import static io.learnpulse.core.fusion.Fixtures.pause;
import static io.learnpulse.core.fusion.Fixtures.play;
import static io.learnpulse.core.fusion.Fixtures.sec;
import static io.learnpulse.core.fusion.Fixtures.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.result.LearnerAggregate;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed window aggregates over the 5-minute window [S, E), S = T0 + 1 h (aligned to the
 * minute), E = S + 300 s. V1 is 600 s long, V2 100 s, V_UNKNOWN has no known duration.
 */
class WindowAggregatorTest {

    private static final long S = T0 + 3_600_000L;
    private static final long E = S + 300_000L;
    private static final Offset<Double> EPS = within(1e-9);

    private final Catalog catalog = Fixtures.catalog();
    private final WindowAggregator agg = new WindowAggregator(catalog);

    private LearnerAggregate aggregate(LearnerEvent... events) {
        return agg.aggregate(LEARNER, S, E, timeline(events));
    }

    @Test
    void countsEventsInTheHalfOpenWindowOfAllCourses() {
        // In [S, E): page views at S and S+10 s, a click, a hint, attempts 1/1 (correct), 1/4 and,
        // in the other course, 3/4. Before S and at E: not counted.
        // events 7, attempts 3, correct 1, mean score (1 + 0.25 + 0.75) / 3 = 2/3, hints 1, pages 2.
        LearnerAggregate a = aggregate(
                pageView("e00", S - 1),
                pageView("e01", S),
                pageView("e02", S + sec(10)),
                click("e03", S + sec(20), "click"),
                hint("e04", S + sec(30), Q1),
                attempt("e05", S + sec(40), Q1, 1, 1),
                attempt("e06", S + sec(50), Q2, 1, 4),
                inCourse(OTHER_COURSE, attempt("e07", S + sec(60), "C2/q1", 3, 4)),
                pageView("e08", E));
        assertThat(a.key).isEqualTo(LEARNER + "@" + E);
        assertThat(a.learnerId).isEqualTo(LEARNER);
        assertThat(a.windowStart).isEqualTo(S);
        assertThat(a.windowEnd).isEqualTo(E);
        assertThat(a.events).isEqualTo(7);
        assertThat(a.attempts).isEqualTo(3);
        assertThat(a.correct).isEqualTo(1);
        assertThat(a.meanScore).isCloseTo(2.0 / 3.0, EPS);
        assertThat(a.hints).isEqualTo(1);
        assertThat(a.pagesViewed).isEqualTo(2);
        assertThat(a.videoSeconds).isEqualTo(0.0);
        assertThat(a.status).isNull();
        assertThat(a.revision).isZero();
    }

    @Test
    void emptyWindow() {
        LearnerAggregate a = aggregate(pageView("e1", S - sec(1)), pageView("e2", E + sec(1)));
        assertThat(a.events).isZero();
        assertThat(a.attempts).isZero();
        assertThat(a.meanScore).isNaN();
        assertThat(a.videoSeconds).isEqualTo(0.0);
    }

    @Test
    void playbackCrossingBothWindowBoundaries() {
        // play at 0 at S-100 s, pause at 150 at S+50 s: 150 s from S-100 s = [S-100 s, S+50 s),
        // 50 s of it inside. play at 200 at S+250 s, still open at E: closed at 200 + 50 = 250,
        // [S+250 s, E) = 50 s. Total 100 s. Only the pause and the second play are window events.
        LearnerAggregate a = aggregate(
                play("e1", S - sec(100), V1, 0),
                pause("e2", S + sec(50), V1, 150),
                play("e3", S + sec(250), V1, 200));
        assertThat(a.videoSeconds).isCloseTo(100.0, EPS);
        assertThat(a.events).isEqualTo(2);
    }

    @Test
    void intervalLastsItsPlaybackLengthFromItsOpenTime() {
        // Played faster than real time: play at 0 at S-10 s, pause at 100 at S+40 s lasts 100 s from
        // S-10 s = [S-10 s, S+90 s) -> 90 s inside. play at 300 at E-20 s, pause at 360 at E-10 s lasts
        // 60 s from E-20 s = [E-20 s, E+40 s) -> 20 s inside. Total 110 s.
        LearnerAggregate a = aggregate(
                play("e1", S - sec(10), V1, 0),
                pause("e2", S + sec(40), V1, 100),
                play("e3", E - sec(20), V1, 300),
                pause("e4", E - sec(10), V1, 360));
        assertThat(a.videoSeconds).isCloseTo(110.0, EPS);
    }

    @Test
    void openIntervalIsCappedAtTheVideoDuration() {
        // V2 is 100 s long: play at 80 at S+200 s, open at E: min(80 + 100, 100) = 100, so it lasts
        // 20 s: [S+200 s, S+220 s) -> 20 s.
        LearnerAggregate a = aggregate(play("e1", S + sec(200), V2, 80));
        assertThat(a.videoSeconds).isCloseTo(20.0, EPS);
    }

    @Test
    void eventsAtOrAfterTheWindowEndDoNotCloseIntervals() {
        // play at 0 at S+100 s; the pause at exactly E is not a window event, so the interval is open
        // at E: closed at 0 + 200 = 200 -> [S+100 s, E) = 200 s (the pause's position 10 is ignored).
        LearnerAggregate a = aggregate(
                play("e1", S + sec(100), V1, 0),
                pause("e2", E, V1, 10));
        assertThat(a.videoSeconds).isCloseTo(200.0, EPS);
        assertThat(a.events).isEqualTo(1);
    }

    @Test
    void playbackLookbackIsOneHourByDefault() {
        // Unknown duration, never paused. Opened exactly 1 h before S: seen, open through the window
        // -> all 300 s. Opened 1 ms earlier: outside the look-back, nothing.
        assertThat(aggregate(play("e1", S - 3_600_000L, V_UNKNOWN, 0)).videoSeconds).isCloseTo(300.0, EPS);
        assertThat(aggregate(play("e1", S - 3_600_001L, V_UNKNOWN, 0)).videoSeconds).isEqualTo(0.0);
        // A known video opened 1 h before S ran out long ago: V1 [0, 600] lasts [S-3600 s, S-3000 s).
        assertThat(aggregate(play("e1", S - 3_600_000L, V1, 0)).videoSeconds).isEqualTo(0.0);
        assertThat(agg.playbackLookbackMs()).isEqualTo(WindowAggregator.DEFAULT_PLAYBACK_LOOKBACK_MS);
        assertThat(agg.earliestNeededTime(S)).isEqualTo(S - 3_600_000L);
    }

    @Test
    void customLookback() {
        // Look-back 0: a play 1 ms before S is invisible; one at S counts 300 s.
        WindowAggregator none = new WindowAggregator(catalog, 0);
        assertThat(none.aggregate(LEARNER, S, E, timeline(play("e1", S - 1, V_UNKNOWN, 0))).videoSeconds)
                .isEqualTo(0.0);
        assertThat(none.aggregate(LEARNER, S, E, timeline(play("e1", S, V_UNKNOWN, 0))).videoSeconds)
                .isCloseTo(300.0, EPS);
    }

    @Test
    void otherLearnersAreIgnored() {
        LearnerEvent stranger = pageView("e1", S + sec(1));
        stranger.learnerId = "someone-else";
        LearnerAggregate a = aggregate(stranger, pageView("e2", S + sec(2)));
        assertThat(a.events).isEqualTo(1);
        assertThat(a.pagesViewed).isEqualTo(1);
    }

    @Test
    void windowEndsWithDefaults() {
        // t = 0: windows start at -240 s .. 0 s (every minute), ends 60 s .. 300 s.
        assertThat(WindowAggregator.windowEndsContaining(0))
                .containsExactly(60_000, 120_000, 180_000, 240_000, 300_000);
        // t = 359.999 s: latest start 300 s, earliest 60 s (its window [60 s, 360 s) still holds t).
        assertThat(WindowAggregator.windowEndsContaining(359_999))
                .containsExactly(360_000, 420_000, 480_000, 540_000, 600_000);
        // t = 360 s: [60 s, 360 s) no longer holds it; [360 s, 660 s) does.
        assertThat(WindowAggregator.windowEndsContaining(360_000))
                .containsExactly(420_000, 480_000, 540_000, 600_000, 660_000);
        // negative times align to the epoch as well: t = -1 ms -> starts -300 s .. -60 s.
        assertThat(WindowAggregator.windowEndsContaining(-1))
                .containsExactly(0, 60_000, 120_000, 180_000, 240_000);
    }

    @Test
    void windowEndsWithOtherSizes() {
        // size 90 s, slide 60 s: t = 30 s is only in [0, 90 s) ([-60 s, 30 s) excludes it).
        assertThat(WindowAggregator.windowEndsContaining(30_000, 90_000, 60_000)).containsExactly(90_000);
        // t = 70 s: [0, 90 s) and [60 s, 150 s).
        assertThat(WindowAggregator.windowEndsContaining(70_000, 90_000, 60_000)).containsExactly(90_000, 150_000);
        // tumbling (size = slide): exactly one.
        assertThat(WindowAggregator.windowEndsContaining(70_000, 60_000, 60_000)).containsExactly(120_000);
        // slide 120 s > size 60 s: t = 90 s falls in the gap [60 s, 120 s).
        assertThat(WindowAggregator.windowEndsContaining(90_000, 60_000, 120_000)).isEmpty();
        assertThatThrownBy(() -> WindowAggregator.windowEndsContaining(0, 0, 60_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyWindowContainingAnEventCountsIt() {
        LearnerEvent e = pageView("e1", S + sec(90));
        LearnerTimeline tl = timeline(e);
        long[] ends = WindowAggregator.windowEndsContaining(e.eventTime);
        assertThat(ends).hasSize(5);
        for (long end : ends) {
            assertThat(agg.aggregate(LEARNER, end - WindowAggregator.DEFAULT_SIZE_MS, end, tl).pagesViewed)
                    .isEqualTo(1);
        }
        // the windows just before and after do not contain it
        long first = ends[0] - WindowAggregator.DEFAULT_SLIDE_MS;
        long last = ends[4] + WindowAggregator.DEFAULT_SLIDE_MS;
        assertThat(agg.aggregate(LEARNER, first - WindowAggregator.DEFAULT_SIZE_MS, first, tl).events).isZero();
        assertThat(agg.aggregate(LEARNER, last - WindowAggregator.DEFAULT_SIZE_MS, last, tl).events).isZero();
    }
}
