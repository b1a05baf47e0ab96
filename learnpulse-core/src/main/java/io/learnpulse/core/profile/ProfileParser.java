package io.learnpulse.core.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.format.FormatSupport;
import io.learnpulse.core.format.IsoTimestamps;
import io.learnpulse.core.format.ParseResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one learner profile record (docs/profiles.md):
 *
 * <pre>{"learner_id":"ada","cohort":"2026-fall","locale":"en-GB","accommodations":true,
 *  "courses":["algebra-1"],"instructors":["t-lovelace"],"updated_at":"2026-09-01T08:00:00Z"}</pre>
 *
 * <p>Only {@code learner_id} is required; {@code {"learner_id":"ada","deleted":true}} removes a profile, as
 * does a Kafka tombstone (a null value under the learner's key). Unknown properties are an error, like
 * everywhere else, so that a misspelt field is not silently ignored. Plain Java: no Flink.
 */
public final class ProfileParser {
    /** The input channel of profiles. */
    public static final String CHANNEL = "profiles";
    private static final Set<String> FIELDS = Set.of("learner_id", "cohort", "locale", "accommodations", "courses",
            "instructors", "updated_at", "deleted");

    private final int maxRecordBytes;

    public ProfileParser(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Either {@link #profile} or {@link #deadLetter} is set. */
    public static final class Result {
        public final LearnerProfile profile;
        public final DeadLetter deadLetter;

        private Result(LearnerProfile profile, DeadLetter deadLetter) {
            this.profile = profile;
            this.deadLetter = deadLetter;
        }
    }

    /** The tombstone of a learner's profile (a Kafka record with a null value). */
    public static LearnerProfile tombstone(String learnerId) {
        LearnerProfile p = new LearnerProfile();
        p.learnerId = learnerId;
        p.deleted = true;
        return p;
    }

    public Result parse(String payload, long receivedAt) {
        if (payload == null || payload.isBlank()) {
            return fail(payload, receivedAt, DeadLetterReason.MALFORMED_JSON, "empty profile record");
        }
        if (payload.length() > maxRecordBytes / 4 && payload.getBytes(StandardCharsets.UTF_8).length > maxRecordBytes) {
            return fail(payload, receivedAt, DeadLetterReason.OVERSIZED,
                    "profile record larger than " + maxRecordBytes + " bytes");
        }
        JsonNode n;
        try (JsonParser p = FormatSupport.strictParser(payload)) {
            p.nextToken();
            n = FormatSupport.readTree(p);
            FormatSupport.requireEnd(p);
        } catch (Exception e) {
            ParseResult r = FormatSupport.readFailure(e, "profile: ", payload, CHANNEL, receivedAt);
            return new Result(null, r.deadLetter);
        }
        if (n == null || !n.isObject()) {
            return fail(payload, receivedAt, DeadLetterReason.INVALID_FIELD, "a profile must be a JSON object");
        }
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return fail(payload, receivedAt, DeadLetterReason.INVALID_FIELD, "profile: unknown property '"
                        + FormatSupport.shorten(name) + "' (expected " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        JsonNode id = n.get("learner_id");
        if (id == null || id.isNull()) {
            return fail(payload, receivedAt, DeadLetterReason.MISSING_FIELD, "profile: learner_id is required");
        }
        if (!id.isTextual() || id.asText().isBlank()) {
            return fail(payload, receivedAt, DeadLetterReason.INVALID_FIELD, "profile: learner_id must be a non-empty string");
        }
        LearnerProfile profile = new LearnerProfile();
        profile.learnerId = id.asText();
        try {
            profile.deleted = bool(n, "deleted");
            profile.accommodations = bool(n, "accommodations");
            profile.cohort = optionalText(n, "cohort");
            profile.locale = locale(n);
            profile.courses = ids(n, "courses");
            profile.instructors = ids(n, "instructors");
            String updated = optionalText(n, "updated_at");
            profile.updatedAt = updated == null ? 0 : IsoTimestamps.parse(updated);
        } catch (IsoTimestamps.InvalidTimestamp e) {
            return fail(payload, receivedAt, DeadLetterReason.INVALID_FIELD,
                    "profile: updated_at is not an ISO-8601 timestamp with a time zone: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(payload, receivedAt, DeadLetterReason.INVALID_FIELD, "profile: " + e.getMessage());
        }
        return new Result(profile, null);
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false (was " + FormatSupport.show(v) + ")");
        }
        return v.booleanValue();
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string (was " + FormatSupport.show(v) + ")");
        }
        return v.asText();
    }

    private static String locale(JsonNode n) {
        String s = optionalText(n, "locale");
        if (s == null) {
            return null;
        }
        // BCP 47, as xAPI language maps use; normalized so that en-gb and en-GB are one locale.
        Locale l = Locale.forLanguageTag(s);
        if (s.isBlank() || l.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("locale must be a BCP 47 language tag such as en-GB (was '"
                    + FormatSupport.shorten(s) + "')");
        }
        return l.toLanguageTag();
    }

    private static String[] ids(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return new String[0];
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(field + " must be a list of ids (was " + FormatSupport.show(v) + ")");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw new IllegalArgumentException(field + " must hold non-empty strings (found " + FormatSupport.show(e) + ")");
            }
            out.add(e.asText());
        }
        List<String> list = new ArrayList<>(out);
        return list.toArray(new String[0]);
    }

    private static Result fail(String payload, long receivedAt, String reason, String error) {
        return new Result(null, new DeadLetter(payload, CHANNEL, reason, error, receivedAt));
    }
}
