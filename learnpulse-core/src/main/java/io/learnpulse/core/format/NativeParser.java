package io.learnpulse.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.event.VideoAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;

/**
 * Parses native LearnPulse records (v1 and v2, detected per record, see {@code docs/formats.md}) into
 * {@link LearnerEvent}s, or dead letters with a stable reason code and a message naming the field or
 * rule that failed.
 *
 * <p>Never throws. Thread-safe (holds only immutable settings; per-call state is local). Uses Jackson's
 * streaming parser in a single pass that records the known fields, then validates them in a fixed order,
 * so the reported problem does not depend on the order of the fields in the record, and a syntax error
 * anywhere in the record always wins over a validation error. Records of the common, well-formed shape
 * are first tried by {@link NativeScanner}, a cheaper pass that records the same fields or declines the
 * record, which then goes to Jackson: the results are the same either way.
 */
public final class NativeParser implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final String FORMAT_V1 = "native-v1";
    public static final String FORMAT_V2 = "native-v2";

    /** Shared and thread-safe; static so it is not part of the serialized form. */
    private static final JsonFactory JSON = new JsonFactory();

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    // ---- known fields -------------------------------------------------------------------------------

    static final int SCHEMA_VERSION = 0;
    static final int EVENT_ID = 1;
    static final int LEARNER_ID = 2;
    static final int COURSE_ID = 3;
    static final int TS = 4;
    static final int USER_ID = 5;
    static final int TIMESTAMP = 6;
    static final int PAGE_ID = 7;
    static final int EVENT_TYPE = 8;
    static final int VIDEO_ID = 9;
    static final int ACTION = 10;
    static final int POSITION = 11;
    static final int SEEK_FROM = 12;
    static final int TYPE = 13;
    static final int QUESTION_ID = 14;
    static final int SCORE = 15;
    static final int MAX_SCORE = 16;
    static final int CORRECT = 17;
    static final int ATTEMPT_NUMBER = 18;
    static final int SKILL_IDS = 19;
    static final int HINT_INDEX = 20;
    static final int FIELD_COUNT = 21;

    static final String[] NAMES = {
        "schema_version", "event_id", "learner_id", "course_id", "ts", "user_id", "timestamp",
        "page_id", "event_type", "video_id", "action", "position", "seek_from",
        "type", "question_id", "score", "max_score", "correct", "attempt_number", "skill_ids", "hint_index"
    };

    private static final int COMMON_FIELDS = bits(SCHEMA_VERSION, EVENT_ID, LEARNER_ID, COURSE_ID, TS, USER_ID,
            TIMESTAMP);
    private static final int CLICKSTREAM_FIELDS = COMMON_FIELDS | bits(PAGE_ID, EVENT_TYPE);
    private static final int VIDEO_FIELDS = COMMON_FIELDS | bits(VIDEO_ID, ACTION, POSITION, SEEK_FROM);
    private static final int ASSESSMENT_FIELDS = COMMON_FIELDS
            | bits(TYPE, QUESTION_ID, SCORE, MAX_SCORE, CORRECT, ATTEMPT_NUMBER, SKILL_IDS, HINT_INDEX);

    private static final String ACTIONS = "play, pause, seek, ended";
    private static final String TYPES = "attempt, hint";
    private static final int MAX_SHOWN_CHARS = 64;

    // value kinds recorded during the scan
    static final byte ABSENT = 0;
    static final byte NULL = 1;
    static final byte STRING = 2;
    static final byte INT = 3;
    static final byte BIG_INT = 4;
    static final byte FLOAT = 5;
    static final byte TRUE = 6;
    static final byte FALSE = 7;
    static final byte OBJECT = 8;
    static final byte ARRAY = 9;

    private final int maxRecordBytes;
    private final long maxFutureSkewMs;
    /**
     * True only in tests that compare against the reference: every record is read by Jackson. (False, the
     * fast path, for a parser deserialized from a form written before this field existed.)
     */
    private final boolean jacksonOnly;

    public NativeParser(ParserSettings settings) {
        this(settings, true);
    }

    /**
     * {@code fastPath} false reads every record with Jackson, without trying {@link NativeScanner} first:
     * the reference the fast path is tested against.
     */
    NativeParser(ParserSettings settings, boolean fastPath) {
        Objects.requireNonNull(settings, "settings");
        this.maxRecordBytes = settings.maxRecordBytes;
        this.maxFutureSkewMs = settings.maxFutureSkewMs;
        this.jacksonOnly = !fastPath;
    }

    /**
     * Parses one record received on channel {@code source} at wall-clock time {@code ingestTime} (epoch
     * ms). Returns an event or a dead letter; never throws.
     */
    public ParseResult parse(String source, String line, long ingestTime) {
        try {
            return ParseResult.success(parseOrReject(source, line, ingestTime));
        } catch (Reject r) {
            return dead(line, source, r.reason, r.getMessage(), ingestTime);
        } catch (JsonProcessingException e) {
            String original = e.getOriginalMessage();
            boolean truncated = e instanceof JsonEOFException
                    || (original != null && original.startsWith("Unexpected end-of-input"));
            return dead(line, source, DeadLetterReason.MALFORMED_JSON, truncated
                    ? "malformed JSON: unexpected end of input" + FormatSupport.at(e.getLocation()) + " (truncated record?)"
                    : "malformed JSON" + FormatSupport.at(e.getLocation()) + ": " + cleanJacksonMessage(original),
                    ingestTime);
        } catch (IOException | RuntimeException e) {
            // Not expected: parsing from a String does no I/O and validation reports through Reject.
            return dead(line, source, DeadLetterReason.INVALID_FIELD,
                    "record could not be parsed (internal error: " + e + ")", ingestTime);
        }
    }

    private static ParseResult dead(String raw, String source, String reason, String error, long ingestTime) {
        return ParseResult.failure(new DeadLetter(raw, source, reason, error, ingestTime));
    }

    private LearnerEvent parseOrReject(String source, String line, long ingestTime) throws IOException {
        int fieldMask = fieldsOf(source);
        if (line == null) {
            throw reject(DeadLetterReason.MALFORMED_JSON, "empty record (null)");
        }
        checkSize(line);
        Fields f = scan(line, fieldMask);

        boolean v2 = detectVersion(f);
        LearnerEvent e = new LearnerEvent();
        e.source = source;
        e.ingestTime = ingestTime;
        int timeField;
        if (v2) {
            e.format = FORMAT_V2;
            e.eventId = f.requiredString(EVENT_ID);
            e.learnerId = f.requiredString(LEARNER_ID);
            e.courseId = f.requiredString(COURSE_ID);
            e.eventTime = f.requiredEpochMillis(TS);
            timeField = TS;
        } else {
            e.format = FORMAT_V1;
            e.learnerId = f.requiredString(USER_ID);
            e.courseId = f.requiredString(COURSE_ID);
            e.eventTime = f.requiredTimestamp(TIMESTAMP);
            timeField = TIMESTAMP;
        }

        switch (source) {
            case Sources.CLICKSTREAM:
                readClick(f, e);
                break;
            case Sources.VIDEO:
                readVideo(f, e);
                break;
            default:
                readAssessment(f, e, v2);
                break;
        }

        if (e.eventTime > ingestTime) {
            long ahead = e.eventTime - ingestTime;
            if (ahead < 0 || ahead > maxFutureSkewMs) { // ahead < 0: the difference overflowed, far ahead
                throw reject(DeadLetterReason.FUTURE_DATED, "field '" + NAMES[timeField] + "' is "
                        + (ahead < 0 ? "more than " + Long.MAX_VALUE : Long.toString(ahead))
                        + " ms ahead of the receive time (event time " + instant(e.eventTime) + ", received "
                        + instant(ingestTime) + "; at most " + maxFutureSkewMs + " ms allowed)");
            }
        }
        if (!v2) {
            e.eventId = v1EventId(e);
        }
        return e;
    }

    static int fieldsOf(String source) {
        if (source == null) {
            throw reject(DeadLetterReason.INVALID_FIELD, "source channel is missing (null)");
        }
        switch (source) {
            case Sources.CLICKSTREAM:
                return CLICKSTREAM_FIELDS;
            case Sources.VIDEO:
                return VIDEO_FIELDS;
            case Sources.ASSESSMENT:
                return ASSESSMENT_FIELDS;
            default:
                throw reject(DeadLetterReason.INVALID_FIELD, "unknown source channel '" + shorten(source)
                        + "' (expected clickstream, video or assessment)");
        }
    }

    private void checkSize(String line) {
        int chars = line.length();
        // Every char is 1..3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 chars), so short lines need no
        // counting; otherwise count exactly.
        if ((long) chars * 3 <= maxRecordBytes) {
            return;
        }
        long bytes = utf8Length(line);
        if (bytes > maxRecordBytes) {
            throw reject(DeadLetterReason.OVERSIZED,
                    "record is " + bytes + " bytes (UTF-8), more than the limit of " + maxRecordBytes + " bytes");
        }
    }

    /** The length of {@code s} encoded as UTF-8 (as {@code s.getBytes(UTF_8).length}, lone surrogates as 1). */
    static long utf8Length(String s) {
        int n = s.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // 4 bytes for the pair, 2 already counted
                i++;
            } else if (Character.isSurrogate(c)) {
                // a lone surrogate is encoded as '?' by Java's UTF-8 encoder: 1 byte, already counted
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    // ---- format detection -----------------------------------------------------------------------------

    /** True for native v2, false for native v1; rejects anything else. */
    private static boolean detectVersion(Fields f) {
        // Before looking at the value: the last of two schema_version fields could be null and hide the first.
        f.checkNotDuplicated(SCHEMA_VERSION);
        byte sv = f.kind[SCHEMA_VERSION];
        if (sv != ABSENT && sv != NULL) {
            if (sv == INT && f.longs[SCHEMA_VERSION] == 2) {
                return true;
            }
            throw reject(DeadLetterReason.UNSUPPORTED_VERSION, "unsupported schema_version " + f.show(SCHEMA_VERSION)
                    + " (supported: 2, or no schema_version for native v1)");
        }
        boolean user = f.present(USER_ID);
        boolean time = f.present(TIMESTAMP);
        if (user && time) {
            return false;
        }
        String missing = !user && !time ? "'user_id' and 'timestamp'" : !user ? "'user_id'" : "'timestamp'";
        throw reject(DeadLetterReason.UNKNOWN_FORMAT, "unknown record format: no schema_version, and missing "
                + missing + " for native v1");
    }

    // ---- source-specific fields -------------------------------------------------------------------------

    private static void readClick(Fields f, LearnerEvent e) {
        e.kind = EventKind.CLICK;
        e.pageId = f.requiredString(PAGE_ID);
        e.clickType = f.requiredString(EVENT_TYPE);
        e.objectId = e.pageId;
    }

    private static void readVideo(Fields f, LearnerEvent e) {
        e.kind = EventKind.VIDEO;
        e.videoId = f.requiredString(VIDEO_ID);
        String action = f.requiredEnum(ACTION, ACTIONS);
        VideoAction a;
        switch (action) {
            case "play":
                a = VideoAction.PLAY;
                break;
            case "pause":
                a = VideoAction.PAUSE;
                break;
            case "seek":
                a = VideoAction.SEEK;
                break;
            case "ended":
                a = VideoAction.ENDED;
                break;
            default:
                throw f.invalid(ACTION, "must be one of " + ACTIONS);
        }
        e.videoAction = a;
        e.position = f.nonNegative(POSITION, f.requiredNumber(POSITION, null));
        if (a == VideoAction.SEEK) {
            e.seekFrom = f.nonNegative(SEEK_FROM, f.requiredNumber(SEEK_FROM, "for action 'seek'"));
        }
        e.objectId = e.videoId;
    }

    private static void readAssessment(Fields f, LearnerEvent e, boolean v2) {
        boolean hint = false;
        f.checkNotDuplicated(TYPE);
        if (f.present(TYPE)) {
            String type = f.requiredEnum(TYPE, TYPES);
            switch (type) {
                case "attempt":
                    break;
                case "hint":
                    hint = true;
                    break;
                default:
                    throw f.invalid(TYPE, "must be one of " + TYPES);
            }
        }
        e.questionId = f.requiredString(QUESTION_ID);
        e.objectId = e.questionId;
        if (hint) {
            e.kind = EventKind.HINT;
            e.skillIds = f.optionalSkillIds();
            e.hintIndex = f.optionalPositiveInt(HINT_INDEX, 0);
            return;
        }
        e.kind = EventKind.ATTEMPT;
        double score = f.nonNegative(SCORE, f.requiredNumber(SCORE, "for attempts"));
        double maxScore;
        boolean defaultMax = false;
        if (v2) {
            maxScore = f.requiredNumber(MAX_SCORE, "for attempts");
        } else if (f.checkNotDuplicated(MAX_SCORE) && f.present(MAX_SCORE)) {
            maxScore = f.requiredNumber(MAX_SCORE, null);
        } else {
            maxScore = 1.0;
            defaultMax = true;
        }
        if (!(maxScore > 0)) {
            throw f.invalid(MAX_SCORE, "must be > 0");
        }
        if (maxScore < score) {
            throw reject(DeadLetterReason.INVALID_FIELD, "field 'max_score' must be >= score " + number(score)
                    + (defaultMax ? " (absent, defaults to 1 in native v1)" : " (was " + number(maxScore) + ")"));
        }
        e.score = score;
        e.maxScore = maxScore;
        if (v2) {
            e.correct = f.requiredBoolean(CORRECT, "for attempts");
            e.attemptNumber = f.requiredPositiveInt(ATTEMPT_NUMBER, "for attempts");
        } else {
            e.correct = score >= maxScore;
            e.attemptNumber = f.optionalPositiveInt(ATTEMPT_NUMBER, 1);
        }
        e.skillIds = f.optionalSkillIds();
    }

    // ---- v1 ids -----------------------------------------------------------------------------------------

    /**
     * {@code v1-} and the first 16 bytes (32 hex digits) of a SHA-256 over a length-prefixed encoding of
     * the source, kind, learner, course, event time and the kind's fields as parsed (defaults applied).
     */
    static String v1EventId(LearnerEvent e) {
        Canonical c = new Canonical();
        c.string(e.source);
        c.string(e.kind.name());
        c.string(e.learnerId);
        c.string(e.courseId);
        c.int64(e.eventTime);
        switch (e.kind) {
            case CLICK:
                c.string(e.pageId);
                c.string(e.clickType);
                break;
            case VIDEO:
                c.string(e.videoId);
                c.string(e.videoAction.name());
                c.float64(e.position);
                c.float64(e.seekFrom);
                break;
            case ATTEMPT:
                c.string(e.questionId);
                c.float64(e.score);
                c.float64(e.maxScore);
                c.int64(e.attemptNumber);
                c.strings(e.skillIds);
                break;
            case HINT:
                c.string(e.questionId);
                c.int64(e.hintIndex);
                c.strings(e.skillIds);
                break;
            default:
                throw new IllegalStateException("no v1 id for kind " + e.kind);
        }
        MessageDigest sha = SHA256.get();
        sha.reset();
        sha.update(c.buf, 0, c.len);
        byte[] digest = sha.digest();
        char[] out = new char[3 + 32];
        out[0] = 'v';
        out[1] = '1';
        out[2] = '-';
        for (int i = 0; i < 16; i++) {
            out[3 + 2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[4 + 2 * i] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** An unambiguous byte encoding: every value is tagged, strings are length-prefixed UTF-8. */
    private static final class Canonical {
        byte[] buf = new byte[256];
        int len;

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        void string(String s) {
            if (s == null) {
                ensure(1);
                buf[len++] = 'N';
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            ensure(5 + b.length);
            buf[len++] = 'S';
            putInt(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void strings(String[] a) {
            if (a == null) {
                ensure(1);
                buf[len++] = 'N';
                return;
            }
            ensure(5);
            buf[len++] = 'A';
            putInt(a.length);
            for (String s : a) {
                string(s);
            }
        }

        void int64(long v) {
            ensure(9);
            buf[len++] = 'L';
            putLong(v);
        }

        void float64(double v) {
            ensure(9);
            buf[len++] = 'D';
            putLong(Double.doubleToLongBits(v)); // canonical NaN; -0.0 never occurs (normalized on read)
        }

        private void putInt(int v) {
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
        }

        private void putLong(long v) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }
    }

    // ---- scanning ---------------------------------------------------------------------------------------

    /**
     * The known fields of {@code line}: read by {@link NativeScanner} when the record has the common,
     * well-formed shape it handles, else by Jackson (the reference, and the only source of syntax errors).
     */
    private Fields scan(String line, int fieldMask) throws IOException {
        if (!jacksonOnly) {
            Fields f = new Fields();
            if (NativeScanner.scan(line, fieldMask, f)) {
                return f;
            }
        }
        return scanWithJackson(line, fieldMask);
    }

    static Fields scanWithJackson(String line, int fieldMask) throws IOException {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(line)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw reject(DeadLetterReason.MALFORMED_JSON, "empty record");
            }
            if (t != JsonToken.START_OBJECT) {
                throw reject(DeadLetterReason.MALFORMED_JSON, "record must be a JSON object (was " + FormatSupport.tokenKind(t) + ")");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                int field = fieldIndex(p.currentName());
                t = p.nextToken();
                if (field < 0 || (fieldMask & (1 << field)) == 0) {
                    p.skipChildren();
                } else {
                    f.capture(field, t, p);
                }
            }
            // the loop ends at the closing brace (anything else is a syntax error thrown by the parser)
            t = p.nextToken();
            if (t != null) {
                throw reject(DeadLetterReason.MALFORMED_JSON, "unexpected content (" + FormatSupport.tokenKind(t)
                        + ") after the end of the JSON object" + FormatSupport.at(p.currentTokenLocation()));
            }
        }
        return f;
    }

    private static int fieldIndex(String name) {
        switch (name) {
            case "schema_version": return SCHEMA_VERSION;
            case "event_id": return EVENT_ID;
            case "learner_id": return LEARNER_ID;
            case "course_id": return COURSE_ID;
            case "ts": return TS;
            case "user_id": return USER_ID;
            case "timestamp": return TIMESTAMP;
            case "page_id": return PAGE_ID;
            case "event_type": return EVENT_TYPE;
            case "video_id": return VIDEO_ID;
            case "action": return ACTION;
            case "position": return POSITION;
            case "seek_from": return SEEK_FROM;
            case "type": return TYPE;
            case "question_id": return QUESTION_ID;
            case "score": return SCORE;
            case "max_score": return MAX_SCORE;
            case "correct": return CORRECT;
            case "attempt_number": return ATTEMPT_NUMBER;
            case "skill_ids": return SKILL_IDS;
            case "hint_index": return HINT_INDEX;
            default: return -1;
        }
    }

    /** The values of the known fields of one record, as found (not yet validated). */
    static final class Fields {
        final byte[] kind = new byte[FIELD_COUNT];
        final String[] strings = new String[FIELD_COUNT];
        final long[] longs = new long[FIELD_COUNT];
        final double[] doubles = new double[FIELD_COUNT];
        int duplicated;
        String[] skillIds;
        /** Describes the first element of skill_ids that is not a non-empty string; null when all are. */
        String badSkill;

        void capture(int field, JsonToken t, JsonParser p) throws IOException {
            if (kind[field] != ABSENT) {
                duplicated |= 1 << field;
            }
            switch (t) {
                case VALUE_STRING:
                    kind[field] = STRING;
                    strings[field] = p.getText();
                    break;
                case VALUE_NUMBER_INT:
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        kind[field] = BIG_INT;
                        strings[field] = p.getText();
                        doubles[field] = p.getDoubleValue();
                    } else {
                        kind[field] = INT;
                        longs[field] = p.getLongValue();
                        doubles[field] = longs[field];
                    }
                    break;
                case VALUE_NUMBER_FLOAT:
                    kind[field] = FLOAT;
                    doubles[field] = p.getDoubleValue();
                    if (!Double.isFinite(doubles[field])) {
                        strings[field] = p.getText();
                    }
                    break;
                case VALUE_TRUE:
                    kind[field] = TRUE;
                    break;
                case VALUE_FALSE:
                    kind[field] = FALSE;
                    break;
                case VALUE_NULL:
                    kind[field] = NULL;
                    break;
                case START_ARRAY:
                    kind[field] = ARRAY;
                    if (field == SKILL_IDS) {
                        captureSkillIds(p);
                    } else {
                        p.skipChildren();
                    }
                    break;
                default: // START_OBJECT
                    kind[field] = OBJECT;
                    p.skipChildren();
                    break;
            }
        }

        private void captureSkillIds(JsonParser p) throws IOException {
            ArrayList<String> ids = new ArrayList<>(4);
            badSkill = null;
            JsonToken t;
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
                    ids.add(p.getText());
                } else if (badSkill == null) {
                    badSkill = "skill_ids[" + i + "] was " + describe(t, p);
                }
                p.skipChildren();
                i++;
            }
            skillIds = ids.toArray(new String[0]);
        }

        private static String describe(JsonToken t, JsonParser p) throws IOException {
            switch (t) {
                case VALUE_STRING:
                    return "'" + shorten(p.getText()) + "'";
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                case VALUE_TRUE:
                case VALUE_FALSE:
                case VALUE_NULL:
                    return shorten(p.getText());
                default:
                    return FormatSupport.tokenKind(t);
            }
        }

        boolean present(int field) {
            return kind[field] != ABSENT && kind[field] != NULL;
        }

        /** Rejects a field that occurs more than once in the record; returns true otherwise. */
        boolean checkNotDuplicated(int field) {
            if ((duplicated & (1 << field)) != 0) {
                throw reject(DeadLetterReason.INVALID_FIELD, "field '" + NAMES[field] + "' appears more than once");
            }
            return true;
        }

        /** The value as shown in messages: strings quoted, numbers as written (floats as Java prints them). */
        String show(int field) {
            switch (kind[field]) {
                case STRING:
                    return "'" + shorten(strings[field]) + "'";
                case INT:
                    return Long.toString(longs[field]);
                case BIG_INT:
                    return shorten(strings[field]);
                case FLOAT:
                    return Double.isFinite(doubles[field]) ? Double.toString(doubles[field]) : shorten(strings[field]);
                case TRUE:
                    return "true";
                case FALSE:
                    return "false";
                case NULL:
                    return "null";
                case OBJECT:
                    return "an object";
                case ARRAY:
                    return "an array";
                default:
                    return "absent";
            }
        }

        Reject invalid(int field, String rule) {
            return reject(DeadLetterReason.INVALID_FIELD, "field '" + NAMES[field] + "' " + rule + " (was " + show(field)
                    + ")");
        }

        /** Rejects an absent or null field; {@code context} (e.g. "for attempts") says when it is required. */
        void requirePresent(int field, String context) {
            checkNotDuplicated(field);
            if (!present(field)) {
                String msg = context == null
                        ? "missing required field '" + NAMES[field] + "'"
                        : "missing field '" + NAMES[field] + "', required " + context;
                throw reject(DeadLetterReason.MISSING_FIELD, kind[field] == NULL ? msg + " (was null)" : msg);
            }
        }

        String requiredString(int field) {
            requirePresent(field, null);
            if (kind[field] != STRING || strings[field].isEmpty()) {
                throw invalid(field, "must be a non-empty string");
            }
            return strings[field];
        }

        String requiredEnum(int field, String allowed) {
            requirePresent(field, null);
            if (kind[field] != STRING) {
                throw invalid(field, "must be one of " + allowed);
            }
            return strings[field];
        }

        long requiredEpochMillis(int field) {
            requirePresent(field, null);
            if (kind[field] == BIG_INT) {
                throw invalid(field, "is out of range");
            }
            if (kind[field] != INT) {
                throw invalid(field, "must be an integer number of epoch milliseconds");
            }
            long v = longs[field];
            if (v < 0) {
                throw invalid(field, "must be >= 0");
            }
            return v;
        }

        long requiredTimestamp(int field) {
            requirePresent(field, null);
            if (kind[field] != STRING) {
                throw invalid(field, "must be an ISO-8601 date-time string with an offset");
            }
            String s = strings[field];
            long millis;
            try {
                millis = IsoTimestamps.parse(s);
            } catch (IsoTimestamps.InvalidTimestamp e) {
                switch (e.problem) {
                    case NO_OFFSET:
                        throw invalid(field, "must include an offset (Z or ±hh:mm), e.g. 2026-03-02T10:15:30.250+01:00");
                    case OUT_OF_RANGE:
                        throw invalid(field, "is out of range");
                    default:
                        throw invalid(field, "must be an ISO-8601 date-time with an offset (Z or ±hh:mm), e.g. "
                                + "2026-03-02T10:15:30.250+01:00");
                }
            }
            if (millis < 0) {
                throw invalid(field, "must not be before 1970-01-01T00:00:00Z");
            }
            return millis;
        }

        /** A finite number (integer or not); -0.0 is returned as 0.0. */
        double requiredNumber(int field, String context) {
            requirePresent(field, context);
            byte k = kind[field];
            if (k != INT && k != FLOAT && k != BIG_INT) {
                throw invalid(field, "must be a number");
            }
            double v = doubles[field];
            if (!Double.isFinite(v)) {
                throw invalid(field, "must be a finite number");
            }
            return v + 0.0;
        }

        double nonNegative(int field, double v) {
            if (v < 0) {
                throw invalid(field, "must be >= 0");
            }
            return v;
        }

        boolean requiredBoolean(int field, String context) {
            requirePresent(field, context);
            if (kind[field] != TRUE && kind[field] != FALSE) {
                throw invalid(field, "must be a boolean");
            }
            return kind[field] == TRUE;
        }

        int requiredPositiveInt(int field, String context) {
            requirePresent(field, context);
            return positiveInt(field);
        }

        int optionalPositiveInt(int field, int absent) {
            checkNotDuplicated(field);
            return present(field) ? positiveInt(field) : absent;
        }

        private int positiveInt(int field) {
            byte k = kind[field];
            if (k != INT && k != BIG_INT) {
                throw invalid(field, "must be an integer");
            }
            if (k == BIG_INT || longs[field] > Integer.MAX_VALUE) {
                if (strings[field] != null && strings[field].startsWith("-")) {
                    throw invalid(field, "must be >= 1");
                }
                throw invalid(field, "must be <= " + Integer.MAX_VALUE);
            }
            if (longs[field] < 1) {
                throw invalid(field, "must be >= 1");
            }
            return (int) longs[field];
        }

        String[] optionalSkillIds() {
            checkNotDuplicated(SKILL_IDS);
            if (!present(SKILL_IDS)) {
                return null;
            }
            if (kind[SKILL_IDS] != ARRAY) {
                throw invalid(SKILL_IDS, "must be an array of non-empty strings");
            }
            if (badSkill != null) {
                throw reject(DeadLetterReason.INVALID_FIELD,
                        "field 'skill_ids' must be an array of non-empty strings (" + badSkill + ")");
            }
            return skillIds;
        }
    }

    // ---- messages ---------------------------------------------------------------------------------------

    /** Jackson's message without its source references and hints about parser features. */
    static String cleanJacksonMessage(String msg) {
        if (msg == null) {
            return "syntax error";
        }
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl);
        }
        int ref = msg.indexOf(" (start marker at");
        if (ref >= 0) {
            msg = msg.substring(0, ref);
        }
        int feature = msg.indexOf(": enable `");
        if (feature >= 0) {
            msg = msg.substring(0, feature);
        }
        int hint = msg.indexOf(": was expecting");
        if (hint >= 0 && msg.indexOf('(', hint) >= 0) {
            // "... ('x'): was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
            msg = msg.substring(0, hint);
        }
        return msg.trim();
    }

    static String shorten(String s) {
        return s.length() <= MAX_SHOWN_CHARS ? s : s.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    /** A double as shown in messages: integral values without ".0". */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static int bits(int... fields) {
        int m = 0;
        for (int f : fields) {
            m |= 1 << f;
        }
        return m;
    }

    private static Reject reject(String reason, String message) {
        return new Reject(reason, message);
    }

    /** Ends parsing of a record with a dead letter. No stack trace: it is control flow, not a bug. */
    private static final class Reject extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;

        Reject(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
