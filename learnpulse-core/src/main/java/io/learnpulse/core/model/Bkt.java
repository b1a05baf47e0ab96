package io.learnpulse.core.model;

/**
 * Standard four-parameter Bayesian Knowledge Tracing (Corbett &amp; Anderson, 1995): a two-state hidden
 * Markov model per learner and skill, states "not known" and "known", no forgetting.
 *
 * <p>For an opportunity with prior P(known) = p:
 * <pre>
 *   P(correct)             = p (1 - slip) + (1 - p) guess
 *   P(known | correct)     = p (1 - slip) / (p (1 - slip) + (1 - p) guess)
 *   P(known | wrong)       = p slip       / (p slip       + (1 - p) (1 - guess))
 *   P(known next)          = posterior + (1 - posterior) learn
 * </pre>
 * Pure functions; no allocation.
 */
public final class Bkt {
    private Bkt() {}

    /**
     * The probability that the skill is known after an observed answer: the posterior given the
     * observation, followed by the learning transition.
     *
     * <p>An observation the model gives probability 0 (e.g. a wrong answer with pKnown = 1 and slip = 0)
     * carries no usable evidence: the prior is kept as the posterior.
     *
     * @param pKnownBefore P(known) before the opportunity, in [0, 1]
     */
    public static double update(double pKnownBefore, boolean correct, BktParams p) {
        double posterior = posterior(pKnownBefore, correct, p);
        return posterior + (1.0 - posterior) * p.pLearn;
    }

    /** P(known | observation) without the learning transition. */
    public static double posterior(double pKnown, boolean correct, BktParams p) {
        double known;
        double unknown;
        if (correct) {
            known = pKnown * (1.0 - p.pSlip);
            unknown = (1.0 - pKnown) * p.pGuess;
        } else {
            known = pKnown * p.pSlip;
            unknown = (1.0 - pKnown) * (1.0 - p.pGuess);
        }
        double total = known + unknown;
        return total > 0.0 ? known / total : pKnown;
    }

    /** P(the next answer is correct) when P(known) = pKnown. */
    public static double predictCorrect(double pKnown, BktParams p) {
        return pKnown * (1.0 - p.pSlip) + (1.0 - pKnown) * p.pGuess;
    }
}
