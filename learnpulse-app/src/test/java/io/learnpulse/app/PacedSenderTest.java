package io.learnpulse.app;

import io.learnpulse.pipeline.source.MemoryLines;
import io.learnpulse.pipeline.source.MemorySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The paced Kafka sender's schedule, on a simulated clock that moves only when the sender sleeps: each record goes
 * out at its due time on the paced memory source's schedule, stamped with it, in arrival order over the partitions.
 */
class PacedSenderTest {
    private static final long ORIGIN = 1_000_000;
    private final List<MemoryLines> registered = new ArrayList<>();

    @AfterEach
    void release() {
        registered.forEach(MemoryLines::release);
    }

    /** A simulated wall clock: sleeping moves it to the wake-up time at once; sending takes no time. */
    private static final class SimClock implements PacedSender.Clock {
        long now;
        int sleeps;

        SimClock(long start) {
            now = start;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public void sleepUntil(long millis) {
            sleeps++;
            now = Math.max(now, millis);
        }
    }

    private record Sent(int partition, String channel, String line, long timestamp, long sentAt) {}

    private MemoryLines lines(long[][] arrivals) {
        MemoryLines.Partition[] parts = MemoryLines.newPartitions(arrivals.length);
        for (int p = 0; p < arrivals.length; p++) {
            for (long a : arrivals[p]) {
                parts[p].append(p == 0 ? "video" : "assessment", "p" + p + "@" + a, ORIGIN + a);
            }
        }
        MemoryLines lines = MemoryLines.register("paced-sender-test-" + System.nanoTime(), parts);
        registered.add(lines);
        return lines;
    }

    private static List<Sent> run(PacedSender sender, SimClock clock) throws Exception {
        List<Sent> sent = new ArrayList<>();
        long n = sender.run(clock, (partition, channel, line, timestamp) ->
                sent.add(new Sent(partition, channel, line, timestamp, clock.millis())));
        assertThat(n).isEqualTo(sent.size());
        return sent;
    }

    @Test
    void sendsEachRecordAtItsDueTimeStampedWithItInArrivalOrder() throws Exception {
        // Event time runs 10x faster than the wall clock, no ramp: an arrival 1,000 ms after the origin is due
        // 100 ms after the start.
        MemoryLines lines = lines(new long[][] {{0, 1_000, 1_000, 5_000}, {500, 1_000, 20_000}});
        SimClock clock = new SimClock(7_000);
        List<Sent> sent = run(new PacedSender(lines, ORIGIN, 10.0, 0), clock);

        assertThat(sent).extracting(Sent::line).containsExactly("p0@0", "p1@500", "p0@1000", "p0@1000", "p1@1000",
                "p0@5000", "p1@20000");
        assertThat(sent).extracting(Sent::timestamp).containsExactly(7_000L, 7_050L, 7_100L, 7_100L, 7_100L, 7_500L,
                9_000L);
        assertThat(sent).extracting(Sent::partition).containsExactly(0, 1, 0, 0, 1, 0, 1);
        assertThat(sent).extracting(Sent::channel).containsExactly("video", "assessment", "video", "video",
                "assessment", "video", "assessment");
        // Never early, and on time since sending takes no time here.
        assertThat(sent).allSatisfy(s -> assertThat(s.sentAt()).isEqualTo(s.timestamp()));
        assertThat(clock.sleeps).isEqualTo(4);
    }

    @Test
    void followsTheMemorySourceScheduleThroughTheRamp() throws Exception {
        long[] arrivals = new long[200];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = i * 1_000L;
        }
        MemoryLines lines = lines(new long[][] {arrivals});
        double speedup = 100;
        long ramp = 1_000;
        SimClock clock = new SimClock(50_000);
        List<Sent> sent = run(new PacedSender(lines, ORIGIN, speedup, ramp), clock);

        assertThat(sent).hasSize(arrivals.length);
        for (int i = 0; i < arrivals.length; i++) {
            assertThat(sent.get(i).timestamp()).as("record %d", i)
                    .isEqualTo(MemorySource.dueTime(50_000, ORIGIN + arrivals[i], ORIGIN, speedup, ramp));
        }
        // Within the ramp (the first 50 s of event time at 100x over 1 s) the rate rises from zero: the first
        // half of it is sent in the ramp's first 707 ms, a quarter in its first half.
        assertThat(sent.get(25).timestamp() - 50_000).isEqualTo(707);
        assertThat(sent.get(12).timestamp() - 50_000).isLessThan(500);
        // Then 100x: an arrival 150 s after the origin is due 1,500 ms + half the ramp after the start.
        assertThat(sent.get(150).timestamp() - 50_000).isEqualTo(2_000);
        assertThat(new PacedSender(lines, ORIGIN, speedup, ramp).lastDueAfter())
                .isEqualTo(MemorySource.dueTime(0, ORIGIN + 199_000, ORIGIN, speedup, ramp));
    }

    @Test
    void aSenderThatFallsBehindKeepsTheDueTimesAsTimestamps() throws Exception {
        MemoryLines lines = lines(new long[][] {{0, 100, 200, 300}});
        SimClock clock = new SimClock(0);
        List<Sent> sent = new ArrayList<>();
        new PacedSender(lines, ORIGIN, 1.0, 0).run(clock, (partition, channel, line, timestamp) -> {
            sent.add(new Sent(partition, channel, line, timestamp, clock.millis()));
            clock.now += 250; // each send takes 250 ms
        });
        assertThat(sent).extracting(Sent::timestamp).containsExactly(0L, 100L, 200L, 300L);
        assertThat(sent).extracting(Sent::sentAt).containsExactly(0L, 250L, 500L, 750L);
    }

    @Test
    void refusesASpeedupThatIsNotAPositiveNumber() {
        MemoryLines lines = lines(new long[][] {{0}});
        assertThatThrownBy(() -> new PacedSender(lines, ORIGIN, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacedSender(lines, ORIGIN, Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacedSender(lines, ORIGIN, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
