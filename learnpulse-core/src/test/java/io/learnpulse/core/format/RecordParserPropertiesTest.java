package io.learnpulse.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives, {@link RecordParser} does not throw and yields at least one well-formed result. */
class RecordParserPropertiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long INGEST = Records.INGEST;

    private static final Set<String> REASONS = Set.of(DeadLetterReason.MALFORMED_JSON, DeadLetterReason.OVERSIZED,
            DeadLetterReason.MISSING_FIELD, DeadLetterReason.INVALID_FIELD, DeadLetterReason.UNKNOWN_FORMAT,
            DeadLetterReason.UNSUPPORTED_VERSION, DeadLetterReason.FUTURE_DATED);

    /** Valid records of each format, received at {@link #INGEST}; the mutations start from these. */
    private static final List<String> BASES = List.of(
            // xAPI: an answered question
            "{\"id\":\"3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f\",\"actor\":{\"objectType\":\"Agent\",\"mbox\":"
                    + "\"mailto:ada@example.edu\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\","
                    + "\"display\":{\"en-US\":\"answered\"}},\"object\":{\"id\":\"https://x.example/q1\",\"definition\":"
                    + "{\"type\":\"http://adlnet.gov/expapi/activities/cmi.interaction\",\"interactionType\":\"choice\","
                    + "\"choices\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"extensions\":{\"http://id.tincanapi.com/extension/"
                    + "attempt-id\":2}}},\"result\":{\"score\":{\"raw\":1,\"min\":0,\"max\":2,\"scaled\":0.5},\"success\":"
                    + "false,\"duration\":\"PT12S\"},\"context\":{\"contextActivities\":{\"parent\":[{\"id\":"
                    + "\"https://x.example/c1\",\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}}]},"
                    + "\"registration\":\"ec531277-b57b-4c15-8d91-d292c5b2b8f7\"},\"timestamp\":\"2025-12-31T23:59:55Z\","
                    + "\"version\":\"1.0.3\"}",
            // xAPI: a batch with a seek and a group actor
            "[{\"actor\":{\"account\":{\"homePage\":\"https://x.example\",\"name\":\"u1\"}},\"verb\":{\"id\":"
                    + "\"https://w3id.org/xapi/video/verbs/seeked\"},\"object\":{\"id\":\"https://x.example/v1\","
                    + "\"definition\":{\"type\":\"https://w3id.org/xapi/video/activity-type/video\"}},\"result\":"
                    + "{\"extensions\":{\"https://w3id.org/xapi/video/extensions/time-from\":3,"
                    + "\"https://w3id.org/xapi/video/extensions/time-to\":90.5}},\"context\":{\"platform\":\"c1\"},"
                    + "\"timestamp\":\"2025-12-31T23:59:50+00:00\"},{\"actor\":{\"objectType\":\"Group\",\"mbox\":"
                    + "\"mailto:t@x.example\",\"member\":[{\"mbox_sha1sum\":\"ebd31e95054c018b10727ccffd2ef2ec3a016ee9\"}]},"
                    + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/asked\"},\"object\":{\"objectType\":"
                    + "\"Activity\",\"id\":\"https://x.example/q1/hint/0\"},\"context\":{\"contextActivities\":"
                    + "{\"grouping\":{\"id\":\"https://x.example/c1\",\"definition\":{\"type\":"
                    + "\"http://adlnet.gov/expapi/activities/course\"}}}},\"timestamp\":\"2025-12-31T23:59:51Z\"}]",
            // Caliper: an envelope with a graded attempt and a paused video
            "{\"sensor\":\"https://x.example/s\",\"sendTime\":\"2026-01-01T00:00:00.000Z\",\"dataVersion\":"
                    + "\"http://purl.imsglobal.org/ctx/caliper/v1p2\",\"data\":[{\"@context\":"
                    + "\"http://purl.imsglobal.org/ctx/caliper/v1p2\",\"id\":\"urn:uuid:c51570e4-f8ed-4c18-bb3a-dfe51b2cc594\","
                    + "\"type\":\"GradeEvent\",\"actor\":{\"id\":\"https://x.example/grader\",\"type\":"
                    + "\"SoftwareApplication\"},\"action\":\"Graded\",\"object\":{\"id\":\"https://x.example/a/1\","
                    + "\"type\":\"Attempt\",\"assignee\":\"https://x.example/u/1\",\"assignable\":{\"id\":"
                    + "\"https://x.example/q1\",\"type\":\"AssessmentItem\"},\"count\":1},\"generated\":{\"id\":"
                    + "\"https://x.example/a/1/s\",\"type\":\"Score\",\"scoreGiven\":1,\"maxScore\":2},\"eventTime\":"
                    + "\"2025-12-31T23:59:55.000Z\",\"group\":{\"id\":\"https://x.example/c1\",\"type\":"
                    + "\"CourseSection\"}},{\"@context\":\"http://purl.imsglobal.org/ctx/caliper/v1p2\",\"id\":"
                    + "\"urn:uuid:956b4a02-8de0-4991-b8c5-b6eebb6b4cab\",\"type\":\"MediaEvent\",\"actor\":"
                    + "\"https://x.example/u/1\",\"action\":\"Paused\",\"object\":{\"id\":\"https://x.example/v1\","
                    + "\"type\":\"VideoObject\",\"extensions\":{\"isPartOf\":{\"id\":\"https://x.example/c1\","
                    + "\"type\":\"CourseOffering\"}}},\"target\":{\"id\":\"_:l\",\"type\":\"MediaLocation\","
                    + "\"currentTime\":\"PT1M2.5S\",\"extensions\":{\"newTime\":\"PT3S\"}},\"eventTime\":"
                    + "\"2025-12-31T23:59:56.000Z\"}]}",
            // native v2
            Records.V2_ATTEMPT.json());

    private static final List<String> CHANNELS = List.of(Sources.CLICKSTREAM, Sources.VIDEO, Sources.ASSESSMENT,
            Sources.XAPI, Sources.CALIPER, "quiz");

    /** Values substituted into records. */
    private static final List<String> VALUES = List.of("null", "\"\"", "\" \"", "\"x y\"", "0", "-1", "1.5", "1e400",
            "-0.0", "99999999999999999999", "true", "{}", "[]", "[null]", "{\"id\":null}", "\"mailto:\"",
            "\"urn:uuid:\"", "\"P\"", "\"PT\"", "\"2026-13-01T00:00:00Z\"", "\"1970-01-01T00:00:00\"",
            "\"http://purl.imsglobal.org/ctx/caliper/v1p2\"", "\"Person\"", "\"GroupActivity\"", "\"Webpage\"",
            "{\"score\":{}}", "\"\\u0000\"", "\"" + "a".repeat(100) + "\"");

    private final RecordParser parser = new RecordParser(ParserSettings.defaults().withMaxRecordBytes(8192));

    private void check(String source, String payload) {
        List<ParseResult> results = new ArrayList<>();
        parser.parse(source, payload, INGEST, results::add);
        assertThat(results).isNotEmpty();
        for (ParseResult r : results) {
            assertThat(r.event == null).isNotEqualTo(r.deadLetter == null);
            if (r.ok()) {
                checkEvent(source, r.event);
            } else {
                assertThat(r.deadLetter.reason).isIn(REASONS);
                assertThat(r.deadLetter.error).isNotBlank().doesNotContain("internal error");
                assertThat(r.deadLetter.source).isEqualTo(source);
                assertThat(r.deadLetter.receivedAt).isEqualTo(INGEST);
                if (payload != null) {
                    assertThat(payload).contains(r.deadLetter.raw);
                }
            }
        }
    }

    private static void checkEvent(String source, LearnerEvent e) {
        assertThat(e.eventId).isNotEmpty();
        assertThat(e.learnerId).isNotEmpty();
        assertThat(e.courseId).isNotEmpty();
        assertThat(e.objectId).isNotEmpty();
        assertThat(e.kind).isNotNull();
        assertThat(e.format).isIn("native-v1", "native-v2", "xapi", "caliper");
        assertThat(e.source).isEqualTo(source);
        assertThat(e.eventTime).isBetween(0L, INGEST + ParserSettings.DEFAULT_MAX_FUTURE_SKEW_MS);
        assertThat(e.ingestTime).isEqualTo(INGEST);
        switch (e.kind) {
            case ATTEMPT:
                assertThat(e.questionId).isNotEmpty();
                assertThat(e.attemptNumber).isPositive();
                assertThat(Double.isNaN(e.score)).isEqualTo(Double.isNaN(e.maxScore));
                break;
            case HINT:
                assertThat(e.questionId).isNotEmpty();
                assertThat(e.hintIndex).isNotNegative();
                break;
            case VIDEO:
                assertThat(e.videoId).isNotEmpty();
                assertThat(e.videoAction).isNotNull();
                assertThat(Double.isNaN(e.position) || (e.position >= 0 && Double.isFinite(e.position))).isTrue();
                break;
            case CLICK:
                assertThat(e.pageId).isNotEmpty();
                assertThat(e.clickType).isNotEmpty();
                break;
            default:
                break;
        }
    }

    @Property
    void arbitraryTextNeverThrows(@ForAll("channels") String source, @ForAll String payload) {
        check(source, payload);
    }

    @Property
    void truncatedRecordsNeverThrow(@ForAll("channels") String source, @ForAll("bases") String base,
            @ForAll("fractions") double fraction) {
        check(source, base.substring(0, (int) (base.length() * fraction)));
    }

    @Property(tries = 2000)
    void mutatedRecordsNeverThrow(@ForAll("channels") String source, @ForAll("mutated") String payload) {
        check(source, payload);
    }

    @Property
    void theValidBasesAreAccepted(@ForAll("bases") String base) {
        String channel = base.startsWith("{\"schema_version\"") ? Sources.ASSESSMENT : Sources.XAPI;
        List<ParseResult> results = parser.parse(channel, base, INGEST);
        assertThat(results).allMatch(ParseResult::ok);
        check(channel, base);
    }

    @Provide
    Arbitrary<String> channels() {
        return Arbitraries.of(CHANNELS);
    }

    @Provide
    Arbitrary<String> bases() {
        return Arbitraries.of(BASES);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    /** A base record with one to four of its values (at any depth) replaced or removed. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<int[]> mutation = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(-1, VALUES.size() - 1)).as((path, value) -> new int[] {path, value});
        return Combinators.combine(Arbitraries.of(BASES), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as(RecordParserPropertiesTest::mutate);
    }

    private static String mutate(String base, List<int[]> mutations) {
        try {
            JsonNode root = MAPPER.readTree(base);
            for (int[] m : mutations) {
                List<JsonNode[]> slots = new ArrayList<>(); // {container, key-or-index as a text node}
                collect(root, slots);
                if (slots.isEmpty()) {
                    break;
                }
                JsonNode[] slot = slots.get(m[0] % slots.size());
                JsonNode value = m[1] < 0 ? null : MAPPER.readTree(VALUES.get(m[1]));
                if (slot[0].isObject()) {
                    String key = slot[1].textValue();
                    if (value == null) {
                        ((ObjectNode) slot[0]).remove(key);
                    } else {
                        ((ObjectNode) slot[0]).set(key, value);
                    }
                } else {
                    int index = slot[1].intValue();
                    if (value == null) {
                        ((ArrayNode) slot[0]).remove(index);
                    } else {
                        ((ArrayNode) slot[0]).set(index, value);
                    }
                }
            }
            return MAPPER.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode n, List<JsonNode[]> slots) {
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(k -> slots.add(new JsonNode[] {n,
                    com.fasterxml.jackson.databind.node.TextNode.valueOf(k)}));
            n.elements().forEachRemaining(c -> collect(c, slots));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                slots.add(new JsonNode[] {n, com.fasterxml.jackson.databind.node.IntNode.valueOf(i)});
                collect(n.get(i), slots);
            }
        }
    }
}
