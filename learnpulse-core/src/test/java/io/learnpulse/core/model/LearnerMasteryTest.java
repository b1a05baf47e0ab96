package io.learnpulse.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearnerMasteryTest {

    private static final long T = 1_000_000L;
    private final BktParameterSet params = new BktParameterSet(BktParams.DEFAULTS,
            Map.of("fractions", BktParams.of(0.5, 0.1, 0.25, 0.05)), Map.of());

    @Test
    void aFirstAttemptUpdatesEverySkillOfTheQuestionWithItsOwnParameters() {
        LearnerMastery m = new LearnerMastery();
        List<SkillMastery> updated = m.onAttempt(new String[] {"algebra", "fractions"}, 1, true, T, "a1", params);
        assertThat(updated).extracting(s -> s.skillId).containsExactly("algebra", "fractions");
        // algebra, defaults: 0.2 -> 0.6 (see BktTest); fractions (0.5, 0.1, 0.25, 0.05): 0.5 -> 0.8125
        assertThat(m.skill("algebra").pMastery).isCloseTo(0.6, within(1e-15));
        assertThat(m.skill("fractions").pMastery).isCloseTo(0.8125, within(1e-15));
        assertThat(m.skill("algebra").firstAttempts).isEqualTo(1);
        assertThat(m.pMastery("geometry", params)).isEqualTo(0.2);
    }

    @Test
    void retriesDoNotUpdateMastery() {
        LearnerMastery m = new LearnerMastery();
        m.onAttempt(new String[] {"algebra"}, 1, false, T, "a1", params);
        assertThat(m.onAttempt(new String[] {"algebra"}, 2, true, T + 1, "a2", params)).isEmpty();
        assertThat(m.onAttempt(new String[] {"algebra"}, 0, true, T + 2, "a3", params)).isEmpty();
        assertThat(m.skill("algebra").pMastery).isCloseTo(29.0 / 165.0, within(1e-15));
        assertThat(m.skill("algebra").firstAttempts).isEqualTo(1);
        assertThat(m.firstAttempts).isEqualTo(1);
    }

    @Test
    void theSameAttemptTwiceOrAnOlderOneChangesNothing() {
        LearnerMastery m = new LearnerMastery();
        m.onAttempt(new String[] {"algebra"}, 1, true, T, "a1", params);
        assertThat(m.onAttempt(new String[] {"algebra"}, 1, true, T, "a1", params)).isEmpty();
        assertThat(m.onAttempt(new String[] {"algebra"}, 1, false, T - 1, "a0", params)).isEmpty();
        assertThat(m.skill("algebra").pMastery).isCloseTo(0.6, within(1e-15));
        assertThat(m.firstAttempts).isEqualTo(1);
        // same time, larger id: after
        assertThat(m.onAttempt(new String[] {"algebra"}, 1, true, T, "a2", params)).hasSize(1);
    }

    @Test
    void aRepeatedSkillInOneQuestionIsOneOpportunity() {
        LearnerMastery m = new LearnerMastery();
        assertThat(m.onAttempt(new String[] {"algebra", "algebra"}, 1, true, T, "a1", params)).hasSize(1);
        assertThat(m.skill("algebra").firstAttempts).isEqualTo(1);
    }

    @Test
    void priorFirstAttemptRateExcludesTheCurrentAttempt() {
        LearnerMastery m = new LearnerMastery();
        assertThat(m.priorFirstAttemptRate()).isNaN();
        m.onAttempt(new String[] {"algebra"}, 1, true, T, "a1", params);
        m.onAttempt(new String[0], 1, false, T + 1, "a2", params); // no skills: still a first attempt
        m.onAttempt(new String[] {"algebra"}, 2, true, T + 2, "a3", params);
        assertThat(m.priorFirstAttemptRate()).isEqualTo(0.5);
        assertThat(m.firstAttemptsCorrect).isEqualTo(1);
    }
}
