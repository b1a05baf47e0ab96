package io.learnpulse.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LearnerAggregate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonLinesPropertiesTest {

    /** Finite doubles survive the text round trip bit for bit; NaN and infinities come back as NaN. */
    @Property(tries = 2000)
    void doublesRoundTripExactly(@ForAll("doubles") double d, @ForAll String text) {
        LearnerAggregate a = new LearnerAggregate();
        a.key = text;
        a.learnerId = text;
        a.meanScore = d;
        a.videoSeconds = -d;
        LearnerAggregate back = JsonLines.readLearnerAggregate(JsonLines.toJson(a));
        assertThat(back.key).isEqualTo(text);
        if (Double.isFinite(d)) {
            assertThat(Double.doubleToRawLongBits(back.meanScore)).isEqualTo(Double.doubleToRawLongBits(d));
            assertThat(Double.doubleToRawLongBits(back.videoSeconds)).isEqualTo(Double.doubleToRawLongBits(-d));
        } else {
            assertThat(back.meanScore).isNaN();
            assertThat(back.videoSeconds).isNaN();
        }
    }

    @Property(tries = 500)
    void fusedAttemptsRoundTrip(@ForAll("doubles") double coverage, @ForAll("doubles") double since,
            @ForAll String id) {
        FusedAttempt a = JsonLinesTest.fused();
        a.key = id;
        a.eventId = id;
        a.skillIds = new String[] {id, ""};
        a.videoCoverage = coverage;
        a.secondsSinceLastActivity = since;
        String json = JsonLines.toJson(a);
        assertThat(json).doesNotContain("\n").doesNotContain("\r");
        FusedAttempt back = JsonLines.readFusedAttempt(json);
        // NaN reads back as NaN; infinities are written as null too and so read back as NaN
        assertThat(back.sameResult(a)).isEqualTo(!Double.isInfinite(coverage) && !Double.isInfinite(since));
        assertThat(back.skillIds).containsExactly(id, "");
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .withSpecialValue(Double.NEGATIVE_INFINITY).withSpecialValue(Double.MIN_VALUE)
                        .withSpecialValue(Double.MAX_VALUE).withSpecialValue(-0.0),
                Arbitraries.longs().map(Double::longBitsToDouble));
    }
}
