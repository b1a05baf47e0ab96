package io.learnpulse.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import io.learnpulse.core.event.DeadLetterReason;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Helpers shared by the format parsers ({@link NativeParser}, {@link RecordParser} and the xAPI and
 * Caliper parsers in the sub-packages). Internal to LearnPulse's format layer: not a stable API.
 */
public final class FormatSupport {

    /** Longest value shown verbatim in an error message; longer values are cut and end in "...". */
    public static final int MAX_SHOWN_CHARS = 64;

    /**
     * Strict JSON with duplicate keys rejected (xAPI: "a Statement MUST use each property no more than one
     * time"), decimals kept exact so ids derived from content do not depend on double rounding.
     */
    private static final JsonFactory STRICT_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper TREES = new ObjectMapper(STRICT_JSON)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FormatSupport() {}

    // ---- JSON ------------------------------------------------------------------------------------------

    /** A streaming parser over {@code text} that rejects duplicate keys. */
    public static JsonParser strictParser(String text) throws IOException {
        return STRICT_JSON.createParser(text);
    }

    /** Reads the value at the parser's current token (which must be its first token) as a tree. */
    public static JsonNode readTree(JsonParser p) throws IOException {
        return TREES.readTree(p);
    }

    /** One element of a JSON array (or the whole record) with its exact text in the record. */
    public static final class Element {
        public final JsonNode node;
        public final String raw;

        public Element(JsonNode node, String raw) {
            this.node = node;
            this.raw = raw;
        }
    }

    /**
     * Reads the elements of the array at the parser's current {@code START_ARRAY} token, each with its exact
     * text (a substring of {@code text}); leaves the parser on the {@code END_ARRAY}.
     */
    public static List<Element> readArrayElements(JsonParser p, String text) throws IOException {
        List<Element> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonEOFException(p, null, "Unexpected end-of-input in an array");
            }
            int start = (int) p.currentTokenLocation().getCharOffset();
            JsonNode node = readTree(p);
            // containers end at their closing bracket (the current token); scalars where the parser stopped
            int end = node.isContainerNode()
                    ? (int) p.currentTokenLocation().getCharOffset() + 1
                    : (int) p.currentLocation().getCharOffset();
            start = Math.max(0, Math.min(start, text.length()));
            end = Math.max(start, Math.min(end, text.length()));
            out.add(new Element(node, text.substring(start, end)));
        }
        return out;
    }

    /** Fails unless the parser is at the end of its input. */
    public static void requireEnd(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw new TrailingContent(tokenKind(t), p.currentTokenLocation());
        }
    }

    /** Content after the end of the top-level JSON value. */
    public static final class TrailingContent extends IOException {
        private static final long serialVersionUID = 1L;

        TrailingContent(String what, JsonLocation loc) {
            super("unexpected content (" + what + ") after the end of the JSON value" + at(loc), null);
        }
    }

    /**
     * The dead-letter message for a JSON syntax error, worded as {@link NativeParser} words it; a duplicate
     * key is reported by {@link #duplicateKey}.
     */
    public static String malformedJsonMessage(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        boolean truncated = e instanceof JsonEOFException
                || (original != null && original.startsWith("Unexpected end-of-input"));
        return truncated
                ? "malformed JSON: unexpected end of input" + at(e.getLocation()) + " (truncated record?)"
                : "malformed JSON" + at(e.getLocation()) + ": " + NativeParser.cleanJacksonMessage(original);
    }

    /** The repeated key when {@code e} reports a duplicate key, else null. */
    public static String duplicateKey(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null || !m.startsWith("Duplicate field '")) {
            return null;
        }
        int end = m.indexOf('\'', 17);
        return end < 0 ? null : m.substring(17, end);
    }

    /** " at column 12" or " at line 2, column 3"; empty when unknown. */
    public static String at(JsonLocation loc) {
        if (loc == null || loc.getColumnNr() < 1) {
            return "";
        }
        return loc.getLineNr() > 1
                ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                : " at column " + loc.getColumnNr();
    }

    /** "an object", "a string", ... for a token. */
    public static String tokenKind(JsonToken t) {
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.name();
        }
    }

    /** How a value is shown in messages: strings quoted (and shortened), numbers and literals as written. */
    public static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "absent";
        }
        if (n.isTextual()) {
            return "'" + shorten(n.textValue()) + "'";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isNumber()) {
            return shorten(n.isBigDecimal() ? n.decimalValue().toString() : n.asText());
        }
        return n.asText(); // true, false, null
    }

    // ---- identifiers -----------------------------------------------------------------------------------

    /**
     * A best-effort IRI check (RFC 3987): a scheme (a letter, then letters, digits, {@code + - .}), a colon,
     * and at least one more character; no whitespace, control characters or {@code < > " { } | \ ^ `};
     * every {@code %} followed by two hex digits.
     */
    public static boolean isIri(String s) {
        int n = s == null ? 0 : s.length();
        if (n < 3 || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        int i = 1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ':') {
                break;
            }
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return false;
            }
            i++;
        }
        if (i >= n - 1) {
            return false; // no scheme separator, or nothing after it
        }
        for (int j = i + 1; j < n; j++) {
            char c = s.charAt(j);
            if (c <= 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return false;
            }
            switch (c) {
                case '<': case '>': case '"': case '{': case '}': case '|': case '\\': case '^': case '`':
                    return false;
                case '%':
                    if (j + 2 >= n || !isHex(s.charAt(j + 1)) || !isHex(s.charAt(j + 2))) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        return true;
    }

    /** A UUID in standard string form: 8-4-4-4-12 hex digits (either case). */
    public static boolean isUuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!isHex(c)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    // ---- content-derived ids ---------------------------------------------------------------------------

    /**
     * {@code prefix} followed by the first 16 bytes, as 32 lower-case hex digits, of the SHA-256 of
     * {@code canonical} encoded as UTF-8.
     */
    public static String sha256Id(String prefix, String canonical) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        byte[] digest = sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[prefix.length() + 32];
        prefix.getChars(0, prefix.length(), out, 0);
        int o = prefix.length();
        for (int i = 0; i < 16; i++) {
            out[o + 2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[o + 2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * Canonical JSON of a tree: no whitespace, object keys sorted (by {@link String#compareTo}), strings
     * escaped as Jackson escapes them, numbers by value ({@code 1}, {@code 1.0} and {@code 1e0} are all
     * {@code 1}: the decimal value without trailing zeros, plain unless its exponent exceeds 100).
     */
    public static void canonicalJson(JsonNode n, StringBuilder out) {
        switch (n.getNodeType()) {
            case OBJECT: {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(n.size());
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    fields.add(it.next());
                }
                fields.sort(Map.Entry.comparingByKey());
                out.append('{');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    quote(fields.get(i).getKey(), out);
                    out.append(':');
                    canonicalJson(fields.get(i).getValue(), out);
                }
                out.append('}');
                break;
            }
            case ARRAY:
                out.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    canonicalJson(n.get(i), out);
                }
                out.append(']');
                break;
            case STRING:
                quote(n.textValue(), out);
                break;
            case NUMBER:
                out.append(canonicalNumber(n.decimalValue()));
                break;
            case BOOLEAN:
                out.append(n.booleanValue() ? "true" : "false");
                break;
            default:
                out.append("null");
                break;
        }
    }

    /** A number by value: 1, 1.0 and 10e-1 are "1"; 0.50 is "0.5"; huge exponents in scientific notation. */
    public static String canonicalNumber(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        BigDecimal s = v.stripTrailingZeros();
        return Math.abs((long) s.scale()) <= 100 ? s.toPlainString() : s.toString();
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        out.append(JsonStringEncoder.getInstance().quoteAsString(s));
        out.append('"');
    }

    // ---- messages ----------------------------------------------------------------------------------------

    public static String shorten(String s) {
        return s.length() <= MAX_SHOWN_CHARS ? s : s.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    /** A double as shown in messages: integral values without ".0". */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The {@code future_dated} message when {@code eventTime} is more than {@code maxSkewMs} ahead of
     * {@code ingestTime}, else null. {@code what} names the time field, e.g. "xAPI: timestamp".
     */
    public static String futureDated(String what, long eventTime, long ingestTime, long maxSkewMs) {
        if (eventTime <= ingestTime) {
            return null;
        }
        long ahead = eventTime - ingestTime;
        if (ahead >= 0 && ahead <= maxSkewMs) {
            return null;
        }
        return what + " is " + (ahead < 0 ? "more than " + Long.MAX_VALUE : Long.toString(ahead))
                + " ms ahead of the receive time (event time " + Instant.ofEpochMilli(eventTime) + ", received "
                + Instant.ofEpochMilli(ingestTime) + "; at most " + maxSkewMs + " ms allowed)";
    }

    /** "a, b and c". */
    public static String list(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /**
     * The dead letter for a record whose JSON could not be read: a property repeated in one object, a
     * syntax error, content after the value, or (never expected) an internal error. {@code prefix}
     * starts messages about the format's own rules, e.g. {@code "xAPI: "}.
     */
    public static ParseResult readFailure(Exception e, String prefix, String payload, String source, long ingestTime) {
        String reason;
        String error;
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            com.fasterxml.jackson.core.JsonProcessingException j = (com.fasterxml.jackson.core.JsonProcessingException) e;
            String key = duplicateKey(j);
            reason = key != null ? DeadLetterReason.INVALID_FIELD : DeadLetterReason.MALFORMED_JSON;
            error = key != null
                    ? prefix + "property '" + shorten(key) + "' appears more than once in the same object" + at(j.getLocation())
                    : malformedJsonMessage(j);
        } else if (e instanceof TrailingContent) {
            reason = DeadLetterReason.MALFORMED_JSON;
            error = e.getMessage();
        } else if (e instanceof java.io.IOException) {
            reason = DeadLetterReason.MALFORMED_JSON;
            error = "malformed JSON: " + e.getMessage();
        } else {
            reason = DeadLetterReason.INVALID_FIELD;
            error = "record could not be parsed (internal error: " + e + ")";
        }
        return ParseResult.failure(new io.learnpulse.core.event.DeadLetter(payload, source, reason, error, ingestTime));
    }
}
