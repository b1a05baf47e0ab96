package io.learnpulse.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class NativeParserPropertiesTest {

    private static final Set<String> REASONS = Set.of(DeadLetterReason.MALFORMED_JSON, DeadLetterReason.OVERSIZED,
            DeadLetterReason.MISSING_FIELD, DeadLetterReason.INVALID_FIELD, DeadLetterReason.UNKNOWN_FORMAT,
            DeadLetterReason.UNSUPPORTED_VERSION, DeadLetterReason.FUTURE_DATED);

    private static final List<String> SOURCES = List.of(Sources.CLICKSTREAM, Sources.VIDEO, Sources.ASSESSMENT,
            "quiz");

    private final NativeParser parser = new NativeParser(ParserSettings.defaults().withMaxRecordBytes(2048));

    /** Exactly one outcome, never an exception, and a well-formed event or dead letter. */
    private void checkOutcome(String source, String line) {
        ParseResult r = parser.parse(source, line, Records.INGEST);
        assertThat(r).isNotNull();
        assertThat(r.event == null).isNotEqualTo(r.deadLetter == null);
        assertThat(r.ok()).isEqualTo(r.event != null);
        if (r.ok()) {
            LearnerEvent e = r.event;
            assertThat(e.eventId).isNotEmpty();
            assertThat(e.learnerId).isNotEmpty();
            assertThat(e.courseId).isNotEmpty();
            assertThat(e.objectId).isNotEmpty();
            assertThat(e.kind).isNotNull();
            assertThat(e.format).isIn("native-v1", "native-v2");
            assertThat(e.source).isEqualTo(source);
            assertThat(e.eventTime).isBetween(0L, Records.INGEST + ParserSettings.DEFAULT_MAX_FUTURE_SKEW_MS);
        } else {
            assertThat(r.deadLetter.reason).isIn(REASONS);
            assertThat(r.deadLetter.error).isNotBlank();
            assertThat(r.deadLetter.raw).isSameAs(line);
            assertThat(r.deadLetter.source).isEqualTo(source);
            assertThat(r.deadLetter.receivedAt).isEqualTo(Records.INGEST);
        }
    }

    @Property
    void arbitraryStringsNeverThrow(@ForAll("sources") String source, @ForAll String line) {
        checkOutcome(source, line);
    }

    @Property
    void arbitraryUnicodeNeverThrows(@ForAll("sources") String source, @ForAll("anyChars") String line) {
        checkOutcome(source, line);
    }

    /** Valid records damaged by cutting, inserting and replacing characters: exercises every syntax path. */
    @Property(tries = 2000)
    void damagedRecordsNeverThrow(@ForAll("damaged") String[] sourceAndLine) {
        checkOutcome(sourceAndLine[0], sourceAndLine[1]);
    }

    /** Syntactically valid objects mixing known field names with values of every JSON type. */
    @Property(tries = 3000)
    void objectsOfKnownFieldsNeverThrow(@ForAll("sources") String source, @ForAll("knownFieldObjects") String line) {
        checkOutcome(source, line);
    }

    @Property
    void utf8LengthMatchesTheJdkEncoder(@ForAll("anyChars") String s) {
        assertThat(NativeParser.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }

    /** The hand-written timestamp parser agrees with java.time on every value it accepts. */
    @Property(tries = 3000)
    void fastTimestampsAgreeWithJavaTime(@ForAll("timestamps") String timestamp) throws Exception {
        long expected = OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                .toEpochMilli();
        long fast = IsoTimestamps.parseFast(timestamp);
        assertThat(fast).isNotEqualTo(IsoTimestamps.NOT_FAST);
        assertThat(fast).isEqualTo(expected);
        assertThat(IsoTimestamps.parse(timestamp)).isEqualTo(expected);
    }

    /** Damaged timestamps: the fast path either declines or agrees with java.time (never accepts more). */
    @Property(tries = 3000)
    void fastTimestampsNeverAcceptWhatJavaTimeRejects(@ForAll("timestamps") String timestamp,
            @ForAll @IntRange(min = 0, max = 34) int at, @ForAll("timestampChars") char c) {
        String damaged = at < timestamp.length()
                ? timestamp.substring(0, at) + c + timestamp.substring(at + 1)
                : timestamp + c;
        long fast = IsoTimestamps.parseFast(damaged);
        if (fast == IsoTimestamps.NOT_FAST) {
            return;
        }
        long expected = OffsetDateTime.parse(damaged, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                .toEpochMilli();
        assertThat(fast).isEqualTo(expected);
    }

    // ---- generators -----------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> sources() {
        return Arbitraries.of(SOURCES);
    }

    @Provide
    Arbitrary<String> anyChars() {
        return Arbitraries.strings().withCharRange(Character.MIN_VALUE, Character.MAX_VALUE).ofMaxLength(200);
    }

    private static final List<String[]> VALID = List.of(
            new String[] {Sources.CLICKSTREAM, Records.V2_CLICK.json()},
            new String[] {Sources.VIDEO, Records.V2_VIDEO_SEEK.json()},
            new String[] {Sources.VIDEO, Records.V2_VIDEO_PLAY.json()},
            new String[] {Sources.ASSESSMENT, Records.V2_ATTEMPT.json()},
            new String[] {Sources.ASSESSMENT, Records.V2_HINT.json()},
            new String[] {Sources.CLICKSTREAM, Records.V1_CLICK.json()},
            new String[] {Sources.VIDEO, Records.V1_VIDEO_SEEK.json()},
            new String[] {Sources.ASSESSMENT, Records.V1_ATTEMPT.json()},
            new String[] {Sources.ASSESSMENT, Records.V1_HINT.json()});

    @Provide
    Arbitrary<String[]> damaged() {
        Arbitrary<String[]> valid = Arbitraries.of(VALID);
        Arbitrary<Character> jsonish = Arbitraries.of('{', '}', '[', ']', '"', ':', ',', '\\', '-', '.', 'e', '0',
                '1', '9', ' ', 'n', 't', 'f', 'u', 'a', '\u00e9', '\uD83D', '\u0000');
        Arbitrary<int[]> edits = Arbitraries.integers().between(0, 10_000).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(valid, edits, jsonish.list().ofSize(4)).as((v, positions, chars) -> {
            StringBuilder sb = new StringBuilder(v[1]);
            for (int i = 0; i < positions.length; i++) {
                int at = positions[i] % (sb.length() + 1);
                switch (positions[i] % 4) {
                    case 0:
                        sb.setLength(at); // truncate
                        break;
                    case 1:
                        sb.insert(at, chars.get(i));
                        break;
                    case 2:
                        if (at < sb.length()) {
                            sb.deleteCharAt(at);
                        }
                        break;
                    default:
                        if (at < sb.length()) {
                            sb.setCharAt(at, chars.get(i));
                        }
                        break;
                }
            }
            return new String[] {v[0], sb.toString()};
        });
    }

    @Provide
    Arbitrary<String> knownFieldObjects() {
        Arbitrary<String> names = Arbitraries.of("schema_version", "event_id", "learner_id", "course_id", "ts",
                "user_id", "timestamp", "page_id", "event_type", "video_id", "action", "position", "seek_from",
                "type", "question_id", "score", "max_score", "correct", "attempt_number", "skill_ids", "hint_index",
                "other");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("2", "1", "0", "-1", "2.0", "1e400", "-0.0", "0.5", "10", "99999999999999999999",
                        "1767225595000", "1767226300000", "true", "false", "null", "{}", "[]", "[\"a\",\"b\"]",
                        "[\"\",1]", "[[]]", "{\"ts\":1}", "\"\"", "\"play\"", "\"seek\"", "\"hint\"", "\"attempt\"",
                        "\"rewind\"", "\"x\"", "\"2026-01-01T00:59:55.250+01:00\"", "\"2026-01-01T00:59:55\"",
                        "\"2026-02-30T00:00:00Z\"", "\"1969-12-31T23:59:59Z\""),
                Arbitraries.longs().map(l -> Long.toString(l)),
                Arbitraries.doubles().map(d -> Double.toString(d)),
                Arbitraries.strings().alpha().ofMaxLength(5).map(s -> "\"" + s + "\""));
        Arbitrary<String> field = Combinators.combine(names, values).as((n, v) -> "\"" + n + "\":" + v);
        Arbitrary<String> withVersion = field.list().ofMaxSize(14).map(fs -> "{" + String.join(",", fs) + "}");
        // bias towards records that get past format detection
        Arbitrary<String> v2 = field.list().ofMaxSize(12).map(fs -> "{\"schema_version\":2,\"event_id\":\"e\","
                + "\"learner_id\":\"l\",\"course_id\":\"c\",\"ts\":1767225595000" + (fs.isEmpty() ? "" : ",")
                + String.join(",", fs) + "}");
        Arbitrary<String> v1 = field.list().ofMaxSize(12).map(fs -> "{" + String.join(",", fs)
                + (fs.isEmpty() ? "" : ",") + "\"user_id\":\"l\",\"course_id\":\"c\","
                + "\"timestamp\":\"2026-01-01T00:59:55Z\"}");
        return Arbitraries.oneOf(withVersion, v2, v1);
    }

    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<Long> millis = Arbitraries.longs().between(Instant.parse("0000-01-01T00:00:00Z").toEpochMilli()
                + 86_400_000L, Instant.parse("9999-12-31T00:00:00Z").toEpochMilli());
        Arbitrary<Integer> offsetMinutes = Arbitraries.integers().between(-18 * 60, 18 * 60);
        Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
        Arbitrary<Integer> digits = Arbitraries.integers().between(0, 9);
        return Combinators.combine(millis, offsetMinutes, nanos, digits).as((ms, off, ns, d) -> {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(off * 60);
            OffsetDateTime t = Instant.ofEpochMilli(ms).atOffset(offset).withNano(ns);
            StringBuilder s = new StringBuilder(t.toLocalDateTime().format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")));
            if (d > 0) {
                s.append('.').append(String.format("%09d", ns), 0, d);
            }
            s.append(off == 0 && (ns & 1) == 0 ? "Z" : offset.getId().equals("Z") ? "+00:00" : offset.getId());
            return s.toString();
        });
    }

    @Provide
    Arbitrary<Character> timestampChars() {
        return Arbitraries.of('0', '1', '2', '3', '5', '9', '-', '+', ':', '.', 'T', 'Z', 'z', ' ', 'x');
    }
}
