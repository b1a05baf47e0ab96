package io.learnpulse.core.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A deliberately small, independent reading of the native format rules of docs/formats.md, used by
 * the tests to check that the simulator's well-formed lines are valid and its malformed ones are not.
 */
final class NativeLines {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private NativeLines() {}

    /** Null when the line is a valid native record for the source, else what is wrong. */
    static String problem(String line, String source) {
        JsonNode o;
        try {
            o = MAPPER.readTree(line);
        } catch (Exception e) {
            return "malformed_json";
        }
        if (o == null || !o.isObject()) {
            return "not an object";
        }
        boolean v2 = o.has("schema_version");
        if (v2) {
            if (!o.get("schema_version").isInt() || o.get("schema_version").intValue() != 2) {
                return "unsupported_version";
            }
            String p = firstProblem(text(o, "event_id"), text(o, "learner_id"), text(o, "course_id"),
                    o.path("ts").isIntegralNumber() ? null : "ts");
            if (p != null) {
                return p;
            }
        } else {
            if (!o.has("user_id") || !o.has("timestamp")) {
                return "unknown_format";
            }
            String p = firstProblem(text(o, "user_id"), text(o, "course_id"));
            if (p != null) {
                return p;
            }
            if (!o.get("timestamp").isTextual()) {
                return "timestamp";
            }
            try {
                OffsetDateTime.parse(o.get("timestamp").textValue());
            } catch (Exception e) {
                return "timestamp";
            }
        }
        switch (source) {
            case "clickstream":
                return firstProblem(text(o, "page_id"), text(o, "event_type"));
            case "video": {
                String p = firstProblem(text(o, "video_id"), nonNegative(o, "position"));
                if (p != null) {
                    return p;
                }
                String action = o.path("action").isTextual() ? o.get("action").textValue() : "";
                if (!Set.of("play", "pause", "seek", "ended").contains(action)) {
                    return "action";
                }
                return "seek".equals(action) ? nonNegative(o, "seek_from") : null;
            }
            default: {
                String p = text(o, "question_id");
                if (p != null) {
                    return p;
                }
                JsonNode type = o.get("type");
                if (type != null && !(type.isTextual() && Set.of("attempt", "hint").contains(type.textValue()))) {
                    return "type";
                }
                if (type != null && "hint".equals(type.textValue())) {
                    return o.has("hint_index") && !(o.get("hint_index").isIntegralNumber() && o.get("hint_index").intValue() >= 1)
                            ? "hint_index" : null;
                }
                p = nonNegative(o, "score");
                if (p != null) {
                    return p;
                }
                if (v2 || o.has("max_score")) {
                    JsonNode max = o.get("max_score");
                    if (max == null || !max.isNumber() || !(max.doubleValue() > 0) || max.doubleValue() < o.get("score").doubleValue()) {
                        return "max_score";
                    }
                }
                if (v2 && !o.path("correct").isBoolean()) {
                    return "correct";
                }
                if (v2 || o.has("attempt_number")) {
                    JsonNode n = o.get("attempt_number");
                    if (n == null || !n.isIntegralNumber() || n.intValue() < 1) {
                        return "attempt_number";
                    }
                }
                if (o.has("skill_ids")) {
                    JsonNode s = o.get("skill_ids");
                    if (!s.isArray()) {
                        return "skill_ids";
                    }
                    for (JsonNode e : s) {
                        if (!e.isTextual()) {
                            return "skill_ids";
                        }
                    }
                }
                return null;
            }
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && v.isTextual() && !v.textValue().isEmpty() ? null : field;
    }

    private static String nonNegative(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && v.isNumber() && v.doubleValue() >= 0 ? null : field;
    }

    private static String firstProblem(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
