package io.learnpulse.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.format.caliper.CaliperParser;
import io.learnpulse.core.format.xapi.XapiParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The single entry point for raw records: detects each record's format (native v1/v2, xAPI, Caliper) and
 * emits its events and dead letters. One record yields one result (native), or one per statement of an
 * xAPI array or per event of a Caliper envelope.
 *
 * <p>Order of checks: the channel ({@link Sources#ALL}, case-sensitive), the size ({@code oversized}, in
 * UTF-8 bytes, for every format), then format detection on the top level of the record:
 * <ol>
 *   <li><b>native</b>: {@code schema_version} (not null), or {@code user_id} and {@code timestamp};
 *       parsed by {@link NativeParser} exactly as before, and accepted on the native channels only (the
 *       channel decides the kind). On a native channel every record that is not a JSON array goes to
 *       {@link NativeParser} first, so native records cost what they cost before and keep its messages;</li>
 *   <li><b>xAPI</b>: a JSON array (a batch of statements), or an object with {@code actor}, {@code verb} and
 *       {@code object};</li>
 *   <li><b>Caliper</b>: an object with {@code sensor} and {@code data} (an envelope), or with an
 *       {@code @context} that names {@code purl.imsglobal.org/ctx/caliper};</li>
 *   <li>anything else: {@code unknown_format} (or {@code malformed_json}).</li>
 * </ol>
 * Any channel may carry xAPI or Caliper; the event's {@code source} is always the channel and its
 * {@code format} is {@code native-v1}, {@code native-v2}, {@code xapi} or {@code caliper}. Every format
 * rejects events more than {@link ParserSettings#maxFutureSkewMs} ahead of the receive time.
 *
 * <p>Never throws; emits at least one result per record. Thread-safe; serializable (holds only settings).
 */
public final class RecordParser implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Shared and thread-safe; static so it is not part of the serialized form. */
    private static final JsonFactory JSON = new JsonFactory();

    private final int maxRecordBytes;
    private final NativeParser nativeParser;
    private final XapiParser xapiParser;
    private final CaliperParser caliperParser;

    public RecordParser(ParserSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.maxRecordBytes = settings.maxRecordBytes;
        this.nativeParser = new NativeParser(settings);
        this.xapiParser = new XapiParser(settings);
        this.caliperParser = new CaliperParser(settings);
    }

    /**
     * Parses one record received on channel {@code source} at wall-clock time {@code ingestTime} (epoch ms)
     * and passes each result to {@code out}, in the order of the statements or events in the record.
     */
    public void parse(String source, String payload, long ingestTime, Consumer<ParseResult> out) {
        try {
            dispatch(source, payload, ingestTime, out);
        } catch (Rejection r) {
            out.accept(dead(payload, source, r.reason, r.getMessage(), ingestTime));
        } catch (RuntimeException e) {
            out.accept(dead(payload, source, DeadLetterReason.INVALID_FIELD,
                    "record could not be parsed (internal error: " + e + ")", ingestTime));
        }
    }

    /** {@link #parse(String, String, long, Consumer)} into a list (for tests and tools). */
    public List<ParseResult> parse(String source, String payload, long ingestTime) {
        List<ParseResult> out = new ArrayList<>(1);
        parse(source, payload, ingestTime, out::add);
        return out;
    }

    private void dispatch(String source, String payload, long ingestTime, Consumer<ParseResult> out) {
        if (source == null) {
            throw new Rejection(DeadLetterReason.INVALID_FIELD, "source channel is missing (null)");
        }
        boolean nativeChannel = Sources.NATIVE.contains(source);
        if (!nativeChannel && !Sources.ALL.contains(source)) {
            throw new Rejection(DeadLetterReason.INVALID_FIELD, "unknown source channel '"
                    + FormatSupport.shorten(source) + "' (expected clickstream, video, assessment, xapi or caliper)");
        }
        if (payload == null) {
            throw new Rejection(DeadLetterReason.MALFORMED_JSON, "empty record (null)");
        }
        checkSize(payload);
        if (nativeChannel && !startsWithArray(payload)) {
            // The hot path: native records on native channels go straight to NativeParser, whose detection is
            // the native half of ours; only what it cannot place (unknown_format) is looked at again.
            ParseResult r = nativeParser.parse(source, payload, ingestTime);
            if (r.ok() || !DeadLetterReason.UNKNOWN_FORMAT.equals(r.deadLetter.reason)) {
                out.accept(r);
                return;
            }
        }
        Sniff s = sniff(payload);
        switch (s.format) {
            case NATIVE:
                if (!nativeChannel) {
                    throw new Rejection(DeadLetterReason.INVALID_FIELD, "a native record must arrive on the "
                            + "clickstream, video or assessment channel, which decides its kind (was '" + source + "')");
                }
                out.accept(nativeParser.parse(source, payload, ingestTime));
                return;
            case XAPI:
                xapiParser.parse(source, payload, ingestTime, out);
                return;
            case CALIPER:
                caliperParser.parse(source, payload, ingestTime, out);
                return;
            case MALFORMED:
                throw new Rejection(DeadLetterReason.MALFORMED_JSON, s.message);
            default:
                throw new Rejection(DeadLetterReason.UNKNOWN_FORMAT, s.message);
        }
    }

    /** True when the first character that is not JSON whitespace is '['. */
    private static boolean startsWithArray(String payload) {
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '[';
            }
        }
        return false;
    }

    private void checkSize(String payload) {
        if ((long) payload.length() * 3 <= maxRecordBytes) {
            return;
        }
        long bytes = NativeParser.utf8Length(payload);
        if (bytes > maxRecordBytes) {
            throw new Rejection(DeadLetterReason.OVERSIZED,
                    "record is " + bytes + " bytes (UTF-8), more than the limit of " + maxRecordBytes + " bytes");
        }
    }

    private static ParseResult dead(String raw, String source, String reason, String error, long ingestTime) {
        return ParseResult.failure(new DeadLetter(raw, source, reason, error, ingestTime));
    }

    // ---- detection ------------------------------------------------------------------------------------------

    enum Format { NATIVE, XAPI, CALIPER, UNKNOWN, MALFORMED }

    /** The detected format; for UNKNOWN and MALFORMED, the message of the dead letter. */
    static final class Sniff {
        final Format format;
        final String message;

        Sniff(Format format, String message) {
            this.format = format;
            this.message = message;
        }
    }

    private static final Sniff NATIVE = new Sniff(Format.NATIVE, null);
    private static final Sniff XAPI = new Sniff(Format.XAPI, null);
    private static final Sniff CALIPER = new Sniff(Format.CALIPER, null);

    /**
     * Reads the top level of the record (nested values are skipped, not built). Stops at the first key that
     * makes it native, which is usually the first or second key of a native record.
     */
    static Sniff sniff(String payload) {
        boolean user = false;
        boolean timestamp = false;
        boolean actor = false;
        boolean verb = false;
        boolean object = false;
        boolean sensor = false;
        boolean data = false;
        boolean caliperContext = false;
        try (JsonParser p = JSON.createParser(payload)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Sniff(Format.MALFORMED, "empty record");
            }
            if (t == JsonToken.START_ARRAY) {
                return XAPI;
            }
            if (t != JsonToken.START_OBJECT) {
                return new Sniff(Format.MALFORMED, "record must be a JSON object, or an array of xAPI statements (was "
                        + FormatSupport.tokenKind(t) + ")");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                boolean isNull = t == JsonToken.VALUE_NULL;
                switch (name) {
                    case "schema_version":
                        if (!isNull) {
                            return NATIVE;
                        }
                        break;
                    case "user_id":
                        user |= !isNull;
                        break;
                    case "timestamp":
                        timestamp |= !isNull;
                        break;
                    case "actor":
                        actor = true;
                        break;
                    case "verb":
                        verb = true;
                        break;
                    case "object":
                        object = true;
                        break;
                    case "sensor":
                        sensor = true;
                        break;
                    case "data":
                        data = true;
                        break;
                    case "@context":
                        caliperContext |= isCaliperContext(p, t);
                        break;
                    default:
                        break;
                }
                if (user && timestamp) {
                    return NATIVE;
                }
                p.skipChildren();
            }
            t = p.nextToken();
            if (t != null) {
                return new Sniff(Format.MALFORMED, "unexpected content (" + FormatSupport.tokenKind(t)
                        + ") after the end of the JSON object" + FormatSupport.at(p.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            return new Sniff(Format.MALFORMED, FormatSupport.malformedJsonMessage(e));
        } catch (IOException e) {
            return new Sniff(Format.MALFORMED, "malformed JSON: " + e.getMessage());
        }
        if (actor && verb && object) {
            return XAPI;
        }
        if ((sensor && data) || caliperContext) {
            return CALIPER;
        }
        return new Sniff(Format.UNKNOWN, unknownMessage(user, timestamp, actor, verb, object, sensor, data));
    }

    /** True for a string (or an array with a string) naming a Caliper context; leaves arrays consumed. */
    private static boolean isCaliperContext(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText().contains("purl.imsglobal.org/ctx/caliper");
        }
        boolean found = false;
        if (t == JsonToken.START_ARRAY) {
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.VALUE_STRING && p.getText().contains("purl.imsglobal.org/ctx/caliper")) {
                    found = true;
                }
                p.skipChildren();
            }
        }
        return found;
    }

    private static String unknownMessage(boolean user, boolean timestamp, boolean actor, boolean verb, boolean object,
            boolean sensor, boolean data) {
        StringBuilder sb = new StringBuilder("unknown record format: not native (no schema_version, and missing ");
        sb.append(!user && !timestamp ? "'user_id' and 'timestamp'" : !user ? "'user_id'" : "'timestamp'");
        sb.append(" for v1), not xAPI (missing ");
        List<String> missing = new ArrayList<>(3);
        if (!actor) {
            missing.add("'actor'");
        }
        if (!verb) {
            missing.add("'verb'");
        }
        if (!object) {
            missing.add("'object'");
        }
        sb.append(FormatSupport.list(missing));
        sb.append("), not Caliper (no ");
        sb.append(sensor ? "'data'" : data ? "'sensor'" : "'sensor' and 'data'");
        sb.append(" for an envelope, and no Caliper @context)");
        return sb.toString();
    }
}
