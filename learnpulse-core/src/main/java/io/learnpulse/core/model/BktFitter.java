package io.learnpulse.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Fits BKT parameters per skill by expectation–maximisation (Baum–Welch) on the two-state hidden Markov
 * model with no forgetting (docs/models.md, "Fitting").
 *
 * <p>Per skill: each restart runs EM from a starting point until the mean log-likelihood per
 * observation improves by less than {@link Settings#tolerance} or {@link Settings#maxIterations} is
 * reached; after every M-step the parameters are clamped into the bounds. Restart 0 starts from the
 * default parameters, restart k &ge; 1 from a point drawn with a {@link SplittableRandom} seeded from
 * (seed, skill id, k). The restart with the highest final log-likelihood wins (the lower index on a
 * tie). A skill with fewer than {@link Settings#minObservations} observations or fewer than
 * {@link Settings#minLearners} learners is not fitted and keeps the default. Deterministic: the result
 * depends only on the data, the defaults and the settings. Thread-safe (no shared mutable state).
 */
public final class BktFitter {

    /** Fitting settings; immutable, change with the {@code with*} methods. */
    public static final class Settings {
        /** EM runs per skill (restart 0 from the defaults). Default 5. */
        public final int restarts;
        public final long seed;
        /** Default 200. */
        public final int maxIterations;
        /** Stop when the mean log-likelihood per observation improves by less than this. Default 1e-7. */
        public final double tolerance;
        /** A skill needs at least this many observations to be fitted. Default 50. */
        public final int minObservations;
        /** ... and this many learners. Default 5. */
        public final int minLearners;
        /** Upper bound of p_guess and p_slip. Default 0.5: knowing the skill never lowers P(correct). */
        public final double maxGuess;
        public final double maxSlip;
        /** Every parameter is kept in [epsilon, 1 − epsilon] (guess/slip: [epsilon, max]). Default 1e-4. */
        public final double epsilon;

        private Settings(int restarts, long seed, int maxIterations, double tolerance, int minObservations,
                         int minLearners, double maxGuess, double maxSlip, double epsilon) {
            if (restarts < 1 || maxIterations < 1 || !(tolerance >= 0) || minObservations < 1 || minLearners < 1) {
                throw new IllegalArgumentException("invalid fitter settings");
            }
            if (!(epsilon > 0 && epsilon < 0.1) || !(maxGuess > epsilon && maxGuess < 1) || !(maxSlip > epsilon && maxSlip < 1)) {
                throw new IllegalArgumentException("invalid fitter bounds");
            }
            this.restarts = restarts;
            this.seed = seed;
            this.maxIterations = maxIterations;
            this.tolerance = tolerance;
            this.minObservations = minObservations;
            this.minLearners = minLearners;
            this.maxGuess = maxGuess;
            this.maxSlip = maxSlip;
            this.epsilon = epsilon;
        }

        public static Settings defaults() {
            return new Settings(5, 42L, 200, 1e-7, 50, 5, 0.5, 0.5, 1e-4);
        }

        public Settings withRestarts(int n) {
            return new Settings(n, seed, maxIterations, tolerance, minObservations, minLearners, maxGuess, maxSlip, epsilon);
        }

        public Settings withSeed(long s) {
            return new Settings(restarts, s, maxIterations, tolerance, minObservations, minLearners, maxGuess, maxSlip, epsilon);
        }

        public Settings withMaxIterations(int n) {
            return new Settings(restarts, seed, n, tolerance, minObservations, minLearners, maxGuess, maxSlip, epsilon);
        }

        public Settings withTolerance(double t) {
            return new Settings(restarts, seed, maxIterations, t, minObservations, minLearners, maxGuess, maxSlip, epsilon);
        }

        public Settings withMinimum(int observations, int learners) {
            return new Settings(restarts, seed, maxIterations, tolerance, observations, learners, maxGuess, maxSlip, epsilon);
        }

        public Settings withMaxGuessSlip(double guess, double slip) {
            return new Settings(restarts, seed, maxIterations, tolerance, minObservations, minLearners, guess, slip, epsilon);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "restarts=%d seed=%d max-iterations=%d tolerance=%g min-observations=%d min-learners=%d guess<=%.2f slip<=%.2f",
                    restarts, seed, maxIterations, tolerance, minObservations, minLearners, maxGuess, maxSlip);
        }
    }

    /** The outcome for one skill. */
    public static final class SkillFit {
        public final String skillId;
        /** Fitted parameters, or the defaults when {@link #fitted} is false. */
        public final BktParams params;
        public final boolean fitted;
        public final long observations;
        public final int learners;
        /** Log-likelihood of the skill's data under {@link #params}. */
        public final double logLikelihood;
        /** EM iterations of the winning restart (0 when not fitted). */
        public final int iterations;
        public final boolean converged;
        /** Index of the winning restart (-1 when not fitted). */
        public final int restart;

        SkillFit(String skillId, BktParams params, boolean fitted, long observations, int learners,
                 double logLikelihood, int iterations, boolean converged, int restart) {
            this.skillId = skillId;
            this.params = params;
            this.fitted = fitted;
            this.observations = observations;
            this.learners = learners;
            this.logLikelihood = logLikelihood;
            this.iterations = iterations;
            this.converged = converged;
            this.restart = restart;
        }

        @Override
        public String toString() {
            return "SkillFit{" + skillId + ' ' + params + (fitted ? "" : " (default)") + " obs=" + observations
                    + " it=" + iterations + '}';
        }
    }

    /** The outcome for every skill. */
    public static final class Report {
        /** Fitted skills with their parameters and observation counts; everything else uses the default. */
        public final BktParameterSet parameters;
        /** Every skill of the data, sorted by id. */
        public final Map<String, SkillFit> skills;

        Report(BktParameterSet parameters, Map<String, SkillFit> skills) {
            this.parameters = parameters;
            this.skills = skills;
        }
    }

    private final Settings settings;

    public BktFitter(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** Fits every skill of {@code data}; skills below the minimums keep {@code defaults}. */
    public Report fitAll(SkillSequences data, BktParams defaults) {
        Map<String, SkillFit> fits = new LinkedHashMap<>();
        Map<String, BktParams> params = new TreeMap<>();
        Map<String, Long> obs = new TreeMap<>();
        for (String skill : data.skills()) {
            SkillFit f = fitSkill(skill, data.sequences(skill), defaults);
            fits.put(skill, f);
            if (f.fitted) {
                params.put(skill, f.params);
                obs.put(skill, f.observations);
            }
        }
        return new Report(new BktParameterSet(defaults, params, obs), fits);
    }

    /** Fits one skill from its learners' ordered first-attempt sequences. */
    public SkillFit fitSkill(String skillId, List<SkillSequences.Sequence> sequences, BktParams defaults) {
        List<boolean[]> seqs = new ArrayList<>(sequences.size());
        long n = 0;
        int maxLen = 0;
        for (SkillSequences.Sequence s : sequences) {
            if (s.length() > 0) {
                seqs.add(s.correct);
                n += s.length();
                maxLen = Math.max(maxLen, s.length());
            }
        }
        Work w = new Work(maxLen);
        if (n < settings.minObservations || seqs.size() < settings.minLearners) {
            double ll = seqs.isEmpty() ? 0.0 : w.eStep(seqs, toArray(defaults), null);
            return new SkillFit(skillId, defaults, false, n, seqs.size(), ll, 0, false, -1);
        }
        double bestLl = Double.NEGATIVE_INFINITY;
        double[] best = null;
        int bestIt = 0;
        boolean bestConv = false;
        int bestRestart = -1;
        for (int r = 0; r < settings.restarts; r++) {
            double[] p = r == 0 ? clamp(toArray(defaults)) : clamp(randomStart(new SplittableRandom(Seeds.seed(settings.seed, skillId, r))));
            double[] acc = new double[ACC];
            double prev = Double.NEGATIVE_INFINITY;
            int it = 0;
            boolean converged = false;
            double ll;
            while (true) {
                ll = w.eStep(seqs, p, acc);
                if (it > 0 && (ll - prev) / n < settings.tolerance) {
                    converged = true;
                    break;
                }
                if (it == settings.maxIterations) {
                    break;
                }
                prev = ll;
                p = clamp(mStep(acc, p));
                it++;
            }
            if (ll > bestLl) {
                bestLl = ll;
                best = p;
                bestIt = it;
                bestConv = converged;
                bestRestart = r;
            }
        }
        BktParams fitted = new BktParams(best[0], best[1], best[2], best[3]);
        return new SkillFit(skillId, fitted, true, n, seqs.size(), bestLl, bestIt, bestConv, bestRestart);
    }

    /** Log-likelihood of sequences under parameters (the forward pass). */
    public static double logLikelihood(List<boolean[]> sequences, BktParams p) {
        int maxLen = 0;
        for (boolean[] s : sequences) {
            maxLen = Math.max(maxLen, s.length);
        }
        return new Work(maxLen).eStep(sequences, toArray(p), null);
    }

    private static double[] toArray(BktParams p) {
        return new double[] {p.pInit, p.pLearn, p.pGuess, p.pSlip};
    }

    private static double[] randomStart(SplittableRandom r) {
        return new double[] {
            0.05 + 0.9 * r.nextDouble(), // init
            0.02 + 0.38 * r.nextDouble(), // learn
            0.05 + 0.35 * r.nextDouble(), // guess
            0.02 + 0.28 * r.nextDouble(), // slip
        };
    }

    /** Into the bounds; if guess + slip would exceed 1 − epsilon both are scaled down to that sum. */
    private double[] clamp(double[] p) {
        double e = settings.epsilon;
        double guess = clamp(p[2], e, settings.maxGuess);
        double slip = clamp(p[3], e, settings.maxSlip);
        if (guess + slip > 1 - e) {
            double f = (1 - e) / (guess + slip);
            guess *= f;
            slip *= f;
        }
        return new double[] {clamp(p[0], e, 1 - e), clamp(p[1], e, 1 - e), guess, slip};
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    // E-step accumulators
    private static final int SEQS = 0;
    private static final int KNOWN_FIRST = 1;
    private static final int LEARN_NUM = 2;
    private static final int UNKNOWN_NOT_LAST = 3;
    private static final int UNKNOWN = 4;
    private static final int UNKNOWN_CORRECT = 5;
    private static final int KNOWN = 6;
    private static final int KNOWN_WRONG = 7;
    private static final int ACC = 8;

    private static double[] mStep(double[] a, double[] old) {
        return new double[] {
            a[KNOWN_FIRST] / a[SEQS],
            a[UNKNOWN_NOT_LAST] > 0 ? a[LEARN_NUM] / a[UNKNOWN_NOT_LAST] : old[1],
            a[UNKNOWN] > 0 ? a[UNKNOWN_CORRECT] / a[UNKNOWN] : old[2],
            a[KNOWN] > 0 ? a[KNOWN_WRONG] / a[KNOWN] : old[3],
        };
    }

    /** Reusable forward–backward buffers (scaled, two states: 0 = unknown, 1 = known). */
    private static final class Work {
        final double[] a0;
        final double[] a1;
        final double[] c;

        Work(int maxLen) {
            a0 = new double[Math.max(1, maxLen)];
            a1 = new double[Math.max(1, maxLen)];
            c = new double[Math.max(1, maxLen)];
        }

        /**
         * Runs forward–backward over every sequence with parameters p = {init, learn, guess, slip},
         * accumulating expected counts into {@code acc} (when not null, after zeroing it).
         *
         * @return the log-likelihood
         */
        double eStep(List<boolean[]> seqs, double[] p, double[] acc) {
            double init = p[0];
            double learn = p[1];
            double guess = p[2];
            double slip = p[3];
            if (acc != null) {
                java.util.Arrays.fill(acc, 0.0);
            }
            double ll = 0.0;
            for (boolean[] o : seqs) {
                int t1 = o.length;
                // forward, normalised: a0/a1 = P(state | o_1..o_t)
                double x0 = (1 - init) * (o[0] ? guess : 1 - guess);
                double x1 = init * (o[0] ? 1 - slip : slip);
                double s = x0 + x1;
                a0[0] = x0 / s;
                a1[0] = x1 / s;
                c[0] = s;
                ll += Math.log(s);
                for (int t = 1; t < t1; t++) {
                    double p0 = a0[t - 1] * (1 - learn);
                    double p1 = a0[t - 1] * learn + a1[t - 1];
                    x0 = p0 * (o[t] ? guess : 1 - guess);
                    x1 = p1 * (o[t] ? 1 - slip : slip);
                    s = x0 + x1;
                    a0[t] = x0 / s;
                    a1[t] = x1 / s;
                    c[t] = s;
                    ll += Math.log(s);
                }
                if (acc == null) {
                    continue;
                }
                // backward, scaled with the same factors; gamma_t = a_t * b_t
                double b0 = 1.0;
                double b1 = 1.0;
                accumulate(acc, o[t1 - 1], a0[t1 - 1], a1[t1 - 1]);
                for (int t = t1 - 2; t >= 0; t--) {
                    double n0 = (o[t + 1] ? guess : 1 - guess) * b0 / c[t + 1];
                    double n1 = (o[t + 1] ? 1 - slip : slip) * b1 / c[t + 1];
                    double nb0 = (1 - learn) * n0 + learn * n1;
                    double nb1 = n1;
                    acc[LEARN_NUM] += a0[t] * learn * n1;
                    double g0 = a0[t] * nb0;
                    double g1 = a1[t] * nb1;
                    acc[UNKNOWN_NOT_LAST] += g0;
                    accumulate(acc, o[t], g0, g1);
                    b0 = nb0;
                    b1 = nb1;
                    if (t == 0) {
                        acc[KNOWN_FIRST] += g1;
                    }
                }
                if (t1 == 1) {
                    acc[KNOWN_FIRST] += a1[0];
                }
                acc[SEQS] += 1;
            }
            return ll;
        }

        private static void accumulate(double[] acc, boolean correct, double g0, double g1) {
            acc[UNKNOWN] += g0;
            acc[KNOWN] += g1;
            if (correct) {
                acc[UNKNOWN_CORRECT] += g0;
            } else {
                acc[KNOWN_WRONG] += g1;
            }
        }
    }
}
