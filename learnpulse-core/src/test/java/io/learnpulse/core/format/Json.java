package io.learnpulse.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** Builds JSON trees for tests: {@code obj("a", 1, "b", arr("x"))}, and derives variants by dotted paths. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Passed as a value to {@link #with} to remove the property. */
    public static final Object REMOVE = new Object();

    /** A value written as-is into the JSON text (e.g. {@code 1.0}, {@code 1e400}). */
    public record Raw(String json) {}

    private Json() {}

    public static ObjectNode obj(Object... keyValues) {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            o.set((String) keyValues[i], node(keyValues[i + 1]));
        }
        return o;
    }

    public static ArrayNode arr(Object... values) {
        ArrayNode a = F.arrayNode();
        for (Object v : values) {
            a.add(node(v));
        }
        return a;
    }

    public static JsonNode node(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof JsonNode) {
            return ((JsonNode) v).deepCopy();
        }
        if (v instanceof String) {
            return F.textNode((String) v);
        }
        if (v instanceof Integer || v instanceof Long) {
            return F.numberNode(((Number) v).longValue());
        }
        if (v instanceof Double) {
            return F.numberNode((Double) v);
        }
        if (v instanceof BigDecimal) {
            return F.numberNode((BigDecimal) v);
        }
        if (v instanceof Boolean) {
            return F.booleanNode((Boolean) v);
        }
        if (v instanceof Raw) {
            try {
                return MAPPER.readTree(((Raw) v).json());
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
        throw new IllegalArgumentException("unsupported value " + v);
    }

    /**
     * A copy of {@code base} with the property at {@code path} (dots between names, {@code [i]} for array
     * elements, e.g. {@code context.contextActivities.parent[0].id}) set to {@code value}, or removed when
     * the value is {@link #REMOVE}. Missing intermediate objects are created.
     */
    public static ObjectNode with(JsonNode base, String path, Object value) {
        ObjectNode copy = (ObjectNode) base.deepCopy();
        String[] parts = path.split("\\.");
        JsonNode cur = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            cur = step(cur, parts[i], true);
        }
        String last = parts[parts.length - 1];
        int bracket = last.indexOf('[');
        if (bracket >= 0) {
            ArrayNode a = (ArrayNode) step(cur, last.substring(0, bracket), true);
            int idx = Integer.parseInt(last.substring(bracket + 1, last.length() - 1));
            if (value == REMOVE) {
                a.remove(idx);
            } else {
                a.set(idx, node(value));
            }
        } else if (value == REMOVE) {
            ((ObjectNode) cur).remove(last);
        } else {
            ((ObjectNode) cur).set(last, node(value));
        }
        return copy;
    }

    private static JsonNode step(JsonNode cur, String part, boolean create) {
        int bracket = part.indexOf('[');
        String name = bracket >= 0 ? part.substring(0, bracket) : part;
        JsonNode next = cur.get(name);
        if (next == null && create) {
            next = ((ObjectNode) cur).putObject(name);
        }
        if (bracket >= 0) {
            int idx = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
            next = next.get(idx);
        }
        return next;
    }

    /** Compact JSON text. */
    public static String text(JsonNode n) {
        return n.toString();
    }
}
