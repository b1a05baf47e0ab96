package io.learnpulse.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IRIs, UUIDs, ISO 8601 durations and canonical numbers, as the xAPI and Caliper parsers use them. */
class FormatSupportTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://adlnet.gov/expapi/verbs/answered", "https://example.com/xapi/verbs#sent",
        "mailto:ada@example.edu", "urn:uuid:c51570e4-f8ed-4c18-bb3a-dfe51b2cc594",
        "tag:adlnet.gov,2013:expapi:0.9:activities:x", "block-v1:Org+C1+type@problem+block@p1",
        "http://example.com/فعل/خواندن", "http://example.com/a%20b"})
    void iris(String s) {
        assertThat(FormatSupport.isIri(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "answered", "q7", "1http://x", "http//x", "http:", ":x", "http://a b",
        "http://x/<y>", "http://x/%zz", "http://x/%2", "lms.example.edu/p1", "This is not an IRI"})
    void notIris(String s) {
        assertThat(FormatSupport.isIri(s)).isFalse();
    }

    @Test
    void uuids() {
        assertThat(FormatSupport.isUuid("3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f")).isTrue();
        assertThat(FormatSupport.isUuid("3F2C5B8E-1A4D-4C6B-9E7F-0A1B2C3D4E5F")).isTrue();
        assertThat(FormatSupport.isUuid("12345678-1234-5678-1234-567812345678")).isTrue();
        assertThat(FormatSupport.isUuid("3f2c5b8e1a4d4c6b9e7f0a1b2c3d4e5f")).isFalse();
        assertThat(FormatSupport.isUuid("3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5")).isFalse();
        assertThat(FormatSupport.isUuid("3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5g")).isFalse();
        assertThat(FormatSupport.isUuid("{3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5}")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0", "PT1M30.5S, 90.5", "PT3M14.381S, 194.381", "PT05M21S, 321", "PT0.032788S, 0.032788",
        "P1DT1H, 90000", "P2W, 1209600", "PT1H0M0S, 3600", "'PT1,5S', 1.5", "P1D, 86400", "PT4H35M59.14S, 16559.14"})
    void durationsInSeconds(String s, double seconds) {
        assertThat(IsoDurations.isValid(s)).isTrue();
        assertThat(IsoDurations.toSeconds(s)).isEqualTo(seconds);
    }

    @Test
    void yearsAndMonthsAreValidButHaveNoLengthInSeconds() {
        for (String s : new String[] {"P3Y", "P1M", "P3Y1M29DT4H35M59.14S"}) {
            assertThat(IsoDurations.isValid(s)).as(s).isTrue();
            assertThat(IsoDurations.hasCalendarComponent(s)).as(s).isTrue();
            assertThat(IsoDurations.toSeconds(s)).as(s).isNaN();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P", "PT", "T1S", "1S", "P16559.14S", "PT1.5M30S", "P1W1D", "PT1D", "P1H",
        "PT-1S", "pt1s", "PT1S ", "PT.5S", "PT1.S", "PT1M1M", "PT1S1M", "P0003-02-01T00:00:00", "PT1X"})
    void invalidDurations(String s) {
        assertThat(IsoDurations.isValid(s)).isFalse();
        assertThat(IsoDurations.toSeconds(s)).isNaN();
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "1.0, 1", "1.50, 1.5", "10e-1, 1", "100, 100", "0.000, 0", "-0.0, 0", "1e2, 100",
        "-2.250, -2.25", "1e400, 1E+400"})
    void numbersAreCanonicalByValue(String written, String canonical) {
        assertThat(FormatSupport.canonicalNumber(new BigDecimal(written))).isEqualTo(canonical);
    }
}
