package io.learnpulse.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.sim.CatalogGenerator;
import io.learnpulse.core.sim.LearnerSimulator;
import io.learnpulse.core.sim.SimRecord;
import io.learnpulse.core.sim.SimulatorConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast path ({@link NativeScanner}) changes no result: on a large seeded corpus of simulator lines and
 * of random mutations of them, {@link NativeParser} gives the same event, or the same dead letter (reason
 * and message), with the fast path as without it.
 */
class NativeScannerEquivalenceTest {

    private static final int SIMULATOR_LINES = 120_000;
    private static final int MUTATED_LINES = 150_000;

    private static final NativeParser FAST = new NativeParser(ParserSettings.defaults(), true);
    private static final NativeParser REFERENCE = new NativeParser(ParserSettings.defaults(), false);
    private static final JsonFactory JSON = new JsonFactory();

    private static List<SimRecord> corpus;

    @BeforeAll
    static void simulate() {
        SimulatorConfig c = new SimulatorConfig();
        c.seed = 20_260_302L;
        c.learners = 800;
        c.timeScale = 20;
        c.malformedFraction = 0.03; // more of the simulator's corrupted lines than by default
        c.duplicateFraction = 0.02;
        LearnerSimulator sim = new LearnerSimulator(c, CatalogGenerator.generate(c.seed, c.courses));
        corpus = new ArrayList<>(SIMULATOR_LINES);
        for (int i = 0; i < SIMULATOR_LINES; i++) {
            corpus.add(sim.next());
        }
    }

    @Test
    void simulatorLinesGiveTheSameResultsAndTheWellFormedOnesTakeTheFastPath() {
        int handled = 0;
        int wellFormed = 0;
        int events = 0;
        int[] byDelivery = new int[SimRecord.Delivery.values().length];
        int v1 = 0;
        for (SimRecord r : corpus) {
            ParseResult reference = assertSameResult(r.source, r.line, r.arrivalTime);
            boolean fast = fastPathReadsTheSameFields(r.source, r.line);
            boolean syntaxOk = reference.ok() || !DeadLetterReason.MALFORMED_JSON.equals(reference.deadLetter.reason);
            // Every line of the simulator that is valid JSON has the shape the fast path reads (no escapes,
            // no nesting, no duplicate keys), malformed or not; no malformed JSON does.
            assertThat(fast).as("fast path for %s", r.line).isEqualTo(syntaxOk);
            handled += fast ? 1 : 0;
            wellFormed += syntaxOk ? 1 : 0;
            events += reference.ok() ? 1 : 0;
            byDelivery[r.delivery.ordinal()]++;
            v1 += reference.ok() && NativeParser.FORMAT_V1.equals(reference.event.format) ? 1 : 0;
        }
        System.out.printf("simulator lines: %d, fast path: %d, events: %d (v1 %d), dead letters: %d, "
                        + "malformed deliveries: %d, duplicate deliveries: %d%n", corpus.size(), handled, events, v1,
                corpus.size() - events, byDelivery[SimRecord.Delivery.MALFORMED.ordinal()],
                byDelivery[SimRecord.Delivery.DUPLICATE.ordinal()]);
        assertThat(corpus).hasSize(SIMULATOR_LINES);
        assertThat(handled).isEqualTo(wellFormed).isGreaterThan(SIMULATOR_LINES * 98 / 100);
        assertThat(byDelivery[SimRecord.Delivery.MALFORMED.ordinal()]).isGreaterThan(SIMULATOR_LINES / 100);
        assertThat(byDelivery[SimRecord.Delivery.DUPLICATE.ordinal()]).isGreaterThan(SIMULATOR_LINES / 100);
        assertThat(v1).isGreaterThan(SIMULATOR_LINES / 5);
        assertThat(SIMULATOR_LINES - wellFormed).as("malformed JSON lines").isGreaterThan(100);
    }

    @Test
    void mutatedSimulatorLinesGiveTheSameResults() {
        SplittableRandom random = new SplittableRandom(4_242L);
        Mutator mutator = new Mutator(random);
        int handled = 0;
        int events = 0;
        int[] reasons = new int[8];
        List<String> reasonNames = List.of(DeadLetterReason.MALFORMED_JSON, DeadLetterReason.MISSING_FIELD,
                DeadLetterReason.INVALID_FIELD, DeadLetterReason.UNKNOWN_FORMAT, DeadLetterReason.UNSUPPORTED_VERSION,
                DeadLetterReason.FUTURE_DATED, DeadLetterReason.OVERSIZED);
        for (int n = 0; n < MUTATED_LINES; n++) {
            SimRecord r = corpus.get(random.nextInt(corpus.size()));
            String line = r.line;
            int mutations = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
            for (int m = 0; m < mutations; m++) {
                line = mutator.mutate(line);
            }
            // sometimes on another channel, which knows other fields
            String source = random.nextInt(10) == 0 ? Sources.NATIVE.get(random.nextInt(3)) : r.source;
            ParseResult reference = assertSameResult(source, line, r.arrivalTime);
            handled += fastPathReadsTheSameFields(source, line) ? 1 : 0;
            if (reference.ok()) {
                events++;
            } else {
                reasons[reasonNames.indexOf(reference.deadLetter.reason) + 1]++;
            }
        }
        System.out.printf("mutated lines: %d, fast path: %d, events: %d, dead letters by reason %s: %s%n",
                MUTATED_LINES, handled, events, reasonNames, Arrays.toString(reasons));
        // Both paths and both outcomes are well exercised.
        assertThat(handled).isBetween(MUTATED_LINES / 4, MUTATED_LINES * 3 / 4);
        assertThat(events).isGreaterThan(MUTATED_LINES / 10);
        assertThat(reasons[0]).as("unexpected reasons").isZero();
        for (int i = 1; i <= 6; i++) {
            assertThat(reasons[i]).as(reasonNames.get(i - 1)).isPositive();
        }
    }

    @Test
    void randomNumbersAreReadAsJacksonReadsThem() {
        SplittableRandom random = new SplittableRandom(99L);
        int handled = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            String number = Mutator.randomNumber(random);
            String line = "{\"schema_version\":2,\"event_id\":\"e\",\"learner_id\":\"l\",\"course_id\":\"c\",\"ts\":"
                    + (random.nextInt(8) == 0 ? number : "1772438400000") + ",\"video_id\":\"v\",\"action\":\"seek\","
                    + "\"position\":" + number + ",\"seek_from\":" + Mutator.randomNumber(random) + ",\"n\":" + number + "}";
            handled += fastPathReadsTheSameFields(Sources.VIDEO, line) ? 1 : 0;
            assertSameResult(Sources.VIDEO, line, 1_772_438_400_000L);
        }
        System.out.printf("random numbers: %d, fast path: %d%n", n, handled);
        assertThat(handled).isBetween(n / 4, n * 19 / 20); // both paths well exercised
    }

    /** Strings and names with special characters at every offset from the scanner's 8-byte words. */
    @Test
    void randomStringsAreReadAsJacksonReadsThem() {
        SplittableRandom random = new SplittableRandom(7L);
        String[] special = {"\"", "\\", "\\\"", "\\n", "\u0000", "\u0001", "\u001f", " ", "!", "#", "\u007f", "\u0080",
            "\u00a2", "\u00dc", "\u00ff", "\u0100", "\u0122", "\u015c", "\uD83D", "\uDE00", "\uD83D\uDE00", "\u2028"};
        int handled = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(41);
            for (int k = 0; k < length; k++) {
                value.append(random.nextInt(25) == 0 ? special[random.nextInt(special.length)]
                        : String.valueOf((char) ('a' + random.nextInt(26))));
            }
            String name = random.nextInt(4) == 0 ? value.substring(0, Math.min(value.length(), random.nextInt(16)))
                    : "page_id";
            String prefix = " ".repeat(random.nextInt(9)); // moves the strings against the 8-byte words
            String line = "{" + prefix + "\"schema_version\":2,\"event_id\":\"e\",\"learner_id\":\"" + value
                    + "\",\"course_id\":\"c\",\"ts\":1772438400000,\"" + name + "\":\"" + value + "\",\"event_type\":\"" + value
                    + "\"" + (random.nextBoolean() ? ",\"page_id\":\"p\"" : "") + "}";
            handled += fastPathReadsTheSameFields(Sources.CLICKSTREAM, line) ? 1 : 0;
            assertSameResult(Sources.CLICKSTREAM, line, 1_772_438_400_000L);
        }
        System.out.printf("random strings: %d, fast path: %d%n", n, handled);
        assertThat(handled).isBetween(n / 4, n * 19 / 20); // both paths well exercised
    }

    /**
     * True when the fast path reads the record on its own; it then must have read the same values (and
     * value kinds) as Jackson, which must read the record without error.
     */
    static boolean fastPathReadsTheSameFields(String source, String line) {
        int mask = NativeParser.fieldsOf(source);
        NativeParser.Fields fast = new NativeParser.Fields();
        if (!NativeScanner.scan(line, mask, fast)) {
            return false;
        }
        NativeParser.Fields jackson;
        try {
            jackson = NativeParser.scanWithJackson(line, mask);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("the fast path read a record Jackson rejects: " + line, e);
        }
        if (Arrays.equals(fast.kind, jackson.kind) && Arrays.equals(fast.strings, jackson.strings)
                && Arrays.equals(fast.longs, jackson.longs) && Arrays.equals(fast.doubles, jackson.doubles)
                && fast.duplicated == jackson.duplicated && Arrays.equals(fast.skillIds, jackson.skillIds)
                && Objects.equals(fast.badSkill, jackson.badSkill)) {
            return true; // (Arrays.equals on doubles compares their bits: -0.0 is not 0.0)
        }
        assertThat(fast.kind).as("kinds of %s", line).isEqualTo(jackson.kind);
        assertThat(fast.strings).as("strings of %s", line).isEqualTo(jackson.strings);
        assertThat(fast.longs).as("longs of %s", line).isEqualTo(jackson.longs);
        for (int i = 0; i < NativeParser.FIELD_COUNT; i++) {
            assertThat(Double.doubleToRawLongBits(fast.doubles[i])).as("double %s of %s", i, line)
                    .isEqualTo(Double.doubleToRawLongBits(jackson.doubles[i]));
        }
        assertThat(fast.duplicated).as(line).isEqualTo(jackson.duplicated);
        assertThat(fast.skillIds).as(line).isEqualTo(jackson.skillIds);
        assertThat(fast.badSkill).as(line).isEqualTo(jackson.badSkill);
        throw new AssertionError("unreachable");
    }

    /** Parses with and without the fast path, checks the results are equal and returns the reference. */
    private static ParseResult assertSameResult(String source, String line, long ingestTime) {
        ParseResult fast = FAST.parse(source, line, ingestTime);
        ParseResult reference = REFERENCE.parse(source, line, ingestTime);
        if (reference.ok() && fast.ok() && fast.event.equals(reference.event) && fast.event.ingestTime == ingestTime
                || !reference.ok() && !fast.ok() && fast.deadLetter.equals(reference.deadLetter)) {
            return reference;
        }
        if (reference.ok()) {
            assertThat(fast.ok()).as("accepted %s", line).isTrue();
            if (!fast.event.equals(reference.event)) {
                assertThat(JsonLines.toJson(fast.event)).as(line).isEqualTo(JsonLines.toJson(reference.event));
                assertThat(fast.event).as(line).usingRecursiveComparison().isEqualTo(reference.event);
            }
            assertThat(fast.event.equals(reference.event)).as(line).isTrue();
            assertThat(fast.event.ingestTime).isEqualTo(ingestTime);
        } else {
            assertThat(fast.ok()).as("rejected %s", line).isFalse();
            if (!fast.deadLetter.equals(reference.deadLetter)) {
                assertThat(fast.deadLetter.reason + ": " + fast.deadLetter.error).as(line)
                        .isEqualTo(reference.deadLetter.reason + ": " + reference.deadLetter.error);
            }
            assertThat(fast.deadLetter).as(line).isEqualTo(reference.deadLetter);
        }
        throw new AssertionError("unreachable");
    }

    /** Random damage and variation of a record, mostly at the spots the scanner decides on. */
    static final class Mutator {
        private static final String[] CHARS = {
            " ", "\t", "\n", "\r", "\u000b", "\u00a0", "\u0000", "\u001f", "\u007f", "{", "}", "[", "]", ":", ",",
            "\"", "\\", "'", "/", "#", "-", "+", ".", "e", "E", "0", "1", "9", "a", "t", "n", "x", "é", "€", "\uFEFF",
            "\uD83D\uDE00", "\uD83D", "\uDE00", "\u0122", "\u0100"
        };
        private static final String[] NUMBERS = {
            "0", "-0", "1", "-1", "2", "00", "01", "-01", "1.", ".5", "+1", "1.0", "-0.0", "0.0", "2.0", "0.1", "0.5",
            "1e3", "1E3", "1e+3", "1e-3", "1.5E-2", "2E+0", "0e0", "1.0E-5", "0.1e1", "1e308", "1e309", "1e400", "-1e400",
            "1e-400", "4.9e-324", "1.7976931348623157e308", "123456789012345", "1234567890123456", "9007199254740993",
            "3.141592653589793", "3.14159265358979323846", "0.1000000000000000055511151231257827", "999999999999999.9",
            "0.000000000000001", "12345.678901234", "12345.6789012345", "2147483647", "2147483648", "-2147483648",
            "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "99999999999999999999", "123456789012345678901234567890", "1772438400000", "-1772438400000", "NaN",
            "Infinity", "-Infinity", "1..5", "1.5.2", "--1", "-", "1e", "1e+", "0x10", "1_000", "1 2", "12a",
        };
        private static final String[] VALUES = {
            "null", "true", "false", "\"\"", "\"x\"", "\"2\"", "{}", "{\"a\":1}", "[]", "[1,2]", "[\"a\"]", "nul", "tru",
            "True", "NULL", "falsey", "truex", "\"a\\\"b\"", "\"\\u0041\"", "\"tab\there\"", "\"é€\"", "\"\uD83D\uDE00\"",
            "\"\\n\"", "\"\\x\"", "'single'", "undefined", "\"play\"", "\"seek\"", "\"hint\"", "\"attempt\"",
            "\"2026-03-02T10:15:30.250+01:00\"", "\"2026-03-02T10:15:30\"", "[[]]", "[{}]", "[\"a\",]",
        };
        private static final String[] SKILLS = {
            "[]", "[ ]", "[\"\"]", "[\"a\",\"\"]", "[\"a\",1]", "[\"a\",null]", "[true]", "[false,\"a\"]", "[1.50]", "[-0]",
            "[1e5]", "[1E+2,\"b\"]", "[[\"x\"]]", "[{\"a\":1}]", "[\"a\",]", "[,]", "[\"a\" \"b\"]", "[ \"a\" , \"b\" ]",
            "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]", "[\"é\",\"\uD83D\uDE00\"]", "[\"a\\u0062\"]",
            "[01]", "[\"" + "s".repeat(80) + "\"]", "[" + "7".repeat(70) + "]", "[\"a\"", "[\"a\",",
        };
        private static final String[] NAMES = {
            "schema_version", "event_id", "learner_id", "course_id", "ts", "user_id", "timestamp", "page_id",
            "event_type", "video_id", "action", "position", "seek_from", "type", "question_id", "score", "max_score",
            "correct", "attempt_number", "skill_ids", "hint_index",
            // unknown names, some of the same length and first and last letter as a known one
            "", "t", "tS", "Ts", "tz", "sXhema_version", "ewent_id", "course_iD", "cooooo_id", "extra", "meta",
            "ts ", "é", "\u0122s", "scor\u0122", "sc\uD83D\uDE00re",
        };
        private static final String[] WHITESPACE = {" ", "  ", "\t", "\n", "\r\n", " \t ", "\u000b", "\u00a0", "\f"};

        private final SplittableRandom r;

        Mutator(SplittableRandom r) {
            this.r = r;
        }

        private String pick(String[] a) {
            return a[r.nextInt(a.length)];
        }

        String mutate(String line) {
            List<int[]> fields = fieldSpans(line);
            int kind = r.nextInt(16);
            if (fields.isEmpty() && kind >= 4) {
                kind = r.nextInt(4);
            }
            int n = line.length();
            switch (kind) {
                case 0: // delete a char
                    if (n == 0) {
                        return pick(CHARS);
                    }
                    int d = r.nextInt(n);
                    return line.substring(0, d) + line.substring(d + 1);
                case 1: { // insert a char
                    int at = r.nextInt(n + 1);
                    return line.substring(0, at) + pick(CHARS) + line.substring(at);
                }
                case 2: { // replace a char
                    if (n == 0) {
                        return pick(CHARS);
                    }
                    int at = r.nextInt(n);
                    return line.substring(0, at) + pick(CHARS) + line.substring(at + 1);
                }
                case 3: // truncate, or add something before or after
                    switch (r.nextInt(4)) {
                        case 0:
                            return line.substring(0, r.nextInt(n + 1));
                        case 1:
                            return pick(new String[] {" ", "\n", "\r\n", "\t", "\uFEFF", "x", "{"}) + line;
                        default:
                            return line + pick(new String[] {" ", "\n", "\r\n", " x", "}", " {}", ",", "\u0000", " \t"});
                    }
                default:
                    break;
            }
            int[] f = fields.get(r.nextInt(fields.size()));
            // f: name start (at the quote), name end (after the quote), value start, value end
            String name = line.substring(f[0] + 1, f[1] - 1);
            String value = line.substring(f[2], f[3]);
            switch (kind) {
                case 4: { // duplicate a field, with the same or another value
                    String dup = "\"" + name + "\":" + (r.nextBoolean() ? value : pick(VALUES));
                    int close = line.lastIndexOf('}');
                    return r.nextBoolean() || close < 0
                            ? line.substring(0, 1) + dup + "," + line.substring(1)
                            : line.substring(0, close) + "," + dup + line.substring(close);
                }
                case 5: { // whitespace around a token of the field
                    int at = new int[] {f[0], f[1], f[2], f[3], f[2] - 1}[r.nextInt(5)];
                    return line.substring(0, at) + pick(WHITESPACE) + line.substring(at);
                }
                case 6: { // an escape or a control char in a string
                    if (!value.startsWith("\"") && r.nextBoolean()) {
                        int at = f[0] + 1 + r.nextInt(f[1] - f[0] - 1);
                        return line.substring(0, at) + pick(new String[] {"\\u0041", "\\n", "\\\"", "\\\\"}) + line.substring(at);
                    }
                    String esc = pick(new String[] {"\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\u0061", "\\x", "\\",
                        "\u0001", "\n", "\\uD83D\\uDE00", "\\u12"});
                    int at = value.startsWith("\"") ? f[2] + 1 + r.nextInt(Math.max(1, value.length() - 1)) : f[0] + 1;
                    return line.substring(0, at) + esc + line.substring(at);
                }
                case 7: // another number
                    return replaceValue(line, f, r.nextBoolean() ? pick(NUMBERS) : randomNumber(r));
                case 8: // a number as a string, or a string's content as a bare token
                    if (value.startsWith("\"")) {
                        return replaceValue(line, f, value.substring(1, Math.max(1, value.length() - 1)));
                    }
                    return replaceValue(line, f, "\"" + value + "\"");
                case 9: // another value of any type
                    return replaceValue(line, f, pick(VALUES));
                case 10: { // an unknown or known field added
                    String added = "\"" + pick(NAMES) + "\":" + (r.nextBoolean() ? pick(VALUES) : pick(NUMBERS));
                    int at = r.nextBoolean() ? f[0] : f[3];
                    return at == f[0] ? line.substring(0, at) + added + "," + line.substring(at)
                            : line.substring(0, at) + "," + added + line.substring(at);
                }
                case 11: // skill_ids variants
                    return r.nextBoolean() && line.contains("\"skill_ids\"")
                            ? replaceValue(line, fieldNamed(line, fields, "skill_ids"), pick(SKILLS))
                            : replaceValue(line, f, pick(SKILLS));
                case 12: // unicode in a string value
                    if (value.startsWith("\"")) {
                        int at = f[2] + 1 + r.nextInt(Math.max(1, value.length() - 1));
                        return line.substring(0, at) + pick(new String[] {"é", "€", "\uD83D\uDE00", "\uD83D", "ü", "\u00ff",
                            "\u0100", "\u4e2d\u6587"}) + line.substring(at);
                    }
                    return replaceValue(line, f, "\"\u00e9\u20ac\uD83D\uDE00\"");
                case 13: // rename the field
                    return line.substring(0, f[0]) + "\"" + pick(NAMES) + "\"" + line.substring(f[1]);
                case 14: // remove the field
                    if (fields.size() == 1) {
                        return line.substring(0, f[0]) + line.substring(f[3]);
                    }
                    int comma = line.indexOf(',', f[3]);
                    if (comma >= 0 && comma == skipWs(line, f[3])) {
                        return line.substring(0, f[0]) + line.substring(comma + 1);
                    }
                    int before = line.lastIndexOf(',', f[0]);
                    return before < 0 ? line : line.substring(0, before) + line.substring(f[3]);
                default: // null, an object or an array for the value
                    return replaceValue(line, f, pick(new String[] {"null", "{}", "[]", "{\"x\":[1,{\"y\":null}]}",
                        "[\"" + name + "\"]", "{\"" + name + "\":" + value + "}"}));
            }
        }

        /** A JSON number with up to 22 integer and 24 fraction digits, sometimes with an exponent. */
        static String randomNumber(SplittableRandom r) {
            StringBuilder sb = new StringBuilder();
            if (r.nextInt(4) == 0) {
                sb.append('-');
            }
            int integerDigits = r.nextInt(3) == 0 ? 1 + r.nextInt(22) : 1 + r.nextInt(4);
            sb.append(integerDigits == 1 || r.nextInt(3) == 0 ? (char) ('0' + r.nextInt(10)) : (char) ('1' + r.nextInt(9)));
            if (sb.charAt(sb.length() - 1) != '0') {
                for (int i = 1; i < integerDigits; i++) {
                    sb.append((char) ('0' + r.nextInt(10)));
                }
            }
            if (r.nextInt(4) != 0) {
                sb.append('.');
                int fractionDigits = r.nextInt(3) == 0 ? 1 + r.nextInt(24) : 1 + r.nextInt(4);
                for (int i = 0; i < fractionDigits; i++) {
                    sb.append(r.nextInt(5) == 0 ? '0' : (char) ('0' + r.nextInt(10)));
                }
            }
            if (r.nextInt(8) == 0) {
                sb.append(r.nextBoolean() ? 'e' : 'E').append(r.nextBoolean() ? "" : r.nextBoolean() ? "+" : "-")
                        .append(r.nextInt(400));
            }
            return sb.toString();
        }

        private static int skipWs(String s, int i) {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return i;
        }

        private static int[] fieldNamed(String line, List<int[]> fields, String name) {
            for (int[] f : fields) {
                if (line.substring(f[0] + 1, f[1] - 1).equals(name)) {
                    return f;
                }
            }
            return fields.get(0);
        }

        private static String replaceValue(String line, int[] f, String value) {
            return line.substring(0, f[2]) + value + line.substring(f[3]);
        }

        /**
         * The top-level fields of a record that is a JSON object, as char offsets {name start, name end,
         * value start, value end}, up to the first syntax error; empty when it is not an object.
         */
        static List<int[]> fieldSpans(String line) {
            List<int[]> spans = new ArrayList<>();
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return spans;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    int nameStart = (int) p.currentTokenLocation().getCharOffset();
                    int nameEnd = line.indexOf(':', nameStart + 1 + p.currentName().length());
                    while (nameEnd > nameStart && line.charAt(nameEnd - 1) != '"') {
                        nameEnd--;
                    }
                    JsonToken t = p.nextToken();
                    int valueStart = (int) p.currentTokenLocation().getCharOffset();
                    if (t == JsonToken.VALUE_STRING) {
                        p.getText(); // finishes the string
                    }
                    p.skipChildren();
                    int valueEnd = (int) p.currentLocation().getCharOffset();
                    if (nameEnd >= nameStart + 2 && valueStart >= nameEnd && valueEnd > valueStart
                            && valueEnd <= line.length()) {
                        spans.add(new int[] {nameStart, nameEnd, valueStart, valueEnd});
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a syntax error: the fields before it
            }
            return spans;
        }
    }
}
