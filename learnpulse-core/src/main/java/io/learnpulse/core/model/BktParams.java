package io.learnpulse.core.model;

import java.io.Serializable;
import java.util.Locale;

/**
 * The four parameters of standard Bayesian Knowledge Tracing for one skill (see docs/models.md).
 *
 * <ul>
 *   <li>{@code pInit} P(L0): the learner knows the skill before the first opportunity;</li>
 *   <li>{@code pLearn} P(T): an unknown skill becomes known after an opportunity (no forgetting);</li>
 *   <li>{@code pGuess} P(G): a correct answer although the skill is not known;</li>
 *   <li>{@code pSlip} P(S): a wrong answer although the skill is known.</li>
 * </ul>
 *
 * <p>Valid values: every parameter finite and in [0, 1], {@code pGuess < 1}, {@code pSlip < 1} and
 * {@code pGuess + pSlip < 1} (otherwise a correct answer would not be evidence of knowing the skill).
 * Immutable.
 */
public final class BktParams implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_P_INIT = 0.2;
    public static final double DEFAULT_P_LEARN = 0.15;
    public static final double DEFAULT_P_GUESS = 0.2;
    public static final double DEFAULT_P_SLIP = 0.1;

    /** The documented defaults: pInit 0.2, pLearn 0.15, pGuess 0.2, pSlip 0.1. */
    public static final BktParams DEFAULTS = new BktParams(DEFAULT_P_INIT, DEFAULT_P_LEARN, DEFAULT_P_GUESS, DEFAULT_P_SLIP);

    public final double pInit;
    public final double pLearn;
    public final double pGuess;
    public final double pSlip;

    /** @throws IllegalArgumentException naming the first invalid parameter */
    public BktParams(double pInit, double pLearn, double pGuess, double pSlip) {
        check("p_init", pInit);
        check("p_learn", pLearn);
        check("p_guess", pGuess);
        check("p_slip", pSlip);
        if (pGuess >= 1.0) {
            throw new IllegalArgumentException("p_guess must be below 1 (was " + pGuess + ")");
        }
        if (pSlip >= 1.0) {
            throw new IllegalArgumentException("p_slip must be below 1 (was " + pSlip + ")");
        }
        if (pGuess + pSlip >= 1.0) {
            throw new IllegalArgumentException("p_guess + p_slip must be below 1 (was " + pGuess + " + " + pSlip + ")");
        }
        this.pInit = pInit;
        this.pLearn = pLearn;
        this.pGuess = pGuess;
        this.pSlip = pSlip;
    }

    public static BktParams of(double pInit, double pLearn, double pGuess, double pSlip) {
        return new BktParams(pInit, pLearn, pGuess, pSlip);
    }

    private static void check(String name, double v) {
        if (!(v >= 0.0 && v <= 1.0)) { // also rejects NaN
            throw new IllegalArgumentException(name + " must be a number in [0, 1] (was " + v + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BktParams)) {
            return false;
        }
        BktParams p = (BktParams) o;
        return Double.compare(pInit, p.pInit) == 0 && Double.compare(pLearn, p.pLearn) == 0
                && Double.compare(pGuess, p.pGuess) == 0 && Double.compare(pSlip, p.pSlip) == 0;
    }

    @Override
    public int hashCode() {
        long h = Double.doubleToLongBits(pInit);
        h = 31 * h + Double.doubleToLongBits(pLearn);
        h = 31 * h + Double.doubleToLongBits(pGuess);
        h = 31 * h + Double.doubleToLongBits(pSlip);
        return Long.hashCode(h);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BktParams{init=%.4f learn=%.4f guess=%.4f slip=%.4f}", pInit, pLearn, pGuess, pSlip);
    }
}
