package io.learnpulse.pipeline.state;

import io.learnpulse.core.model.ItemStatistics;

/**
 * Per-question statistics: the committed observations (exact, in each learner's event-time order)
 * and counts of those received but not committed yet, for speculative records. A Flink POJO: no Kryo.
 */
public class QuestionState {
    public String courseId;
    public ItemStatistics committed = new ItemStatistics();
    public long committedUpTo = Long.MIN_VALUE;
    public boolean changed;
    public int revision;

    public long pendingAttempts;
    public long pendingFirstAttempts;
    public long pendingFirstAttemptsCorrect;
    public long pendingHints;
    public long pendingMaxTime = Long.MIN_VALUE;

    public QuestionState() {}
}
