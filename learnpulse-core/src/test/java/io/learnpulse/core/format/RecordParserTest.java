package io.learnpulse.core.format;

import static io.learnpulse.core.format.Json.arr;
import static io.learnpulse.core.format.Json.obj;
import static io.learnpulse.core.format.Json.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.Sources;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Format detection, channels, and the checks every format shares. */
class RecordParserTest {

    private static final long INGEST = Records.INGEST;

    private final RecordParser parser = new RecordParser(ParserSettings.defaults());

    private static ObjectNode statement(String timestamp) {
        return obj(
                "actor", obj("mbox", "mailto:ada@example.edu"),
                "verb", obj("id", "http://adlnet.gov/expapi/verbs/experienced"),
                "object", obj("id", "https://lms.example.edu/p1"),
                "context", obj("platform", "course-1"),
                "timestamp", timestamp);
    }

    private static ObjectNode caliperEvent(String eventTime) {
        return obj(
                "@context", "http://purl.imsglobal.org/ctx/caliper/v1p2",
                "id", "urn:uuid:c51570e4-f8ed-4c18-bb3a-dfe51b2cc594",
                "type", "ViewEvent",
                "actor", "https://example.edu/users/554433",
                "action", "Viewed",
                "object", obj("id", "https://example.edu/etexts/201.epub", "type", "Document"),
                "eventTime", eventTime,
                "group", "https://example.edu/sections/1");
    }

    private static String iso(long millis) {
        return java.time.Instant.ofEpochMilli(millis).toString();
    }

    private ParseResult single(String source, String payload) {
        List<ParseResult> rs = parser.parse(source, payload, INGEST);
        assertThat(rs).hasSize(1);
        return rs.get(0);
    }

    @Test
    void nativeRecordsParseExactlyAsNativeParserParsesThem() {
        NativeParser nativeParser = new NativeParser(ParserSettings.defaults());
        Object[][] records = {
            {Sources.CLICKSTREAM, Records.V2_CLICK}, {Sources.VIDEO, Records.V2_VIDEO_SEEK},
            {Sources.VIDEO, Records.V2_VIDEO_PLAY}, {Sources.ASSESSMENT, Records.V2_ATTEMPT},
            {Sources.ASSESSMENT, Records.V2_HINT}, {Sources.CLICKSTREAM, Records.V1_CLICK},
            {Sources.VIDEO, Records.V1_VIDEO_SEEK}, {Sources.ASSESSMENT, Records.V1_ATTEMPT},
            {Sources.ASSESSMENT, Records.V1_HINT},
            // invalid ones too: same dead letters
            {Sources.CLICKSTREAM, Records.V2_CLICK.with("ts", "yesterday")},
            {Sources.VIDEO, Records.V1_VIDEO_SEEK.without("position")},
            {Sources.ASSESSMENT, Records.V2_ATTEMPT.with("schema_version", 3)},
        };
        for (Object[] rec : records) {
            String source = (String) rec[0];
            String line = ((Rec) rec[1]).json();
            ParseResult r = single(source, line);
            ParseResult expected = nativeParser.parse(source, line, INGEST);
            assertThat(r.event).as(line).isEqualTo(expected.event);
            assertThat(r.deadLetter).as(line).isEqualTo(expected.deadLetter);
        }
    }

    @Test
    void malformedRecordsOnNativeChannelsKeepNativeParsersMessages() {
        NativeParser nativeParser = new NativeParser(ParserSettings.defaults());
        for (String line : List.of("", "   ", "{", "\"x\"", "42", "null", "{\"a\":1} {", "{'a':1}",
                "{\"schema_version\":2,", "{\"user_id\":\"u\",\"timestamp\":\"x\"} x")) {
            assertThat(single(Sources.CLICKSTREAM, line).deadLetter).as(line)
                    .isEqualTo(nativeParser.parse(Sources.CLICKSTREAM, line, INGEST).deadLetter);
        }
    }

    @Test
    void xapiAndCaliperAreDetectedOnAnyChannelAndKeepTheChannelAsSource() {
        String xapi = text(statement(iso(INGEST - 1000)));
        String caliper = text(caliperEvent(iso(INGEST - 1000)));
        for (String channel : Sources.ALL) {
            ParseResult x = single(channel, xapi);
            assertThat(x.event.format).isEqualTo("xapi");
            assertThat(x.event.source).isEqualTo(channel);
            assertThat(x.event.kind).isEqualTo(EventKind.CLICK);
            ParseResult c = single(channel, caliper);
            assertThat(c.event.format).isEqualTo("caliper");
            assertThat(c.event.source).isEqualTo(channel);
            assertThat(c.event.kind).isEqualTo(EventKind.CLICK);
        }
    }

    @Test
    void anArrayIsABatchOfStatementsAndAnEnvelopeABatchOfEvents() {
        String xapi = text(arr(statement(iso(INGEST - 2000)), statement(iso(INGEST - 1000))));
        assertThat(parser.parse(Sources.XAPI, xapi, INGEST)).hasSize(2).allMatch(ParseResult::ok);
        String env = text(obj("sensor", "https://example.edu/sensors/1", "sendTime", iso(INGEST),
                "dataVersion", "http://purl.imsglobal.org/ctx/caliper/v1p2",
                "data", arr(caliperEvent(iso(INGEST - 2000)), caliperEvent(iso(INGEST - 1000)))));
        assertThat(parser.parse(Sources.CALIPER, env, INGEST)).hasSize(2).allMatch(ParseResult::ok);
    }

    @Test
    void nativeDetectionComesFirst() {
        ObjectNode both = statement(iso(INGEST));
        both.put("schema_version", 3);
        ParseResult r = single(Sources.CLICKSTREAM, text(both));
        assertThat(r.deadLetter.reason).isEqualTo("unsupported_version");
    }

    @Test
    void aNullSchemaVersionDoesNotMakeARecordNative() {
        ObjectNode st = statement(iso(INGEST - 1000));
        st.putNull("schema_version");
        // detected as xAPI, which then rejects the unknown property
        assertThat(single(Sources.XAPI, text(st)).deadLetter.error)
                .isEqualTo("xAPI: statement has an unknown property 'schema_version'");
    }

    static Stream<Arguments> rejected() {
        String native2 = Records.V2_CLICK.json();
        return Stream.of(
                Arguments.of("native record on the xapi channel", Sources.XAPI, native2, "invalid_field",
                        "a native record must arrive on the clickstream, video or assessment channel, which decides "
                                + "its kind (was 'xapi')"),
                Arguments.of("unknown channel", "quiz", native2, "invalid_field",
                        "unknown source channel 'quiz' (expected clickstream, video, assessment, xapi or caliper)"),
                Arguments.of("null channel", null, native2, "invalid_field", "source channel is missing (null)"),
                Arguments.of("null payload", Sources.XAPI, null, "malformed_json", "empty record (null)"),
                Arguments.of("empty payload", Sources.CALIPER, "  ", "malformed_json", "empty record"),
                Arguments.of("a string", Sources.XAPI, "\"statement\"", "malformed_json",
                        "record must be a JSON object, or an array of xAPI statements (was a string)"),
                Arguments.of("broken JSON", Sources.XAPI, "{\"actor\":{", "malformed_json",
                        "malformed JSON: unexpected end of input at column 11 (truncated record?)"),
                Arguments.of("content after the object", Sources.CALIPER, "{\"a\":1} []", "malformed_json",
                        "unexpected content (an array) after the end of the JSON object at column 9"),
                Arguments.of("unknown format", Sources.XAPI, "{\"actor\":{},\"object\":{}}", "unknown_format",
                        "unknown record format: not native (no schema_version, and missing 'user_id' and "
                                + "'timestamp' for v1), not xAPI (missing 'verb'), not Caliper (no 'sensor' and "
                                + "'data' for an envelope, and no Caliper @context)"),
                Arguments.of("unknown format on a native channel", Sources.VIDEO, "{\"user_id\":\"u\",\"data\":[]}",
                        "unknown_format", "unknown record format: not native (no schema_version, and missing "
                                + "'timestamp' for v1), not xAPI (missing 'actor', 'verb' and 'object'), not Caliper "
                                + "(no 'sensor' for an envelope, and no Caliper @context)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedRecords(String name, String source, String payload, String reason, String error) {
        ParseResult r = single(source, payload);
        assertThat(r.deadLetter.reason).isEqualTo(reason);
        assertThat(r.deadLetter.error).isEqualTo(error);
        assertThat(r.deadLetter.raw).isEqualTo(payload);
        assertThat(r.deadLetter.source).isEqualTo(source);
        assertThat(r.deadLetter.receivedAt).isEqualTo(INGEST);
    }

    @Test
    void theSizeLimitAppliesToEveryFormat() {
        RecordParser small = new RecordParser(ParserSettings.defaults().withMaxRecordBytes(200));
        String xapi = text(statement(iso(INGEST)));
        String caliper = text(caliperEvent(iso(INGEST)));
        assertThat(xapi.length()).isGreaterThan(200);
        assertThat(caliper.length()).isGreaterThan(200);
        for (String payload : List.of(xapi, caliper)) {
            List<ParseResult> rs = small.parse(Sources.XAPI, payload, INGEST);
            assertThat(rs).hasSize(1);
            assertThat(rs.get(0).deadLetter.reason).isEqualTo("oversized");
            assertThat(rs.get(0).deadLetter.error).isEqualTo("record is " + payload.length()
                    + " bytes (UTF-8), more than the limit of 200 bytes");
        }
    }

    @Test
    void theFutureBoundAppliesToEveryFormat() {
        long skew = ParserSettings.DEFAULT_MAX_FUTURE_SKEW_MS;
        assertThat(single(Sources.XAPI, text(statement(iso(INGEST + skew)))).ok()).isTrue();
        assertThat(single(Sources.XAPI, text(statement(iso(INGEST + skew + 1)))).deadLetter.reason)
                .isEqualTo("future_dated");
        assertThat(single(Sources.CALIPER, text(caliperEvent(iso(INGEST + skew)))).ok()).isTrue();
        assertThat(single(Sources.CALIPER, text(caliperEvent(iso(INGEST + skew + 1)))).deadLetter.reason)
                .isEqualTo("future_dated");
    }

    @Test
    void recordParserIsSerializable() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(parser);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            RecordParser copy = (RecordParser) in.readObject();
            assertThat(copy.parse(Sources.XAPI, text(statement(iso(INGEST))), INGEST).get(0).ok()).isTrue();
        }
    }
}
