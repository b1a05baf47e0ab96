package io.learnpulse.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.event.VideoAction;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a {@link LearnerEvent} as one native JSON line (docs/formats.md), the inverse of the native
 * parser.
 *
 * <p>The channel is {@link LearnerEvent#source} ({@code clickstream}, {@code video} or
 * {@code assessment}) and must agree with {@link LearnerEvent#kind}. Fields are written in a fixed
 * order: the common fields first ({@code schema_version, event_id, learner_id, course_id, ts} for v2;
 * {@code user_id, course_id, timestamp} for v1), then the source fields in the order of the format
 * tables. Numbers that are doubles in the model ({@code position}, {@code seek_from}, {@code score},
 * {@code max_score}) are always written as JSON floating-point numbers, e.g. {@code 1.0}.
 *
 * <p>Assessment specifics: v2 attempts carry {@code "type":"attempt"} and {@code correct}; v1 attempts
 * carry neither (the type defaults to attempt and {@code correct} is derived from
 * {@code score >= max_score}, so an event whose {@code correct} disagrees with its score cannot be
 * written as v1). Hints carry {@code "type":"hint"} in both versions. {@code skill_ids} is written
 * when the event has skill ids, {@code hint_index} when it is at least 1.
 *
 * <p>Invalid input (unknown source, kind not matching the source, a missing field the format
 * requires) throws {@link IllegalArgumentException} naming the field. Thread-safe.
 */
public final class NativeEncoder {

    /** v1 timestamps: always with milliseconds and an offset ({@code Z} for UTC, else {@code +01:00}). */
    private static final DateTimeFormatter V1_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);

    private static final JsonFactory JSON = new JsonFactory();

    private NativeEncoder() {}

    /**
     * Encodes as native v1 (with timestamps in UTC) or native v2.
     *
     * @param version 1 or 2
     */
    public static String encode(LearnerEvent event, int version) {
        switch (version) {
            case 1:
                return encodeV1(event, ZoneOffset.UTC);
            case 2:
                return encodeV2(event);
            default:
                throw new IllegalArgumentException("native format version must be 1 or 2 (was " + version + ")");
        }
    }

    /** Encodes as native v2: {@code schema_version:2, event_id, learner_id, course_id, ts}, then the source fields. */
    public static String encodeV2(LearnerEvent event) {
        String source = checkSource(event);
        requireText(event.eventId, "event_id", "eventId");
        requireText(event.learnerId, "learner_id", "learnerId");
        requireText(event.courseId, "course_id", "courseId");
        StringWriter out = new StringWriter(192);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema_version", 2);
            g.writeStringField("event_id", event.eventId);
            g.writeStringField("learner_id", event.learnerId);
            g.writeStringField("course_id", event.courseId);
            g.writeNumberField("ts", event.eventTime);
            writeSourceFields(g, source, event, 2);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Encodes as legacy native v1: {@code user_id, course_id, timestamp} (ISO-8601 with milliseconds and
     * the given offset), no event id, then the source fields.
     */
    public static String encodeV1(LearnerEvent event, ZoneOffset offset) {
        String source = checkSource(event);
        requireText(event.learnerId, "user_id", "learnerId");
        requireText(event.courseId, "course_id", "courseId");
        if (offset == null) {
            throw new IllegalArgumentException("v1 timestamp offset must not be null");
        }
        StringWriter out = new StringWriter(192);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("user_id", event.learnerId);
            g.writeStringField("course_id", event.courseId);
            g.writeStringField("timestamp", formatV1Timestamp(event.eventTime, offset));
            writeSourceFields(g, source, event, 1);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The v1 {@code timestamp} text for an epoch-millisecond time, e.g. {@code 2026-03-02T10:15:30.250+01:00}. */
    public static String formatV1Timestamp(long epochMillis, ZoneOffset offset) {
        return V1_TIMESTAMP.format(Instant.ofEpochMilli(epochMillis).atOffset(offset));
    }

    private static String checkSource(LearnerEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        String source = event.source;
        if (!Sources.NATIVE.contains(source)) {
            throw new IllegalArgumentException(
                    "source must be one of " + String.join(", ", Sources.NATIVE) + " (was '" + source + "')");
        }
        EventKind kind = event.kind;
        boolean matches;
        switch (source) {
            case Sources.CLICKSTREAM:
                matches = kind == EventKind.CLICK;
                break;
            case Sources.VIDEO:
                matches = kind == EventKind.VIDEO;
                break;
            default:
                matches = kind == EventKind.ATTEMPT || kind == EventKind.HINT;
                break;
        }
        if (!matches) {
            throw new IllegalArgumentException("event kind " + kind + " cannot be written on source '" + source + "'");
        }
        return source;
    }

    private static void writeSourceFields(JsonGenerator g, String source, LearnerEvent e, int version)
            throws IOException {
        switch (source) {
            case Sources.CLICKSTREAM:
                g.writeStringField("page_id", requireText(e.pageId, "page_id", "pageId"));
                g.writeStringField("event_type", requireText(e.clickType, "event_type", "clickType"));
                break;
            case Sources.VIDEO:
                writeVideo(g, e);
                break;
            default:
                if (e.kind == EventKind.HINT) {
                    writeHint(g, e);
                } else {
                    writeAttempt(g, e, version);
                }
                break;
        }
    }

    private static void writeVideo(JsonGenerator g, LearnerEvent e) throws IOException {
        g.writeStringField("video_id", requireText(e.videoId, "video_id", "videoId"));
        if (e.videoAction == null) {
            throw new IllegalArgumentException("field 'action' is required (LearnerEvent.videoAction is null)");
        }
        g.writeStringField("action", e.videoAction.wireName());
        g.writeNumberField("position", nonNegative(e.position, "position"));
        if (e.videoAction == VideoAction.SEEK) {
            g.writeNumberField("seek_from", nonNegative(e.seekFrom, "seek_from"));
        }
    }

    private static void writeAttempt(JsonGenerator g, LearnerEvent e, int version) throws IOException {
        double score = nonNegative(e.score, "score");
        double maxScore = e.maxScore;
        if (!(maxScore > 0) || Double.isInfinite(maxScore) || maxScore < score) {
            throw new IllegalArgumentException("field 'max_score' must be a number > 0 and >= score " + score
                    + " (was " + maxScore + ")");
        }
        if (e.attemptNumber < 1) {
            throw new IllegalArgumentException("field 'attempt_number' must be >= 1 (was " + e.attemptNumber + ")");
        }
        if (version == 2) {
            g.writeStringField("type", "attempt");
        } else if (e.correct != (score >= maxScore)) {
            throw new IllegalArgumentException("v1 derives correct as score >= max_score; cannot write correct="
                    + e.correct + " with score " + score + " of " + maxScore);
        }
        g.writeStringField("question_id", requireText(e.questionId, "question_id", "questionId"));
        g.writeNumberField("score", score);
        g.writeNumberField("max_score", maxScore);
        if (version == 2) {
            g.writeBooleanField("correct", e.correct);
        }
        g.writeNumberField("attempt_number", e.attemptNumber);
        writeSkills(g, e);
    }

    private static void writeHint(JsonGenerator g, LearnerEvent e) throws IOException {
        g.writeStringField("type", "hint");
        g.writeStringField("question_id", requireText(e.questionId, "question_id", "questionId"));
        writeSkills(g, e);
        if (e.hintIndex >= 1) {
            g.writeNumberField("hint_index", e.hintIndex);
        }
    }

    private static void writeSkills(JsonGenerator g, LearnerEvent e) throws IOException {
        if (e.skillIds == null) {
            return;
        }
        g.writeArrayFieldStart("skill_ids");
        for (String s : e.skillIds) {
            g.writeString(requireText(s, "skill_ids[]", "skillIds[]"));
        }
        g.writeEndArray();
    }

    private static String requireText(String value, String field, String modelField) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(
                    "field '" + field + "' is required (LearnerEvent." + modelField + " is " + (value == null ? "null" : "empty") + ")");
        }
        return value;
    }

    private static double nonNegative(double value, String field) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("field '" + field + "' must be a finite number >= 0 (was " + value + ")");
        }
        return value;
    }
}
