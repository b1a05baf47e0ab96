package io.learnpulse.core.fusion;

import static io.learnpulse.core.fusion.Fixtures.T0;
import static io.learnpulse.core.fusion.Fixtures.V1;
import static io.learnpulse.core.fusion.Fixtures.V2;
import static io.learnpulse.core.fusion.Fixtures.pageView;
import static io.learnpulse.core.fusion.Fixtures.pause;
import static io.learnpulse.core.fusion.Fixtures.play;
import static io.learnpulse.core.fusion.Fixtures.sec;
import static io.learnpulse.core.fusion.Fixtures.seek;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PlaybackIntervalsTest {

    @Test
    void videosAreTrackedIndependently() {
        // V1 plays [0, 50] (T0 .. T0+50 s) while V2 plays [10, 30]; a page view changes nothing;
        // a seek on V2 while V2 is paused opens nothing.
        PlaybackIntervals p = new PlaybackIntervals(Fixtures.catalog());
        p.accept(play("a", T0, V1, 0));
        p.accept(play("b", T0 + sec(5), V2, 10));
        p.accept(pageView("c", T0 + sec(6)));
        p.accept(pause("d", T0 + sec(25), V2, 30));
        p.accept(seek("e", T0 + sec(26), V2, 30, 90));
        p.accept(pause("f", T0 + sec(50), V1, 50));
        p.closeOpenAt(T0 + sec(60));
        assertThat(p.size()).isEqualTo(2);
        assertThat(p.videoId(0)).isEqualTo(V2);
        assertThat(p.openTime(0)).isEqualTo(T0 + sec(5));
        assertThat(p.startPosition(0)).isEqualTo(10.0);
        assertThat(p.endPosition(0)).isEqualTo(30.0);
        assertThat(p.videoId(1)).isEqualTo(V1);
        assertThat(p.seconds(1)).isEqualTo(50.0);
        assertThat(p.totalSeconds()).isEqualTo(70.0);
    }

    @Test
    void coveredSecondsIsTheUnionWithinTheRange() {
        // V1 intervals [10, 20], [15, 30], [40, 50], [0, 5] (out of order on purpose), V2 [0, 100].
        // Within [12, 45): [12, 30] + [40, 45] = 18 + 5 = 23. V2 does not count.
        PlaybackIntervals p = new PlaybackIntervals(Fixtures.catalog());
        p.accept(play("a", T0, V1, 10));
        p.accept(pause("b", T0 + sec(10), V1, 20));
        p.accept(play("c", T0 + sec(20), V1, 15));
        p.accept(seek("d", T0 + sec(35), V1, 30, 40));
        p.accept(seek("e", T0 + sec(45), V1, 50, 0));
        p.accept(pause("f", T0 + sec(50), V1, 5));
        p.accept(play("g", T0 + sec(60), V2, 0));
        p.accept(pause("h", T0 + sec(160), V2, 100));
        assertThat(p.coveredSeconds(V1, 12, 45)).isCloseTo(23.0, within(1e-9));
        assertThat(p.coveredSeconds(V1, 0, 600)).isCloseTo(5 + 20 + 10, within(1e-9));
        assertThat(p.coveredSeconds(V1, 45, 45)).isEqualTo(0.0);
        assertThat(p.coveredSeconds("nope", 0, 600)).isEqualTo(0.0);
    }

    @Test
    void overlapSecondsUsesOpenTimePlusLength() {
        // [0, 30] opened at T0 spans [T0, T0+30 s); overlap with [T0+10 s, T0+20 s) is 10 s and with
        // [T0+25 s, T0+100 s) 5 s.
        PlaybackIntervals p = new PlaybackIntervals(Fixtures.catalog());
        p.accept(play("a", T0, V1, 0));
        p.accept(pause("b", T0 + sec(30), V1, 30));
        assertThat(p.overlapSeconds(T0 + sec(10), T0 + sec(20))).isEqualTo(10.0);
        assertThat(p.overlapSeconds(T0 + sec(25), T0 + sec(100))).isEqualTo(5.0);
        assertThat(p.overlapSeconds(T0 + sec(30), T0 + sec(100))).isEqualTo(0.0);
        p.clear();
        assertThat(p.size()).isZero();
    }
}
