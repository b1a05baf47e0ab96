package io.learnpulse.core.format;

import static io.learnpulse.core.format.Records.INGEST;
import static io.learnpulse.core.format.Records.T;
import static io.learnpulse.core.format.Records.V1_ATTEMPT;
import static io.learnpulse.core.format.Records.V1_CLICK;
import static io.learnpulse.core.format.Records.V1_HINT;
import static io.learnpulse.core.format.Records.V1_VIDEO_SEEK;
import static io.learnpulse.core.format.Records.V2_ATTEMPT;
import static io.learnpulse.core.format.Records.V2_CLICK;
import static io.learnpulse.core.format.Records.V2_HINT;
import static io.learnpulse.core.format.Records.V2_VIDEO_PLAY;
import static io.learnpulse.core.format.Records.V2_VIDEO_SEEK;
import static io.learnpulse.core.format.Rec.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of invalid input: the reason code and the exact message. */
class NativeParserInvalidTest {

    private static final String CLICK = Sources.CLICKSTREAM;
    private static final String VIDEO = Sources.VIDEO;
    private static final String ASSESSMENT = Sources.ASSESSMENT;

    private final NativeParser parser = new NativeParser(ParserSettings.defaults());

    private static Arguments c(String name, String source, Object record, String reason, String error) {
        return Arguments.of(name, source, record.toString(), reason, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformed", "formats", "missingFields", "wrongTypes", "outOfRange", "enumsAndTimestamps",
        "futureDated", "duplicates"})
    void rejected(String name, String source, String line, String reason, String error) {
        ParseResult r = parser.parse(source, line, INGEST);

        assertThat(r.ok()).as("accepted %s", line).isFalse();
        assertThat(r.event).isNull();
        assertThat(r.deadLetter.reason).isEqualTo(reason);
        assertThat(r.deadLetter.error).isEqualTo(error);
        assertThat(r.deadLetter.raw).isEqualTo(line);
        assertThat(r.deadLetter.source).isEqualTo(source);
        assertThat(r.deadLetter.receivedAt).isEqualTo(INGEST);
    }

    static Stream<Arguments> malformed() {
        String click = V2_CLICK.json();
        String truncated = click.substring(0, 40);
        String cutAfterComma = "{\"schema_version\":2,";
        return Stream.of(
                c("truncated inside a string", CLICK, truncated, "malformed_json",
                        "malformed JSON: unexpected end of input at column " + (truncated.length() + 1)
                                + " (truncated record?)"),
                c("truncated after a comma", CLICK, cutAfterComma, "malformed_json",
                        "malformed JSON: unexpected end of input at column 21 (truncated record?)"),
                c("truncated before the closing brace", CLICK, click.substring(0, click.length() - 1),
                        "malformed_json", "malformed JSON: unexpected end of input at column " + click.length()
                                + " (truncated record?)"),
                c("missing comma", CLICK, "{\"schema_version\":2 \"x\":1}", "malformed_json",
                        "malformed JSON at column 21: Unexpected character ('\"' (code 34)): was expecting comma to "
                                + "separate Object entries"),
                c("single quotes", CLICK, "{'a':1}", "malformed_json",
                        "malformed JSON at column 2: Unexpected character (''' (code 39)): was expecting double-quote "
                                + "to start field name"),
                c("trailing comma", CLICK, "{\"a\":1,}", "malformed_json",
                        "malformed JSON at column 8: Unexpected character ('}' (code 125)): was expecting double-quote "
                                + "to start field name"),
                c("NaN literal", VIDEO, "{\"position\":NaN}", "malformed_json",
                        "malformed JSON at column 16: Non-standard token 'NaN'"),
                c("leading zero", CLICK, "{\"ts\":01}", "malformed_json",
                        "malformed JSON at column 8: Invalid numeric value: Leading zeroes not allowed"),
                c("not JSON at all", CLICK, "not json", "malformed_json",
                        "malformed JSON at column 4: Unrecognized token 'not'"),
                c("garbage after the object", CLICK, click + "x", "malformed_json",
                        "malformed JSON at column " + (click.length() + 2) + ": Unrecognized token 'x'"),
                c("two objects on one line", CLICK, click + " {}", "malformed_json",
                        "unexpected content (an object) after the end of the JSON object at column "
                                + (click.length() + 2)),
                c("an array", CLICK, "[" + click + "]", "malformed_json", "record must be a JSON object (was an array)"),
                c("a string", CLICK, "\"hello\"", "malformed_json", "record must be a JSON object (was a string)"),
                c("a number", CLICK, "42", "malformed_json", "record must be a JSON object (was a number)"),
                c("JSON null", CLICK, "null", "malformed_json", "record must be a JSON object (was null)"),
                c("empty line", CLICK, "", "malformed_json", "empty record"),
                c("blank line", CLICK, "  \t ", "malformed_json", "empty record"),
                c("syntax error after an invalid field still counts as malformed", CLICK,
                        V2_CLICK.with("ts", "oops").json().replace("}", ",}"), "malformed_json",
                        "malformed JSON at column " + (V2_CLICK.with("ts", "oops").json().length() + 1)
                                + ": Unexpected character ('}' (code 125)): was expecting double-quote to start field "
                                + "name"));
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                c("schema_version 3", CLICK, V2_CLICK.with("schema_version", 3), "unsupported_version",
                        "unsupported schema_version 3 (supported: 2, or no schema_version for native v1)"),
                c("schema_version 1", CLICK, V2_CLICK.with("schema_version", 1), "unsupported_version",
                        "unsupported schema_version 1 (supported: 2, or no schema_version for native v1)"),
                c("schema_version as a string", CLICK, V2_CLICK.with("schema_version", "2"), "unsupported_version",
                        "unsupported schema_version '2' (supported: 2, or no schema_version for native v1)"),
                c("schema_version 2.0", CLICK, V2_CLICK.with("schema_version", raw("2.0")), "unsupported_version",
                        "unsupported schema_version 2.0 (supported: 2, or no schema_version for native v1)"),
                c("schema_version an object", CLICK, V2_CLICK.with("schema_version", Map.of()), "unsupported_version",
                        "unsupported schema_version an object (supported: 2, or no schema_version for native v1)"),
                c("schema_version on a v1 record", CLICK, V1_CLICK.with("schema_version", 1), "unsupported_version",
                        "unsupported schema_version 1 (supported: 2, or no schema_version for native v1)"),
                c("v2 fields without schema_version", CLICK, V2_CLICK.without("schema_version"), "unknown_format",
                        "unknown record format: no schema_version, and missing 'user_id' and 'timestamp' for native v1"),
                c("empty object", CLICK, "{}", "unknown_format",
                        "unknown record format: no schema_version, and missing 'user_id' and 'timestamp' for native v1"),
                c("v1 without timestamp", CLICK, V1_CLICK.without("timestamp"), "unknown_format",
                        "unknown record format: no schema_version, and missing 'timestamp' for native v1"),
                c("v1 without user_id", CLICK, V1_CLICK.without("user_id"), "unknown_format",
                        "unknown record format: no schema_version, and missing 'user_id' for native v1"),
                c("v1 with user_id null", CLICK, V1_CLICK.with("user_id", null), "unknown_format",
                        "unknown record format: no schema_version, and missing 'user_id' for native v1"));
    }

    /** Every required field of every source and version, absent and null. */
    static Stream<Arguments> missingFields() {
        List<Arguments> cases = new ArrayList<>();
        Object[][] required = {
            // source, record, field, context ("" when always required)
            {CLICK, V2_CLICK, "event_id", ""}, {CLICK, V2_CLICK, "learner_id", ""}, {CLICK, V2_CLICK, "course_id", ""},
            {CLICK, V2_CLICK, "ts", ""}, {CLICK, V2_CLICK, "page_id", ""}, {CLICK, V2_CLICK, "event_type", ""},
            {VIDEO, V2_VIDEO_SEEK, "event_id", ""}, {VIDEO, V2_VIDEO_SEEK, "learner_id", ""},
            {VIDEO, V2_VIDEO_SEEK, "course_id", ""}, {VIDEO, V2_VIDEO_SEEK, "ts", ""},
            {VIDEO, V2_VIDEO_SEEK, "video_id", ""}, {VIDEO, V2_VIDEO_SEEK, "action", ""},
            {VIDEO, V2_VIDEO_SEEK, "position", ""}, {VIDEO, V2_VIDEO_SEEK, "seek_from", ", required for action 'seek'"},
            {VIDEO, V2_VIDEO_PLAY, "position", ""},
            {ASSESSMENT, V2_ATTEMPT, "event_id", ""}, {ASSESSMENT, V2_ATTEMPT, "learner_id", ""},
            {ASSESSMENT, V2_ATTEMPT, "course_id", ""}, {ASSESSMENT, V2_ATTEMPT, "ts", ""},
            {ASSESSMENT, V2_ATTEMPT, "question_id", ""},
            {ASSESSMENT, V2_ATTEMPT, "score", ", required for attempts"},
            {ASSESSMENT, V2_ATTEMPT, "max_score", ", required for attempts"},
            {ASSESSMENT, V2_ATTEMPT, "correct", ", required for attempts"},
            {ASSESSMENT, V2_ATTEMPT, "attempt_number", ", required for attempts"},
            {ASSESSMENT, V2_HINT, "question_id", ""}, {ASSESSMENT, V2_HINT, "event_id", ""},
            {CLICK, V1_CLICK, "course_id", ""}, {CLICK, V1_CLICK, "page_id", ""}, {CLICK, V1_CLICK, "event_type", ""},
            {VIDEO, V1_VIDEO_SEEK, "course_id", ""}, {VIDEO, V1_VIDEO_SEEK, "video_id", ""},
            {VIDEO, V1_VIDEO_SEEK, "action", ""}, {VIDEO, V1_VIDEO_SEEK, "position", ""},
            {VIDEO, V1_VIDEO_SEEK, "seek_from", ", required for action 'seek'"},
            {ASSESSMENT, V1_ATTEMPT, "course_id", ""}, {ASSESSMENT, V1_ATTEMPT, "question_id", ""},
            {ASSESSMENT, V1_ATTEMPT, "score", ", required for attempts"},
            {ASSESSMENT, V1_HINT, "question_id", ""},
        };
        for (Object[] r : required) {
            String source = (String) r[0];
            Rec rec = (Rec) r[1];
            String field = (String) r[2];
            String context = (String) r[3];
            String message = context.isEmpty()
                    ? "missing required field '" + field + "'"
                    : "missing field '" + field + "'" + context;
            String version = rec.json().contains("schema_version") ? "v2" : "v1";
            cases.add(c(version + " " + source + " without " + field, source, rec.without(field), "missing_field",
                    message));
            cases.add(c(version + " " + source + " with " + field + " null", source, rec.with(field, null),
                    "missing_field", message + " (was null)"));
        }
        return cases.stream();
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                c("ts as a string", CLICK, V2_CLICK.with("ts", String.valueOf(T)), "invalid_field",
                        "field 'ts' must be an integer number of epoch milliseconds (was '1767225595000')"),
                c("ts with a fraction", CLICK, V2_CLICK.with("ts", raw("1767225595000.5")), "invalid_field",
                        "field 'ts' must be an integer number of epoch milliseconds (was 1.7672255950005E12)"),
                c("ts as 1.0", CLICK, V2_CLICK.with("ts", raw("1.0")), "invalid_field",
                        "field 'ts' must be an integer number of epoch milliseconds (was 1.0)"),
                c("ts as a boolean", CLICK, V2_CLICK.with("ts", true), "invalid_field",
                        "field 'ts' must be an integer number of epoch milliseconds (was true)"),
                c("ts as an object", CLICK, V2_CLICK.with("ts", Map.of("ms", 1)), "invalid_field",
                        "field 'ts' must be an integer number of epoch milliseconds (was an object)"),
                c("event_id as a number", CLICK, V2_CLICK.with("event_id", 17), "invalid_field",
                        "field 'event_id' must be a non-empty string (was 17)"),
                c("event_id empty", CLICK, V2_CLICK.with("event_id", ""), "invalid_field",
                        "field 'event_id' must be a non-empty string (was '')"),
                c("learner_id as an array", CLICK, V2_CLICK.with("learner_id", List.of("l-1")), "invalid_field",
                        "field 'learner_id' must be a non-empty string (was an array)"),
                c("course_id as an object", VIDEO, V2_VIDEO_SEEK.with("course_id", Map.of("id", 1)), "invalid_field",
                        "field 'course_id' must be a non-empty string (was an object)"),
                c("page_id as a boolean", CLICK, V2_CLICK.with("page_id", false), "invalid_field",
                        "field 'page_id' must be a non-empty string (was false)"),
                c("event_type empty", CLICK, V2_CLICK.with("event_type", ""), "invalid_field",
                        "field 'event_type' must be a non-empty string (was '')"),
                c("video_id as a number", VIDEO, V2_VIDEO_SEEK.with("video_id", 1), "invalid_field",
                        "field 'video_id' must be a non-empty string (was 1)"),
                c("action as a number", VIDEO, V2_VIDEO_SEEK.with("action", 1), "invalid_field",
                        "field 'action' must be one of play, pause, seek, ended (was 1)"),
                c("position as a string", VIDEO, V2_VIDEO_SEEK.with("position", "12.5"), "invalid_field",
                        "field 'position' must be a number (was '12.5')"),
                c("position as a boolean", VIDEO, V2_VIDEO_PLAY.with("position", true), "invalid_field",
                        "field 'position' must be a number (was true)"),
                c("seek_from as a string", VIDEO, V2_VIDEO_SEEK.with("seek_from", "45"), "invalid_field",
                        "field 'seek_from' must be a number (was '45')"),
                c("type as a number", ASSESSMENT, V2_ATTEMPT.with("type", 1), "invalid_field",
                        "field 'type' must be one of attempt, hint (was 1)"),
                c("question_id empty", ASSESSMENT, V2_ATTEMPT.with("question_id", ""), "invalid_field",
                        "field 'question_id' must be a non-empty string (was '')"),
                c("score as a string", ASSESSMENT, V2_ATTEMPT.with("score", "7.5"), "invalid_field",
                        "field 'score' must be a number (was '7.5')"),
                c("max_score as a string", ASSESSMENT, V2_ATTEMPT.with("max_score", "10"), "invalid_field",
                        "field 'max_score' must be a number (was '10')"),
                c("correct as a string", ASSESSMENT, V2_ATTEMPT.with("correct", "false"), "invalid_field",
                        "field 'correct' must be a boolean (was 'false')"),
                c("correct as a number", ASSESSMENT, V2_ATTEMPT.with("correct", 0), "invalid_field",
                        "field 'correct' must be a boolean (was 0)"),
                c("attempt_number as 2.0", ASSESSMENT, V2_ATTEMPT.with("attempt_number", raw("2.0")), "invalid_field",
                        "field 'attempt_number' must be an integer (was 2.0)"),
                c("attempt_number as a string", ASSESSMENT, V2_ATTEMPT.with("attempt_number", "2"), "invalid_field",
                        "field 'attempt_number' must be an integer (was '2')"),
                c("skill_ids as a string", ASSESSMENT, V2_ATTEMPT.with("skill_ids", "linear-equations"),
                        "invalid_field",
                        "field 'skill_ids' must be an array of non-empty strings (was 'linear-equations')"),
                c("skill_ids as an object", ASSESSMENT, V2_HINT.with("skill_ids", Map.of("a", 1)), "invalid_field",
                        "field 'skill_ids' must be an array of non-empty strings (was an object)"),
                c("skill_ids with a number", ASSESSMENT, V2_ATTEMPT.with("skill_ids", raw("[\"a\",5]")),
                        "invalid_field", "field 'skill_ids' must be an array of non-empty strings (skill_ids[1] was 5)"),
                c("skill_ids with an empty string", ASSESSMENT, V2_ATTEMPT.with("skill_ids", raw("[\"\"]")),
                        "invalid_field", "field 'skill_ids' must be an array of non-empty strings (skill_ids[0] was '')"),
                c("skill_ids with null", ASSESSMENT, V2_HINT.with("skill_ids", raw("[\"a\",null]")), "invalid_field",
                        "field 'skill_ids' must be an array of non-empty strings (skill_ids[1] was null)"),
                c("skill_ids nested", ASSESSMENT, V1_ATTEMPT.with("skill_ids", raw("[[\"a\"],{\"b\":1}]")),
                        "invalid_field",
                        "field 'skill_ids' must be an array of non-empty strings (skill_ids[0] was an array)"),
                c("hint_index as a string", ASSESSMENT, V2_HINT.with("hint_index", "2"), "invalid_field",
                        "field 'hint_index' must be an integer (was '2')"),
                c("v1 user_id as a number", CLICK, V1_CLICK.with("user_id", 7), "invalid_field",
                        "field 'user_id' must be a non-empty string (was 7)"),
                c("v1 timestamp as epoch millis", CLICK, V1_CLICK.with("timestamp", T), "invalid_field",
                        "field 'timestamp' must be an ISO-8601 date-time string with an offset (was 1767225595000)"),
                c("v1 max_score as a string", ASSESSMENT, V1_ATTEMPT.with("max_score", "2"), "invalid_field",
                        "field 'max_score' must be a number (was '2')"),
                c("v1 attempt_number with a fraction", ASSESSMENT, V1_ATTEMPT.with("attempt_number", 1.5),
                        "invalid_field", "field 'attempt_number' must be an integer (was 1.5)"),
                c("long strings are shortened in messages", CLICK, V2_CLICK.with("ts", "x".repeat(100)),
                        "invalid_field", "field 'ts' must be an integer number of epoch milliseconds (was '"
                                + "x".repeat(64) + "...')"));
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                c("negative ts", CLICK, V2_CLICK.with("ts", -1), "invalid_field", "field 'ts' must be >= 0 (was -1)"),
                c("ts beyond 64 bits", CLICK, V2_CLICK.with("ts", raw("99999999999999999999")), "invalid_field",
                        "field 'ts' is out of range (was 99999999999999999999)"),
                c("negative position", VIDEO, V2_VIDEO_PLAY.with("position", -0.5), "invalid_field",
                        "field 'position' must be >= 0 (was -0.5)"),
                c("infinite position", VIDEO, V2_VIDEO_PLAY.with("position", raw("1e400")), "invalid_field",
                        "field 'position' must be a finite number (was 1e400)"),
                c("negative seek_from", VIDEO, V2_VIDEO_SEEK.with("seek_from", -1), "invalid_field",
                        "field 'seek_from' must be >= 0 (was -1)"),
                c("negative score", ASSESSMENT, V2_ATTEMPT.with("score", -1), "invalid_field",
                        "field 'score' must be >= 0 (was -1)"),
                c("infinite score", ASSESSMENT, V2_ATTEMPT.with("score", raw("-1e400")), "invalid_field",
                        "field 'score' must be a finite number (was -1e400)"),
                c("zero max_score", ASSESSMENT, V2_ATTEMPT.with("score", 0).with("max_score", 0), "invalid_field",
                        "field 'max_score' must be > 0 (was 0)"),
                c("negative max_score", ASSESSMENT, V2_ATTEMPT.with("max_score", -2.5), "invalid_field",
                        "field 'max_score' must be > 0 (was -2.5)"),
                c("score above max_score", ASSESSMENT, V2_ATTEMPT.with("max_score", 5), "invalid_field",
                        "field 'max_score' must be >= score 7.5 (was 5)"),
                c("v1 score above the default max_score", ASSESSMENT,
                        V1_ATTEMPT.without("max_score").with("score", 2), "invalid_field",
                        "field 'max_score' must be >= score 2 (absent, defaults to 1 in native v1)"),
                c("zero attempt_number", ASSESSMENT, V2_ATTEMPT.with("attempt_number", 0), "invalid_field",
                        "field 'attempt_number' must be >= 1 (was 0)"),
                c("negative attempt_number", ASSESSMENT, V1_ATTEMPT.with("attempt_number", -3), "invalid_field",
                        "field 'attempt_number' must be >= 1 (was -3)"),
                c("attempt_number beyond int", ASSESSMENT, V2_ATTEMPT.with("attempt_number", 3_000_000_000L),
                        "invalid_field", "field 'attempt_number' must be <= 2147483647 (was 3000000000)"),
                c("attempt_number beyond 64 bits", ASSESSMENT,
                        V2_ATTEMPT.with("attempt_number", raw("99999999999999999999")), "invalid_field",
                        "field 'attempt_number' must be <= 2147483647 (was 99999999999999999999)"),
                c("attempt_number below -2^63", ASSESSMENT,
                        V2_ATTEMPT.with("attempt_number", raw("-99999999999999999999")), "invalid_field",
                        "field 'attempt_number' must be >= 1 (was -99999999999999999999)"),
                c("zero hint_index", ASSESSMENT, V2_HINT.with("hint_index", 0), "invalid_field",
                        "field 'hint_index' must be >= 1 (was 0)"),
                c("v1 timestamp before 1970", CLICK, V1_CLICK.with("timestamp", "1969-12-31T23:59:59Z"),
                        "invalid_field",
                        "field 'timestamp' must not be before 1970-01-01T00:00:00Z (was '1969-12-31T23:59:59Z')"));
    }

    static Stream<Arguments> enumsAndTimestamps() {
        String example = "e.g. 2026-03-02T10:15:30.250+01:00";
        return Stream.of(
                c("unknown action", VIDEO, V2_VIDEO_SEEK.with("action", "rewind"), "invalid_field",
                        "field 'action' must be one of play, pause, seek, ended (was 'rewind')"),
                c("action in upper case", VIDEO, V1_VIDEO_SEEK.with("action", "PLAY"), "invalid_field",
                        "field 'action' must be one of play, pause, seek, ended (was 'PLAY')"),
                c("unknown type", ASSESSMENT, V2_ATTEMPT.with("type", "quiz"), "invalid_field",
                        "field 'type' must be one of attempt, hint (was 'quiz')"),
                c("v1 unknown type", ASSESSMENT, V1_HINT.with("type", "Hint"), "invalid_field",
                        "field 'type' must be one of attempt, hint (was 'Hint')"),
                c("timestamp without offset", CLICK, V1_CLICK.with("timestamp", "2026-03-02T10:15:30.250"),
                        "invalid_field", "field 'timestamp' must include an offset (Z or ±hh:mm), " + example
                                + " (was '2026-03-02T10:15:30.250')"),
                c("timestamp without offset or seconds", VIDEO, V1_VIDEO_SEEK.with("timestamp", "2026-03-02T10:15"),
                        "invalid_field", "field 'timestamp' must include an offset (Z or ±hh:mm), " + example
                                + " (was '2026-03-02T10:15')"),
                c("timestamp not a date", CLICK, V1_CLICK.with("timestamp", "yesterday"), "invalid_field",
                        "field 'timestamp' must be an ISO-8601 date-time with an offset (Z or ±hh:mm), " + example
                                + " (was 'yesterday')"),
                c("timestamp date only", CLICK, V1_CLICK.with("timestamp", "2026-03-02"), "invalid_field",
                        "field 'timestamp' must be an ISO-8601 date-time with an offset (Z or ±hh:mm), " + example
                                + " (was '2026-03-02')"),
                c("timestamp 30 February", ASSESSMENT, V1_ATTEMPT.with("timestamp", "2026-02-30T10:00:00Z"),
                        "invalid_field", "field 'timestamp' must be an ISO-8601 date-time with an offset (Z or ±hh:mm), "
                                + example + " (was '2026-02-30T10:00:00Z')"),
                c("timestamp offset without colon", CLICK, V1_CLICK.with("timestamp", "2026-03-02T10:15:30+0100"),
                        "invalid_field", "field 'timestamp' must be an ISO-8601 date-time with an offset (Z or ±hh:mm), "
                                + example + " (was '2026-03-02T10:15:30+0100')"),
                c("timestamp hour 24", CLICK, V1_CLICK.with("timestamp", "2026-03-02T24:00:00Z"), "invalid_field",
                        "field 'timestamp' must be an ISO-8601 date-time with an offset (Z or ±hh:mm), " + example
                                + " (was '2026-03-02T24:00:00Z')"),
                c("timestamp empty", CLICK, V1_CLICK.with("timestamp", ""), "invalid_field",
                        "field 'timestamp' must be an ISO-8601 date-time with an offset (Z or ±hh:mm), " + example
                                + " (was '')"));
    }

    static Stream<Arguments> futureDated() {
        return Stream.of(
                c("v2 one ms beyond the skew", CLICK, V2_CLICK.with("ts", INGEST + 600_001L), "future_dated",
                        "field 'ts' is 600001 ms ahead of the receive time (event time 2026-01-01T00:10:00.001Z, "
                                + "received 2026-01-01T00:00:00Z; at most 600000 ms allowed)"),
                c("v1 fifteen minutes ahead", VIDEO, V1_VIDEO_SEEK.with("timestamp", "2026-01-01T01:15:00+01:00"),
                        "future_dated",
                        "field 'timestamp' is 900000 ms ahead of the receive time (event time 2026-01-01T00:15:00Z, "
                                + "received 2026-01-01T00:00:00Z; at most 600000 ms allowed)"),
                c("hint a day ahead", ASSESSMENT, V2_HINT.with("ts", INGEST + 86_400_000L), "future_dated",
                        "field 'ts' is 86400000 ms ahead of the receive time (event time 2026-01-02T00:00:00Z, "
                                + "received 2026-01-01T00:00:00Z; at most 600000 ms allowed)"));
    }

    static Stream<Arguments> duplicates() {
        return Stream.of(
                c("duplicated ts", CLICK, appendRaw(V2_CLICK, "\"ts\":" + T), "invalid_field",
                        "field 'ts' appears more than once"),
                c("duplicated schema_version", CLICK, appendRaw(V2_CLICK, "\"schema_version\":2"), "invalid_field",
                        "field 'schema_version' appears more than once"),
                // The second value null must not hide the first: order of the fields does not matter.
                c("v1 record with schema_version 2 then null", ASSESSMENT,
                        appendRaw(V1_ATTEMPT, "\"schema_version\":2,\"schema_version\":null"),
                        "invalid_field", "field 'schema_version' appears more than once"),
                c("v1 record with schema_version null then 3", ASSESSMENT,
                        appendRaw(V1_ATTEMPT, "\"schema_version\":null,\"schema_version\":3"),
                        "invalid_field", "field 'schema_version' appears more than once"),
                c("duplicated action", VIDEO, appendRaw(V2_VIDEO_PLAY, "\"action\":\"pause\""), "invalid_field",
                        "field 'action' appears more than once"),
                c("duplicated v1 max_score", ASSESSMENT, appendRaw(V1_ATTEMPT, "\"max_score\":null"), "invalid_field",
                        "field 'max_score' appears more than once"),
                c("duplicated type", ASSESSMENT, appendRaw(V2_ATTEMPT.without("type"), "\"type\":null,\"type\":null"),
                        "invalid_field", "field 'type' appears more than once"));
    }

    private static String appendRaw(Rec rec, String fields) {
        String json = rec.json();
        return json.substring(0, json.length() - 1) + "," + fields + "}";
    }

    // ---- source channel and size --------------------------------------------------------------------------

    @Test
    void unknownSourceChannel() {
        DeadLetter d = parser.parse("quiz", V2_CLICK.json(), INGEST).deadLetter;
        assertThat(d).isEqualTo(new DeadLetter(V2_CLICK.json(), "quiz", "invalid_field",
                "unknown source channel 'quiz' (expected clickstream, video or assessment)", INGEST));
    }

    @Test
    void sourceChannelsAreCaseSensitive() {
        DeadLetter d = parser.parse("Video", V2_VIDEO_PLAY.json(), INGEST).deadLetter;
        assertThat(d.reason).isEqualTo("invalid_field");
        assertThat(d.error).isEqualTo("unknown source channel 'Video' (expected clickstream, video or assessment)");
    }

    @Test
    void missingSourceChannel() {
        DeadLetter d = parser.parse(null, V2_CLICK.json(), INGEST).deadLetter;
        assertThat(d).isEqualTo(new DeadLetter(V2_CLICK.json(), null, "invalid_field",
                "source channel is missing (null)", INGEST));
    }

    @Test
    void nullLine() {
        DeadLetter d = parser.parse(CLICK, null, INGEST).deadLetter;
        assertThat(d).isEqualTo(new DeadLetter(null, CLICK, "malformed_json", "empty record (null)", INGEST));
    }

    @Test
    void recordOneByteOverTheLimitIsOversized() {
        NativeParser small = new NativeParser(ParserSettings.defaults().withMaxRecordBytes(200));
        String atLimit = padTo(V2_CLICK, 200);
        assertThat(atLimit).hasSize(200);
        assertThat(small.parse(CLICK, atLimit, INGEST).ok()).isTrue();

        String over = padTo(V2_CLICK, 201);
        DeadLetter d = small.parse(CLICK, over, INGEST).deadLetter;
        assertThat(d).isEqualTo(new DeadLetter(over, CLICK, "oversized",
                "record is 201 bytes (UTF-8), more than the limit of 200 bytes", INGEST));
    }

    /** The record with an unknown padding field so that it is exactly {@code length} ASCII characters. */
    private static String padTo(Rec rec, int length) {
        int base = rec.with("pad", "").json().length();
        return rec.with("pad", "p".repeat(length - base)).json();
    }

    @Test
    void sizeIsCountedInUtf8BytesNotCharacters() {
        NativeParser small = new NativeParser(ParserSettings.defaults().withMaxRecordBytes(64));
        String twoByte = "{\"x\":\"" + "é".repeat(30) + "\"}"; // 38 chars, 68 bytes
        assertThat(small.parse(CLICK, twoByte, INGEST).deadLetter.error)
                .isEqualTo("record is 68 bytes (UTF-8), more than the limit of 64 bytes");
        String fourByte = "{\"x\":\"" + "\uD83D\uDE00".repeat(15) + "\"}"; // 38 chars, 68 bytes
        assertThat(small.parse(CLICK, fourByte, INGEST).deadLetter.error)
                .isEqualTo("record is 68 bytes (UTF-8), more than the limit of 64 bytes");
        String threeByte = "{\"x\":\"" + "€".repeat(19) + "\"}"; // 27 chars, 65 bytes
        assertThat(small.parse(CLICK, threeByte, INGEST).deadLetter.error)
                .isEqualTo("record is 65 bytes (UTF-8), more than the limit of 64 bytes");

        String exactly64 = "{\"x\":\"" + "é".repeat(28) + "\"}";
        DeadLetter passedSizeCheck = small.parse(CLICK, exactly64, INGEST).deadLetter;
        assertThat(passedSizeCheck.reason).isEqualTo("unknown_format");
    }

    @Test
    void defaultLimitIs64KiB() {
        String over = "{\"x\":\"" + "a".repeat(65_537 - 8) + "\"}";
        assertThat(over).hasSize(65_537);
        DeadLetter d = parser.parse(CLICK, over, INGEST).deadLetter;
        assertThat(d.reason).isEqualTo("oversized");
        assertThat(d.error).isEqualTo("record is 65537 bytes (UTF-8), more than the limit of 65536 bytes");
        assertThat(d.raw).isSameAs(over);

        String at = "{\"x\":\"" + "a".repeat(65_536 - 8) + "\"}";
        assertThat(parser.parse(CLICK, at, INGEST).deadLetter.reason).isEqualTo("unknown_format");
    }

    @Test
    void sizeIsCheckedBeforeSyntax() {
        NativeParser small = new NativeParser(ParserSettings.defaults().withMaxRecordBytes(10));
        assertThat(small.parse(CLICK, "{{{{{{{{{{{", INGEST).deadLetter.reason).isEqualTo("oversized");
    }

    @Test
    void customFutureSkew() {
        NativeParser strict = new NativeParser(ParserSettings.defaults().withMaxFutureSkewMs(0));
        assertThat(strict.parse(CLICK, V2_CLICK.with("ts", INGEST).json(), INGEST).ok()).isTrue();
        DeadLetter d = strict.parse(CLICK, V2_CLICK.with("ts", INGEST + 1).json(), INGEST).deadLetter;
        assertThat(d.reason).isEqualTo("future_dated");
        assertThat(d.error).isEqualTo("field 'ts' is 1 ms ahead of the receive time (event time "
                + "2026-01-01T00:00:00.001Z, received 2026-01-01T00:00:00Z; at most 0 ms allowed)");
    }

    @Test
    void futureCheckDoesNotOverflow() {
        DeadLetter d = parser.parse(CLICK, V2_CLICK.json(), Long.MIN_VALUE + 1).deadLetter;
        assertThat(d.reason).isEqualTo("future_dated");
        assertThat(d.error).startsWith("field 'ts' is more than 9223372036854775807 ms ahead of the receive time");
    }

    @Test
    void firstProblemInSpecOrderIsReportedWhateverTheFieldOrder() {
        // both learner_id and ts are wrong: the common fields are checked in table order
        Rec twoProblems = V2_CLICK.with("learner_id", 5).with("ts", "x");
        Rec reordered = Rec.of("ts", "x", "page_id", "c-algebra/p1", "event_type", "page_view", "learner_id", 5,
                "course_id", "c-algebra", "event_id", "e-click-1", "schema_version", 2);
        for (Rec r : List.of(twoProblems, reordered)) {
            assertThat(parser.parse(CLICK, r.json(), INGEST).deadLetter.error)
                    .isEqualTo("field 'learner_id' must be a non-empty string (was 5)");
        }
    }
}
