package io.learnpulse.core.fusion;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.result.LearnerAggregate;

import java.io.Serializable;
import java.util.Objects;

/**
 * A learner's activity in one sliding event-time window {@code [windowStart, windowEnd)}, all courses
 * (docs/formats.md, "Learner window aggregates").
 *
 * <p>Counts use the events with event time in the window. Playback time needs the intervals that are
 * still open into the window, so video events from {@code [windowStart - lookback, windowStart)} are
 * replayed too (default lookback {@value #DEFAULT_PLAYBACK_LOOKBACK_MS} ms = 1 hour). The result is a
 * pure function of the learner's events in {@code [windowStart - lookback, windowEnd)}; the caller
 * must retain at least that range.
 *
 * <p>Stateless apart from its configuration; safe to share between threads.
 */
public final class WindowAggregator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default sliding window size: 5 minutes. */
    public static final long DEFAULT_SIZE_MS = 300_000L;
    /** Default sliding window slide: 1 minute. */
    public static final long DEFAULT_SLIDE_MS = 60_000L;
    /** Default look-back for playback intervals opened before the window: 1 hour. */
    public static final long DEFAULT_PLAYBACK_LOOKBACK_MS = 3_600_000L;

    private static final String PAGE_VIEW = "page_view";
    private static final long[] NO_WINDOWS = new long[0];

    private final Catalog catalog;
    private final long playbackLookbackMs;

    public WindowAggregator(Catalog catalog) {
        this(catalog, DEFAULT_PLAYBACK_LOOKBACK_MS);
    }

    public WindowAggregator(Catalog catalog, long playbackLookbackMs) {
        if (playbackLookbackMs < 0) {
            throw new IllegalArgumentException("playbackLookbackMs must be >= 0, was " + playbackLookbackMs);
        }
        this.catalog = catalog == null ? Catalog.empty() : catalog;
        this.playbackLookbackMs = playbackLookbackMs;
    }

    public long playbackLookbackMs() {
        return playbackLookbackMs;
    }

    /** The earliest event time {@link #aggregate} reads for a window starting at {@code windowStart}. */
    public long earliestNeededTime(long windowStart) {
        long from = windowStart - playbackLookbackMs;
        return from > windowStart ? Long.MIN_VALUE : from;
    }

    /**
     * Aggregates the learner's events in {@code [windowStart, windowEnd)}. {@code status} and
     * {@code revision} are left unset.
     */
    public LearnerAggregate aggregate(String learnerId, long windowStart, long windowEnd, LearnerTimeline timeline) {
        return aggregate(learnerId, windowStart, windowEnd, timeline, new PlaybackIntervals(catalog));
    }

    /**
     * As {@link #aggregate(String, long, long, LearnerTimeline)}, rebuilding playback in {@code playback}
     * (cleared first; created on the same catalog), so that a caller aggregating many windows allocates it once.
     */
    public LearnerAggregate aggregate(String learnerId, long windowStart, long windowEnd, LearnerTimeline timeline,
                                      PlaybackIntervals playback) {
        Objects.requireNonNull(learnerId, "learnerId");
        Objects.requireNonNull(timeline, "timeline");
        if (windowEnd < windowStart) {
            throw new IllegalArgumentException("window end " + windowEnd + " before start " + windowStart);
        }
        LearnerAggregate a = new LearnerAggregate();
        a.key = learnerId + "@" + windowEnd;
        a.learnerId = learnerId;
        a.windowStart = windowStart;
        a.windowEnd = windowEnd;

        playback.clear();
        int events = 0;
        int attempts = 0;
        int correct = 0;
        int scored = 0;
        double scoreSum = 0;
        int hints = 0;
        int pages = 0;

        for (int i = timeline.indexAtOrAfter(earliestNeededTime(windowStart)), n = timeline.size(); i < n; i++) {
            LearnerEvent e = timeline.get(i);
            if (e.eventTime >= windowEnd) {
                break;
            }
            if (!learnerId.equals(e.learnerId)) {
                continue;
            }
            playback.accept(e);
            if (e.eventTime < windowStart) {
                continue; // look-back: only its playback state matters
            }
            events++;
            if (e.kind == null) {
                continue;
            }
            switch (e.kind) {
                case ATTEMPT:
                    attempts++;
                    if (e.correct) {
                        correct++;
                    }
                    double ratio = e.score / e.maxScore;
                    if (Double.isFinite(ratio)) {
                        scoreSum += ratio;
                        scored++;
                    }
                    break;
                case HINT:
                    hints++;
                    break;
                case CLICK:
                    if (PAGE_VIEW.equals(e.clickType)) {
                        pages++;
                    }
                    break;
                default:
                    break;
            }
        }
        playback.closeOpenAt(windowEnd);

        a.events = events;
        a.attempts = attempts;
        a.correct = correct;
        a.meanScore = scored == 0 ? Double.NaN : scoreSum / scored;
        a.hints = hints;
        a.pagesViewed = pages;
        a.videoSeconds = playback.overlapSeconds(windowStart, windowEnd);
        return a;
    }

    /** {@link #windowEndsContaining(long, long, long)} with the default 5 min size and 1 min slide. */
    public static long[] windowEndsContaining(long t) {
        return windowEndsContaining(t, DEFAULT_SIZE_MS, DEFAULT_SLIDE_MS);
    }

    /**
     * Ends of the sliding windows {@code [end - sizeMs, end)} that contain {@code t}, in ascending
     * order. Windows start at multiples of {@code slideMs} since the epoch (Flink's
     * {@code SlidingEventTimeWindows} with offset 0); empty when {@code t} falls in a gap because the
     * slide exceeds the size.
     */
    public static long[] windowEndsContaining(long t, long sizeMs, long slideMs) {
        if (sizeMs <= 0 || slideMs <= 0) {
            throw new IllegalArgumentException("size and slide must be > 0, were " + sizeMs + ", " + slideMs);
        }
        long lastStart = t - Math.floorMod(t, slideMs);
        long reach = sizeMs - (t - lastStart); // how far the latest window extends past t, > 0 if it contains t
        if (reach <= 0) {
            return NO_WINDOWS;
        }
        int n = (int) ((reach - 1) / slideMs + 1);
        long[] ends = new long[n];
        for (int j = 0; j < n; j++) {
            ends[j] = lastStart - (long) (n - 1 - j) * slideMs + sizeMs;
        }
        return ends;
    }
}
