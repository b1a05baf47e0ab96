package io.learnpulse.core.fusion;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.result.FusedAttempt;

import java.io.Serializable;
import java.util.Objects;

/**
 * Fuses an assessment attempt with the learner's engagement in the fusion window before it, as
 * defined in docs/formats.md, "Fusion context".
 *
 * <p>The fusion window of an attempt at time t is the events of the same learner and course with
 * event time in {@code [t - W, t]} that precede the attempt in event-time order
 * ({@link LearnerEvent#compareByTime}). The result is a pure function of the attempt and the set of
 * events in that range, so it does not depend on the order in which they were added to the timeline.
 *
 * <p>Stateless apart from its configuration; safe to share between threads.
 */
public final class FusionCalculator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default fusion window W: 10 minutes. */
    public static final long DEFAULT_WINDOW_MS = 600_000L;

    private static final String PAGE_VIEW = "page_view";
    private static final String[] NO_SKILLS = new String[0];

    private final Catalog catalog;
    private final long windowMs;

    public FusionCalculator(Catalog catalog) {
        this(catalog, DEFAULT_WINDOW_MS);
    }

    public FusionCalculator(Catalog catalog, long windowMs) {
        if (windowMs < 0) {
            throw new IllegalArgumentException("windowMs must be >= 0, was " + windowMs);
        }
        this.catalog = catalog == null ? Catalog.empty() : catalog;
        this.windowMs = windowMs;
    }

    public long windowMs() {
        return windowMs;
    }

    /**
     * Computes the fused result of {@code attempt} from the events in {@code timeline}. The attempt
     * itself may or may not be in the timeline. {@code status} and {@code revision} are left unset.
     */
    public FusedAttempt fuse(LearnerEvent attempt, LearnerTimeline timeline) {
        return fuse(attempt, timeline, new PlaybackIntervals(catalog));
    }

    /**
     * As {@link #fuse(LearnerEvent, LearnerTimeline)}, rebuilding playback in {@code playback} (cleared
     * first; created on the same catalog), so that a caller fusing many attempts allocates it once.
     */
    public FusedAttempt fuse(LearnerEvent attempt, LearnerTimeline timeline, PlaybackIntervals playback) {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(attempt.eventId, "attempt.eventId");
        Objects.requireNonNull(timeline, "timeline");

        FusedAttempt r = new FusedAttempt();
        r.key = attempt.eventId;
        r.eventId = attempt.eventId;
        r.learnerId = attempt.learnerId;
        r.courseId = attempt.courseId;
        r.questionId = attempt.questionId;
        r.attemptNumber = attempt.attemptNumber;
        r.correct = attempt.correct;
        r.score = attempt.score;
        r.maxScore = attempt.maxScore;
        r.eventTime = attempt.eventTime;
        r.ingestTime = attempt.ingestTime;

        Question question = catalog.question(attempt.questionId);
        r.skillIds = skillsOf(attempt, question);
        Segment segment = question == null ? null : catalog.segment(question.segmentId);
        r.segmentId = segment == null ? null : segment.segmentId;
        r.videoId = segment != null ? segment.videoId : question == null ? null : question.videoId;

        long t = attempt.eventTime;
        long from = t - windowMs;
        if (from > t) {
            from = Long.MIN_VALUE; // underflow
        }
        playback.clear();
        int pages = 0;
        int hints = 0;
        boolean skipped = false;
        boolean anyPreceding = false;
        long lastTime = 0;

        for (int i = timeline.indexAtOrAfter(from), n = timeline.size(); i < n; i++) {
            LearnerEvent e = timeline.get(i);
            if (LearnerEvent.compareByTime(e, attempt) >= 0) {
                break; // at or after the attempt in event-time order
            }
            if (!Objects.equals(e.learnerId, attempt.learnerId) || !Objects.equals(e.courseId, attempt.courseId)) {
                continue;
            }
            anyPreceding = true;
            lastTime = e.eventTime;
            if (e.kind == null) {
                continue;
            }
            switch (e.kind) {
                case VIDEO:
                    playback.accept(e);
                    if (!skipped && segment != null && isForwardSeekOver(e, segment)) {
                        skipped = true;
                    }
                    break;
                case CLICK:
                    if (PAGE_VIEW.equals(e.clickType)) {
                        pages++;
                    }
                    break;
                case HINT:
                    if (attempt.questionId != null && attempt.questionId.equals(e.questionId)) {
                        hints++;
                    }
                    break;
                default:
                    break;
            }
        }
        playback.closeOpenAt(t);

        r.videoSeconds = playback.totalSeconds();
        if (segment != null && segment.length() > 0) {
            double covered = playback.coveredSeconds(segment.videoId, segment.start, segment.end);
            r.videoCoverage = Math.min(1.0, covered / segment.length());
        } else {
            r.videoCoverage = Double.NaN;
        }
        r.segmentSkipped = skipped;
        r.pagesViewed = pages;
        r.hintsUsed = hints;
        r.secondsSinceLastActivity = anyPreceding ? (t - lastTime) / 1000.0 : Double.NaN;
        return r;
    }

    /** A forward seek on the segment's video whose skipped range (from, to) overlaps the segment. */
    static boolean isForwardSeekOver(LearnerEvent e, Segment segment) {
        if (e.videoAction != VideoAction.SEEK || !segment.videoId.equals(e.videoId)) {
            return false;
        }
        double from = e.seekFrom;
        double to = e.position;
        if (!(to > from)) {
            return false; // backward, no-op or unknown
        }
        return Math.min(to, segment.end) > Math.max(from, segment.start);
    }

    private static String[] skillsOf(LearnerEvent attempt, Question question) {
        if (attempt.skillIds != null) {
            return attempt.skillIds.clone();
        }
        if (question != null) {
            return question.skillIds.toArray(NO_SKILLS);
        }
        return new String[0];
    }
}
