package io.learnpulse.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BktTest {

    private static final BktParams D = BktParams.DEFAULTS; // init 0.2, learn 0.15, guess 0.2, slip 0.1
    private static final double EXACT = 1e-15;

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(D.pInit).isEqualTo(0.2);
        assertThat(D.pLearn).isEqualTo(0.15);
        assertThat(D.pGuess).isEqualTo(0.2);
        assertThat(D.pSlip).isEqualTo(0.1);
    }

    @Test
    void aCorrectAnswerFromTheDefaultPrior() {
        // posterior = 0.2 * (1 - 0.1) / (0.2 * 0.9 + 0.8 * 0.2) = 0.18 / 0.34 = 9/17
        assertThat(Bkt.posterior(0.2, true, D)).isCloseTo(9.0 / 17.0, within(EXACT));
        // learning: 9/17 + (8/17) * 0.15 = (9 + 1.2) / 17 = 10.2 / 17 = 0.6
        assertThat(Bkt.update(0.2, true, D)).isCloseTo(0.6, within(EXACT));
    }

    @Test
    void aWrongAnswerFromTheDefaultPrior() {
        // posterior = 0.2 * 0.1 / (0.2 * 0.1 + 0.8 * (1 - 0.2)) = 0.02 / 0.66 = 1/33
        assertThat(Bkt.posterior(0.2, false, D)).isCloseTo(1.0 / 33.0, within(EXACT));
        // learning: 1/33 + (32/33) * 0.15 = (1 + 4.8) / 33 = 5.8 / 33 = 29/165 = 0.175757...
        assertThat(Bkt.update(0.2, false, D)).isCloseTo(29.0 / 165.0, within(EXACT));
    }

    @Test
    void twoCorrectAnswersInARow() {
        // from 0.6: posterior = 0.6 * 0.9 / (0.54 + 0.4 * 0.2) = 0.54 / 0.62 = 27/31
        // learning: 27/31 + (4/31) * 0.15 = 27.6 / 31 = 0.890322580645...
        double p = Bkt.update(Bkt.update(0.2, true, D), true, D);
        assertThat(p).isCloseTo(27.6 / 31.0, within(1e-14));
    }

    @Test
    void nonDefaultParameters() {
        BktParams p = BktParams.of(0.5, 0.1, 0.25, 0.05);
        // correct: 0.5 * 0.95 / (0.475 + 0.5 * 0.25) = 0.475 / 0.6 = 0.791666...; + 0.208333 * 0.1 = 0.8125
        assertThat(Bkt.update(0.5, true, p)).isCloseTo(0.8125, within(EXACT));
        // wrong: 0.5 * 0.05 / (0.025 + 0.5 * 0.75) = 0.025 / 0.4 = 0.0625; + 0.9375 * 0.1 = 0.15625
        assertThat(Bkt.update(0.5, false, p)).isCloseTo(0.15625, within(EXACT));
    }

    @Test
    void predictCorrect() {
        // 0.2 * (1 - 0.1) + 0.8 * 0.2 = 0.18 + 0.16 = 0.34
        assertThat(Bkt.predictCorrect(0.2, D)).isCloseTo(0.34, within(EXACT));
        // 0.6 * 0.9 + 0.4 * 0.2 = 0.54 + 0.08 = 0.62
        assertThat(Bkt.predictCorrect(0.6, D)).isCloseTo(0.62, within(EXACT));
        assertThat(Bkt.predictCorrect(0.0, D)).isEqualTo(0.2);
        assertThat(Bkt.predictCorrect(1.0, D)).isEqualTo(0.9);
    }

    @Test
    void masteryConvergesButNeverLeavesTheUnitInterval() {
        double p = 0.2;
        for (int i = 0; i < 200; i++) {
            p = Bkt.update(p, true, D);
            assertThat(p).isBetween(0.0, 1.0);
        }
        assertThat(p).isEqualTo(1.0); // and P(known) = 1 is absorbing: no forgetting
        assertThat(Bkt.update(p, false, D)).isEqualTo(1.0);
        p = 0.2;
        for (int i = 0; i < 200; i++) {
            p = Bkt.update(p, false, D);
            assertThat(p).isBetween(0.0, 1.0);
        }
        // fixed point of repeated wrong answers: p = 0.17142857... (= 6/35 for these parameters)
        assertThat(p).isCloseTo(6.0 / 35.0, within(1e-12));
    }

    @Test
    void anImpossibleObservationKeepsThePrior() {
        BktParams noSlip = BktParams.of(0.2, 0.15, 0.2, 0.0);
        // a wrong answer when the skill is surely known and slip = 0: P(wrong) = 0, posterior stays 1
        assertThat(Bkt.posterior(1.0, false, noSlip)).isEqualTo(1.0);
        assertThat(Bkt.update(1.0, false, noSlip)).isEqualTo(1.0);
    }

    @Test
    void parameterValidation() {
        assertThatThrownBy(() -> BktParams.of(-0.1, 0.1, 0.1, 0.1)).hasMessageContaining("p_init");
        assertThatThrownBy(() -> BktParams.of(0.1, 1.1, 0.1, 0.1)).hasMessageContaining("p_learn");
        assertThatThrownBy(() -> BktParams.of(0.1, 0.1, Double.NaN, 0.1)).hasMessageContaining("p_guess");
        assertThatThrownBy(() -> BktParams.of(0.1, 0.1, 0.1, 1.0)).hasMessageContaining("p_slip must be below 1");
        assertThatThrownBy(() -> BktParams.of(0.1, 0.1, 0.6, 0.4)).hasMessageContaining("p_guess + p_slip must be below 1");
        assertThat(BktParams.of(0.0, 0.0, 0.0, 0.0).pInit).isEqualTo(0.0);
        assertThat(BktParams.of(1.0, 1.0, 0.5, 0.4999).pSlip).isEqualTo(0.4999);
    }
}
