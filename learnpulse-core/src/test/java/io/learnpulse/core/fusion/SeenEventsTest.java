package io.learnpulse.core.fusion;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeenEventsTest {

    @Test
    void tellsNewDuplicateAndConflictingIdsApart() {
        SeenEvents s = new SeenEvents();
        assertThat(s.check("e1", 11, 100)).isEqualTo(SeenEvents.NEW);
        assertThat(s.check("e1", 11, 100)).isEqualTo(SeenEvents.DUPLICATE);
        assertThat(s.check("e1", 12, 100)).isEqualTo(SeenEvents.CONFLICT);
        assertThat(s.check("e2", 11, 100)).isEqualTo(SeenEvents.NEW);
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void forgetsIdsOlderThanTheCutOffAndShrinksToNothing() {
        SeenEvents s = new SeenEvents();
        for (int i = 0; i < 1000; i++) {
            assertThat(s.check("e" + i, i, i * 10L)).isEqualTo(SeenEvents.NEW);
        }
        s.evictBefore(5000);
        assertThat(s.size()).isEqualTo(500);
        assertThat(s.oldestEventTime()).isEqualTo(5000);
        assertThat(s.check("e10", 10, 100)).isEqualTo(SeenEvents.NEW);   // forgotten: new again
        assertThat(s.check("e600", 600, 6000)).isEqualTo(SeenEvents.DUPLICATE);
        s.evictBefore(Long.MAX_VALUE);
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.check("e600", 600, 6000)).isEqualTo(SeenEvents.NEW);
    }

    @Test
    void restoresFromItsEntriesInArrivalOrder() {
        SeenEvents s = new SeenEvents();
        s.check("a", 1, 30);
        s.check("b", 2, 10);
        s.check("c", 3, 20);
        SeenEvents copy = new SeenEvents();
        for (int k = 0; k < s.size(); k++) {
            copy.restore(s.idHashAt(k), s.contentHashAt(k), s.eventTimeAt(k));
        }
        assertThat(copy.check("b", 2, 10)).isEqualTo(SeenEvents.DUPLICATE);
        assertThat(copy.check("c", 4, 20)).isEqualTo(SeenEvents.CONFLICT);
        // oldest arrival first: "a" (30) holds back "b" (10) until it expires itself
        copy.evictBefore(25);
        assertThat(copy.size()).isEqualTo(3);
        copy.evictBefore(31);
        assertThat(copy.size()).isZero();
    }
}
