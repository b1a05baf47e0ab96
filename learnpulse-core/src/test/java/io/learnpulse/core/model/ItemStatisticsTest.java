package io.learnpulse.core.model;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemStatisticsTest {

    @Test
    void pointBiserialAgainstAHandComputedCase() {
        // X (first attempt correct) = 1, 1, 0, 1, 0; Y (learner's earlier rate) = 0.8, 0.6, 0.4, 1.0, 0.2
        ItemStatistics s = new ItemStatistics("q");
        double[] y = {0.8, 0.6, 0.4, 1.0, 0.2};
        boolean[] x = {true, true, false, true, false};
        for (int i = 0; i < 5; i++) {
            s.addAttempt(1, x[i], y[i]);
        }
        // n = 5, Σx = 3, Σy = 3.0, Σy² = 0.64 + 0.36 + 0.16 + 1 + 0.04 = 2.2, Σxy = 0.8 + 0.6 + 1.0 = 2.4
        // r = (5·2.4 − 3·3) / sqrt((5·3 − 9)(5·2.2 − 9)) = 3 / sqrt(6 · 2) = √3 / 2 = 0.8660254...
        // textbook form: M1 = 0.8, M0 = 0.3, s = sqrt(2.2/5 − 0.6²) = sqrt(0.08), p = 0.6:
        // (0.8 − 0.3) / sqrt(0.08) · sqrt(0.6 · 0.4) = 0.5 · sqrt(3) = 0.8660254...
        assertThat(s.discrimination()).isCloseTo(Math.sqrt(3) / 2, within(1e-12));
        assertThat(s.difficulty()).isEqualTo(0.6);
        assertThat(s.pairs).isEqualTo(5);
    }

    @Test
    void undefinedCasesAreNaN() {
        ItemStatistics s = new ItemStatistics("q");
        assertThat(s.difficulty()).isNaN();
        assertThat(s.meanHints()).isNaN();
        assertThat(s.discrimination()).isNaN();
        s.addAttempt(1, true, 0.5);
        assertThat(s.discrimination()).isNaN(); // one pair
        s.addAttempt(1, true, 0.7);
        assertThat(s.discrimination()).isNaN(); // X constant
        s.addAttempt(1, false, Double.NaN);     // no earlier first attempt: not a pair
        assertThat(s.pairs).isEqualTo(2);
        assertThat(s.discrimination()).isNaN();
        ItemStatistics flatY = new ItemStatistics("q");
        flatY.addAttempt(1, true, 0.5);
        flatY.addAttempt(1, false, 0.5);
        assertThat(flatY.discrimination()).isNaN(); // Y constant
    }

    @Test
    void mergingPartsEqualsAddingEverythingToOne() {
        ItemStatistics all = new ItemStatistics("q");
        ItemStatistics a = new ItemStatistics("q");
        ItemStatistics b = new ItemStatistics("q");
        double[] y = {0.8, 0.6, 0.4, 1.0, 0.2, Double.NaN, 0.55};
        boolean[] x = {true, true, false, true, false, true, false};
        for (int i = 0; i < y.length; i++) {
            all.addAttempt(1, x[i], y[i]);
            (i % 2 == 0 ? a : b).addAttempt(1, x[i], y[i]);
        }
        all.addAttempt(2, true, 0.3);
        b.addAttempt(2, true, 0.3);
        all.addHints(4);
        a.addHints(4);
        a.merge(b);
        assertThat(a.attempts).isEqualTo(all.attempts).isEqualTo(8);
        assertThat(a.firstAttempts).isEqualTo(7);
        assertThat(a.hints).isEqualTo(4);
        assertThat(a.difficulty()).isEqualTo(all.difficulty());
        assertThat(a.meanHints()).isEqualTo(4.0 / 7.0);
        assertThat(a.discrimination()).isCloseTo(all.discrimination(), within(1e-12));
    }

    @Test
    void fromAnEventStreamWithEarlierFirstAttemptsAsTheCriterion() {
        List<LearnerEvent> events = new ArrayList<>();
        long t = 0;
        // L1: q1 ✓, q2 ✓, qx ✓   -> at qx the earlier rate is 2/2 = 1.0
        // L2: q1 ✓, q2 ✗, qx ✓   -> 1/2 = 0.5
        // L3: q1 ✗, q2 ✗, qx ✗   -> 0/2 = 0.0, then a retry on qx (attempt 2) and two hints on qx
        // L4: qx ✗ (no earlier first attempt: counts for difficulty, not for discrimination)
        String[][] plan = {{"L1", "q1", "1"}, {"L1", "q2", "1"}, {"L1", "qx", "1"},
                           {"L2", "q1", "1"}, {"L2", "q2", "0"}, {"L2", "qx", "1"},
                           {"L3", "q1", "0"}, {"L3", "q2", "0"}, {"L3", "qx", "0"},
                           {"L4", "qx", "0"}};
        for (String[] p : plan) {
            events.add(attempt(p[0], p[1], 1, p[2].equals("1"), t++));
        }
        events.add(hint("L3", "qx", t++));
        events.add(hint("L3", "qx", t++));
        events.add(attempt("L3", "qx", 2, true, t++));
        ItemStatisticsCalculator calc = new ItemStatisticsCalculator();
        calc.acceptAll(events);

        ItemStatistics qx = calc.items().get("qx");
        assertThat(qx.attempts).isEqualTo(5);
        assertThat(qx.firstAttempts).isEqualTo(4);
        assertThat(qx.difficulty()).isEqualTo(0.5);
        assertThat(qx.meanHints()).isEqualTo(0.5);
        assertThat(qx.pairs).isEqualTo(3);
        // X = 1, 1, 0; Y = 1.0, 0.5, 0.0: n = 3, Σx = 2, Σy = 1.5, Σy² = 1.25, Σxy = 1.5
        // r = (3·1.5 − 2·1.5) / sqrt((3·2 − 4)(3·1.25 − 2.25)) = 1.5 / sqrt(2 · 1.5) = √3 / 2
        assertThat(qx.discrimination()).isCloseTo(Math.sqrt(3) / 2, within(1e-12));

        ItemStatistics q1 = calc.items().get("q1");
        assertThat(q1.difficulty()).isCloseTo(2.0 / 3.0, within(1e-15));
        assertThat(q1.pairs).isZero(); // every q1 attempt was its learner's first
        assertThat(calc.items().keySet()).containsExactly("q1", "q2", "qx");
    }

    private static LearnerEvent attempt(String learner, String q, int n, boolean correct, long t) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = learner + "-" + q + "-" + n + "-" + t;
        e.kind = EventKind.ATTEMPT;
        e.learnerId = learner;
        e.questionId = q;
        e.attemptNumber = n;
        e.correct = correct;
        e.eventTime = t;
        return e;
    }

    private static LearnerEvent hint(String learner, String q, long t) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = learner + "-h-" + t;
        e.kind = EventKind.HINT;
        e.learnerId = learner;
        e.questionId = q;
        e.eventTime = t;
        return e;
    }
}
