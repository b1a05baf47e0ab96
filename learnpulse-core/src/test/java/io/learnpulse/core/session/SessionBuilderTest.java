package io.learnpulse.core.session;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.result.LearnerSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionBuilderTest {
    private static final long MIN = 60_000L;
    private static final long GAP = 30 * MIN;
    private static final long MAX = 24 * 60 * MIN;
    private static final long ACTIVE = 5 * MIN;

    private static LearnerEvent ev(long t, EventKind kind) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = "e" + t;
        e.learnerId = "L1";
        e.courseId = "c1";
        e.kind = kind;
        e.eventTime = t;
        return e;
    }

    @Test
    void aGapLongerThanThirtyMinutesStartsANewSession() {
        SessionBuilder b = new SessionBuilder();
        List<LearnerSession> out = new ArrayList<>();
        long[] times = {0, MIN, 3 * MIN, 13 * MIN, 13 * MIN + 31 * MIN};
        EventKind[] kinds = {EventKind.CLICK, EventKind.VIDEO, EventKind.ATTEMPT, EventKind.HINT, EventKind.CLICK};
        for (int i = 0; i < times.length; i++) {
            LearnerSession closed = b.add(ev(times[i], kinds[i]), GAP, MAX, ACTIVE);
            if (closed != null) {
                out.add(closed);
            }
        }
        assertThat(out).hasSize(1);
        LearnerSession s = out.get(0);
        assertThat(s.key).isEqualTo("L1@0");
        assertThat(s.start).isZero();
        assertThat(s.end).isEqualTo(13 * MIN);
        assertThat(s.events).isEqualTo(4);
        assertThat(s.clicks).isEqualTo(1);
        assertThat(s.videoEvents).isEqualTo(1);
        assertThat(s.attempts).isEqualTo(1);
        assertThat(s.hints).isEqualTo(1);
        // gaps of 1, 2 and 10 minutes: the 10-minute gap is idle time, not active time
        assertThat(s.activeSeconds).isEqualTo(180.0);
        assertThat(b.isOpen()).isTrue();
    }

    @Test
    void theOpenSessionClosesOnlyOnceTheFrontierIsMoreThanTheGapAfterItsLastEvent() {
        SessionBuilder b = new SessionBuilder();
        b.add(ev(0, EventKind.CLICK), GAP, MAX, ACTIVE);
        assertThat(b.closeIfIdle(GAP, GAP)).isNull();
        LearnerSession s = b.closeIfIdle(GAP + 1, GAP);
        assertThat(s.events).isEqualTo(1);
        assertThat(s.activeSeconds).isZero();
        assertThat(b.isOpen()).isFalse();
    }

    @Test
    void activityLongerThanTheMaximumDurationIsSplit() {
        SessionBuilder b = new SessionBuilder();
        List<LearnerSession> out = new ArrayList<>();
        // an event every 20 minutes for 30 hours: never a 30-minute gap
        for (long t = 0; t <= 30 * 60 * MIN; t += 20 * MIN) {
            LearnerSession closed = b.add(ev(t, EventKind.CLICK), GAP, MAX, ACTIVE);
            if (closed != null) {
                out.add(closed);
            }
        }
        assertThat(out).hasSize(1);
        assertThat(out.get(0).start).isZero();
        assertThat(out.get(0).end).isEqualTo(24 * 60 * MIN - 20 * MIN);
        assertThat(out.get(0).events).isEqualTo(72);
        assertThat(b.start).isEqualTo(24 * 60 * MIN);
    }
}
