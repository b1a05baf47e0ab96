package io.learnpulse.app;

import io.learnpulse.pipeline.source.MemoryLines;
import io.learnpulse.pipeline.source.MemorySource;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends generated lines on the schedule of the paced memory source ({@link MemorySource#paced}), for a fixed-rate
 * bench through Kafka: the record arriving at {@code a} (event-time clock) is due at {@link MemorySource#dueTime
 * start + (a - origin) / speedup}, after the same linear ramp, where {@code start} is the wall clock when sending
 * begins. The partitions are merged by arrival time (ties to the lower partition), as one memory source reader
 * merges its splits, and each record is sent once its due time has come, with that due time as its timestamp:
 * when sending falls behind, the delay counts toward the record's latency, as it would for a producer outside.
 */
final class PacedSender {
    /** The wall clock, and waiting on it. */
    interface Clock {
        long millis();

        /** Returns at {@code millis} or soon after. */
        void sleepUntil(long millis) throws InterruptedException;
    }

    /** Where a record goes: its learner partition, channel and line, sent with {@code timestamp}. */
    @FunctionalInterface
    interface Out {
        void send(int partition, String channel, String line, long timestamp) throws Exception;
    }

    /** The system clock, sleeping to the millisecond (as the memory source's reader waits for due records). */
    static final Clock SYSTEM = new Clock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public void sleepUntil(long millis) throws InterruptedException {
            long wait = millis - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
    };

    private final MemoryLines lines;
    private final long origin;
    private final double speedup;
    private final long rampMs;

    /**
     * @param origin the arrival time due at the start
     * @param speedup event-time milliseconds per wall-clock millisecond
     * @param rampMs the ramp of the rate from zero (the warm-up)
     */
    PacedSender(MemoryLines lines, long origin, double speedup, long rampMs) {
        if (!(speedup > 0) || Double.isInfinite(speedup) || rampMs < 0) {
            throw new IllegalArgumentException("speedup must be finite and > 0, rampMs >= 0");
        }
        this.lines = lines;
        this.origin = origin;
        this.speedup = speedup;
        this.rampMs = rampMs;
    }

    /**
     * Sends every line, each at its due time counted from now; returns how many were sent. Interrupting the
     * calling thread stops it (with an InterruptedException).
     */
    long run(Clock clock, Out out) throws Exception {
        long start = clock.millis();
        List<MemoryLines.Cursor> active = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        for (int p = 0; p < lines.partitionCount(); p++) {
            MemoryLines.Cursor c = lines.cursor(p);
            if (c.hasNext()) {
                active.add(c);
                partitions.add(p);
            }
        }
        long sent = 0;
        while (!active.isEmpty()) {
            if ((sent & 1023) == 0 && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("paced sending stopped");
            }
            int next = 0;
            long arrival = active.get(0).arrival();
            for (int i = 1; i < active.size(); i++) {
                long a = active.get(i).arrival();
                if (a < arrival) {
                    next = i;
                    arrival = a;
                }
            }
            long due = MemorySource.dueTime(start, arrival, origin, speedup, rampMs);
            if (due > clock.millis()) {
                clock.sleepUntil(due);
                continue;
            }
            MemoryLines.Cursor c = active.get(next);
            String channel = c.source();
            out.send(partitions.get(next), channel, c.line(), due);
            sent++;
            if (!c.hasNext()) {
                active.remove(next);
                partitions.remove(next);
            }
        }
        return sent;
    }

    /** When the last line is due, in milliseconds after the start. */
    long lastDueAfter() {
        long last = lines.lastArrival();
        return last == Long.MIN_VALUE ? 0 : MemorySource.dueTime(0, last, origin, speedup, rampMs);
    }
}
