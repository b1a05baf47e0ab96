package io.learnpulse.core.fusion;

import static io.learnpulse.core.fusion.Fixtures.COURSE;
import static io.learnpulse.core.fusion.Fixtures.LEARNER;
import static io.learnpulse.core.fusion.Fixtures.OTHER_COURSE;
import static io.learnpulse.core.fusion.Fixtures.Q1;
import static io.learnpulse.core.fusion.Fixtures.Q2;
import static io.learnpulse.core.fusion.Fixtures.Q3;
import static io.learnpulse.core.fusion.Fixtures.Q4;
import static io.learnpulse.core.fusion.Fixtures.Q5;
import static io.learnpulse.core.fusion.Fixtures.Q_UNKNOWN;
import static io.learnpulse.core.fusion.Fixtures.T0;
import static io.learnpulse.core.fusion.Fixtures.V1;
import static io.learnpulse.core.fusion.Fixtures.V2;
import static io.learnpulse.core.fusion.Fixtures.V_UNKNOWN;
import static io.learnpulse.core.fusion.Fixtures.W1;
import static io.learnpulse.core.fusion.Fixtures.attempt;
import static io.learnpulse.core.fusion.Fixtures.click;
import static io.learnpulse.core.fusion.Fixtures.ended;
import static io.learnpulse.core.fusion.Fixtures.hint;
import static io.learnpulse.core.fusion.Fixtures.inCourse;
import static io.learnpulse.core.fusion.Fixtures.pageView;
import static io.learnpulse.core.fusion.Fixtures.pause;
import static io.learnpulse.core.fusion.Fixtures.play;
import static io.learnpulse.core.fusion.Fixtures.sec;
import static io.learnpulse.core.fusion.Fixtures.seek;
import static io.learnpulse.core.fusion.Fixtures.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.result.FusedAttempt;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed fusion cases. Every case fuses an attempt at time T (ids of other events sort before
 * the attempt's id "m-attempt" unless a case says otherwise); the default window is [T - 600 s, T].
 * Segment of Q1: V1 [60, 120), 60 s long.
 */
class FusionCalculatorTest {

    private static final long T = T0 + 3_600_000L;
    private static final String ATTEMPT_ID = "m-attempt";
    private static final Offset<Double> EPS = within(1e-9);

    private final Catalog catalog = Fixtures.catalog();
    private final FusionCalculator calc = new FusionCalculator(catalog);

    private FusedAttempt fuse(String questionId, LearnerEvent... events) {
        LearnerEvent att = attempt(ATTEMPT_ID, T, questionId, 1, 1);
        List<LearnerEvent> all = new ArrayList<>(Arrays.asList(events));
        all.add(att);
        return calc.fuse(att, timeline(all.toArray(new LearnerEvent[0])));
    }

    private FusedAttempt fuseQ1(LearnerEvent... events) {
        return fuse(Q1, events);
    }

    @Test
    void fullWatchOfTheSegment() {
        // play at 60 (T-100 s), pause at 120 (T-40 s): interval [60, 120] covers all of [60, 120).
        // coverage 60/60 = 1, video 60 s, last activity the pause 40 s before the attempt.
        FusedAttempt r = fuseQ1(
                play("e1", T - sec(100), V1, 60),
                pause("e2", T - sec(40), V1, 120));
        assertThat(r.videoCoverage).isCloseTo(1.0, EPS);
        assertThat(r.videoSeconds).isCloseTo(60.0, EPS);
        assertThat(r.segmentSkipped).isFalse();
        assertThat(r.secondsSinceLastActivity).isEqualTo(40.0);
    }

    @Test
    void partialWatch() {
        // [90, 110] inside [60, 120): 20/60 = 1/3; video 20 s; last event 80 s ago.
        FusedAttempt r = fuseQ1(
                play("e1", T - sec(100), V1, 90),
                pause("e2", T - sec(80), V1, 110));
        assertThat(r.videoCoverage).isCloseTo(1.0 / 3.0, EPS);
        assertThat(r.videoSeconds).isCloseTo(20.0, EPS);
        assertThat(r.secondsSinceLastActivity).isEqualTo(80.0);
    }

    @Test
    void noWatching() {
        // A linked segment but no video events: coverage 0 (not NaN), 0 s of video.
        FusedAttempt r = fuseQ1(pageView("e1", T - sec(30)));
        assertThat(r.videoCoverage).isEqualTo(0.0);
        assertThat(r.videoSeconds).isEqualTo(0.0);
        assertThat(r.segmentSkipped).isFalse();
        assertThat(r.videoId).isEqualTo(V1);
        assertThat(r.segmentId).isEqualTo("C1/v1/s1");
    }

    @Test
    void pausesAndRewatchingCountTheUnionOnce() {
        // Intervals [50, 80], [80, 100], [60, 90]. Clipped to [60, 120): [60, 80], [80, 100], [60, 90],
        // union [60, 100] = 40 s -> coverage 40/60. video_seconds sums all: 30 + 20 + 30 = 80.
        FusedAttempt r = fuseQ1(
                play("e1", T - sec(300), V1, 50),
                pause("e2", T - sec(270), V1, 80),
                play("e3", T - sec(200), V1, 80),
                pause("e4", T - sec(180), V1, 100),
                play("e5", T - sec(100), V1, 60),
                pause("e6", T - sec(70), V1, 90));
        assertThat(r.videoCoverage).isCloseTo(40.0 / 60.0, EPS);
        assertThat(r.videoSeconds).isCloseTo(80.0, EPS);
    }

    @Test
    void forwardSeekOverTheSegmentIsASkip() {
        // play at 0, seek 30 -> 150 while playing (closes [0, 30], reopens at 150), pause at 170:
        // intervals [0, 30], [150, 170]; nothing of [60, 120) watched; skipped range (30, 150)
        // overlaps the segment. video 30 + 20 = 50 s.
        FusedAttempt r = fuseQ1(
                play("e1", T - sec(300), V1, 0),
                seek("e2", T - sec(270), V1, 30, 150),
                pause("e3", T - sec(250), V1, 170));
        assertThat(r.videoCoverage).isEqualTo(0.0);
        assertThat(r.segmentSkipped).isTrue();
        assertThat(r.videoSeconds).isCloseTo(50.0, EPS);
    }

    @Test
    void backwardSeekIsNotASkip() {
        // play at 100, seek 130 -> 70 (closes [100, 130], reopens at 70), pause at 90:
        // intervals [100, 130], [70, 90]; in the segment [100, 120] + [70, 90] = 40 -> 40/60.
        // video 30 + 20 = 50 s. A backward seek skips nothing.
        FusedAttempt r = fuseQ1(
                play("e1", T - sec(300), V1, 100),
                seek("e2", T - sec(270), V1, 130, 70),
                pause("e3", T - sec(250), V1, 90));
        assertThat(r.videoCoverage).isCloseTo(40.0 / 60.0, EPS);
        assertThat(r.segmentSkipped).isFalse();
        assertThat(r.videoSeconds).isCloseTo(50.0, EPS);
    }

    @Test
    void forwardSeeksThatMissTheSegmentAreNotSkips() {
        // (130, 200) lies after [60, 120); (10, 60) ends exactly where the segment starts (no overlap);
        // (60, 120) on V2 is a different video.
        assertThat(fuseQ1(seek("e1", T - sec(100), V1, 130, 200)).segmentSkipped).isFalse();
        assertThat(fuseQ1(seek("e1", T - sec(100), V1, 10, 60)).segmentSkipped).isFalse();
        assertThat(fuseQ1(seek("e1", T - sec(100), V2, 60, 120)).segmentSkipped).isFalse();
        // ... while (119, 130) clips the last second of it.
        assertThat(fuseQ1(seek("e1", T - sec(100), V1, 119, 130)).segmentSkipped).isTrue();
    }

    @Test
    void seekWhilePausedOpensNothingButStillSkips() {
        // play 0 .. pause 10 gives [0, 10]. The seek 10 -> 70 happens while paused: no interval, so
        // the later pause at 75 closes nothing. Coverage 0, video 10 s; (10, 70) overlaps [60, 70).
        FusedAttempt r = fuseQ1(
                play("e1", T - sec(300), V1, 0),
                pause("e2", T - sec(290), V1, 10),
                seek("e3", T - sec(280), V1, 10, 70),
                pause("e4", T - sec(200), V1, 75));
        assertThat(r.videoCoverage).isEqualTo(0.0);
        assertThat(r.videoSeconds).isCloseTo(10.0, EPS);
        assertThat(r.segmentSkipped).isTrue();
    }

    @Test
    void secondPlayWhilePlayingClosesAtNormalSpeedPosition() {
        // play at 60 (T-100 s); play at 200 30 s later closes the first at 60 + 30 = 90 and opens at
        // 200; pause at 210. Intervals [60, 90], [200, 210]: coverage 30/60 = 0.5, video 40 s.
        FusedAttempt r = fuseQ1(
                play("e1", T - sec(100), V1, 60),
                play("e2", T - sec(70), V1, 200),
                pause("e3", T - sec(60), V1, 210));
        assertThat(r.videoCoverage).isCloseTo(0.5, EPS);
        assertThat(r.videoSeconds).isCloseTo(40.0, EPS);
    }

    @Test
    void intervalOpenAtTheAttemptIsClosedAtTheAttempt() {
        // play at 70, 20 s before the attempt, never paused: closed at 70 + 20 = 90.
        // [70, 90] -> 20/60; 20 s of video; last activity 20 s ago.
        FusedAttempt r = fuseQ1(play("e1", T - sec(20), V1, 70));
        assertThat(r.videoCoverage).isCloseTo(20.0 / 60.0, EPS);
        assertThat(r.videoSeconds).isCloseTo(20.0, EPS);
        assertThat(r.secondsSinceLastActivity).isEqualTo(20.0);
    }

    @Test
    void openIntervalIsCappedAtTheVideoDuration() {
        // Q4 -> V2 (100 s long), segment [80, 100). play at 90, 60 s before the attempt: 90 + 60 = 150,
        // capped at 100 -> [90, 100]: coverage 10/20 = 0.5, video 10 s.
        FusedAttempt r = fuse(Q4, play("e1", T - sec(60), V2, 90));
        assertThat(r.videoCoverage).isCloseTo(0.5, EPS);
        assertThat(r.videoSeconds).isCloseTo(10.0, EPS);
    }

    @Test
    void playWhilePlayingIsCappedAtTheVideoDurationToo() {
        // play at 95; 30 s later play at 0 closes it at min(95 + 30, 100) = 100 -> [95, 100]; the new
        // interval is open at the attempt: 0 + 30 -> [0, 30]. video 5 + 30 = 35 s; coverage of
        // [80, 100): [95, 100] = 5/20 = 0.25.
        FusedAttempt r = fuse(Q4,
                play("e1", T - sec(60), V2, 95),
                play("e2", T - sec(30), V2, 0));
        assertThat(r.videoSeconds).isCloseTo(35.0, EPS);
        assertThat(r.videoCoverage).isCloseTo(0.25, EPS);
    }

    @Test
    void endedClosesAndUnknownVideosAreNotCapped() {
        // V2: play at 85, ended at 100 -> [85, 100] = 15 s, 15/20 of [80, 100).
        // Unknown video: play at 0 500 s before the attempt, open -> [0, 500] (no duration to cap at).
        FusedAttempt r = fuse(Q4,
                play("e1", T - sec(500), V_UNKNOWN, 0),
                play("e2", T - sec(60), V2, 85),
                ended("e3", T - sec(45), V2, 100));
        assertThat(r.videoCoverage).isCloseTo(0.75, EPS);
        assertThat(r.videoSeconds).isCloseTo(15.0 + 500.0, EPS);
    }

    @Test
    void pauseBehindThePlayPositionGivesAnEmptyInterval() {
        // play at 100, pause reporting 80: an interval never runs backwards -> nothing.
        FusedAttempt r = fuseQ1(
                play("e1", T - sec(100), V1, 100),
                pause("e2", T - sec(90), V1, 80));
        assertThat(r.videoSeconds).isEqualTo(0.0);
        assertThat(r.videoCoverage).isEqualTo(0.0);
    }

    @Test
    void eventsOutsideTheWindowOtherCoursesAndAfterTheAttemptAreIgnored() {
        // Counted: only the page view at exactly T - 600 s (the window is closed at its start).
        // The play at T-610 s is outside, so the pause at T-590 s closes nothing: no video.
        FusedAttempt r = fuseQ1(
                play("e01", T - sec(700), V1, 60),
                pause("e02", T - sec(650), V1, 120),
                play("e03", T - sec(610), V1, 60),
                pageView("e04", T - sec(601)),
                pageView("e05", T - sec(600)),
                pause("e06", T - sec(590), V1, 120),
                inCourse(OTHER_COURSE, play("e07", T - sec(100), W1, 0)),
                inCourse(OTHER_COURSE, pause("e08", T - sec(50), W1, 50)),
                inCourse(OTHER_COURSE, pageView("e09", T - sec(10))),
                inCourse(OTHER_COURSE, hint("e10", T - sec(5), Q1)),
                inCourse(OTHER_COURSE, seek("e11", T - sec(4), V1, 0, 200)),
                pageView("e12", T + 1),
                hint("e13", T + sec(1), Q1),
                play("e14", T + sec(2), V1, 60));
        assertThat(r.pagesViewed).isEqualTo(1);
        assertThat(r.videoSeconds).isEqualTo(0.0);
        assertThat(r.videoCoverage).isEqualTo(0.0);
        assertThat(r.hintsUsed).isZero();
        assertThat(r.segmentSkipped).isFalse();
        // the pause at T-590 s is the latest preceding same-course event
        assertThat(r.secondsSinceLastActivity).isEqualTo(590.0);
    }

    @Test
    void tiesAtTheSameMillisecondAreOrderedByEventId() {
        long t = T - sec(60);
        // "a" pause first (nothing open), then "b" play opens at 60; open at the attempt:
        // 60 + 60 = 120 -> [60, 120], coverage 1, 60 s.
        FusedAttempt pauseFirst = fuseQ1(pause("a", t, V1, 60), play("b", t, V1, 60));
        assertThat(pauseFirst.videoCoverage).isCloseTo(1.0, EPS);
        assertThat(pauseFirst.videoSeconds).isCloseTo(60.0, EPS);
        // "a" play then "b" pause at the same position: empty interval, nothing open at the attempt.
        FusedAttempt playFirst = fuseQ1(play("a", t, V1, 60), pause("b", t, V1, 60));
        assertThat(playFirst.videoCoverage).isEqualTo(0.0);
        assertThat(playFirst.videoSeconds).isEqualTo(0.0);
    }

    @Test
    void eventsAtTheAttemptMillisecondCountOnlyIfTheirIdSortsFirst() {
        // "a-page" < "m-attempt" precedes it (0 s since last activity); "z-page" does not.
        FusedAttempt r = fuseQ1(pageView("a-page", T), pageView("z-page", T));
        assertThat(r.pagesViewed).isEqualTo(1);
        assertThat(r.secondsSinceLastActivity).isEqualTo(0.0);
    }

    @Test
    void hintsCountOnlyForTheSameQuestion() {
        // two hints on Q1 in the window; one on Q2; one on Q1 before the window.
        FusedAttempt r = fuseQ1(
                hint("e1", T - sec(700), Q1),
                hint("e2", T - sec(200), Q1),
                hint("e3", T - sec(100), Q1),
                hint("e4", T - sec(50), Q2));
        assertThat(r.hintsUsed).isEqualTo(2);
    }

    @Test
    void pagesCountOnlyPageViews() {
        // 2 page_view, 1 click, 1 scroll -> 2.
        FusedAttempt r = fuseQ1(
                pageView("e1", T - sec(200)),
                click("e2", T - sec(150), "click"),
                pageView("e3", T - sec(100)),
                click("e4", T - sec(50), "scroll"));
        assertThat(r.pagesViewed).isEqualTo(2);
    }

    @Test
    void secondsSinceLastActivity() {
        // latest preceding same-course event: the previous attempt at T - 7 s (any kind counts).
        FusedAttempt r = fuseQ1(
                pageView("e1", T - sec(30)),
                hint("e2", T - sec(12.5), Q2),
                attempt("e3", T - sec(7), Q2, 0, 1),
                inCourse(OTHER_COURSE, pageView("e4", T - sec(1))),
                pageView("e5", T + sec(2)));
        assertThat(r.secondsSinceLastActivity).isEqualTo(7.0);
        // without the attempt it is the hint, 12.5 s before.
        FusedAttempt r2 = fuseQ1(
                pageView("e1", T - sec(30)),
                hint("e2", T - sec(12.5), Q2));
        assertThat(r2.secondsSinceLastActivity).isEqualTo(12.5);
        // nothing preceding in the course and window: NaN.
        FusedAttempt none = fuseQ1(
                inCourse(OTHER_COURSE, pageView("e4", T - sec(1))),
                pageView("e0", T - sec(601)));
        assertThat(none.secondsSinceLastActivity).isNaN();
    }

    @Test
    void copiesTheAttemptAndLeavesStatusToTheCaller() {
        LearnerEvent att = attempt(ATTEMPT_ID, T, Q1, 0.5, 2);
        att.attemptNumber = 3;
        att.skillIds = new String[] {"from-event"};
        FusedAttempt r = calc.fuse(att, timeline(att));
        assertThat(r.key).isEqualTo(ATTEMPT_ID);
        assertThat(r.eventId).isEqualTo(ATTEMPT_ID);
        assertThat(r.learnerId).isEqualTo(LEARNER);
        assertThat(r.courseId).isEqualTo(COURSE);
        assertThat(r.questionId).isEqualTo(Q1);
        assertThat(r.skillIds).containsExactly("from-event");
        assertThat(r.skillIds).isNotSameAs(att.skillIds);
        assertThat(r.attemptNumber).isEqualTo(3);
        assertThat(r.correct).isFalse();
        assertThat(r.score).isEqualTo(0.5);
        assertThat(r.maxScore).isEqualTo(2.0);
        assertThat(r.eventTime).isEqualTo(T);
        assertThat(r.ingestTime).isEqualTo(T + 250);
        assertThat(r.videoId).isEqualTo(V1);
        assertThat(r.segmentId).isEqualTo("C1/v1/s1");
        assertThat(r.status).isNull();
        assertThat(r.revision).isZero();
        // nothing before it: NaN since-last-activity, zero counts
        assertThat(r.secondsSinceLastActivity).isNaN();
        assertThat(r.pagesViewed).isZero();
    }

    @Test
    void skillsComeFromTheEventElseTheCatalogElseNone() {
        assertThat(fuseQ1().skillIds).containsExactly("linear-equations", "fractions");
        FusedAttempt unknown = fuse(Q_UNKNOWN);
        assertThat(unknown.skillIds).isEmpty();
        assertThat(unknown.videoId).isNull();
        assertThat(unknown.segmentId).isNull();
        assertThat(unknown.videoCoverage).isNaN();
    }

    @Test
    void questionWithoutLinkedSegmentHasNaNCoverageButCountsVideo() {
        // Q2 has no link: coverage NaN, never skipped; video_seconds still counts [60, 90] = 30 s.
        FusedAttempt r = fuse(Q2,
                play("e1", T - sec(100), V1, 60),
                seek("e2", T - sec(80), V1, 80, 200),
                pause("e3", T - sec(70), V1, 210));
        // intervals [60, 80], [200, 210] -> 30 s
        assertThat(r.videoId).isNull();
        assertThat(r.segmentId).isNull();
        assertThat(r.videoCoverage).isNaN();
        assertThat(r.segmentSkipped).isFalse();
        assertThat(r.videoSeconds).isCloseTo(30.0, EPS);
        // Q3 links a video but no segment: the video is reported, coverage stays NaN.
        FusedAttempt q3 = fuse(Q3, play("e1", T - sec(100), V1, 60));
        assertThat(q3.videoId).isEqualTo(V1);
        assertThat(q3.segmentId).isNull();
        assertThat(q3.videoCoverage).isNaN();
    }

    @Test
    void zeroLengthSegmentHasNaNCoverageAndCannotBeSkipped() {
        // Q5 -> V2 [50, 50): watching [0, 100] and seeking over 50 change nothing.
        FusedAttempt r = fuse(Q5,
                play("e1", T - sec(300), V2, 0),
                ended("e2", T - sec(200), V2, 100),
                seek("e3", T - sec(100), V2, 10, 90));
        assertThat(r.segmentId).isEqualTo("C1/v2/empty");
        assertThat(r.videoCoverage).isNaN();
        assertThat(r.segmentSkipped).isFalse();
        assertThat(r.videoSeconds).isCloseTo(100.0, EPS);
    }

    @Test
    void attemptNeedNotBeInTheTimelineAndOtherLearnersAreIgnored() {
        LearnerEvent att = attempt(ATTEMPT_ID, T, Q1, 1, 1);
        LearnerEvent stranger = pageView("e0", T - sec(5));
        stranger.learnerId = "someone-else";
        LearnerEvent[] events = {
            play("e1", T - sec(100), V1, 60), pause("e2", T - sec(70), V1, 90), stranger
        };
        LearnerTimeline without = timeline(events);
        LearnerTimeline with = timeline(events);
        with.add(att);
        FusedAttempt a = calc.fuse(att, without);
        FusedAttempt b = calc.fuse(att, with);
        assertThat(a.sameResult(b)).isTrue();
        // [60, 90] -> 30/60; the stranger's page view is not counted and not "last activity" (70 s).
        assertThat(a.videoCoverage).isCloseTo(0.5, EPS);
        assertThat(a.pagesViewed).isZero();
        assertThat(a.secondsSinceLastActivity).isEqualTo(70.0);
    }

    @Test
    void customWindowLength() {
        // W = 60 s: the page view at T-61 s is out, the one at T-60 s in; the play at T-90 s is out so
        // the pause at T-30 s closes nothing.
        FusionCalculator oneMinute = new FusionCalculator(catalog, 60_000L);
        LearnerEvent att = attempt(ATTEMPT_ID, T, Q1, 1, 1);
        FusedAttempt r = oneMinute.fuse(att, timeline(
                play("e1", T - sec(90), V1, 60),
                pageView("e2", T - sec(61)),
                pageView("e3", T - sec(60)),
                pause("e4", T - sec(30), V1, 120)));
        assertThat(oneMinute.windowMs()).isEqualTo(60_000L);
        assertThat(r.pagesViewed).isEqualTo(1);
        assertThat(r.videoSeconds).isEqualTo(0.0);
    }

    @Test
    void isSerializable() throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(calc);
            out.writeObject(new WindowAggregator(catalog));
        }
    }
}
