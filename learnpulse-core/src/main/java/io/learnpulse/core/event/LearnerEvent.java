package io.learnpulse.core.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * The canonical event every input format is mapped to.
 *
 * <p>A plain mutable class with public fields and a no-arg constructor on purpose: Flink treats it as
 * a POJO (no Kryo), and the hot path avoids builder allocations. Kind-specific fields are left at
 * their defaults (null / 0 / NaN) when they do not apply.
 *
 * <p>Times are epoch milliseconds. {@code eventTime} is the device's clock (what event-time
 * processing orders by); {@code ingestTime} is when LearnPulse received the record (wall clock), used
 * for insight latency and the future-date check.
 */
public class LearnerEvent {

    // --- common ---
    public String eventId;
    /** The channel the record came in on: clickstream, video, assessment, xapi, caliper, ... */
    public String source;
    /** The wire format it was parsed from: native-v1, native-v2, xapi, caliper. */
    public String format;
    public EventKind kind;
    public String learnerId;
    public String courseId;
    /** What the event is about: page, video, question. */
    public String objectId;
    public long eventTime;
    public long ingestTime;

    // --- assessment (ATTEMPT, HINT) ---
    public String questionId;
    public double score = Double.NaN;
    public double maxScore = Double.NaN;
    public boolean correct;
    /** 1 for the first attempt at a question; 0 when unknown. */
    public int attemptNumber;
    /** Skills the question exercises; null when the source did not say (the catalog may). */
    public String[] skillIds;
    /** For HINT: which hint of the question (1-based); 0 when unknown. */
    public int hintIndex;

    // --- video ---
    public String videoId;
    public VideoAction videoAction;
    /** Playback position in seconds after the action. */
    public double position = Double.NaN;
    /** For SEEK: the position the learner seeked away from. */
    public double seekFrom = Double.NaN;

    // --- clickstream ---
    public String pageId;
    /** page_view, click, scroll, ... as the LMS reported it. */
    public String clickType;

    public LearnerEvent() {}

    public boolean isEngagement() {
        return kind == EventKind.CLICK || kind == EventKind.VIDEO || kind == EventKind.HINT;
    }

    /** Total order used wherever "event-time order" is required: time first, ties broken by event id. */
    public static int compareByTime(LearnerEvent a, LearnerEvent b) {
        int c = Long.compare(a.eventTime, b.eventTime);
        return c != 0 ? c : a.eventId.compareTo(b.eventId);
    }

    /**
     * A hash of everything the learner did (not when LearnPulse received it), used to tell an
     * identical re-delivery from a conflicting event that reuses an id.
     */
    public long contentHash() {
        long h = 1125899906842597L;
        h = mix(h, source);
        h = mix(h, kind == null ? null : kind.name());
        h = mix(h, learnerId);
        h = mix(h, courseId);
        h = mix(h, objectId);
        h = 31 * h + eventTime;
        h = mix(h, questionId);
        h = 31 * h + Double.hashCode(score);
        h = 31 * h + Double.hashCode(maxScore);
        h = 31 * h + (correct ? 1 : 0);
        h = 31 * h + attemptNumber;
        h = 31 * h + Arrays.hashCode(skillIds);
        h = 31 * h + hintIndex;
        h = mix(h, videoId);
        h = mix(h, videoAction == null ? null : videoAction.name());
        h = 31 * h + Double.hashCode(position);
        h = 31 * h + Double.hashCode(seekFrom);
        h = mix(h, pageId);
        h = mix(h, clickType);
        return h;
    }

    private static long mix(long h, String s) {
        return 31 * h + (s == null ? 0 : s.hashCode());
    }

    public LearnerEvent copy() {
        LearnerEvent e = new LearnerEvent();
        e.eventId = eventId;
        e.source = source;
        e.format = format;
        e.kind = kind;
        e.learnerId = learnerId;
        e.courseId = courseId;
        e.objectId = objectId;
        e.eventTime = eventTime;
        e.ingestTime = ingestTime;
        e.questionId = questionId;
        e.score = score;
        e.maxScore = maxScore;
        e.correct = correct;
        e.attemptNumber = attemptNumber;
        e.skillIds = skillIds == null ? null : skillIds.clone();
        e.hintIndex = hintIndex;
        e.videoId = videoId;
        e.videoAction = videoAction;
        e.position = position;
        e.seekFrom = seekFrom;
        e.pageId = pageId;
        e.clickType = clickType;
        return e;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LearnerEvent)) {
            return false;
        }
        LearnerEvent e = (LearnerEvent) o;
        return eventTime == e.eventTime
                && ingestTime == e.ingestTime
                && Double.compare(score, e.score) == 0
                && Double.compare(maxScore, e.maxScore) == 0
                && correct == e.correct
                && attemptNumber == e.attemptNumber
                && hintIndex == e.hintIndex
                && Double.compare(position, e.position) == 0
                && Double.compare(seekFrom, e.seekFrom) == 0
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(source, e.source)
                && Objects.equals(format, e.format)
                && kind == e.kind
                && Objects.equals(learnerId, e.learnerId)
                && Objects.equals(courseId, e.courseId)
                && Objects.equals(objectId, e.objectId)
                && Objects.equals(questionId, e.questionId)
                && Arrays.equals(skillIds, e.skillIds)
                && Objects.equals(videoId, e.videoId)
                && videoAction == e.videoAction
                && Objects.equals(pageId, e.pageId)
                && Objects.equals(clickType, e.clickType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventTime, learnerId);
    }

    @Override
    public String toString() {
        return "LearnerEvent{" + eventId + ' ' + source + ' ' + kind + " learner=" + learnerId
                + " course=" + courseId + " object=" + objectId + " t=" + eventTime + '}';
    }
}
