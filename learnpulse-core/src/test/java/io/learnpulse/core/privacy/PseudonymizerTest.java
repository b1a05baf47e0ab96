package io.learnpulse.core.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymizerTest {
    private static final String SECRET = "a-secret-of-enough-length";

    @Test
    void pseudonymIsTheTruncatedHmacOfTheIdUnderTheSecret() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "lp-" + HexFormat.of().formatHex(mac.doFinal("ada".getBytes(StandardCharsets.UTF_8))).substring(0, 32);

        Pseudonymizer p = Pseudonymizer.keyed(SECRET);
        assertThat(p.apply("ada")).isEqualTo(expected);
        assertThat(p.apply("ada")).isEqualTo(expected);
        assertThat(Pseudonymizer.isPseudonym(expected)).isTrue();
    }

    @Test
    void differentSecretsAndIdsGiveDifferentPseudonyms() {
        Pseudonymizer a = Pseudonymizer.keyed(SECRET);
        Pseudonymizer b = Pseudonymizer.keyed(SECRET + "!");
        assertThat(a.apply("ada")).isNotEqualTo(b.apply("ada")).isNotEqualTo(a.apply("bob"));
    }

    @Test
    void aPseudonymIsNotHashedAgainAndIdentityLeavesIdsAlone() {
        Pseudonymizer p = Pseudonymizer.keyed(SECRET);
        String once = p.apply("mailto:ada@example.org");
        assertThat(p.apply(once)).isEqualTo(once);
        assertThat(p.apply(null)).isNull();
        assertThat(Pseudonymizer.identity().apply("ada")).isEqualTo("ada");
        assertThat(Pseudonymizer.identity().enabled()).isFalse();
        assertThat(p.enabled()).isTrue();
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> Pseudonymizer.keyed("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters");
    }
}
