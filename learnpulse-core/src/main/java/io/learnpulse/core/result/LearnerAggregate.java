package io.learnpulse.core.result;

/** A learner's activity in one sliding event-time window [windowStart, windowEnd). */
public class LearnerAggregate {
    /** Stable upsert key: {@code learnerId + "@" + windowEnd}. */
    public String key;
    public String status;
    public int revision;

    public String learnerId;
    public long windowStart;
    public long windowEnd;
    public int events;
    public int attempts;
    public int correct;
    /** Mean of score / max score over the window's attempts; NaN when there were none. */
    public double meanScore = Double.NaN;
    public int hints;
    public double videoSeconds;
    public int pagesViewed;

    public LearnerAggregate() {}

    public boolean sameResult(LearnerAggregate o) {
        return o != null
                && key.equals(o.key)
                && learnerId.equals(o.learnerId)
                && windowStart == o.windowStart
                && windowEnd == o.windowEnd
                && events == o.events
                && attempts == o.attempts
                && correct == o.correct
                && Double.compare(meanScore, o.meanScore) == 0
                && hints == o.hints
                && Double.compare(videoSeconds, o.videoSeconds) == 0
                && pagesViewed == o.pagesViewed;
    }

    /** A fingerprint of {@link #sameResult}: equal results have equal hashes. */
    public long resultHash() {
        long h = 17;
        h = 31 * h + key.hashCode();
        h = 31 * h + windowStart;
        h = 31 * h + windowEnd;
        h = 31 * h + events;
        h = 31 * h + attempts;
        h = 31 * h + correct;
        h = 31 * h + Double.hashCode(meanScore);
        h = 31 * h + hints;
        h = 31 * h + Double.hashCode(videoSeconds);
        h = 31 * h + pagesViewed;
        return h;
    }

    @Override
    public String toString() {
        return "LearnerAggregate{" + key + ' ' + status + '#' + revision + " attempts=" + attempts + " correct="
                + correct + " hints=" + hints + " video=" + videoSeconds + '}';
    }
}
