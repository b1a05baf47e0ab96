package io.learnpulse.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Next-first-attempt prediction quality of BKT parameters: for every observation, P(correct) is
 * predicted from the mastery estimate before the observation, then the estimate is updated with it
 * ("predict, then update"). Each skill's sequence starts at that skill's pInit. An observation on a
 * multi-skill question appears once per skill in {@link SkillSequences}, so it is predicted once per
 * skill.
 *
 * <ul>
 *   <li>AUC: exact and rank-based (Mann–Whitney): ties in the predicted probability get the average of
 *       their ranks, so a tie between a correct and a wrong answer counts one half. NaN when all
 *       outcomes are the same.</li>
 *   <li>Log-loss: mean of −(y ln p + (1 − y) ln(1 − p)), p clipped to [1e-15, 1 − 1e-15], natural log.</li>
 *   <li>Accuracy at 0.5 (p &ge; 0.5 predicts correct) and RMSE, for reference.</li>
 * </ul>
 */
public final class Evaluation {
    public final long n;
    public final long positives;
    public final double auc;
    public final double logLoss;
    public final double accuracy;
    public final double rmse;

    private Evaluation(long n, long positives, double auc, double logLoss, double accuracy, double rmse) {
        this.n = n;
        this.positives = positives;
        this.auc = auc;
        this.logLoss = logLoss;
        this.accuracy = accuracy;
        this.rmse = rmse;
    }

    /** Evaluates {@code params} on every sequence of {@code data}. */
    public static Evaluation evaluate(BktParameterSet params, SkillSequences data) {
        int total = (int) data.observations();
        double[] p = new double[total];
        boolean[] y = new boolean[total];
        int k = 0;
        for (String skill : data.skills()) {
            BktParams bp = params.forSkill(skill);
            List<SkillSequences.Sequence> seqs = data.sequences(skill);
            for (SkillSequences.Sequence s : seqs) {
                double known = bp.pInit;
                for (boolean correct : s.correct) {
                    p[k] = Bkt.predictCorrect(known, bp);
                    y[k] = correct;
                    k++;
                    known = Bkt.update(known, correct, bp);
                }
            }
        }
        return of(p, y);
    }

    /** The metrics of predictions {@code p} for outcomes {@code y}. */
    public static Evaluation of(double[] p, boolean[] y) {
        if (p.length != y.length) {
            throw new IllegalArgumentException("predictions and outcomes differ in length");
        }
        long pos = 0;
        long hits = 0;
        double se = 0;
        for (int i = 0; i < p.length; i++) {
            pos += y[i] ? 1 : 0;
            hits += (p[i] >= 0.5) == y[i] ? 1 : 0;
            double d = (y[i] ? 1.0 : 0.0) - p[i];
            se += d * d;
        }
        int n = p.length;
        return new Evaluation(n, pos, auc(p, y), logLoss(p, y), n == 0 ? Double.NaN : (double) hits / n,
                n == 0 ? Double.NaN : Math.sqrt(se / n));
    }

    /** Exact rank-based AUC with average ranks for ties; NaN without both outcomes. */
    public static double auc(double[] score, boolean[] label) {
        int n = score.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
        long pos = 0;
        double rankSumPos = 0.0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Double.compare(score[idx[j + 1]], score[idx[i]]) == 0) {
                j++;
            }
            double avgRank = (i + 1 + j + 1) / 2.0; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (label[idx[k]]) {
                    pos++;
                    rankSumPos += avgRank;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Mean binary cross-entropy (natural log), probabilities clipped to [1e-15, 1 − 1e-15]; NaN when empty. */
    public static double logLoss(double[] p, boolean[] y) {
        if (p.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
            sum -= y[i] ? Math.log(q) : Math.log(1 - q);
        }
        return sum / p.length;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "n=%d auc=%.4f log-loss=%.4f accuracy=%.4f rmse=%.4f", n, auc, logLoss, accuracy, rmse);
    }
}
