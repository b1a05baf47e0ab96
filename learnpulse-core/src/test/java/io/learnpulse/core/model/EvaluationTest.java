package io.learnpulse.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {

    @Test
    void aucWithTiesCountsATiedPairAsOneHalf() {
        double[] p = {0.1, 0.4, 0.4, 0.8, 0.4};
        boolean[] y = {false, true, false, true, true};
        // ranks: 0.1 -> 1; the three 0.4 -> (2 + 3 + 4) / 3 = 3; 0.8 -> 5
        // positives' rank sum 3 + 5 + 3 = 11; AUC = (11 - 3 * 4 / 2) / (3 * 2) = 5/6
        // (pairs: 0.4>0.1, 0.4=0.4 (1/2), 0.8>0.1, 0.8>0.4, 0.4>0.1, 0.4=0.4 (1/2) -> 5 of 6)
        assertThat(Evaluation.auc(p, y)).isCloseTo(5.0 / 6.0, within(1e-15));
    }

    @Test
    void aucEdgeCases() {
        assertThat(Evaluation.auc(new double[] {0.1, 0.9}, new boolean[] {false, true})).isEqualTo(1.0);
        assertThat(Evaluation.auc(new double[] {0.1, 0.9}, new boolean[] {true, false})).isEqualTo(0.0);
        assertThat(Evaluation.auc(new double[] {0.5, 0.5, 0.5}, new boolean[] {true, false, true})).isEqualTo(0.5);
        assertThat(Evaluation.auc(new double[] {0.2, 0.3}, new boolean[] {true, true})).isNaN();
        assertThat(Evaluation.auc(new double[0], new boolean[0])).isNaN();
    }

    @Test
    void logLoss() {
        // -(ln 0.8 + ln(1 - 0.3) + ln 0.5) / 3
        double expected = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.5)) / 3;
        assertThat(Evaluation.logLoss(new double[] {0.8, 0.3, 0.5}, new boolean[] {true, false, true}))
                .isCloseTo(expected, within(1e-15));
        // clipped at 1e-15: a certain wrong prediction costs -ln(1e-15) = 34.538...
        assertThat(Evaluation.logLoss(new double[] {0.0}, new boolean[] {true})).isCloseTo(-Math.log(1e-15), within(1e-9));
    }

    @Test
    void predictsEachAnswerBeforeUpdatingWithIt() {
        // one learner, defaults, answers correct then wrong:
        // first prediction 0.2 * 0.9 + 0.8 * 0.2 = 0.34; after the correct answer P(known) = 0.6;
        // second prediction 0.6 * 0.9 + 0.4 * 0.2 = 0.62
        SkillSequences data = SkillSequences.of(Map.of("s", List.of(new SkillSequences.Sequence("L1", new boolean[] {true, false}))));
        Evaluation e = Evaluation.evaluate(BktParameterSet.defaults(), data);
        assertThat(e.n).isEqualTo(2);
        assertThat(e.positives).isEqualTo(1);
        assertThat(e.logLoss).isCloseTo(-(Math.log(0.34) + Math.log(1 - 0.62)) / 2, within(1e-15));
        assertThat(e.auc).isEqualTo(0.0); // the correct answer got the lower prediction
        assertThat(e.accuracy).isEqualTo(0.0); // 0.34 < 0.5 predicts wrong, 0.62 predicts correct
        assertThat(e.rmse).isCloseTo(Math.sqrt((0.66 * 0.66 + 0.62 * 0.62) / 2), within(1e-15));
    }

    @Test
    void eachSkillStartsFromItsOwnPInit() {
        BktParameterSet params = new BktParameterSet(BktParams.DEFAULTS, Map.of("b", BktParams.of(0.5, 0.1, 0.25, 0.05)), Map.of());
        SkillSequences data = SkillSequences.of(Map.of(
                "a", List.of(new SkillSequences.Sequence("L1", new boolean[] {false})),
                "b", List.of(new SkillSequences.Sequence("L1", new boolean[] {true}))));
        // a: 0.34 for a wrong answer; b: 0.5 * 0.95 + 0.5 * 0.25 = 0.6 for a correct one
        Evaluation e = Evaluation.evaluate(params, data);
        assertThat(e.logLoss).isCloseTo(-(Math.log(1 - 0.34) + Math.log(0.6)) / 2, within(1e-15));
        assertThat(e.auc).isEqualTo(1.0);
    }
}
