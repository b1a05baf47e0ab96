package io.learnpulse.core.model;

import java.util.Locale;

/**
 * Classical test statistics of one question (item), kept as running sums so they can be updated one
 * attempt at a time and merged across partitions (every field is a sum; {@link #merge} adds them).
 *
 * <ul>
 *   <li>{@code attempts}: all attempts; {@code firstAttempts}: attempts with attempt number 1 (one per
 *       learner and item encounter); {@code hints}: hints requested on the item.</li>
 *   <li>{@link #difficulty()}: the first-attempt p-value, first attempts correct / first attempts (a
 *       higher value is an easier item).</li>
 *   <li>{@link #meanHints()}: hints / first attempts, i.e. hints per learner encounter.</li>
 *   <li>{@link #discrimination()}: the point-biserial correlation, over first attempts, between X =
 *       correctness of the first attempt on this item (0/1) and Y = the learner's first-attempt correct
 *       rate over all their earlier first attempts (on any item, strictly before this one in event-time
 *       order). Y therefore never includes the response being correlated. First attempts by a learner
 *       with no earlier first attempt have no Y and are left out of the correlation (they still count
 *       for difficulty). With n pairs, it is the Pearson correlation
 *       <pre>r = (n Σxy − Σx Σy) / sqrt((n Σx² − (Σx)²) (n Σy² − (Σy)²))</pre>
 *       (Σx² = Σx as x is 0/1), equal to the textbook form (M₁ − M₀) / s · sqrt(p q) with s the
 *       population standard deviation of Y. NaN with fewer than 2 pairs or when X or Y is constant.</li>
 * </ul>
 *
 * <p>Y is summed in fixed point (units of 10⁻⁵, exact in a {@code long}) rather than as doubles:
 * floating-point sums depend on the order of their terms, and the order in which learners' attempts
 * reach a question depends on arrival order — the statistics must not. Σy² stays exact for up to
 * 9·10⁸ pairs per question.
 */
public class ItemStatistics {
    public String questionId;
    public long attempts;
    public long firstAttempts;
    public long firstAttemptsCorrect;
    public long hints;

    /** Pairs (X, Y) in the discrimination: first attempts whose learner had an earlier first attempt. */
    public long pairs;
    /** Σx over the pairs (correct first attempts among them). */
    public long sumX;
    /** Σy, Σy² and Σxy with y in units of {@link #Y_SCALE}. */
    public long sumY;
    public long sumYY;
    public long sumXY;

    /** Fixed-point scale of Y: 10⁵ units per 1.0. */
    public static final long Y_SCALE = 100_000L;

    public ItemStatistics() {}

    public ItemStatistics(String questionId) {
        this.questionId = questionId;
    }

    /**
     * Adds one attempt.
     *
     * @param learnerPriorRate the learner's first-attempt correct rate over their earlier first attempts
     *     ({@link LearnerMastery#priorFirstAttemptRate()}), NaN when they have none; used only for first
     *     attempts
     */
    public void addAttempt(int attemptNumber, boolean correct, double learnerPriorRate) {
        attempts++;
        if (attemptNumber != 1) {
            return;
        }
        firstAttempts++;
        int x = correct ? 1 : 0;
        firstAttemptsCorrect += x;
        if (!Double.isNaN(learnerPriorRate)) {
            long y = Math.round(learnerPriorRate * Y_SCALE);
            pairs++;
            sumX += x;
            sumY += y;
            sumYY += y * y;
            sumXY += x * y;
        }
    }

    /** Adds attempts after the first whose correctness is unknown (e.g. ASSISTments {@code attempt_count − 1}). */
    public void addFurtherAttempts(long count) {
        attempts += count;
    }

    public void addHints(long count) {
        hints += count;
    }

    /** Adds another partial result for the same question (e.g. from another partition). */
    public void merge(ItemStatistics o) {
        attempts += o.attempts;
        firstAttempts += o.firstAttempts;
        firstAttemptsCorrect += o.firstAttemptsCorrect;
        hints += o.hints;
        pairs += o.pairs;
        sumX += o.sumX;
        sumY += o.sumY;
        sumYY += o.sumYY;
        sumXY += o.sumXY;
    }

    /** First-attempt p-value; NaN before the first first attempt. */
    public double difficulty() {
        return firstAttempts == 0 ? Double.NaN : (double) firstAttemptsCorrect / firstAttempts;
    }

    /** Hints per first attempt; NaN before the first first attempt. */
    public double meanHints() {
        return firstAttempts == 0 ? Double.NaN : (double) hints / firstAttempts;
    }

    /** Point-biserial discrimination (see the class comment); NaN when undefined. */
    public double discrimination() {
        if (pairs < 2) {
            return Double.NaN;
        }
        double n = pairs;
        double varX = n * sumX - (double) sumX * sumX;
        double varY = n * (double) sumYY - (double) sumY * sumY;
        if (varX <= 0 || varY <= 0) {
            return Double.NaN;
        }
        double r = (n * sumXY - (double) sumX * sumY) / Math.sqrt(varX * varY);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    public ItemStatistics copy() {
        ItemStatistics s = new ItemStatistics(questionId);
        s.merge(this);
        return s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ItemStatistics{%s attempts=%d first=%d p=%.3f hints/first=%.2f r_pb=%.3f (n=%d)}",
                questionId, attempts, firstAttempts, difficulty(), meanHints(), discrimination(), pairs);
    }
}
