package io.learnpulse.core.result;

/** Running statistics of one question over all attempts up to {@code eventTime}. */
public class QuestionStats {
    /** Stable upsert key: the question id. */
    public String key;
    public String status;
    public int revision;

    public String questionId;
    public String courseId;
    public long attempts;
    public long firstAttempts;
    public long firstAttemptsCorrect;
    /** firstAttemptsCorrect / firstAttempts; NaN before the first first-attempt. */
    public double firstAttemptCorrectRate = Double.NaN;
    /** Difficulty: the first-attempt p-value (same as the correct rate; higher is easier). */
    public double difficulty = Double.NaN;
    /**
     * Point-biserial correlation between first-attempt correctness on this question and the learner's
     * first-attempt rate on earlier questions; NaN until defined (final records only).
     */
    public double discrimination = Double.NaN;
    /** Hints requested on this question per first attempt (that is, per learner who tried it). */
    public double meanHints = Double.NaN;
    public long hints;
    /** Event time up to which the statistics are complete (the watermark for final records). */
    public long eventTime;

    public QuestionStats() {}

    @Override
    public String toString() {
        return "QuestionStats{" + key + ' ' + status + '#' + revision + " attempts=" + attempts + " first="
                + firstAttempts + " firstCorrect=" + firstAttemptsCorrect + '}';
    }
}
