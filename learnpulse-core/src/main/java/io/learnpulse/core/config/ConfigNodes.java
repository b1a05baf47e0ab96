package io.learnpulse.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Typed reads of config tree values, with errors that name the full key. */
final class ConfigNodes {
    private ConfigNodes() {}

    static String text(JsonNode parent, String key, String path, boolean allowEmpty) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            if (allowEmpty) {
                return "";
            }
            throw new IllegalArgumentException("missing " + path + "." + key);
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw new IllegalArgumentException(path + "." + key + " must be a string");
        }
        String s = v.asText();
        if (s.isBlank() && !allowEmpty) {
            throw new IllegalArgumentException(path + "." + key + " must not be empty");
        }
        return s.strip();
    }

    static int integer(JsonNode parent, String key, String path, int min, int max) {
        JsonNode v = parent.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw new IllegalArgumentException(path + "." + key + " must be an integer from " + min + " to " + max);
        }
        return v.intValue();
    }

    static boolean bool(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException(path + "." + key + " must be true or false");
        }
        return v.booleanValue();
    }

    static Duration duration(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing " + path + "." + key);
        }
        try {
            return v.isNumber() ? Duration.ofMillis(v.longValue()) : Durations.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage(), e);
        }
    }

    /** A mapping of names to strings, in file order; empty values are kept (they mean "off" where allowed). */
    static Map<String, String> stringMap(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException(path + "." + key + " must be a mapping");
        }
        v.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (value != null && !value.isNull() && (!value.isValueNode())) {
                throw new IllegalArgumentException(path + "." + key + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), value == null || value.isNull() ? "" : value.asText().strip());
        });
        return out;
    }
}
