package io.learnpulse.core.json;

/**
 * Writes one flat JSON object into a string, field by field, exactly as Jackson's default generator does
 * (no whitespace, the same string escapes, doubles as {@link Double#toString}), without a generator, a
 * writer and their buffers per record: the JSON writers run once per output record of the pipeline.
 *
 * <p>Field names are written as given (they are constants without characters that need escaping).
 */
final class JsonObject {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder sb;
    private boolean first = true;

    JsonObject(int capacity) {
        sb = new StringBuilder(capacity);
        sb.append('{');
    }

    private StringBuilder name(String name) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        return sb.append('"').append(name).append("\":");
    }

    JsonObject string(String name, String value) {
        name(name);
        if (value == null) {
            sb.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    JsonObject number(String name, long value) {
        name(name).append(value);
        return this;
    }

    JsonObject bool(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    /** A finite double as Java (and Jackson) prints it; NaN and infinities as null. */
    JsonObject dbl(String name, double value) {
        name(name);
        if (!Double.isFinite(value)) {
            sb.append("null");
        } else if (value == (long) value && Math.abs(value) < 1e7 && (value != 0 || 1 / value > 0)) {
            // Whole numbers below 10^7 print as "<integer>.0": the common case, without the general algorithm.
            sb.append((long) value).append(".0");
        } else {
            sb.append(value);
        }
        return this;
    }

    /** An array of strings; null as null. */
    JsonObject strings(String name, String[] values) {
        name(name);
        if (values == null) {
            sb.append("null");
            return this;
        }
        sb.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (values[i] == null) {
                sb.append("null");
            } else {
                quote(values[i]);
            }
        }
        sb.append(']');
        return this;
    }

    /** The profile attached to fused attempts and interventions, or null. */
    JsonObject profile(io.learnpulse.core.profile.ProfileSummary p) {
        if (p == null) {
            name("profile").append("null");
            return this;
        }
        return beginObject("profile")
                .string("cohort", p.cohort)
                .string("locale", p.locale)
                .bool("accommodations", p.accommodations)
                .strings("instructors", p.instructors)
                .endObject();
    }

    JsonObject beginObject(String name) {
        name(name).append('{');
        first = true;
        return this;
    }

    JsonObject endObject() {
        sb.append('}');
        first = false;
        return this;
    }

    @Override
    public String toString() {
        return sb.append('}').toString();
    }

    /** Jackson's default escaping: quote, backslash and control characters; everything else as is. */
    private void quote(String s) {
        sb.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                sb.append(s, start, i);
                escape(c);
                start = i + 1;
            }
        }
        sb.append(s, start, n).append('"');
    }

    private void escape(char c) {
        sb.append('\\');
        switch (c) {
            case '"': sb.append('"'); break;
            case '\\': sb.append('\\'); break;
            case '\b': sb.append('b'); break;
            case '\t': sb.append('t'); break;
            case '\n': sb.append('n'); break;
            case '\f': sb.append('f'); break;
            case '\r': sb.append('r'); break;
            default: sb.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]); break;
        }
    }
}
