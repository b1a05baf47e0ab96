package io.learnpulse.app.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.format.FormatSupport;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.format.RecordParser;
import io.learnpulse.core.format.Rejection;
import io.learnpulse.core.format.caliper.CaliperParser;
import io.learnpulse.core.format.xapi.XapiParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request body into the records the pipeline will receive and validates each with
 * {@link RecordParser}, as the pipeline will: an xAPI array into its statements, a Caliper envelope into its
 * events, a native body into its lines. Each record is later handed over on its own, as its exact text, so the
 * pipeline's per-record size limit ({@code pipeline.max-record-bytes}) applies to each statement, event or line,
 * not to the whole body.
 *
 * <p>A body that cannot be split at all (a JSON syntax error or a duplicate key anywhere in it, an empty array,
 * an invalid envelope) is refused as a whole, with the reason and message {@link RecordParser} gives that body.
 */
final class BatchReader {

    /** One record of a request and what {@link RecordParser} made of it. */
    static final class Item {
        /** Position in the request: statement of the array, event of the envelope's data, or line (from 0). */
        final int index;
        /** The exact text to hand over. */
        final String raw;
        /** The parsed tree (xAPI statements and Caliper events; null for native lines). */
        final JsonNode node;
        /** The event when valid, else null. */
        final LearnerEvent event;
        /** When invalid: the dead-letter reason code and message. */
        final String reason;
        final String error;

        private Item(int index, String raw, JsonNode node, LearnerEvent event, String reason, String error) {
            this.index = index;
            this.raw = raw;
            this.node = node;
            this.event = event;
            this.reason = reason;
            this.error = error;
        }

        boolean ok() {
            return event != null;
        }
    }

    private final RecordParser records;
    /** Judges a body as one record (for the message of a body that cannot be split): the body limit applies. */
    private final RecordParser bodies;

    BatchReader(ParserSettings settings, int maxBodyBytes) {
        this.records = new RecordParser(settings);
        this.bodies = new RecordParser(settings.withMaxRecordBytes(Math.max(maxBodyBytes, settings.maxRecordBytes)));
    }

    // ---- xAPI ---------------------------------------------------------------------------------------------

    /** A statement or an array of statements. */
    List<Item> xapi(String body, long now) {
        List<FormatSupport.Element> elements;
        try (JsonParser p = FormatSupport.strictParser(body)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                elements = FormatSupport.readArrayElements(p, body);
            } else if (t == JsonToken.START_OBJECT) {
                elements = List.of(new FormatSupport.Element(FormatSupport.readTree(p), body));
            } else {
                throw unreadable(Sources.XAPI, body, now);
            }
            FormatSupport.requireEnd(p);
        } catch (IOException e) {
            throw unreadable(Sources.XAPI, body, now);
        }
        if (elements.isEmpty()) {
            throw unreadable(Sources.XAPI, body, now);
        }
        List<Item> items = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            FormatSupport.Element el = elements.get(i);
            if (!el.node.isObject()) {
                items.add(rejected(i, el.raw, DeadLetterReason.MALFORMED_JSON, "xAPI: a statement must be a JSON object (was "
                        + kind(el.node) + ")"));
            } else {
                items.add(parse(i, Sources.XAPI, el.raw, el.node, now));
            }
        }
        return items;
    }

    // ---- Caliper ------------------------------------------------------------------------------------------

    /** An envelope or a single event. */
    List<Item> caliper(String body, long now) {
        ObjectNode top = JsonNodeFactory.instance.objectNode();
        List<FormatSupport.Element> data = null;
        try (JsonParser p = FormatSupport.strictParser(body)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw unreadable(Sources.CALIPER, body, now);
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if (name.equals("data") && t == JsonToken.START_ARRAY) {
                    data = FormatSupport.readArrayElements(p, body);
                    ArrayNode nodes = top.putArray("data");
                    data.forEach(d -> nodes.add(d.node));
                } else {
                    top.set(name, FormatSupport.readTree(p));
                }
            }
            FormatSupport.requireEnd(p);
        } catch (IOException e) {
            throw unreadable(Sources.CALIPER, body, now);
        }
        if (!(top.has("sensor") && top.has("data"))) {
            return List.of(parse(0, Sources.CALIPER, body, top, now));
        }
        try {
            CaliperParser.checkEnvelope(top);
        } catch (Rejection r) {
            throw HttpError.of(400, r.reason, r.getMessage());
        }
        List<Item> items = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            FormatSupport.Element el = data.get(i);
            if (!el.node.isObject()) {
                items.add(rejected(i, el.raw, DeadLetterReason.MALFORMED_JSON, "Caliper: an envelope's data holds event "
                        + "objects (was " + kind(el.node) + ")"));
            } else if (el.node.has("sensor") && el.node.has("data")) {
                items.add(rejected(i, el.raw, DeadLetterReason.INVALID_FIELD,
                        "Caliper: an envelope's data holds events, not envelopes"));
            } else {
                items.add(parse(i, Sources.CALIPER, el.raw, el.node, now));
            }
        }
        return items;
    }

    // ---- native -------------------------------------------------------------------------------------------

    /** Native JSON lines on a native channel; blank lines are skipped (a line's index is its line number - 1). */
    List<Item> lines(String source, String body, long now) {
        List<Item> items = new ArrayList<>();
        int start = 0;
        int line = 0;
        while (start <= body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            String text = body.substring(start, end > start && body.charAt(end - 1) == '\r' ? end - 1 : end);
            if (!text.isBlank()) {
                items.add(parse(line, source, text, null, now));
            }
            line++;
            start = end + 1;
        }
        if (items.isEmpty()) {
            throw HttpError.of(400, DeadLetterReason.MALFORMED_JSON,
                    "the body holds no records (send one JSON object per line)");
        }
        return items;
    }

    // ---- shared -------------------------------------------------------------------------------------------

    private Item parse(int index, String channel, String raw, JsonNode node, long now) {
        List<ParseResult> results = records.parse(channel, raw, now);
        if (results.size() != 1) {
            return rejected(index, raw, DeadLetterReason.UNKNOWN_FORMAT, "holds " + results.size()
                    + " records: send " + expected(channel) + ", one per " + (node == null ? "line" : "element"));
        }
        ParseResult r = results.get(0);
        if (!r.ok()) {
            return rejected(index, raw, r.deadLetter.reason, r.deadLetter.error);
        }
        String format = r.event.format;
        boolean fits = channel.equals(Sources.XAPI) ? format.equals(XapiParser.FORMAT)
                : channel.equals(Sources.CALIPER) ? format.equals(CaliperParser.FORMAT)
                : format.startsWith("native");
        if (!fits) {
            String found = format.equals(XapiParser.FORMAT) ? "an xAPI statement"
                    : format.equals(CaliperParser.FORMAT) ? "a Caliper event" : "a native record";
            return rejected(index, raw, DeadLetterReason.UNKNOWN_FORMAT, found + ", not " + expected(channel) + ": send xAPI statements to /xapi/statements, Caliper events to /caliper "
                    + "and native records to /events");
        }
        return new Item(index, raw, node, r.event, null, null);
    }

    private static String expected(String channel) {
        return channel.equals(Sources.XAPI) ? "an xAPI statement" : channel.equals(Sources.CALIPER) ? "a Caliper event"
                : "a native record";
    }

    private static Item rejected(int index, String raw, String reason, String error) {
        return new Item(index, raw, null, null, reason, error);
    }

    /** A body that cannot be split: refused as a whole, with what {@link RecordParser} says of it as one record. */
    private HttpError unreadable(String channel, String body, long now) {
        for (ParseResult r : bodies.parse(channel, body, now)) {
            if (!r.ok()) {
                return HttpError.of(400, r.deadLetter.reason, r.deadLetter.error);
            }
        }
        return HttpError.of(400, DeadLetterReason.MALFORMED_JSON, "the body cannot be read as "
                + (channel.equals(Sources.XAPI) ? "a statement or an array of statements" : "a Caliper envelope or event"));
    }

    private static String kind(JsonNode n) {
        switch (n.getNodeType()) {
            case ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
