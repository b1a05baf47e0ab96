package io.learnpulse.core.format;

import static io.learnpulse.core.format.NativeParser.ARRAY;
import static io.learnpulse.core.format.NativeParser.FALSE;
import static io.learnpulse.core.format.NativeParser.FLOAT;
import static io.learnpulse.core.format.NativeParser.INT;
import static io.learnpulse.core.format.NativeParser.NULL;
import static io.learnpulse.core.format.NativeParser.SKILL_IDS;
import static io.learnpulse.core.format.NativeParser.STRING;
import static io.learnpulse.core.format.NativeParser.TRUE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link NativeParser}: reads a native record of the common, well-formed shape straight
 * into {@link NativeParser.Fields}, exactly as the Jackson scan would have filled them.
 *
 * <p>It exists because native records are small (about 200 bytes) and Jackson's per-record set-up (a
 * parser, its I/O context and buffers from a thread-local recycler, a child symbol table) and its
 * canonicalization of every field name cost more than the parse itself. This scanner does one pass over
 * the record with no set-up, matches field names against the known ones without creating them, and
 * creates only the strings of the values it keeps.
 *
 * <p>It handles a strict subset of JSON and answers "not handled" (false) for anything else, so Jackson
 * stays the reference: a record it declines is read by Jackson exactly as before, messages included, and
 * a record it accepts is one Jackson reads without error and into the same values. Handled:
 * <ul>
 *   <li>one object, with JSON whitespace (space, tab, CR, LF) anywhere between tokens and around it;</li>
 *   <li>field names without escapes or control characters;</li>
 *   <li>values of the known fields (those of the record's channel) that are strings without escapes or
 *       control characters (any other character, Latin-1 or not, is kept as is); integers that fit a
 *       long; decimals without an exponent, with at most 15 significant digits and 22 fraction digits;
 *       {@code true}, {@code false}, {@code null}; and for {@code skill_ids} an array of such strings,
 *       numbers and literals (each element that is not a non-empty string described from its text, as
 *       Jackson's scan does);</li>
 *   <li>values of other fields when they are strings, numbers (any valid JSON number up to 64 characters)
 *       or literals: they are checked and skipped.</li>
 * </ul>
 * Declined (read by Jackson): any syntax error or truncation, anything after the closing brace, escapes,
 * a known field that appears twice, objects and arrays as values (except {@code skill_ids} as above),
 * integers outside the long range, decimals with an exponent or more digits, records longer than
 * {@link #MAX_CHARS} characters, and records with a surrogate pair (a character beyond U+FFFF) anywhere.
 */
final class NativeScanner {

    /** Longer records go to Jackson (so its length limits on names, numbers and strings never matter). */
    static final int MAX_CHARS = 16 * 1024;

    /** Longest number skipped here (Jackson's limit is 1000 characters). */
    private static final int MAX_SKIPPED_NUMBER_CHARS = 64;

    /** Significant digits of a decimal read here: their value is below 2^53, an exact double. */
    private static final int MAX_DECIMAL_DIGITS = 15;

    /** The powers of ten that are exact doubles. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22
    };

    /** Eight bytes of a byte[] at any index, as a long (the first byte in the lowest bits). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** The known field names as bytes, by field index. */
    private static final byte[][] NAMES = new byte[NativeParser.FIELD_COUNT][];
    /** The last eight bytes of each name (the name in the highest bytes if shorter), and which bytes count. */
    private static final long[] NAME_TAILS = new long[NativeParser.FIELD_COUNT];
    private static final long[] NAME_TAIL_MASKS = new long[NativeParser.FIELD_COUNT];
    /** The first eight bytes of each name of eight or more. */
    private static final long[] NAME_HEADS = new long[NativeParser.FIELD_COUNT];

    /** Field index + 1 by {@link #slot} of its name; 0 for no field. */
    private static final byte[] FIELD_BY_SLOT = new byte[64];

    static {
        for (int field = 0; field < NAMES.length; field++) {
            NAMES[field] = NativeParser.NAMES[field].getBytes(StandardCharsets.US_ASCII);
            byte[] name = NAMES[field];
            int slot = slot(name, 0, name.length);
            if (FIELD_BY_SLOT[slot] != 0) {
                throw new IllegalStateException("field names " + NativeParser.NAMES[FIELD_BY_SLOT[slot] - 1]
                        + " and " + NativeParser.NAMES[field] + " share a slot");
            }
            FIELD_BY_SLOT[slot] = (byte) (field + 1);
            byte[] padded = new byte[8 + name.length];
            System.arraycopy(name, 0, padded, 8, name.length);
            NAME_TAILS[field] = (long) LONGS.get(padded, padded.length - 8);
            NAME_TAIL_MASKS[field] = name.length >= 8 ? -1L : -1L << (8 * (8 - name.length));
            NAME_HEADS[field] = name.length >= 8 ? (long) LONGS.get(name, 0) : 0L;
        }
    }

    private final String line;
    /** The record's chars as Latin-1 bytes (others as '?', which is never a token or part of a known name). */
    private final byte[] in;
    /** {@code in.length}. */
    private final int end;
    private final NativeParser.Fields fields;

    private NativeScanner(String line, byte[] in, NativeParser.Fields fields) {
        this.line = line;
        this.in = in;
        this.end = in.length;
        this.fields = fields;
    }

    /**
     * Reads {@code line} into {@code fields} (which must be new) and returns true, or returns false when
     * the record is not of the shape handled here; {@code fields} is then partly filled and must be
     * dropped. Only the fields in {@code fieldMask} (bits by field index) are recorded.
     */
    static boolean scan(String line, int fieldMask, NativeParser.Fields fields) {
        if (line.length() > MAX_CHARS) {
            return false;
        }
        // Latin-1 strings are copied as they are stored; other chars become '?', but a surrogate pair
        // becomes one '?', which would shift the offsets: such records go to Jackson.
        byte[] in = line.getBytes(StandardCharsets.ISO_8859_1);
        if (in.length != line.length()) {
            return false;
        }
        return new NativeScanner(line, in, fields).object(fieldMask);
    }

    private boolean object(int fieldMask) {
        int i = skipWhitespace(0);
        if (i >= end || in[i] != '{') {
            return false;
        }
        i = skipWhitespace(i + 1);
        if (i >= end) {
            return false;
        }
        if (in[i] != '}') {
            int seen = 0;
            while (true) {
                if (in[i] != '"') {
                    return false;
                }
                int nameEnd = stringEnd(i + 1);
                if (nameEnd < 0) {
                    return false;
                }
                int field = field(i + 1, nameEnd);
                i = skipWhitespace(nameEnd + 1);
                if (i >= end || in[i] != ':') {
                    return false;
                }
                i = skipWhitespace(i + 1);
                if (i >= end) {
                    return false;
                }
                if (field >= 0 && (fieldMask & (1 << field)) != 0) {
                    if ((seen & (1 << field)) != 0) {
                        return false; // Jackson records the duplicate; leave that case to it
                    }
                    seen |= 1 << field;
                    i = value(i, field);
                } else {
                    i = skipScalar(i);
                }
                if (i < 0) {
                    return false;
                }
                i = skipWhitespace(i);
                if (i >= end) {
                    return false;
                }
                if (in[i] == '}') {
                    break;
                }
                if (in[i] != ',') {
                    return false;
                }
                i = skipWhitespace(i + 1);
                if (i >= end) {
                    return false;
                }
            }
        }
        return skipWhitespace(i + 1) == end;
    }

    /** Records the value at {@code i} for {@code field}; returns the index after it, or -1. */
    private int value(int i, int field) {
        NativeParser.Fields f = fields;
        switch (in[i]) {
            case '"': {
                int close = stringEnd(i + 1);
                if (close < 0) {
                    return -1;
                }
                f.kind[field] = STRING;
                f.strings[field] = line.substring(i + 1, close);
                return close + 1;
            }
            case 't':
                if (!literal(i, 't', 'r', 'u', 'e')) {
                    return -1;
                }
                f.kind[field] = TRUE;
                return i + 4;
            case 'f':
                if (!literal(i, 'f', 'a', 'l', 's') || i + 4 >= end || in[i + 4] != 'e') {
                    return -1;
                }
                f.kind[field] = FALSE;
                return i + 5;
            case 'n':
                if (!literal(i, 'n', 'u', 'l', 'l')) {
                    return -1;
                }
                f.kind[field] = NULL;
                return i + 4;
            case '[':
                return field == SKILL_IDS ? skillIds(i) : -1;
            default:
                return number(i, field);
        }
    }

    /**
     * Records the number at {@code i}: a JSON integer that fits a long (Jackson's INT and LONG number
     * types), or a decimal without exponent of at most 15 significant digits and 22 fraction digits.
     * Jackson reads a decimal with {@code Double.parseDouble}, which for at most 15 significant digits
     * divides (or multiplies) their value by a power of ten up to 10^22, two exact doubles, as done here:
     * the correctly rounded value, whichever way trailing zeros are counted. Returns the index after it,
     * or -1.
     */
    private int number(int i, int field) {
        byte[] b = in;
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
        }
        if (i >= b.length || !isDigit(b[i])) {
            return -1;
        }
        int start = i;
        long digits = 0;
        if (b[i] == '0') {
            i++;
            if (i < b.length && isDigit(b[i])) {
                return -1; // a leading zero
            }
        } else {
            while (i < b.length && isDigit(b[i])) {
                digits = digits * 10 + (b[i] - '0'); // exact as unsigned up to 19 digits (< 2^64)
                i++;
            }
        }
        int integerDigits = i - start;
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            return -1;
        }
        if (i >= b.length || b[i] != '.') {
            // more than 19 digits, or 19 outside the long range (-2^63 included): a BigInteger for Jackson
            if (integerDigits > 19 || (integerDigits == 19 && digits < 0 && !(negative && digits == Long.MIN_VALUE))) {
                return -1;
            }
            long v = negative ? -digits : digits;
            fields.kind[field] = INT;
            fields.longs[field] = v;
            fields.doubles[field] = v;
            return i;
        }
        i++; // '.'
        int fractionStart = i;
        int significant = digits == 0 ? 0 : integerDigits;
        while (i < b.length && isDigit(b[i])) {
            int d = b[i] - '0';
            if (significant > 0 || d != 0) {
                significant++;
            }
            digits = digits * 10 + d; // exact while significant <= 18
            i++;
        }
        int fractionDigits = i - fractionStart;
        if (fractionDigits == 0 || fractionDigits >= POWERS_OF_TEN.length || significant > MAX_DECIMAL_DIGITS) {
            return -1;
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            return -1;
        }
        double v = digits / POWERS_OF_TEN[fractionDigits];
        fields.kind[field] = FLOAT;
        fields.doubles[field] = negative ? -v : v;
        return i;
    }

    /**
     * Reads an array of skill ids at {@code i} as Jackson's scan does: the non-empty strings are kept, the
     * first other element is described in {@code badSkill}. Only strings, numbers and literals; returns
     * the index after the array, or -1.
     */
    private int skillIds(int i) {
        String[] ids = new String[4];
        int count = 0;
        String badSkill = null;
        i = skipWhitespace(i + 1);
        if (i >= end) {
            return -1;
        }
        if (in[i] != ']') {
            int index = 0;
            while (true) {
                int next;
                if (in[i] == '"') {
                    int close = stringEnd(i + 1);
                    if (close < 0) {
                        return -1;
                    }
                    if (close > i + 1) {
                        if (count == ids.length) {
                            ids = Arrays.copyOf(ids, count * 2);
                        }
                        ids[count++] = line.substring(i + 1, close);
                    } else if (badSkill == null) {
                        badSkill = "skill_ids[" + index + "] was ''";
                    }
                    next = close + 1;
                } else {
                    next = skipScalar(i);
                    if (next < 0) {
                        return -1;
                    }
                    if (badSkill == null) {
                        // a number or a literal: Jackson's text is the token as written
                        badSkill = "skill_ids[" + index + "] was " + NativeParser.shorten(line.substring(i, next));
                    }
                }
                index++;
                i = skipWhitespace(next);
                if (i >= end) {
                    return -1;
                }
                if (in[i] == ']') {
                    break;
                }
                if (in[i] != ',') {
                    return -1;
                }
                i = skipWhitespace(i + 1);
                if (i >= end) {
                    return -1;
                }
            }
        }
        NativeParser.Fields f = fields;
        f.kind[SKILL_IDS] = ARRAY;
        f.skillIds = count == ids.length ? ids : Arrays.copyOf(ids, count);
        f.badSkill = badSkill;
        return i + 1;
    }

    /** Skips a string, number or literal at {@code i}; returns the index after it, or -1. */
    private int skipScalar(int i) {
        switch (in[i]) {
            case '"': {
                int close = stringEnd(i + 1);
                return close < 0 ? -1 : close + 1;
            }
            case 't':
                return literal(i, 't', 'r', 'u', 'e') ? i + 4 : -1;
            case 'f':
                return literal(i, 'f', 'a', 'l', 's') && i + 4 < end && in[i + 4] == 'e' ? i + 5 : -1;
            case 'n':
                return literal(i, 'n', 'u', 'l', 'l') ? i + 4 : -1;
            default:
                return skipNumber(i);
        }
    }

    /** Skips a JSON number (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?); returns the index after it, or -1. */
    private int skipNumber(int start) {
        int i = start;
        if (in[i] == '-') {
            i++;
        }
        if (i >= end) {
            return -1;
        }
        if (in[i] == '0') {
            i++;
            if (i < end && isDigit(in[i])) {
                return -1;
            }
        } else if (in[i] >= '1' && in[i] <= '9') {
            i = skipDigits(i);
        } else {
            return -1;
        }
        if (i < end && in[i] == '.') {
            int fraction = i + 1;
            i = skipDigits(fraction);
            if (i == fraction) {
                return -1;
            }
        }
        if (i < end && (in[i] == 'e' || in[i] == 'E')) {
            i++;
            if (i < end && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            int exponent = i;
            i = skipDigits(exponent);
            if (i == exponent) {
                return -1;
            }
        }
        return i - start <= MAX_SKIPPED_NUMBER_CHARS ? i : -1;
    }

    private int skipDigits(int i) {
        while (i < end && isDigit(in[i])) {
            i++;
        }
        return i;
    }

    /** True when the four chars at {@code i} are a, b, c, d. */
    private boolean literal(int i, char a, char b, char c, char d) {
        return i + 3 < end && in[i] == a && in[i + 1] == b && in[i + 2] == c && in[i + 3] == d;
    }

    /**
     * The index of the quote that closes a string starting at {@code i} (after its opening quote), or -1
     * if it has an escape or a control character (which Jackson decodes or rejects) or is not closed.
     */
    private int stringEnd(int i) {
        byte[] b = in;
        // Eight bytes at a time: the bit tricks flag the bytes that are '"' or '\\' (zero after an XOR with
        // them) or below 0x20; they never miss one, and the lowest flagged byte is always a real one (a
        // false flag needs a borrow from a real one below it).
        while (i + 8 <= b.length) {
            long w = (long) LONGS.get(b, i);
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5c5c5c5c5c5c5c5cL;
            long flags = (((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((w - 0x20 * ONES) & ~w))
                    & HIGH_BITS;
            if (flags != 0) {
                int at = i + (Long.numberOfTrailingZeros(flags) >>> 3);
                return b[at] == '"' ? at : -1;
            }
            i += 8;
        }
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c <= '"' || c == '\\') { // rare: '"', '\\', controls, space, '!' and Latin-1 above 0x7f
                if (c == '"') {
                    return i;
                }
                if (c == '\\' || (c >= 0 && c < 0x20)) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private int skipWhitespace(int i) {
        byte[] b = in;
        while (i < b.length && b[i] <= ' ') { // quick exit for the usual case: no whitespace at all
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The known field named by the bytes from..to, or -1. */
    private int field(int from, int to) {
        int length = to - from;
        if (length < 2 || length > 14) {
            return -1;
        }
        int field = FIELD_BY_SLOT[slot(in, from, to)] - 1;
        if (field < 0) {
            return -1;
        }
        if (NAMES[field].length != length) {
            return -1;
        }
        if (to >= 8) {
            // the name's last eight bytes (or the bytes before it too, masked off), and its first eight
            byte[] b = in;
            return ((long) LONGS.get(b, to - 8) & NAME_TAIL_MASKS[field]) == NAME_TAILS[field]
                    && (length < 8 || (long) LONGS.get(b, from) == NAME_HEADS[field]) ? field : -1;
        }
        return Arrays.equals(in, from, to, NAMES[field], 0, length) ? field : -1;
    }

    /** A hash of a name's length, first and last byte that gives each known name its own slot of 64. */
    private static int slot(byte[] b, int from, int to) {
        return ((to - from) * 4 + b[from] + b[to - 1] * 34) & 63;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
