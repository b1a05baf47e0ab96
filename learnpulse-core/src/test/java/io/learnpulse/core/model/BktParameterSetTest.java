package io.learnpulse.core.model;

import io.learnpulse.core.config.LearnPulseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BktParameterSetTest {

    private static final BktParameterSet SET = new BktParameterSet(BktParams.DEFAULTS,
            Map.of("s2", BktParams.of(0.5, 0.1, 0.25, 0.05), "s1", BktParams.of(0.3, 0.2, 0.15, 0.12)),
            Map.of("s1", 120L, "s2", 75L));

    @Test
    void aSkillWithoutItsOwnParametersUsesTheDefault() {
        assertThat(SET.forSkill("s1")).isEqualTo(BktParams.of(0.3, 0.2, 0.15, 0.12));
        assertThat(SET.forSkill("other")).isSameAs(BktParams.DEFAULTS);
        assertThat(SET.forSkill(null)).isSameAs(BktParams.DEFAULTS);
        assertThat(SET.observations("s1")).isEqualTo(120);
        assertThat(SET.observations("other")).isZero();
        assertThat(SET.skills().keySet()).containsExactly("s1", "s2");
    }

    @Test
    void writesTheDocumentedJsonWithSkillsSorted() {
        assertThat(SET.toJson()).isEqualTo(String.join("\n",
                "{",
                "  \"default\" : {",
                "    \"p_init\" : 0.2,",
                "    \"p_learn\" : 0.15,",
                "    \"p_guess\" : 0.2,",
                "    \"p_slip\" : 0.1",
                "  },",
                "  \"skills\" : {",
                "    \"s1\" : {",
                "      \"p_init\" : 0.3,",
                "      \"p_learn\" : 0.2,",
                "      \"p_guess\" : 0.15,",
                "      \"p_slip\" : 0.12,",
                "      \"observations\" : 120",
                "    },",
                "    \"s2\" : {",
                "      \"p_init\" : 0.5,",
                "      \"p_learn\" : 0.1,",
                "      \"p_guess\" : 0.25,",
                "      \"p_slip\" : 0.05,",
                "      \"observations\" : 75",
                "    }",
                "  }",
                "}",
                ""));
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("params.json");
        SET.write(f);
        assertThat(BktParameterSet.read(f)).isEqualTo(SET);
        BktParameterSet odd = new BktParameterSet(BktParams.of(0.123456789012345, 1e-4, 0.4999, 0.3), Map.of(), Map.of());
        assertThat(BktParameterSet.parse(odd.toJson())).isEqualTo(odd);
    }

    @Test
    void readsCompactJsonAndIgnoresUnknownFields() {
        BktParameterSet s = BktParameterSet.parse("{\"default\":{\"p_init\":0.1,\"p_learn\":0.2,\"p_guess\":0.3,\"p_slip\":0.1},"
                + "\"skills\":{\"1\":{\"p_init\":0.4,\"p_learn\":0.05,\"p_guess\":0.2,\"p_slip\":0.2,\"log_likelihood\":-3.5}},"
                + "\"fitted_at\":\"x\"}");
        assertThat(s.defaultParams()).isEqualTo(BktParams.of(0.1, 0.2, 0.3, 0.1));
        assertThat(s.forSkill("1")).isEqualTo(BktParams.of(0.4, 0.05, 0.2, 0.2));
        assertThat(s.observations("1")).isZero();
    }

    @Test
    void invalidDocumentsNameTheProblem() {
        String ok = "{\"p_init\":0.1,\"p_learn\":0.2,\"p_guess\":0.3,\"p_slip\":0.1}";
        assertThatThrownBy(() -> BktParameterSet.parse("{\"skills\":{}}")).hasMessageContaining("default is required");
        assertThatThrownBy(() -> BktParameterSet.parse("{\"default\":" + ok + "}")).hasMessageContaining("skills is required");
        assertThatThrownBy(() -> BktParameterSet.parse("{\"default\":" + ok + ",\"skills\":{\"a\":{\"p_init\":0.1}}}"))
                .hasMessageContaining("skills.a.p_learn is required");
        assertThatThrownBy(() -> BktParameterSet.parse("{\"default\":" + ok + ",\"skills\":{\"a\":"
                + "{\"p_init\":0.1,\"p_learn\":0.2,\"p_guess\":0.6,\"p_slip\":0.5}}}"))
                .hasMessageContaining("skills.a: p_guess + p_slip must be below 1");
        assertThatThrownBy(() -> BktParameterSet.parse("{\"default\":{\"p_init\":\"0.1\"},\"skills\":{}}"))
                .hasMessageContaining("default.p_init must be a number");
        assertThatThrownBy(() -> BktParameterSet.parse("{\"default\":" + ok + ",\"skills\":{\"a\":"
                + "{\"p_init\":0.1,\"p_learn\":0.2,\"p_guess\":0.3,\"p_slip\":0.1,\"observations\":-1}}}"))
                .hasMessageContaining("skills.a.observations must be a non-negative integer");
        assertThatThrownBy(() -> BktParameterSet.parse("{\"default\":" + ok + ",\"default\":" + ok + ",\"skills\":{}}"))
                .hasMessageContaining("Duplicate field 'default'");
        assertThatThrownBy(() -> BktParameterSet.parse("[1]")).hasMessageContaining("must be a JSON object");
    }

    @Test
    void fromTheConfig(@TempDir Path dir) throws Exception {
        assertThat(BktParameterSet.fromConfig(LearnPulseConfig.defaults())).isEqualTo(BktParameterSet.defaults());
        LearnPulseConfig custom = LearnPulseConfig.fromYamlString("models:\n  bkt:\n    p-init: 0.3\n    p-slip: 0.05\n");
        assertThat(BktParameterSet.fromConfig(custom).defaultParams()).isEqualTo(BktParams.of(0.3, 0.15, 0.2, 0.05));

        Path f = dir.resolve("params.json");
        SET.write(f);
        LearnPulseConfig withFile = LearnPulseConfig.fromYamlString("models:\n  bkt:\n    params-file: '" + f + "'\n");
        assertThat(withFile.bktParamsFile()).isEqualTo(f.toString());
        assertThat(BktParameterSet.fromConfig(withFile)).isEqualTo(SET);

        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("models:\n  bkt:\n    p-guess: 0.6\n    p-slip: 0.4\n"))
                .hasMessageContaining("models.bkt: p_guess + p_slip must be below 1");
        assertThatThrownBy(() -> LearnPulseConfig.fromYamlString("models:\n  bkt:\n    p-forget: 0.1\n"))
                .hasMessageContaining("unknown config key 'models.bkt.p-forget'");
        Files.deleteIfExists(f);
    }
}
