package io.learnpulse.core.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BktFitterTest {

    /** Simulates {@code learners} learners with {@code opportunities} first attempts each on one skill. */
    static List<SkillSequences.Sequence> simulate(BktParams p, int learners, int opportunities, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SkillSequences.Sequence> out = new ArrayList<>();
        for (int l = 0; l < learners; l++) {
            boolean known = r.nextDouble() < p.pInit;
            boolean[] obs = new boolean[opportunities];
            for (int t = 0; t < opportunities; t++) {
                obs[t] = known ? r.nextDouble() >= p.pSlip : r.nextDouble() < p.pGuess;
                if (!known) {
                    known = r.nextDouble() < p.pLearn;
                }
            }
            out.add(new SkillSequences.Sequence(String.format("L%05d", l), obs));
        }
        return out;
    }

    /**
     * EM recovers the parameters the data was simulated with: 2,000 learners × 20 first attempts
     * (40,000 observations) per parameter set, each parameter within ±0.05 of the truth.
     */
    @Test
    void recoversKnownParametersFromSimulatedData() {
        BktFitter fitter = new BktFitter(BktFitter.Settings.defaults());
        BktParams[] truths = {
            BktParams.of(0.35, 0.12, 0.22, 0.08),
            BktParams.of(0.10, 0.25, 0.15, 0.15),
            BktParams.of(0.60, 0.05, 0.30, 0.05),
        };
        for (int i = 0; i < truths.length; i++) {
            BktParams truth = truths[i];
            BktFitter.SkillFit fit = fitter.fitSkill("s" + i, simulate(truth, 2000, 20, 1000 + i), BktParams.DEFAULTS);
            assertThat(fit.fitted).isTrue();
            assertThat(fit.observations).isEqualTo(40_000);
            assertThat(fit.learners).isEqualTo(2000);
            assertThat(fit.params.pInit).as("p_init of %s", truth).isCloseTo(truth.pInit, within(0.05));
            assertThat(fit.params.pLearn).as("p_learn of %s", truth).isCloseTo(truth.pLearn, within(0.05));
            assertThat(fit.params.pGuess).as("p_guess of %s", truth).isCloseTo(truth.pGuess, within(0.05));
            assertThat(fit.params.pSlip).as("p_slip of %s", truth).isCloseTo(truth.pSlip, within(0.05));
            // the fit explains the data at least as well as the truth does
            List<boolean[]> raw = new ArrayList<>();
            simulate(truth, 2000, 20, 1000 + i).forEach(s -> raw.add(s.correct));
            assertThat(fit.logLikelihood).isGreaterThanOrEqualTo(BktFitter.logLikelihood(raw, truth) - 1e-6);
        }
    }

    /** The forward pass gives the exact likelihood: the sum over all hidden paths, enumerated by hand. */
    @Test
    void logLikelihoodEqualsTheSumOverHiddenPaths() {
        BktParams p = BktParams.of(0.3, 0.2, 0.25, 0.1);
        boolean[] o = {false, true, false, true, true};
        // With no forgetting, a path is "unknown before step k, known from step k on" for k = 0..T
        // (k = T: never known). P(path k) = pInit for k = 0, (1 - pInit)(1 - pLearn)^(k-1) pLearn for
        // 1 <= k < T, (1 - pInit)(1 - pLearn)^(T-1) for k = T.
        int tt = o.length;
        double total = 0;
        for (int k = 0; k <= tt; k++) {
            double path = k == 0 ? p.pInit
                    : k < tt ? (1 - p.pInit) * Math.pow(1 - p.pLearn, k - 1) * p.pLearn
                    : (1 - p.pInit) * Math.pow(1 - p.pLearn, tt - 1);
            for (int t = 0; t < tt; t++) {
                boolean known = t >= k;
                double pc = known ? 1 - p.pSlip : p.pGuess;
                path *= o[t] ? pc : 1 - pc;
            }
            total += path;
        }
        assertThat(BktFitter.logLikelihood(List.of(o), p)).isCloseTo(Math.log(total), within(1e-12));
    }

    @Test
    void emNeverLowersTheLikelihood() {
        List<SkillSequences.Sequence> data = simulate(BktParams.of(0.3, 0.15, 0.2, 0.1), 300, 12, 7);
        double previous = Double.NEGATIVE_INFINITY;
        for (int it = 1; it <= 30; it++) {
            BktFitter f = new BktFitter(BktFitter.Settings.defaults().withRestarts(1).withMaxIterations(it).withTolerance(0));
            double ll = f.fitSkill("s", data, BktParams.DEFAULTS).logLikelihood;
            assertThat(ll).isGreaterThanOrEqualTo(previous - 1e-9);
            previous = ll;
        }
    }

    @Test
    void fittedParametersRespectTheBounds() {
        // every answer wrong: EM would push guess to 0 and slip to 1 without bounds
        List<SkillSequences.Sequence> data = new ArrayList<>();
        for (int l = 0; l < 20; l++) {
            data.add(new SkillSequences.Sequence("L" + l, new boolean[10]));
        }
        BktFitter.SkillFit fit = new BktFitter(BktFitter.Settings.defaults()).fitSkill("s", data, BktParams.DEFAULTS);
        assertThat(fit.params.pGuess).isBetween(1e-4, 0.5);
        assertThat(fit.params.pSlip).isBetween(1e-4, 0.5);
        assertThat(fit.params.pInit).isBetween(1e-4, 1 - 1e-4);
        assertThat(fit.params.pLearn).isBetween(1e-4, 1 - 1e-4);
    }

    @Test
    void skillsBelowTheMinimumsKeepTheDefault() {
        // defaults: at least 50 observations and 5 learners
        List<SkillSequences.Sequence> fortyNine = simulate(BktParams.DEFAULTS, 7, 7, 1);
        fortyNine.set(0, new SkillSequences.Sequence("L00000", new boolean[6])); // 6 + 6 * 7 = 48
        fortyNine.add(new SkillSequences.Sequence("L99999", new boolean[1]));    // 49
        List<SkillSequences.Sequence> fifty = new ArrayList<>(fortyNine);
        fifty.add(new SkillSequences.Sequence("L99998", new boolean[] {true}));
        List<SkillSequences.Sequence> fourLearners = simulate(BktParams.DEFAULTS, 4, 100, 2);
        SkillSequences data = SkillSequences.of(Map.of("a", fortyNine, "b", fifty, "c", fourLearners));

        BktFitter.Report r = new BktFitter(BktFitter.Settings.defaults()).fitAll(data, BktParams.DEFAULTS);
        assertThat(r.skills.get("a").observations).isEqualTo(49);
        assertThat(r.skills.get("a").fitted).isFalse();
        assertThat(r.skills.get("a").params).isEqualTo(BktParams.DEFAULTS);
        assertThat(r.skills.get("b").observations).isEqualTo(50);
        assertThat(r.skills.get("b").fitted).isTrue();
        assertThat(r.skills.get("c").fitted).isFalse();
        assertThat(r.parameters.skills().keySet()).containsExactly("b");
        assertThat(r.parameters.observations("b")).isEqualTo(50);
        assertThat(r.parameters.forSkill("a")).isEqualTo(BktParams.DEFAULTS);
    }

    @Test
    void fittingIsDeterministicAndIndependentOfOtherSkills() {
        List<SkillSequences.Sequence> a = simulate(BktParams.of(0.4, 0.1, 0.2, 0.1), 200, 10, 3);
        List<SkillSequences.Sequence> b = simulate(BktParams.of(0.2, 0.3, 0.1, 0.2), 200, 10, 4);
        BktFitter f = new BktFitter(BktFitter.Settings.defaults());
        BktParameterSet both = f.fitAll(SkillSequences.of(Map.of("a", a, "b", b)), BktParams.DEFAULTS).parameters;
        BktParameterSet again = f.fitAll(SkillSequences.of(Map.of("b", b, "a", a)), BktParams.DEFAULTS).parameters;
        BktParameterSet onlyA = f.fitAll(SkillSequences.of(Map.of("a", a)), BktParams.DEFAULTS).parameters;
        assertThat(again.toJson()).isEqualTo(both.toJson());
        assertThat(onlyA.forSkill("a")).isEqualTo(both.forSkill("a"));
    }
}
