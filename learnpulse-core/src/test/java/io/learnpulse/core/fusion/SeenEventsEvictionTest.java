package io.learnpulse.core.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Eviction removes ids from the index one by one: a long random run against a plain map and queue. */
class SeenEventsEvictionTest {

    @Test
    void agreesWithAMapAndAQueueThroughRandomArrivalsAndEvictions() {
        SplittableRandom random = new SplittableRandom(11);
        SeenEvents seen = new SeenEvents();
        Map<String, Long> content = new HashMap<>();
        Deque<String> arrivals = new ArrayDeque<>();
        Map<String, Long> times = new HashMap<>();
        long clock = 0;
        for (int step = 0; step < 200_000; step++) {
            clock += random.nextInt(3);
            if (random.nextInt(50) == 0) {
                long cutOff = clock - random.nextInt(400);
                seen.evictBefore(cutOff);
                while (!arrivals.isEmpty() && times.get(arrivals.peekFirst()) < cutOff) {
                    String id = arrivals.pollFirst();
                    content.remove(id);
                    times.remove(id);
                }
                assertThat(seen.size()).isEqualTo(arrivals.size());
                continue;
            }
            // Ids from a small pool, so that duplicates, conflicts and re-use after eviction all happen.
            String id = "e" + random.nextInt(2_000);
            long hash = random.nextInt(2);
            long time = clock - random.nextInt(50);
            Long known = content.get(id);
            int expected = known == null ? SeenEvents.NEW : known == hash ? SeenEvents.DUPLICATE : SeenEvents.CONFLICT;
            assertThat(seen.check(id, hash, time)).as("step %d id %s", step, id).isEqualTo(expected);
            if (known == null) {
                content.put(id, hash);
                times.put(id, time);
                arrivals.addLast(id);
            }
        }
    }
}
