package io.learnpulse.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.json.JsonLines;
import org.junit.jupiter.api.Test;

/**
 * Shapes the fast path ({@link NativeScanner}) reads on its own and shapes it leaves to Jackson; in both
 * cases the result is the one {@link NativeParser} gives without the fast path.
 */
class NativeScannerTest {

    private static final long INGEST = Records.INGEST;
    private static final long TS = Records.T;

    private static final NativeParser FAST = new NativeParser(ParserSettings.defaults(), true);
    private static final NativeParser REFERENCE = new NativeParser(ParserSettings.defaults(), false);

    private static final String V2 = "\"schema_version\":2,\"event_id\":\"e-1\",\"learner_id\":\"l-1\",\"course_id\":\"c-1\","
            + "\"ts\":" + TS;
    private static final String ATTEMPT = "{" + V2 + ",\"question_id\":\"q-1\",\"score\":1,\"max_score\":2,"
            + "\"correct\":false,\"attempt_number\":1}";

    /** The result of the line with the fast path, after checking it equals the result without it. */
    private static ParseResult parse(String source, String line) {
        ParseResult fast = FAST.parse(source, line, INGEST);
        ParseResult reference = REFERENCE.parse(source, line, INGEST);
        assertThat(fast.ok()).as(line).isEqualTo(reference.ok());
        if (fast.ok()) {
            assertThat(JsonLines.toJson(fast.event)).as(line).isEqualTo(JsonLines.toJson(reference.event));
            assertThat(fast.event).as(line).isEqualTo(reference.event);
        } else {
            assertThat(fast.deadLetter).as(line).isEqualTo(reference.deadLetter);
        }
        return fast;
    }

    /** True when the fast path reads the line without Jackson (and then reads the same fields as Jackson). */
    private static boolean fast(String source, String line) {
        return NativeScannerEquivalenceTest.fastPathReadsTheSameFields(source, line);
    }

    private static LearnerEvent event(String source, String line) {
        ParseResult r = parse(source, line);
        assertThat(r.ok()).as("%s gave %s", line, r.deadLetter).isTrue();
        return r.event;
    }

    private static String deadLetter(String source, String line) {
        ParseResult r = parse(source, line);
        assertThat(r.ok()).as("%s gave an event", line).isFalse();
        return r.deadLetter.reason + ": " + r.deadLetter.error;
    }

    private static String attemptWith(String field, String json) {
        return ATTEMPT.substring(0, ATTEMPT.length() - 1) + ",\"" + field + "\":" + json + "}";
    }

    private static String videoWith(String position) {
        return "{" + V2 + ",\"video_id\":\"v-1\",\"action\":\"play\",\"position\":" + position + "}";
    }

    // ---- structure ---------------------------------------------------------------------------------------

    @Test
    void compactAndSpacedRecordsAreReadAlike() {
        String spaced = " \t{\r\n  \"schema_version\" : 2 ,\n\t\"event_id\":\"e-1\" , \"learner_id\" :\"l-1\",\"course_id\": \"c-1\","
                + "\"ts\"\t:\t" + TS + "\r\n, \"page_id\" : \"p-1\" ,\"event_type\":\"click\"\n}\r\n ";
        String compact = "{" + V2 + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}";
        assertThat(fast(Sources.CLICKSTREAM, spaced)).isTrue();
        assertThat(fast(Sources.CLICKSTREAM, compact)).isTrue();
        LearnerEvent e = event(Sources.CLICKSTREAM, spaced);
        assertThat(e).isEqualTo(event(Sources.CLICKSTREAM, compact));
        assertThat(e.kind).isEqualTo(EventKind.CLICK);
        assertThat(e.eventId).isEqualTo("e-1");
        assertThat(e.pageId).isEqualTo("p-1");
        assertThat(e.clickType).isEqualTo("click");
        assertThat(e.eventTime).isEqualTo(TS);
    }

    @Test
    void whitespaceThatJsonDoesNotAllowIsLeftToJackson() {
        for (String ws : new String[] {"\u000b", "\f", "\u00a0", "\u0000", "\u2028", "\uFEFF"}) {
            String line = "{" + ws + V2 + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}";
            assertThat(fast(Sources.CLICKSTREAM, line)).as("%04x", (int) ws.charAt(0)).isFalse();
            assertThat(deadLetter(Sources.CLICKSTREAM, line)).startsWith("malformed_json: ");
            assertThat(fast(Sources.CLICKSTREAM, ws + line.substring(1))).isFalse();
        }
    }

    @Test
    void emptyObjectIsReadAndIsAnUnknownFormat() {
        assertThat(fast(Sources.VIDEO, "{}")).isTrue();
        assertThat(fast(Sources.VIDEO, " { \n } ")).isTrue();
        assertThat(deadLetter(Sources.VIDEO, " { \n } ")).isEqualTo("unknown_format: unknown record format: no "
                + "schema_version, and missing 'user_id' and 'timestamp' for native v1");
    }

    @Test
    void syntaxErrorsTruncationAndTrailingContentAreLeftToJackson() {
        String ok = "{" + V2 + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}";
        String[] bad = {
            "", " ", "null", "[]", "\"x\"", "{", ok.substring(0, ok.length() - 1), ok.substring(0, 30), ok + "}", ok + " x",
            ok + "{}", ok + ",", "{,\"a\":1}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":}", "{\"a\":1 \"b\":2}", "{'a':1}",
            "{a:1}", "{\"a\":1}/*c*/", "{\"a\":1}#", "{\"a\":\"x}", "{\"a\":tru}", "{\"a\":nulll}", "{\"a\":True}",
        };
        for (String line : bad) {
            assertThat(fast(Sources.CLICKSTREAM, line)).as(line).isFalse();
            assertThat(deadLetter(Sources.CLICKSTREAM, line)).as(line).startsWith("malformed_json: ");
        }
    }

    // ---- values --------------------------------------------------------------------------------------------

    @Test
    void everyFieldTypeOfAnAttempt() {
        String line = "{" + V2 + ",\"type\":\"attempt\",\"question_id\":\"q-1\",\"score\":7.5,\"max_score\":10,"
                + "\"correct\":true,\"attempt_number\":3,\"skill_ids\":[\"s-1\",\"s-2\"],\"hint_index\":null}";
        assertThat(fast(Sources.ASSESSMENT, line)).isTrue();
        LearnerEvent e = event(Sources.ASSESSMENT, line);
        assertThat(e.kind).isEqualTo(EventKind.ATTEMPT);
        assertThat(e.format).isEqualTo(NativeParser.FORMAT_V2);
        assertThat(e.questionId).isEqualTo("q-1");
        assertThat(e.score).isEqualTo(7.5);
        assertThat(e.maxScore).isEqualTo(10.0);
        assertThat(e.correct).isTrue();
        assertThat(e.attemptNumber).isEqualTo(3);
        assertThat(e.skillIds).containsExactly("s-1", "s-2");
    }

    @Test
    void hintsSeeksAndV1Records() {
        String hint = "{" + V2 + ",\"type\":\"hint\",\"question_id\":\"q-1\",\"hint_index\":2,\"skill_ids\":[]}";
        assertThat(fast(Sources.ASSESSMENT, hint)).isTrue();
        LearnerEvent h = event(Sources.ASSESSMENT, hint);
        assertThat(h.kind).isEqualTo(EventKind.HINT);
        assertThat(h.hintIndex).isEqualTo(2);
        assertThat(h.skillIds).isEmpty(); // kept as "no skills", not absent

        String seek = "{\"user_id\":\"l-1\",\"course_id\":\"c-1\",\"timestamp\":\"" + Records.V1_TIME + "\","
                + "\"video_id\":\"v-1\",\"action\":\"seek\",\"position\":300.0,\"seek_from\":45.5}";
        assertThat(fast(Sources.VIDEO, seek)).isTrue();
        LearnerEvent v = event(Sources.VIDEO, seek);
        assertThat(v.format).isEqualTo(NativeParser.FORMAT_V1);
        assertThat(v.eventId).startsWith("v1-").hasSize(35);
        assertThat(v.videoAction).isEqualTo(VideoAction.SEEK);
        assertThat(v.position).isEqualTo(300.0);
        assertThat(v.seekFrom).isEqualTo(45.5);
        assertThat(v.eventTime).isEqualTo(TS + 250);
    }

    @Test
    void nullIsReadAsAbsent() {
        String line = "{\"schema_version\":null,\"event_id\":\"e-1\",\"learner_id\":\"l-1\",\"course_id\":\"c-1\",\"ts\":null,"
                + "\"page_id\":\"p-1\",\"event_type\":\"click\"}";
        assertThat(fast(Sources.CLICKSTREAM, line)).isTrue();
        assertThat(deadLetter(Sources.CLICKSTREAM, line)).isEqualTo("unknown_format: unknown record format: no "
                + "schema_version, and missing 'user_id' and 'timestamp' for native v1");
        String nullTs = "{" + V2.replace("\"ts\":" + TS, "\"ts\":null") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}";
        assertThat(fast(Sources.CLICKSTREAM, nullTs)).isTrue();
        assertThat(deadLetter(Sources.CLICKSTREAM, nullTs)).isEqualTo("missing_field: missing required field 'ts' (was null)");
        String nullSkills = attemptWith("skill_ids", "null");
        assertThat(fast(Sources.ASSESSMENT, nullSkills)).isTrue();
        assertThat(event(Sources.ASSESSMENT, nullSkills).skillIds).isNull();
    }

    @Test
    void wrongTypesAreReadAndGiveTheSameMessages() {
        String[][] cases = {
            {"{" + V2.replace("\"e-1\"", "1815") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}",
                "invalid_field: field 'event_id' must be a non-empty string (was 1815)"},
            {"{" + V2.replace("\"e-1\"", "\"\"") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}",
                "invalid_field: field 'event_id' must be a non-empty string (was '')"},
            {"{" + V2.replace("\"e-1\"", "true") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}",
                "invalid_field: field 'event_id' must be a non-empty string (was true)"},
            {"{" + V2.replace("\"ts\":" + TS, "\"ts\":\"" + TS + "\"") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}",
                "invalid_field: field 'ts' must be an integer number of epoch milliseconds (was '" + TS + "')"},
            {"{" + V2.replace("\"ts\":" + TS, "\"ts\":" + TS + ".0") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}",
                "invalid_field: field 'ts' must be an integer number of epoch milliseconds (was 1.767225595E12)"},
            {"{" + V2.replace("\"schema_version\":2", "\"schema_version\":2.0") + ",\"page_id\":\"p-1\",\"event_type\":\"x\"}",
                "unsupported_version: unsupported schema_version 2.0 (supported: 2, or no schema_version for native v1)"},
            {"{" + V2.replace("\"schema_version\":2", "\"schema_version\":\"2\"") + ",\"page_id\":\"p\",\"event_type\":\"x\"}",
                "unsupported_version: unsupported schema_version '2' (supported: 2, or no schema_version for native v1)"},
            {attemptWith("skill_ids", "[\"s-1\",\"\"]"),
                "invalid_field: field 'skill_ids' must be an array of non-empty strings (skill_ids[1] was '')"},
            {attemptWith("skill_ids", "[\"s-1\",1.50,null]"),
                "invalid_field: field 'skill_ids' must be an array of non-empty strings (skill_ids[1] was 1.50)"},
            {attemptWith("skill_ids", "[ -0 ]"),
                "invalid_field: field 'skill_ids' must be an array of non-empty strings (skill_ids[0] was -0)"},
            {attemptWith("skill_ids", "[false]"),
                "invalid_field: field 'skill_ids' must be an array of non-empty strings (skill_ids[0] was false)"},
            {attemptWith("skill_ids", "[1E+2]"),
                "invalid_field: field 'skill_ids' must be an array of non-empty strings (skill_ids[0] was 1E+2)"},
            {attemptWith("skill_ids", "\"s-1\""),
                "invalid_field: field 'skill_ids' must be an array of non-empty strings (was 's-1')"},
        };
        for (String[] c : cases) {
            String source = c[0].contains("page_id") ? Sources.CLICKSTREAM : Sources.ASSESSMENT;
            assertThat(fast(source, c[0])).as(c[0]).isTrue();
            assertThat(deadLetter(source, c[0])).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void nestedValuesOfKnownFieldsAreLeftToJackson() {
        String[][] cases = {
            {attemptWith("skill_ids", "[[\"s-1\"]]"),
                "invalid_field: field 'skill_ids' must be an array of non-empty strings (skill_ids[0] was an array)"},
            {attemptWith("skill_ids", "[{\"id\":\"s-1\"}]"),
                "invalid_field: field 'skill_ids' must be an array of non-empty strings (skill_ids[0] was an object)"},
            {attemptWith("question_id", "{\"id\":\"q\"}").replace("\"question_id\":\"q-1\",", ""),
                "invalid_field: field 'question_id' must be a non-empty string (was an object)"},
            {attemptWith("question_id", "[\"q\"]").replace("\"question_id\":\"q-1\",", ""),
                "invalid_field: field 'question_id' must be a non-empty string (was an array)"},
        };
        for (String[] c : cases) {
            assertThat(fast(Sources.ASSESSMENT, c[0])).as(c[0]).isFalse();
            assertThat(deadLetter(Sources.ASSESSMENT, c[0])).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void simpleUnknownFieldsAreSkippedAndNestedOnesAreLeftToJackson() {
        String simple = attemptWith("extra", "\"x\"").replace("{", "{\"n\":-1.5e-7,\"b\":false,\"z\":null,\"\":0,");
        assertThat(fast(Sources.ASSESSMENT, simple)).isTrue();
        assertThat(event(Sources.ASSESSMENT, simple)).isEqualTo(event(Sources.ASSESSMENT, ATTEMPT));
        // fields of other channels are unknown here, even when they look invalid
        String otherChannel = attemptWith("video_id", "7").replace("{", "{\"page_id\":[],\"action\":{},");
        assertThat(fast(Sources.ASSESSMENT, otherChannel)).isFalse(); // an array and an object
        assertThat(event(Sources.ASSESSMENT, otherChannel)).isEqualTo(event(Sources.ASSESSMENT, ATTEMPT));
        assertThat(fast(Sources.ASSESSMENT, attemptWith("video_id", "7"))).isTrue();
        for (String nested : new String[] {"{}", "[]", "{\"a\":[1,{\"b\":null}]}", "[\"x\",1]"}) {
            String line = attemptWith("meta", nested);
            assertThat(fast(Sources.ASSESSMENT, line)).as(line).isFalse();
            assertThat(event(Sources.ASSESSMENT, line)).isEqualTo(event(Sources.ASSESSMENT, ATTEMPT));
        }
    }

    @Test
    void namesThatShareASlotWithAKnownNameAreUnknown() {
        // same length, first and last letter as known names: the full comparison tells them apart
        String line = "{\"sXhema_versioN\":2,\"sXhema_version\":2,\"eXent_id\":\"e\",\"tX\":1,\"ts \":1,\"user_iD\":\"l\","
                + "\"page_id\":\"p-1\",\"event_type\":\"click\"}";
        assertThat(fast(Sources.CLICKSTREAM, line)).isTrue();
        assertThat(deadLetter(Sources.CLICKSTREAM, line)).isEqualTo("unknown_format: unknown record format: no "
                + "schema_version, and missing 'user_id' and 'timestamp' for native v1");
    }

    @Test
    void escapesAreLeftToJackson() {
        String[] lines = {
            "{" + V2.replace("\"l-1\"", "\"l\\u002d1\"") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}",
            "{" + V2.replace("\"l-1\"", "\"l-\\\"1\\\"\"") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}",
            "{" + V2 + ",\"page_id\":\"p\\/1\",\"event_type\":\"click\"}",
            "{" + V2.replace("\"ts\"", "\"t\\u0073\"") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}",
            "{" + V2 + ",\"page_id\":\"p-1\",\"event_type\":\"click\",\"note\":\"a\\nb\"}",
        };
        String[] learners = {"l-1", "l-\"1\"", "l-1", "l-1", "l-1"};
        String[] pages = {"p-1", "p-1", "p/1", "p-1", "p-1"};
        for (int i = 0; i < lines.length; i++) {
            assertThat(fast(Sources.CLICKSTREAM, lines[i])).as(lines[i]).isFalse();
            LearnerEvent e = event(Sources.CLICKSTREAM, lines[i]);
            assertThat(e.learnerId).isEqualTo(learners[i]);
            assertThat(e.pageId).isEqualTo(pages[i]);
        }
        String badEscape = "{" + V2 + ",\"page_id\":\"p\\x1\",\"event_type\":\"click\"}";
        assertThat(fast(Sources.CLICKSTREAM, badEscape)).isFalse();
        assertThat(deadLetter(Sources.CLICKSTREAM, badEscape)).startsWith("malformed_json: ");
        String control = "{" + V2 + ",\"page_id\":\"p\t1\",\"event_type\":\"click\"}";
        assertThat(fast(Sources.CLICKSTREAM, control)).isFalse();
        assertThat(deadLetter(Sources.CLICKSTREAM, control)).startsWith("malformed_json: ");
    }

    @Test
    void unicodeInStringsIsKeptAsIs() {
        // Latin-1, beyond Latin-1 (U+0122 and U+0100 are '"' and NUL in their low byte), DEL and C1 controls
        String[] values = {"é-ü-ÿ", "Ģ\u0100-€-中文", "a\u007fb\u0085c", "\uD83D"};
        for (String v : values) {
            String line = "{" + V2.replace("\"l-1\"", "\"" + v + "\"") + ",\"page_id\":\"p-" + v + "\",\"event_type\":\"click\"}";
            assertThat(fast(Sources.CLICKSTREAM, line)).as(v).isTrue();
            LearnerEvent e = event(Sources.CLICKSTREAM, line);
            assertThat(e.learnerId).isEqualTo(v);
            assertThat(e.pageId).isEqualTo("p-" + v);
        }
        // a surrogate pair is left to Jackson, which keeps it as is too
        String emoji = "{" + V2.replace("\"l-1\"", "\"l-\uD83D\uDE00\"") + ",\"page_id\":\"p-1\",\"event_type\":\"click\"}";
        assertThat(fast(Sources.CLICKSTREAM, emoji)).isFalse();
        assertThat(event(Sources.CLICKSTREAM, emoji).learnerId).isEqualTo("l-\uD83D\uDE00");
        // outside strings, a non-ASCII char is a syntax error
        String outside = "{" + V2 + ",\"page_id\":\"p-1\",\"event_type\":\"click\"é}";
        assertThat(fast(Sources.CLICKSTREAM, outside)).isFalse();
        assertThat(deadLetter(Sources.CLICKSTREAM, outside)).startsWith("malformed_json: ");
        String unicodeName = "{" + V2 + ",\"pagé_id\":\"x\",\"\u0122\u0100\":1,\"page_id\":\"p-1\",\"event_type\":\"click\"}";
        assertThat(fast(Sources.CLICKSTREAM, unicodeName)).isTrue();
        assertThat(event(Sources.CLICKSTREAM, unicodeName).pageId).isEqualTo("p-1");
    }

    // ---- numbers -----------------------------------------------------------------------------------------

    @Test
    void integersAtTheEdgesOfLong() {
        String max = "{" + V2.replace("\"ts\":" + TS, "\"ts\":" + Long.MAX_VALUE) + ",\"page_id\":\"p\",\"event_type\":\"x\"}";
        assertThat(fast(Sources.CLICKSTREAM, max)).isTrue();
        assertThat(deadLetter(Sources.CLICKSTREAM, max)).startsWith("future_dated: field 'ts' is "
                + (Long.MAX_VALUE - INGEST) + " ms ahead");
        String min = "{" + V2.replace("\"ts\":" + TS, "\"ts\":" + Long.MIN_VALUE) + ",\"page_id\":\"p\",\"event_type\":\"x\"}";
        assertThat(fast(Sources.CLICKSTREAM, min)).isTrue();
        assertThat(deadLetter(Sources.CLICKSTREAM, min)).isEqualTo("invalid_field: field 'ts' must be >= 0 (was "
                + Long.MIN_VALUE + ")");
        for (String big : new String[] {"9223372036854775808", "-9223372036854775809", "99999999999999999999"}) {
            String line = "{" + V2.replace("\"ts\":" + TS, "\"ts\":" + big) + ",\"page_id\":\"p\",\"event_type\":\"x\"}";
            assertThat(fast(Sources.CLICKSTREAM, line)).as(big).isFalse(); // a BigInteger for Jackson
            assertThat(deadLetter(Sources.CLICKSTREAM, line)).isEqualTo("invalid_field: field 'ts' is out of range (was "
                    + big + ")");
        }
        assertThat(fast(Sources.ASSESSMENT, attemptWith("hint_index", "1000000000000000000"))).isTrue();
        String bigAttempt = ATTEMPT.replace("\"attempt_number\":1", "\"attempt_number\":9223372036854775807");
        assertThat(fast(Sources.ASSESSMENT, bigAttempt)).isTrue();
        assertThat(deadLetter(Sources.ASSESSMENT, bigAttempt)).isEqualTo("invalid_field: field 'attempt_number' must be "
                + "<= 2147483647 (was 9223372036854775807)");
        String negativeBig = ATTEMPT.replace("\"attempt_number\":1", "\"attempt_number\":-99999999999999999999");
        assertThat(fast(Sources.ASSESSMENT, negativeBig)).isFalse();
        assertThat(deadLetter(Sources.ASSESSMENT, negativeBig)).isEqualTo("invalid_field: field 'attempt_number' must be "
                + ">= 1 (was -99999999999999999999)");
        String minusZero = "{" + V2.replace("\"ts\":" + TS, "\"ts\":-0") + ",\"page_id\":\"p\",\"event_type\":\"x\"}";
        assertThat(fast(Sources.CLICKSTREAM, minusZero)).isTrue();
        assertThat(event(Sources.CLICKSTREAM, minusZero).eventTime).isZero();
    }

    @Test
    void decimalsWithoutExponentAreReadHere() {
        String[][] cases = { // position as written, as read
            {"0.1", "0.1"}, {"-0.0", "0.0"}, {"0.0", "0.0"}, {"130.25", "130.25"}, {"12345.678901234", "12345.678901234"},
            {"999999999999999", "9.99999999999999E14"}, {"99999999999999.9", "9.99999999999999E13"},
            {"0.000000000000001", "1.0E-15"}, {"7", "7.0"}, {"3.14159265358979", "3.14159265358979"},
            {"0.0000000000000000000001", "1.0E-22"}, {"1234.56789012345", "1234.56789012345"},
        };
        for (String[] c : cases) {
            String line = videoWith(c[0]);
            assertThat(fast(Sources.VIDEO, line)).as(c[0]).isTrue();
            LearnerEvent e = event(Sources.VIDEO, line);
            assertThat(Double.toString(e.position)).as(c[0]).isEqualTo(c[1]);
        }
        String negative = videoWith("-0.5");
        assertThat(fast(Sources.VIDEO, negative)).isTrue();
        assertThat(deadLetter(Sources.VIDEO, negative)).isEqualTo("invalid_field: field 'position' must be >= 0 (was -0.5)");
    }

    @Test
    void exponentsAndLongDecimalsAreLeftToJackson() {
        String[][] cases = { // position as written, as read
            {"1e308", "1.0E308"}, {"1.0E-5", "1.0E-5"}, {"0.1e1", "1.0"}, {"1E+2", "100.0"}, {"2e0", "2.0"},
            {"0.1000000000000000055511151231257827", "0.1"}, {"1234567890.123456", "1.234567890123456E9"},
            {"3.14159265358979323846", "3.141592653589793"}, {"4.9e-324", "4.9E-324"}, {"1e-400", "0.0"},
            {"3.141592653589793", "3.141592653589793"}, {"0.00000000000000000000001", "1.0E-23"},
            {"1234.5678901234500000", "1234.56789012345"}, // trailing zeros count as digits here
        };
        for (String[] c : cases) {
            String line = videoWith(c[0]);
            assertThat(fast(Sources.VIDEO, line)).as(c[0]).isFalse();
            assertThat(Double.toString(event(Sources.VIDEO, line).position)).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(deadLetter(Sources.VIDEO, videoWith("1e400"))).isEqualTo("invalid_field: field 'position' must be a "
                + "finite number (was 1e400)");
        assertThat(deadLetter(Sources.VIDEO, videoWith("-1.5e-3"))).isEqualTo("invalid_field: field 'position' must be "
                + ">= 0 (was -0.0015)");
    }

    @Test
    void numbersThatAreNotJsonAreLeftToJackson() {
        for (String n : new String[] {"01", "-01", "00", "1.", ".5", "+1", "-", "1e", "1e+", "--1", "1..5", "1.5.2", "NaN",
            "Infinity", "-Infinity", "0x10", "12a", "1 2", "2-1"}) {
            String line = videoWith(n);
            assertThat(fast(Sources.VIDEO, line)).as(n).isFalse();
            assertThat(deadLetter(Sources.VIDEO, line)).as(n).startsWith("malformed_json: ");
            String unknown = attemptWith("extra", n);
            assertThat(fast(Sources.ASSESSMENT, unknown)).as(n).isFalse();
            assertThat(deadLetter(Sources.ASSESSMENT, unknown)).as(n).startsWith("malformed_json: ");
        }
    }

    // ---- duplicates ----------------------------------------------------------------------------------------

    @Test
    void duplicateKnownFieldsAreLeftToJacksonAndUnknownOnesAreIgnored() {
        String knownTwice = attemptWith("score", "1");
        assertThat(fast(Sources.ASSESSMENT, knownTwice)).isFalse();
        assertThat(deadLetter(Sources.ASSESSMENT, knownTwice)).isEqualTo("invalid_field: field 'score' appears more than once");
        String nullTwice = attemptWith("hint_index", "null").replace("{", "{\"hint_index\":null,");
        assertThat(fast(Sources.ASSESSMENT, nullTwice)).isFalse();
        assertThat(event(Sources.ASSESSMENT, nullTwice)).isEqualTo(event(Sources.ASSESSMENT, ATTEMPT));
        String unknownTwice = attemptWith("x", "1").replace("{", "{\"x\":\"a\",");
        assertThat(fast(Sources.ASSESSMENT, unknownTwice)).isTrue();
        assertThat(event(Sources.ASSESSMENT, unknownTwice)).isEqualTo(event(Sources.ASSESSMENT, ATTEMPT));
        // video_id is not a field of assessments: twice is as unknown as once
        String otherTwice = attemptWith("video_id", "1").replace("{", "{\"video_id\":\"v\",");
        assertThat(fast(Sources.ASSESSMENT, otherTwice)).isTrue();
        assertThat(event(Sources.ASSESSMENT, otherTwice)).isEqualTo(event(Sources.ASSESSMENT, ATTEMPT));
    }

    @Test
    void longRecordsAreLeftToJackson() {
        String padding = "x".repeat(NativeScanner.MAX_CHARS);
        String line = attemptWith("padding", "\"" + padding + "\"");
        assertThat(line.length()).isGreaterThan(NativeScanner.MAX_CHARS);
        assertThat(fast(Sources.ASSESSMENT, line)).isFalse();
        assertThat(event(Sources.ASSESSMENT, line)).isEqualTo(event(Sources.ASSESSMENT, ATTEMPT));
        String fits = attemptWith("padding", "\"" + padding.substring(0, NativeScanner.MAX_CHARS - ATTEMPT.length() - 16) + "\"");
        assertThat(fast(Sources.ASSESSMENT, fits)).isTrue();
    }
}
