package io.learnpulse.core.format;

import static io.learnpulse.core.format.Records.INGEST;
import static io.learnpulse.core.format.Records.V1_ATTEMPT;
import static io.learnpulse.core.format.Records.V1_CLICK;
import static io.learnpulse.core.format.Records.V1_HINT;
import static io.learnpulse.core.format.Records.V1_VIDEO_SEEK;
import static io.learnpulse.core.format.Records.V2_ATTEMPT;
import static io.learnpulse.core.format.Records.V2_CLICK;
import static io.learnpulse.core.format.Records.V2_HINT;
import static io.learnpulse.core.format.Records.V2_VIDEO_PLAY;
import static io.learnpulse.core.format.Rec.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unknown and inapplicable fields are ignored; v1 ids depend on the content only. */
class NativeParserLenienceAndIdsTest {

    private final NativeParser parser = new NativeParser(ParserSettings.defaults());

    private LearnerEvent parseOk(String source, String line) {
        ParseResult r = parser.parse(source, line, INGEST);
        assertThat(r.deadLetter).as("dead letter for %s", line).isNull();
        return r.event;
    }

    private String id(String source, Rec rec) {
        return parseOk(source, rec.json()).eventId;
    }

    // ---- ignored fields -------------------------------------------------------------------------------------

    @Test
    void unknownFieldsOfAnyShapeAreIgnored() {
        Rec noisy = V2_CLICK
                .with("client", "ios-17")
                .with("nested", Map.of("ts", "bad", "schema_version", 9, "deep", List.of(1, Map.of("a", List.of()))))
                .with("list", List.of(Map.of("page_id", 5), "x", 1.5, true))
                .with("nothing", null)
                .with("huge", raw("1e999"));
        String withLeadingUnknown = "{\"first\":{\"event_id\":\"fake\"}," + V2_CLICK.json().substring(1);

        LearnerEvent plain = parseOk(Sources.CLICKSTREAM, V2_CLICK.json());
        assertThat(parseOk(Sources.CLICKSTREAM, noisy.json())).isEqualTo(plain);
        assertThat(parseOk(Sources.CLICKSTREAM, withLeadingUnknown)).isEqualTo(plain);
    }

    @Test
    void fieldsOfOtherSourcesAreIgnored() {
        LearnerEvent plain = parseOk(Sources.CLICKSTREAM, V2_CLICK.json());
        Rec mixed = V2_CLICK.with("position", "not a number").with("question_id", 5).with("action", "rewind")
                .with("correct", "maybe");
        assertThat(parseOk(Sources.CLICKSTREAM, mixed.json())).isEqualTo(plain);

        LearnerEvent video = parseOk(Sources.VIDEO, V2_VIDEO_PLAY.json());
        assertThat(parseOk(Sources.VIDEO, V2_VIDEO_PLAY.with("page_id", List.of()).with("score", -1).json()))
                .isEqualTo(video);
    }

    @Test
    void fieldsOfOtherKindsAndVersionsAreIgnored() {
        // seek_from on a play, attempt fields on a hint, hint_index on an attempt
        LearnerEvent play = parseOk(Sources.VIDEO, V2_VIDEO_PLAY.json());
        assertThat(parseOk(Sources.VIDEO, V2_VIDEO_PLAY.with("seek_from", "x").json())).isEqualTo(play);

        LearnerEvent hint = parseOk(Sources.ASSESSMENT, V2_HINT.json());
        assertThat(parseOk(Sources.ASSESSMENT, V2_HINT.with("score", "x").with("correct", 3)
                .with("attempt_number", 0).with("max_score", -1).json())).isEqualTo(hint);

        LearnerEvent attempt = parseOk(Sources.ASSESSMENT, V2_ATTEMPT.json());
        assertThat(parseOk(Sources.ASSESSMENT, V2_ATTEMPT.with("hint_index", "x").json())).isEqualTo(attempt);

        // v1 fields on a v2 record and v2 fields on a v1 record
        assertThat(parseOk(Sources.ASSESSMENT, V2_ATTEMPT.with("user_id", 1).with("timestamp", false).json()))
                .isEqualTo(attempt);
        LearnerEvent v1 = parseOk(Sources.CLICKSTREAM, V1_CLICK.json());
        assertThat(parseOk(Sources.CLICKSTREAM, V1_CLICK.with("event_id", "mine").with("ts", "x")
                .with("learner_id", 9).json())).isEqualTo(v1);
    }

    @Test
    void duplicatedUnknownFieldsAreIgnored() {
        String json = V2_CLICK.json();
        String twice = json.substring(0, json.length() - 1) + ",\"extra\":1,\"extra\":2}";
        assertThat(parseOk(Sources.CLICKSTREAM, twice)).isEqualTo(parseOk(Sources.CLICKSTREAM, json));
    }

    // ---- v1 event ids -------------------------------------------------------------------------------------

    @Test
    void v1IdIsStable() {
        // Pinned: a changed id would break deduplication of re-sent records across releases.
        assertThat(id(Sources.CLICKSTREAM, V1_CLICK)).isEqualTo(pinnedClickId());
    }

    private static String pinnedClickId() {
        return "v1-5c9a5d308e779f360af6f92cbf14f24a";
    }

    @Test
    void v1IdIgnoresFieldOrderAndWhitespace() {
        String pretty = "{\n  \"event_type\" : \"click\",\t\"page_id\": \"c-algebra/p2\",\n"
                + "  \"timestamp\":\"2026-01-01T00:59:55.250+01:00\" , \"course_id\":\"c-algebra\",\"user_id\" :\"l-1\"\n}";
        assertThat(parseOk(Sources.CLICKSTREAM, pretty).eventId).isEqualTo(id(Sources.CLICKSTREAM, V1_CLICK));

        Rec reordered = Rec.of("score", 0.5, "question_id", "c-algebra/q1", "skill_ids", List.of("linear-equations"),
                "attempt_number", 3, "max_score", 2, "timestamp", Records.V1_TIME, "course_id", "c-algebra",
                "user_id", "l-1");
        assertThat(id(Sources.ASSESSMENT, reordered)).isEqualTo(id(Sources.ASSESSMENT, V1_ATTEMPT));
    }

    @Test
    void v1IdUsesCanonicalValuesNotText() {
        String base = id(Sources.ASSESSMENT, V1_ATTEMPT);
        // the same instant in another offset, the same numbers written differently, unknown fields
        assertThat(id(Sources.ASSESSMENT, V1_ATTEMPT.with("timestamp", "2025-12-31T23:59:55.25Z"))).isEqualTo(base);
        assertThat(id(Sources.ASSESSMENT, V1_ATTEMPT.with("max_score", raw("2.0")).with("score", raw("5e-1"))))
                .isEqualTo(base);
        assertThat(id(Sources.ASSESSMENT, V1_ATTEMPT.with("client", "web").with("correct", true))).isEqualTo(base);
        assertThat(id(Sources.VIDEO, V1_VIDEO_SEEK.with("position", 300))).isEqualTo(id(Sources.VIDEO, V1_VIDEO_SEEK));
    }

    @Test
    void v1IdTreatsExplicitDefaultsLikeAbsentFields() {
        Rec defaults = V1_ATTEMPT.without("max_score").without("attempt_number").with("score", 1);
        assertThat(id(Sources.ASSESSMENT, defaults.with("max_score", 1).with("attempt_number", 1)))
                .isEqualTo(id(Sources.ASSESSMENT, defaults));
        assertThat(id(Sources.ASSESSMENT, V1_ATTEMPT.with("type", "attempt")))
                .isEqualTo(id(Sources.ASSESSMENT, V1_ATTEMPT));
    }

    @Test
    void v1IdChangesWithAnyContent() {
        List<String> ids = new ArrayList<>();
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("user_id", "l-2")));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("course_id", "c-geometry")));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("timestamp", "2026-01-01T00:59:55.251+01:00")));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("timestamp", "2026-01-01T00:59:55.250+02:00")));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("question_id", "c-algebra/q2")));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("score", 0.25)));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("max_score", 3)));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("attempt_number", 4)));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.without("skill_ids")));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("skill_ids", List.of())));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("skill_ids", List.of("linear-equations", "fractions"))));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("skill_ids", List.of("fractions", "linear-equations"))));
        ids.add(id(Sources.ASSESSMENT, V1_ATTEMPT.with("skill_ids", List.of("linear-equationsfractions"))));
        ids.add(id(Sources.ASSESSMENT, V1_HINT));
        ids.add(id(Sources.ASSESSMENT, V1_HINT.without("hint_index")));
        ids.add(id(Sources.ASSESSMENT, V1_HINT.with("hint_index", 2)));
        ids.add(id(Sources.VIDEO, V1_VIDEO_SEEK));
        ids.add(id(Sources.VIDEO, V1_VIDEO_SEEK.with("video_id", "c-algebra/v2")));
        ids.add(id(Sources.VIDEO, V1_VIDEO_SEEK.with("position", 301)));
        ids.add(id(Sources.VIDEO, V1_VIDEO_SEEK.with("seek_from", 45.25)));
        ids.add(id(Sources.VIDEO, V1_VIDEO_SEEK.with("action", "play")));
        ids.add(id(Sources.VIDEO, V1_VIDEO_SEEK.with("action", "pause")));
        ids.add(id(Sources.CLICKSTREAM, V1_CLICK));
        ids.add(id(Sources.CLICKSTREAM, V1_CLICK.with("page_id", "c-algebra/p3")));
        ids.add(id(Sources.CLICKSTREAM, V1_CLICK.with("event_type", "page_view")));
        // strings are length-prefixed: moving a character from one field to the next changes the id
        ids.add(id(Sources.CLICKSTREAM, V1_CLICK.with("page_id", "c-algebra/p2c").with("event_type", "lick")));

        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSize(ids.size());
        assertThat(ids).allSatisfy(i -> assertThat(i).matches("v1-[0-9a-f]{32}"));
    }

    @Test
    void v2IdsAreTakenAsGiven() {
        assertThat(id(Sources.CLICKSTREAM, V2_CLICK.with("event_id", "  any id ü "))).isEqualTo("  any id ü ");
    }
}
