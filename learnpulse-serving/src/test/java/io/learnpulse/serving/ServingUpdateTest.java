package io.learnpulse.serving;

import static io.learnpulse.serving.Fixtures.MINUTE;
import static io.learnpulse.serving.Fixtures.T0;
import static io.learnpulse.serving.Fixtures.aggregate;
import static io.learnpulse.serving.Fixtures.fin;
import static io.learnpulse.serving.Fixtures.intervention;
import static io.learnpulse.serving.Fixtures.mastery;
import static io.learnpulse.serving.Fixtures.questionStats;
import static io.learnpulse.serving.Fixtures.session;
import static io.learnpulse.serving.Fixtures.speculative;
import static io.learnpulse.core.json.JsonLines.toJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.result.Status;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.rules.Rule;
import org.junit.jupiter.api.Test;

class ServingUpdateTest {

    @Test
    void ordersFollowTheOutputContract() {
        String json = toJson(fin("a1", "L1", "c1", T0, 2));
        assertThat(ServingUpdate.of(fin("a1", "L1", "c1", T0, 2)).order)
                .containsExactly(1, 2, 0, T0, ServingUpdate.hash(json));
        assertThat(ServingUpdate.of(speculative("a1", "L1", "c1", T0)).order[0]).isZero();
        assertThat(ServingUpdate.of(mastery("L1", "c1", "s1", 0.4, 6, T0, Status.FINAL)).order).startsWith(6, 1, 6, T0);
        assertThat(ServingUpdate.of(questionStats("q1", "c1", 9, T0, Status.SPECULATIVE, 0)).order).startsWith(0, 0, 9, T0);
        assertThat(ServingUpdate.of(aggregate("L1", T0, 3)).order).startsWith(T0, 1, 1, 0);
        assertThat(ServingUpdate.of(session("L1", "c1", T0, T0 + MINUTE)).order).startsWith(T0, 1, 1, T0 + MINUTE);
        Intervention iv = intervention(Rule.REVIEW_SEGMENT, "L1", "c1", "s", "t", T0, T0 + 7);
        assertThat(ServingUpdate.of(iv).order).containsExactly(-(T0 + 7), ServingUpdate.hash(toJson(iv)));
        assertThat(ServingUpdate.orderString(new long[] {1, -2, T0})).isEqualTo("1,-2," + T0);
    }

    @Test
    void newerComparesLeftToRightAndTreatsMissingElementsAsZero() {
        assertThat(ServingUpdate.newer(new long[] {1, 0}, new long[] {0, 9})).isTrue();
        assertThat(ServingUpdate.newer(new long[] {1, 2}, new long[] {1, 2})).isFalse();
        assertThat(ServingUpdate.newer(new long[] {1, 2, 1}, new long[] {1, 2})).isTrue();
        assertThat(ServingUpdate.newer(new long[] {1, 2}, new long[] {1, 2, -1})).isTrue();
        assertThat(ServingUpdate.newer(new long[] {-5}, new long[] {-4})).isFalse();
    }

    @Test
    void theContentHashIsFnv1aCutTo52BitsAndTheSameInEveryJvm() {
        long mask = (1L << 52) - 1;
        assertThat(ServingUpdate.hash("")).isEqualTo(0xcbf29ce484222325L & mask);
        assertThat(ServingUpdate.hash("a")).isEqualTo(0xaf63dc4c8601ec8cL & mask);
        assertThat(ServingUpdate.hash("foobar")).isEqualTo(0x85944171f73967e8L & mask);
    }

    @Test
    void struggleSignalsComeFromInterventionsAndLowMasteryOnEnoughAttempts() {
        StoreSettings s = StoreSettings.defaults();
        assertThat(ServingUpdate.of(mastery("L1", "c1", "s1", 0.29, 5, T0, Status.FINAL)).signal(s).json)
                .isEqualTo("{\"signal\":\"low_mastery\",\"rule\":null,\"object_id\":\"s1\",\"p_mastery\":0.29,"
                        + "\"event_time\":" + T0 + "}");
        assertThat(ServingUpdate.of(mastery("L1", "c1", "s1", 0.3, 5, T0, Status.FINAL)).signal(s)).isNull();
        assertThat(ServingUpdate.of(mastery("L1", "c1", "s1", 0.1, 4, T0, Status.FINAL)).signal(s)).isNull();
        assertThat(ServingUpdate.of(mastery("L1", null, "s1", 0.1, 9, T0, Status.FINAL)).signal(s)).isNull();
        assertThat(ServingUpdate.of(intervention(Rule.DISENGAGEMENT, "L1", "c1", "c1", "t", T0, T0)).signal(s).json)
                .isEqualTo("{\"signal\":\"intervention\",\"rule\":\"disengagement\",\"object_id\":\"c1\","
                        + "\"p_mastery\":null,\"event_time\":" + T0 + "}");
        assertThat(ServingUpdate.of(fin("a", "L1", "c1", T0, 1)).signal(s)).isNull();
    }
}
