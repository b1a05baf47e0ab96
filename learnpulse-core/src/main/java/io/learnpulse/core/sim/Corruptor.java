package io.learnpulse.core.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic corruptions of a valid native line. Every result is rejected by a parser that follows
 * docs/formats.md: it is not JSON, or a required field is missing, or a field has the wrong JSON type,
 * or the video action / assessment type is unknown.
 */
final class Corruptor {

    /** The kinds of corruption, in the order they are drawn. */
    enum Kind { TRUNCATED, MISSING_FIELD, WRONG_TYPE, UNKNOWN_ACTION, GARBAGE }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String[] GARBAGE = {
        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
        "HTTP/1.1 408 Request Timeout",
        "null",
        "[]",
        "\"ok\"",
        "{}}",
        "ï»¿{\"learner_id\":\"L0",
        "-- connection reset --",
    };

    private static final String[] UNKNOWN_ACTIONS = {"rewind", "fast_forward", "stop", "buffering", "replay"};
    private static final String[] UNKNOWN_TYPES = {"quiz", "submission", "feedback"};

    private Corruptor() {}

    static String corrupt(String line, String source, int version, SplittableRandom r) {
        Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
        switch (kind) {
            case TRUNCATED:
                // Any proper prefix of a JSON object is incomplete JSON.
                return line.substring(0, 1 + r.nextInt(line.length() - 1));
            case MISSING_FIELD:
                return missingField(line, source, version, r);
            case WRONG_TYPE:
                return wrongType(line, source, version, r);
            case UNKNOWN_ACTION:
                if (Sources.VIDEO.equals(source)) {
                    return withField(line, "action", UNKNOWN_ACTIONS[r.nextInt(UNKNOWN_ACTIONS.length)]);
                }
                if (Sources.ASSESSMENT.equals(source)) {
                    return withField(line, "type", UNKNOWN_TYPES[r.nextInt(UNKNOWN_TYPES.length)]);
                }
                return wrongType(line, source, version, r);
            default:
                return garbage(r);
        }
    }

    private static String garbage(SplittableRandom r) {
        if (r.nextBoolean()) {
            return GARBAGE[r.nextInt(GARBAGE.length)];
        }
        StringBuilder sb = new StringBuilder();
        int n = 8 + r.nextInt(60);
        String alphabet = "abcdefXYZ0123456789{}[]:,\"\\ #%&@éü€";
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        // '~' cannot start a JSON value, so this is never accidentally valid.
        return "~" + sb;
    }

    private static List<String> requiredFields(ObjectNode o, String source, int version) {
        List<String> f = new ArrayList<>();
        if (version == 2) {
            f.add("event_id");
            f.add("learner_id");
            f.add("course_id");
            f.add("ts");
        } else {
            f.add("user_id");
            f.add("course_id");
            f.add("timestamp");
        }
        switch (source) {
            case Sources.CLICKSTREAM:
                f.add("page_id");
                f.add("event_type");
                break;
            case Sources.VIDEO:
                f.add("video_id");
                f.add("action");
                f.add("position");
                if (o.has("seek_from")) {
                    f.add("seek_from");
                }
                break;
            default:
                f.add("question_id");
                if (!"hint".equals(o.path("type").asText())) {
                    f.add("score");
                    if (version == 2) {
                        f.add("max_score");
                        f.add("correct");
                        f.add("attempt_number");
                    }
                }
                break;
        }
        return f;
    }

    private static String missingField(String line, String source, int version, SplittableRandom r) {
        ObjectNode o = parse(line);
        List<String> fields = requiredFields(o, source, version);
        o.remove(fields.get(r.nextInt(fields.size())));
        return write(o);
    }

    private static String wrongType(String line, String source, int version, SplittableRandom r) {
        ObjectNode o = parse(line);
        List<String> fields = requiredFields(o, source, version);
        String field = fields.get(r.nextInt(fields.size()));
        JsonNode v = o.get(field);
        if (v.isTextual()) {
            if ("timestamp".equals(field)) {
                o.put(field, java.time.OffsetDateTime.parse(v.textValue()).toInstant().toEpochMilli());
            } else {
                o.put(field, 1000 + r.nextInt(9000));
            }
        } else if (v.isBoolean()) {
            o.put(field, v.booleanValue() ? "yes" : "no");
        } else {
            o.put(field, v.asText());
        }
        return write(o);
    }

    private static String withField(String line, String field, String value) {
        ObjectNode o = parse(line);
        o.put(field, value);
        return write(o);
    }

    private static ObjectNode parse(String line) {
        try {
            return (ObjectNode) MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("simulator produced invalid JSON: " + line, e);
        }
    }

    private static String write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
