package io.learnpulse.app;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long output records take to become visible to {@code read_committed} consumers after they are written,
 * from samples of each output partition's two ends: the high watermark (records appended, committed or not, as
 * {@code read_uncommitted} consumers see them) and the last stable offset (the end for {@code read_committed}
 * consumers, held back by the oldest open transaction). When a sample finds the high watermark past its previous
 * value, the new value is noted with the sample's time; the first later sample whose last stable offset has
 * reached it gives that record's delay. Exact to the sampling period. Not thread-safe.
 */
final class OutputVisibility {
    private final Map<TopicPartition, Deque<long[]>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> lastEnd = new HashMap<>();
    private final List<Long> delays = new ArrayList<>();

    /**
     * One sample at {@code nowMs}: each partition's high watermark ({@code ends}) and last stable offset
     * ({@code stable}).
     */
    void sample(long nowMs, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> stable) {
        ends.forEach((tp, end) -> {
            if (end > lastEnd.getOrDefault(tp, 0L)) {
                pending.computeIfAbsent(tp, t -> new ArrayDeque<>()).add(new long[] {end, nowMs});
                lastEnd.put(tp, end);
            }
        });
        stable.forEach((tp, lso) -> {
            Deque<long[]> q = pending.get(tp);
            while (q != null && !q.isEmpty() && q.peek()[0] <= lso) {
                delays.add(nowMs - q.poll()[1]);
            }
        });
    }

    /** Delays measured so far, in milliseconds. */
    int count() {
        return delays.size();
    }

    /** The {@code q} quantile of the delays (nearest rank), or -1 with none. */
    long quantileMs(double q) {
        if (delays.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** e.g. "p50 4.9 s, p95 9.4 s, max 10.1 s (312 samples)"; null with none. */
    String summary() {
        if (delays.isEmpty()) {
            return null;
        }
        return String.format(Locale.ROOT, "p50 %.1f s, p95 %.1f s, max %.1f s (%,d samples)", quantileMs(0.5) / 1e3,
                quantileMs(0.95) / 1e3, quantileMs(1.0) / 1e3, delays.size());
    }
}
