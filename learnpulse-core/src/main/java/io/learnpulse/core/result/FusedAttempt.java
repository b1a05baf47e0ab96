package io.learnpulse.core.result;

import java.util.Arrays;
import java.util.Objects;

/** An assessment attempt with the learner's engagement in the fusion window before it. */
public class FusedAttempt {
    /** Stable upsert key: the attempt's event id. */
    public String key;
    public String status;
    public int revision;

    public String eventId;
    public String learnerId;
    public String courseId;
    public String questionId;
    public String[] skillIds;
    public int attemptNumber;
    public boolean correct;
    public double score;
    public double maxScore;
    public long eventTime;

    /** The linked segment (from the catalog); null when the question has none. */
    public String videoId;
    public String segmentId;
    /** Fraction 0..1 of the linked segment watched in the window; NaN when there is no linked segment. */
    public double videoCoverage = Double.NaN;
    /** Seconds of playback (any video) in the window. */
    public double videoSeconds;
    /** A forward seek in the window jumped over (part of) the linked segment. */
    public boolean segmentSkipped;
    public int pagesViewed;
    /** Hints requested on this question in the window. */
    public int hintsUsed;
    /** Seconds since the learner's previous event in the window; NaN when there was none. */
    public double secondsSinceLastActivity = Double.NaN;

    /** Wall-clock receive time of the attempt; used for insight latency, not part of the result. */
    public long ingestTime;

    /**
     * The learner's profile as known when the record left the pipeline (null without one). Attached after the
     * event-time computation, by arrival, so not part of {@link #sameResult}: a profile update applies from the
     * moment it arrives, not from an event time.
     */
    public io.learnpulse.core.profile.ProfileSummary profile;

    public FusedAttempt() {}

    /** Equality of the result itself: everything but status, revision and the wall-clock ingest time. */
    public boolean sameResult(FusedAttempt o) {
        return o != null
                && Objects.equals(key, o.key)
                && Objects.equals(eventId, o.eventId)
                && Objects.equals(learnerId, o.learnerId)
                && Objects.equals(courseId, o.courseId)
                && Objects.equals(questionId, o.questionId)
                && Arrays.equals(skillIds, o.skillIds)
                && attemptNumber == o.attemptNumber
                && correct == o.correct
                && Double.compare(score, o.score) == 0
                && Double.compare(maxScore, o.maxScore) == 0
                && eventTime == o.eventTime
                && Objects.equals(videoId, o.videoId)
                && Objects.equals(segmentId, o.segmentId)
                && Double.compare(videoCoverage, o.videoCoverage) == 0
                && Double.compare(videoSeconds, o.videoSeconds) == 0
                && segmentSkipped == o.segmentSkipped
                && pagesViewed == o.pagesViewed
                && hintsUsed == o.hintsUsed
                && Double.compare(secondsSinceLastActivity, o.secondsSinceLastActivity) == 0;
    }

    /** A fingerprint of {@link #sameResult}: equal results have equal hashes. */
    public long resultHash() {
        long h = 17;
        h = 31 * h + Objects.hashCode(key);
        h = 31 * h + Objects.hashCode(courseId);
        h = 31 * h + Objects.hashCode(questionId);
        h = 31 * h + Arrays.hashCode(skillIds);
        h = 31 * h + attemptNumber;
        h = 31 * h + (correct ? 1 : 0);
        h = 31 * h + Double.hashCode(score);
        h = 31 * h + Double.hashCode(maxScore);
        h = 31 * h + eventTime;
        h = 31 * h + Objects.hashCode(segmentId);
        h = 31 * h + Double.hashCode(videoCoverage);
        h = 31 * h + Double.hashCode(videoSeconds);
        h = 31 * h + (segmentSkipped ? 1 : 0);
        h = 31 * h + pagesViewed;
        h = 31 * h + hintsUsed;
        h = 31 * h + Double.hashCode(secondsSinceLastActivity);
        return h;
    }

    @Override
    public String toString() {
        return "FusedAttempt{" + key + ' ' + status + '#' + revision + " learner=" + learnerId + " q=" + questionId
                + " correct=" + correct + " coverage=" + videoCoverage + " videoSeconds=" + videoSeconds
                + " skipped=" + segmentSkipped + " pages=" + pagesViewed + " hints=" + hintsUsed
                + " since=" + secondsSinceLastActivity + '}';
    }
}
