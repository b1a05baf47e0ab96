package io.learnpulse.serving;

import static io.learnpulse.serving.Fixtures.MINUTE;
import static io.learnpulse.serving.Fixtures.T0;
import static io.learnpulse.serving.Fixtures.fin;
import static io.learnpulse.serving.Fixtures.mastery;
import static io.learnpulse.serving.Fixtures.questionStats;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.result.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryServingStoreTest extends ServingStoreContractTest {

    @Override
    protected ServingStore newStore(StoreSettings settings) {
        return new MemoryServingStore(settings);
    }

    @Test
    void everythingExpiresTheTtlAfterTheLastWriteConcerningIt() {
        AtomicLong now = new AtomicLong(1_000_000);
        MemoryServingStore s = new MemoryServingStore(StoreSettings.defaults().withTtl(Duration.ofMinutes(10)), 100, 100,
                now::get);
        write(s, mastery("L1", "c1", "s1", 0.5, 2, T0, Status.FINAL), questionStats("c1/q1", "c1", 3, T0, Status.FINAL, 1));
        s.enroll("L2", "c1");

        now.addAndGet(9 * MINUTE);
        // A write about L1 in course c1 renews both; L2 and its enrollment are not renewed.
        write(s, fin("a1", "L1", "c1", T0 + MINUTE, 1));
        now.addAndGet(MINUTE);
        assertThat(s.learner("L2")).isEmpty();
        assertThat(s.isEnrolled("L2", "c1")).isFalse();
        assertThat(s.learner("L1").orElseThrow().mastery()).containsOnlyKeys("s1");
        assertThat(s.course("c1", 10, 10).questionStats()).containsOnlyKeys("c1/q1");

        now.addAndGet(9 * MINUTE - 1);
        assertThat(s.learner("L1")).isPresent();
        now.addAndGet(1);
        assertThat(s.learner("L1")).isEmpty();
        assertThat(s.isEnrolled("L1", "c1")).isFalse();
        assertThat(s.course("c1", 10, 10).eventTime()).isNull();
        assertThat(s.course("c1", 10, 10).questionStats()).isEmpty();
    }

    @Test
    void holdsAtMostMaxLearnersDroppingTheLeastRecentlyUsed() {
        MemoryServingStore s = new MemoryServingStore(StoreSettings.defaults(), 3, 10, System::currentTimeMillis);
        for (int i = 0; i < 3; i++) {
            write(s, fin("a" + i, "L" + i, "c1", T0 + i, 1));
        }
        assertThat(s.learner("L0")).isPresent(); // now the most recently used
        write(s, fin("a3", "L3", "c1", T0 + 3, 1));
        assertThat(s.learnerCount()).isEqualTo(3);
        assertThat(List.of("L0", "L1", "L2", "L3")).filteredOn(l -> s.learner(l).isPresent())
                .containsExactly("L0", "L2", "L3");
    }

    @Test
    void subscriptionsAreRemovedWhenClosed() {
        MemoryServingStore s = new MemoryServingStore(StoreSettings.defaults());
        ServingStore.Subscription a = s.subscribe("c1", json -> { });
        ServingStore.Subscription b = s.subscribe("c1", json -> { });
        assertThat(s.subscribers("c1")).isEqualTo(2);
        a.close();
        a.close();
        assertThat(s.subscribers("c1")).isEqualTo(1);
        b.close();
        assertThat(s.subscribers("c1")).isZero();
    }
}
