package io.learnpulse.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds one-line JSON test records field by field; immutable, so variants can be derived freely. */
final class Rec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A value written as-is into the JSON text (e.g. {@code 1.0}, {@code 1e400}, nested JSON). */
    record Raw(String json) {}

    private final LinkedHashMap<String, Object> fields;

    private Rec(LinkedHashMap<String, Object> fields) {
        this.fields = fields;
    }

    /** {@code of("a", 1, "b", "x")}. */
    static Rec of(Object... keyValues) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Rec(m);
    }

    static Raw raw(String json) {
        return new Raw(json);
    }

    /** Replaces the value in place (keeping the field's position) or appends the field. */
    Rec with(String key, Object value) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(fields);
        m.put(key, value);
        return new Rec(m);
    }

    Rec without(String key) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(fields);
        if (m.remove(key) == null && !fields.containsKey(key)) {
            throw new IllegalArgumentException("no field " + key);
        }
        return new Rec(m);
    }

    String json() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(write(e.getKey())).append(':').append(write(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String write(Object v) {
        if (v instanceof Raw) {
            return ((Raw) v).json();
        }
        try {
            return MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return json();
    }
}
