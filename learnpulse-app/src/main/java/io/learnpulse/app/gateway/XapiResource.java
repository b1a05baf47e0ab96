package io.learnpulse.app.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.format.FormatSupport;
import io.learnpulse.core.format.xapi.XapiParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The xAPI Statement Resource, write side: {@code POST} (a statement or an array) and {@code PUT ?statementId=}
 * (one statement) on {@code /xapi/statements}.
 *
 * <p>A batch is atomic, as xAPI requires ("The LRS MUST reject a batch of statements if any Statement within
 * that batch is rejected", Communication 3.2): if any statement is invalid, reuses an id of another statement
 * in the batch, or conflicts with a statement handed over before, the whole request is refused and nothing is
 * handed over; the response lists every statement at fault by index.
 *
 * <p>Ids: a statement's own {@code id} (lower-cased), else the id {@link io.learnpulse.core.format.RecordParser}
 * derives from its content ({@code xapi-} and 32 hex digits), so the returned ids are the {@code event_id}s the
 * pipeline's outputs will carry. A statement whose id was handed over before with the same content is not handed
 * over again (xAPI: no change of state) but its id is returned; with different content it is a 409 Conflict.
 */
final class XapiResource {
    private final BatchReader reader;
    private final Handover handover;
    private final RecentStatements recent;
    private final AtomicLong rejected;

    XapiResource(BatchReader reader, Handover handover, int recentIds, AtomicLong rejected) {
        this.reader = reader;
        this.handover = handover;
        this.recent = new RecentStatements(recentIds);
        this.rejected = rejected;
    }

    /** Refuses query parameters on POST (the alternate request syntax is not supported). */
    static void checkPostParameters(Map<String, String> query) {
        if (!query.isEmpty()) {
            throw HttpError.of(400, "unknown parameter '" + query.keySet().iterator().next()
                    + "': POST /xapi/statements stores statements and takes no parameters");
        }
    }

    /** The statementId of a PUT; refuses any other parameter. */
    static String statementId(Map<String, String> query) {
        for (String name : query.keySet()) {
            if (!name.equals("statementId")) {
                throw HttpError.of(400, "unknown parameter '" + name + "': PUT /xapi/statements takes statementId only");
            }
        }
        String statementId = query.get("statementId");
        if (statementId == null || statementId.isEmpty()) {
            throw HttpError.of(400, DeadLetterReason.MISSING_FIELD,
                    "PUT /xapi/statements needs the statementId parameter (or POST the statement)");
        }
        return statementId;
    }

    /** POST: 200 with the ids of the statements, in order. */
    Response post(String body, long now) {
        List<String> ids = store(reader.xapi(body, now), now);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        ids.forEach(out::add);
        return Response.json(200, out);
    }

    /** PUT ?statementId=: 204 once the statement is handed over (or was before, with the same content). */
    Response put(String statementId, String body, long now) {
        JsonNode tree = topLevel(body);
        if (tree == null) {
            reader.xapi(body, now); // refuses it with the parser's message (not an object, malformed, ...)
            throw HttpError.of(400, DeadLetterReason.MALFORMED_JSON, "PUT stores one statement (a JSON object)");
        }
        if (tree.isArray()) {
            throw HttpError.of(400, DeadLetterReason.INVALID_FIELD,
                    "PUT stores one statement, not an array (POST an array of statements)");
        }
        JsonNode id = tree.get("id");
        String raw = body;
        if (id == null) {
            raw = withId(body, statementId, tree.isEmpty());
        } else if (!id.isTextual() || !id.textValue().toLowerCase(Locale.ROOT).equals(statementId.toLowerCase(Locale.ROOT))) {
            throw HttpError.of(400, DeadLetterReason.INVALID_FIELD, "the statement's id " + id + " differs from the "
                    + "statementId parameter '" + statementId + "'");
        }
        store(reader.xapi(raw, now), now);
        return Response.noContent();
    }

    /**
     * Validates the batch as a whole, then hands over the statements not handed over before: all of them or
     * none. Returns the ids, in order.
     */
    private List<String> store(List<BatchReader.Item> items, long now) {
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        for (BatchReader.Item it : items) {
            if (!it.ok()) {
                errors.add(error(it.index, null, it.reason, it.error));
            }
        }
        if (!errors.isEmpty()) {
            throw refuse(400, errors, items.size(), "invalid");
        }
        Map<String, Integer> firstWithId = new HashMap<>();
        for (BatchReader.Item it : items) {
            if (it.node.has("id")) {
                Integer first = firstWithId.putIfAbsent(it.event.eventId, it.index);
                if (first != null) {
                    errors.add(error(it.index, it.event.eventId, DeadLetterReason.INVALID_FIELD, "xAPI: statement "
                            + it.index + " has the same id as statement " + first + " of the batch"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw refuse(400, errors, items.size(), "reusing an id within the batch");
        }
        List<String> hashes = new ArrayList<>(items.size());
        for (BatchReader.Item it : items) {
            hashes.add(XapiParser.contentHash(it.node, it.event.eventTime));
        }
        synchronized (recent) {
            List<RawRecord> fresh = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                BatchReader.Item it = items.get(i);
                String seen = recent.get(it.event.eventId);
                if (seen == null) {
                    fresh.add(new RawRecord(Sources.XAPI, it.raw, now));
                } else if (!seen.equals(hashes.get(i))) {
                    errors.add(error(it.index, it.event.eventId, DeadLetterReason.CONFLICTING_DUPLICATE, "xAPI: a "
                            + "statement with id " + it.event.eventId + " and different content was received before"));
                }
            }
            if (!errors.isEmpty()) {
                throw refuse(409, errors, items.size(), "conflicting with statements received before");
            }
            handover.offerAll(fresh);
            for (int i = 0; i < items.size(); i++) {
                recent.put(items.get(i).event.eventId, hashes.get(i));
            }
        }
        List<String> ids = new ArrayList<>(items.size());
        for (BatchReader.Item it : items) {
            ids.add(it.event.eventId);
        }
        return ids;
    }

    private static ObjectNode error(int index, String id, String reason, String message) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("index", index);
        if (id != null) {
            e.put("id", id);
        }
        e.put("reason", reason);
        e.put("error", message);
        return e;
    }

    private HttpError refuse(int status, ArrayNode errors, int statements, String what) {
        rejected.addAndGet(errors.size());
        String first = errors.get(0).get("error").asText();
        String summary = statements == 1 ? "the statement was refused: " + first
                : errors.size() + " of " + statements + " statements " + (errors.size() == 1 ? "is " : "are ") + what
                        + "; xAPI batches are atomic, so none was accepted. First: statement "
                        + errors.get(0).get("index").asInt() + ": " + first;
        ObjectNode body = HttpError.body(summary);
        body.put("accepted", 0);
        body.set("errors", errors);
        return new HttpError(Response.json(status, body));
    }

    /** The top-level value of a JSON body (null when it is not an object or array, or cannot be read). */
    private static JsonNode topLevel(String body) {
        try (JsonParser p = FormatSupport.strictParser(body)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                return null;
            }
            JsonNode n = FormatSupport.readTree(p);
            FormatSupport.requireEnd(p);
            return n;
        } catch (IOException e) {
            return null;
        }
    }

    /** The statement's text with {@code "id": statementId} as its first property. */
    static String withId(String body, String statementId, boolean emptyObject) {
        int brace = body.indexOf('{');
        return body.substring(0, brace + 1) + "\"id\":" + new TextNode(statementId) + (emptyObject ? "" : ",")
                + body.substring(brace + 1);
    }
}
