package io.learnpulse.core.fusion;

import static io.learnpulse.core.fusion.Fixtures.pageView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.core.event.LearnerEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LearnerTimelineTest {

    private static List<String> ids(LearnerTimeline tl) {
        List<String> ids = new ArrayList<>();
        for (LearnerEvent e : tl.events()) {
            ids.add(e.eventId);
        }
        return ids;
    }

    @Test
    void emptyTimeline() {
        LearnerTimeline tl = new LearnerTimeline();
        assertThat(tl.size()).isZero();
        assertThat(tl.isEmpty()).isTrue();
        assertThat(tl.events()).isEmpty();
        assertThat(tl.indexAtOrAfter(0)).isZero();
        assertThat(tl.earliestTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(tl.latestTime()).isEqualTo(Long.MIN_VALUE);
        tl.evictBefore(Long.MAX_VALUE);
        assertThat(tl.size()).isZero();
    }

    @Test
    void keepsEventTimeOrderWithTiesBrokenById() {
        LearnerTimeline tl = new LearnerTimeline();
        assertThat(tl.add(pageView("c", 200))).isTrue();
        assertThat(tl.add(pageView("a", 100))).isTrue(); // before everything
        assertThat(tl.add(pageView("e", 300))).isTrue(); // append
        assertThat(tl.add(pageView("b", 200))).isTrue(); // tie with "c", smaller id -> before it
        assertThat(tl.add(pageView("d", 200))).isTrue(); // tie, larger id -> after "c"
        assertThat(ids(tl)).containsExactly("a", "b", "c", "d", "e");
        assertThat(tl.earliestTime()).isEqualTo(100);
        assertThat(tl.latestTime()).isEqualTo(300);
        assertThat(tl.get(2).eventId).isEqualTo("c");
    }

    @Test
    void rejectsDuplicateIdsWherever() {
        LearnerTimeline tl = new LearnerTimeline();
        assertThat(tl.add(pageView("a", 100))).isTrue();
        assertThat(tl.add(pageView("b", 200))).isTrue();
        assertThat(tl.add(pageView("a", 100))).isFalse(); // identical re-delivery
        assertThat(tl.add(pageView("b", 50))).isFalse(); // same id, other time
        assertThat(tl.add(pageView("a", 900))).isFalse(); // would be an append
        assertThat(ids(tl)).containsExactly("a", "b");
        assertThat(tl.contains("a")).isTrue();
        assertThat(tl.contains("z")).isFalse();
    }

    @Test
    void indexAtOrAfter() {
        LearnerTimeline tl = Fixtures.timeline(
                pageView("a", 100), pageView("b", 200), pageView("c", 200), pageView("d", 300));
        assertThat(tl.indexAtOrAfter(Long.MIN_VALUE)).isEqualTo(0);
        assertThat(tl.indexAtOrAfter(100)).isEqualTo(0);
        assertThat(tl.indexAtOrAfter(101)).isEqualTo(1);
        assertThat(tl.indexAtOrAfter(200)).isEqualTo(1); // first of the tie
        assertThat(tl.indexAtOrAfter(201)).isEqualTo(3);
        assertThat(tl.indexAtOrAfter(301)).isEqualTo(4);
    }

    @Test
    void evictBeforeDropsOlderEventsAndForgetsTheirIds() {
        LearnerTimeline tl = Fixtures.timeline(
                pageView("a", 100), pageView("b", 200), pageView("c", 200), pageView("d", 300));
        tl.evictBefore(200); // strictly older only
        assertThat(ids(tl)).containsExactly("b", "c", "d");
        assertThat(tl.earliestTime()).isEqualTo(200);
        assertThat(tl.indexAtOrAfter(300)).isEqualTo(2); // indices are relative to the oldest retained
        assertThat(tl.contains("a")).isFalse();
        assertThat(tl.add(pageView("a", 150))).isTrue(); // no longer present, so accepted again
        assertThat(ids(tl)).containsExactly("a", "b", "c", "d");
        tl.evictBefore(301);
        assertThat(tl.isEmpty()).isTrue();
        assertThat(tl.add(pageView("z", 10))).isTrue();
        assertThat(ids(tl)).containsExactly("z");
    }

    @Test
    void eventsViewIsReadOnly() {
        LearnerTimeline tl = Fixtures.timeline(pageView("a", 100));
        assertThatThrownBy(() -> tl.events().add(pageView("b", 200)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tl.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void slidingUseWithGrowthCompactionAndShrinking() {
        // 20 000 events at 10 ms steps arrive mostly in order (every 7th one swapped with its
        // predecessor) while everything older than 5 s (500 events) is evicted after every add.
        // Compare against a plain sorted list.
        Random random = new Random(42);
        List<LearnerEvent> reference = new ArrayList<>();
        LearnerTimeline tl = new LearnerTimeline();
        List<LearnerEvent> arrivals = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            arrivals.add(pageView(String.format("e%05d", i), 1_000_000L + i * 10L));
        }
        for (int i = 7; i < arrivals.size(); i += 7) {
            Collections.swap(arrivals, i, i - 1);
        }
        for (LearnerEvent e : arrivals) {
            assertThat(tl.add(e)).isTrue();
            reference.add(e);
            long cutoff = tl.latestTime() - 5_000;
            tl.evictBefore(cutoff);
            reference.removeIf(r -> r.eventTime < cutoff);
            if (random.nextInt(500) == 0) {
                reference.sort(LearnerEvent::compareByTime);
                assertThat(tl.events()).containsExactlyElementsOf(reference);
            }
        }
        reference.sort(LearnerEvent::compareByTime);
        assertThat(tl.events()).containsExactlyElementsOf(reference);
        assertThat(tl.size()).isBetween(500, 501);
        // draining completely and refilling works
        tl.evictBefore(Long.MAX_VALUE);
        assertThat(tl.isEmpty()).isTrue();
        assertThat(tl.add(pageView("again", 5))).isTrue();
        assertThat(tl.size()).isEqualTo(1);
    }
}
