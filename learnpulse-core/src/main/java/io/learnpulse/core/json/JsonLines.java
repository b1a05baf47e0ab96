package io.learnpulse.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.LearnerSession;
import io.learnpulse.core.result.MasteryRecord;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.QuestionStats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Locale;

/**
 * JSON Lines output of LearnPulse records: one JSON object per record, snake_case field names, no
 * trailing newline (the caller writes one line per object). The field lists are in
 * {@code docs/formats.md}.
 *
 * <p>Doubles that are NaN (or infinite, which JSON cannot represent either) are written as {@code null};
 * null strings and arrays as {@code null}; no field is ever omitted. Result records start with
 * {@code key, status, revision}.
 *
 * <p>The readers accept what the writers produce (field order does not matter, unknown fields are
 * skipped, {@code null} reads back as NaN for doubles) and throw {@link IllegalArgumentException} for
 * anything that is not a JSON object of the expected shape.
 */
public final class JsonLines {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonLines() {}

    // ---- writers ----------------------------------------------------------------------------------------

    public static String toJson(FusedAttempt a) {
        return object(512, g -> {
            g.writeStringField("key", a.key);
            g.writeStringField("status", a.status);
            g.writeNumberField("revision", a.revision);
            g.writeStringField("event_id", a.eventId);
            g.writeStringField("learner_id", a.learnerId);
            g.writeStringField("course_id", a.courseId);
            g.writeStringField("question_id", a.questionId);
            writeStrings(g, "skill_ids", a.skillIds);
            g.writeNumberField("attempt_number", a.attemptNumber);
            g.writeBooleanField("correct", a.correct);
            writeDouble(g, "score", a.score);
            writeDouble(g, "max_score", a.maxScore);
            g.writeNumberField("event_time", a.eventTime);
            g.writeStringField("video_id", a.videoId);
            g.writeStringField("segment_id", a.segmentId);
            writeDouble(g, "video_coverage", a.videoCoverage);
            writeDouble(g, "video_seconds", a.videoSeconds);
            g.writeBooleanField("segment_skipped", a.segmentSkipped);
            g.writeNumberField("pages_viewed", a.pagesViewed);
            g.writeNumberField("hints_used", a.hintsUsed);
            writeDouble(g, "seconds_since_last_activity", a.secondsSinceLastActivity);
            writeProfile(g, a.profile);
        });
    }

    public static String toJson(LearnerAggregate a) {
        return object(256, g -> {
            g.writeStringField("key", a.key);
            g.writeStringField("status", a.status);
            g.writeNumberField("revision", a.revision);
            g.writeStringField("learner_id", a.learnerId);
            g.writeNumberField("window_start", a.windowStart);
            g.writeNumberField("window_end", a.windowEnd);
            g.writeNumberField("events", a.events);
            g.writeNumberField("attempts", a.attempts);
            g.writeNumberField("correct", a.correct);
            writeDouble(g, "mean_score", a.meanScore);
            g.writeNumberField("hints", a.hints);
            writeDouble(g, "video_seconds", a.videoSeconds);
            g.writeNumberField("pages_viewed", a.pagesViewed);
        });
    }

    public static String toJson(QuestionStats s) {
        return object(256, g -> {
            g.writeStringField("key", s.key);
            g.writeStringField("status", s.status);
            g.writeNumberField("revision", s.revision);
            g.writeStringField("question_id", s.questionId);
            g.writeStringField("course_id", s.courseId);
            g.writeNumberField("attempts", s.attempts);
            g.writeNumberField("first_attempts", s.firstAttempts);
            g.writeNumberField("first_attempts_correct", s.firstAttemptsCorrect);
            writeDouble(g, "first_attempt_correct_rate", s.firstAttemptCorrectRate);
            writeDouble(g, "difficulty", s.difficulty);
            writeDouble(g, "discrimination", s.discrimination);
            g.writeNumberField("hints", s.hints);
            writeDouble(g, "mean_hints", s.meanHints);
            g.writeNumberField("event_time", s.eventTime);
        });
    }

    public static String toJson(LearnerSession s) {
        return object(256, g -> {
            g.writeStringField("key", s.key);
            g.writeStringField("status", s.status);
            g.writeNumberField("revision", s.revision);
            g.writeStringField("learner_id", s.learnerId);
            g.writeStringField("course_id", s.courseId);
            g.writeNumberField("start", s.start);
            g.writeNumberField("end", s.end);
            g.writeNumberField("events", s.events);
            g.writeObjectFieldStart("events_by_kind");
            g.writeNumberField("click", s.clicks);
            g.writeNumberField("video", s.videoEvents);
            g.writeNumberField("attempt", s.attempts);
            g.writeNumberField("hint", s.hints);
            g.writeNumberField("other", s.otherEvents);
            g.writeEndObject();
            writeDouble(g, "active_seconds", s.activeSeconds);
        });
    }

    public static String toJson(MasteryRecord m) {
        return object(256, g -> {
            g.writeStringField("key", m.key);
            g.writeStringField("learner_id", m.learnerId);
            g.writeStringField("course_id", m.courseId);
            g.writeStringField("skill_id", m.skillId);
            writeDouble(g, "p_mastery", m.pMastery);
            g.writeNumberField("attempts", m.attempts);
            g.writeNumberField("event_time", m.eventTime);
            g.writeStringField("trigger_event_id", m.triggerEventId);
            g.writeStringField("status", m.status);
            g.writeNumberField("revision", m.revision);
        });
    }

    public static String toJson(Intervention iv) {
        return object(256, g -> {
            g.writeStringField("intervention_id", iv.interventionId);
            g.writeStringField("learner_id", iv.learnerId);
            g.writeStringField("course_id", iv.courseId);
            g.writeStringField("rule", iv.rule);
            g.writeStringField("object_id", iv.objectId);
            g.writeStringField("message", iv.message);
            g.writeArrayFieldStart("trigger_event_ids");
            if (iv.triggerEventIds != null) {
                for (String id : iv.triggerEventIds) {
                    g.writeString(id);
                }
            }
            g.writeEndArray();
            g.writeNumberField("event_time", iv.eventTime);
            g.writeNumberField("emitted_at", iv.emittedAt);
            g.writeNumberField("latency_ms", iv.latencyMs);
            writeProfile(g, iv.profile);
        });
    }

    /** A learner profile in the form {@link io.learnpulse.core.profile.ProfileParser} reads. */
    public static String toJson(io.learnpulse.core.profile.LearnerProfile p) {
        return object(192, g -> {
            g.writeStringField("learner_id", p.learnerId);
            if (p.deleted) {
                g.writeBooleanField("deleted", true);
                return;
            }
            g.writeStringField("cohort", p.cohort);
            g.writeStringField("locale", p.locale);
            g.writeBooleanField("accommodations", p.accommodations);
            writeStrings(g, "courses", p.courses);
            writeStrings(g, "instructors", p.instructors);
            if (p.updatedAt != 0) {
                g.writeStringField("updated_at", java.time.Instant.ofEpochMilli(p.updatedAt).toString());
            }
        });
    }

    public static String toJson(DeadLetter d) {
        return object(d.raw == null ? 128 : d.raw.length() + 128, g -> {
            g.writeStringField("raw", d.raw);
            g.writeStringField("source", d.source);
            g.writeStringField("reason", d.reason);
            g.writeStringField("error", d.error);
            g.writeNumberField("received_at", d.receivedAt);
        });
    }

    public static String toJson(LateEvent l) {
        return object(l.raw == null ? 128 : l.raw.length() + 128, g -> {
            g.writeStringField("event_id", l.eventId);
            g.writeStringField("source", l.source);
            g.writeStringField("learner_id", l.learnerId);
            g.writeNumberField("event_time", l.eventTime);
            g.writeNumberField("watermark", l.watermark);
            g.writeNumberField("late_by_ms", l.lateByMs);
            g.writeStringField("reason", l.reason);
            g.writeStringField("raw", l.raw);
        });
    }

    /**
     * The canonical event: the common fields (without the wall-clock ingest time) and the fields of its
     * kind only.
     */
    public static String toJson(LearnerEvent e) {
        return object(256, g -> {
            g.writeStringField("event_id", e.eventId);
            g.writeStringField("source", e.source);
            g.writeStringField("format", e.format);
            g.writeStringField("kind", e.kind == null ? null : e.kind.wireName());
            g.writeStringField("learner_id", e.learnerId);
            g.writeStringField("course_id", e.courseId);
            g.writeStringField("object_id", e.objectId);
            g.writeNumberField("event_time", e.eventTime);
            if (e.kind != null) {
                switch (e.kind) {
                    case CLICK:
                        g.writeStringField("page_id", e.pageId);
                        g.writeStringField("click_type", e.clickType);
                        break;
                    case VIDEO:
                        g.writeStringField("video_id", e.videoId);
                        g.writeStringField("video_action", e.videoAction == null ? null : e.videoAction.wireName());
                        writeDouble(g, "position", e.position);
                        writeDouble(g, "seek_from", e.seekFrom);
                        break;
                    case ATTEMPT:
                        g.writeStringField("question_id", e.questionId);
                        writeDouble(g, "score", e.score);
                        writeDouble(g, "max_score", e.maxScore);
                        g.writeBooleanField("correct", e.correct);
                        g.writeNumberField("attempt_number", e.attemptNumber);
                        writeStrings(g, "skill_ids", e.skillIds);
                        break;
                    case HINT:
                        g.writeStringField("question_id", e.questionId);
                        g.writeNumberField("hint_index", e.hintIndex);
                        writeStrings(g, "skill_ids", e.skillIds);
                        break;
                    default:
                        break;
                }
            }
        });
    }

    private static void writeDouble(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }

    private static void writeStrings(JsonGenerator g, String name, String[] values) throws IOException {
        if (values == null) {
            g.writeNullField(name);
            return;
        }
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeProfile(JsonGenerator g, io.learnpulse.core.profile.ProfileSummary p) throws IOException {
        if (p == null) {
            g.writeNullField("profile");
            return;
        }
        g.writeObjectFieldStart("profile");
        g.writeStringField("cohort", p.cohort);
        g.writeStringField("locale", p.locale);
        g.writeBooleanField("accommodations", p.accommodations);
        writeStrings(g, "instructors", p.instructors);
        g.writeEndObject();
    }

    private static io.learnpulse.core.profile.ProfileSummary readProfile(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("profile must be an object or null");
        }
        io.learnpulse.core.profile.ProfileSummary s = new io.learnpulse.core.profile.ProfileSummary();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "cohort": s.cohort = string(p); break;
                case "locale": s.locale = string(p); break;
                case "accommodations": s.accommodations = p.getBooleanValue(); break;
                case "instructors": String[] ids = strings(p); s.instructors = ids == null ? new String[0] : ids; break;
                default: p.skipChildren();
            }
        }
        return s;
    }

    // ---- readers ----------------------------------------------------------------------------------------

    public static FusedAttempt readFusedAttempt(String line) {
        FusedAttempt a = new FusedAttempt();
        read(line, "FusedAttempt", (name, p) -> {
            switch (name) {
                case "key": a.key = string(p); return true;
                case "status": a.status = string(p); return true;
                case "revision": a.revision = p.getIntValue(); return true;
                case "event_id": a.eventId = string(p); return true;
                case "learner_id": a.learnerId = string(p); return true;
                case "course_id": a.courseId = string(p); return true;
                case "question_id": a.questionId = string(p); return true;
                case "skill_ids": a.skillIds = strings(p); return true;
                case "attempt_number": a.attemptNumber = p.getIntValue(); return true;
                case "correct": a.correct = p.getBooleanValue(); return true;
                case "score": a.score = number(p); return true;
                case "max_score": a.maxScore = number(p); return true;
                case "event_time": a.eventTime = p.getLongValue(); return true;
                case "video_id": a.videoId = string(p); return true;
                case "segment_id": a.segmentId = string(p); return true;
                case "video_coverage": a.videoCoverage = number(p); return true;
                case "video_seconds": a.videoSeconds = number(p); return true;
                case "segment_skipped": a.segmentSkipped = p.getBooleanValue(); return true;
                case "pages_viewed": a.pagesViewed = p.getIntValue(); return true;
                case "hints_used": a.hintsUsed = p.getIntValue(); return true;
                case "seconds_since_last_activity": a.secondsSinceLastActivity = number(p); return true;
                case "ingest_time": a.ingestTime = p.getLongValue(); return true;
                case "profile": a.profile = readProfile(p); return true;
                default: return false;
            }
        });
        return a;
    }

    public static LearnerAggregate readLearnerAggregate(String line) {
        LearnerAggregate a = new LearnerAggregate();
        read(line, "LearnerAggregate", (name, p) -> {
            switch (name) {
                case "key": a.key = string(p); return true;
                case "status": a.status = string(p); return true;
                case "revision": a.revision = p.getIntValue(); return true;
                case "learner_id": a.learnerId = string(p); return true;
                case "window_start": a.windowStart = p.getLongValue(); return true;
                case "window_end": a.windowEnd = p.getLongValue(); return true;
                case "events": a.events = p.getIntValue(); return true;
                case "attempts": a.attempts = p.getIntValue(); return true;
                case "correct": a.correct = p.getIntValue(); return true;
                case "mean_score": a.meanScore = number(p); return true;
                case "hints": a.hints = p.getIntValue(); return true;
                case "video_seconds": a.videoSeconds = number(p); return true;
                case "pages_viewed": a.pagesViewed = p.getIntValue(); return true;
                default: return false;
            }
        });
        return a;
    }

    public static QuestionStats readQuestionStats(String line) {
        QuestionStats s = new QuestionStats();
        read(line, "QuestionStats", (name, p) -> {
            switch (name) {
                case "key": s.key = string(p); return true;
                case "status": s.status = string(p); return true;
                case "revision": s.revision = p.getIntValue(); return true;
                case "question_id": s.questionId = string(p); return true;
                case "course_id": s.courseId = string(p); return true;
                case "attempts": s.attempts = p.getLongValue(); return true;
                case "first_attempts": s.firstAttempts = p.getLongValue(); return true;
                case "first_attempts_correct": s.firstAttemptsCorrect = p.getLongValue(); return true;
                case "first_attempt_correct_rate": s.firstAttemptCorrectRate = number(p); return true;
                case "difficulty": s.difficulty = number(p); return true;
                case "discrimination": s.discrimination = number(p); return true;
                case "hints": s.hints = p.getLongValue(); return true;
                case "mean_hints": s.meanHints = number(p); return true;
                case "event_time": s.eventTime = p.getLongValue(); return true;
                default: return false;
            }
        });
        return s;
    }

    public static LearnerSession readLearnerSession(String line) {
        LearnerSession s = new LearnerSession();
        read(line, "LearnerSession", (name, p) -> {
            switch (name) {
                case "key": s.key = string(p); return true;
                case "status": s.status = string(p); return true;
                case "revision": s.revision = p.getIntValue(); return true;
                case "learner_id": s.learnerId = string(p); return true;
                case "course_id": s.courseId = string(p); return true;
                case "start": s.start = p.getLongValue(); return true;
                case "end": s.end = p.getLongValue(); return true;
                case "events": s.events = p.getIntValue(); return true;
                case "events_by_kind":
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String kind = p.currentName();
                        p.nextToken();
                        int n = p.getIntValue();
                        switch (kind) {
                            case "click": s.clicks = n; break;
                            case "video": s.videoEvents = n; break;
                            case "attempt": s.attempts = n; break;
                            case "hint": s.hints = n; break;
                            default: s.otherEvents = n; break;
                        }
                    }
                    return true;
                case "active_seconds": s.activeSeconds = number(p); return true;
                default: return false;
            }
        });
        return s;
    }

    public static Intervention readIntervention(String line) {
        Intervention iv = new Intervention();
        read(line, "Intervention", (name, p) -> {
            switch (name) {
                case "intervention_id": iv.interventionId = string(p); return true;
                case "learner_id": iv.learnerId = string(p); return true;
                case "course_id": iv.courseId = string(p); return true;
                case "rule": iv.rule = string(p); return true;
                case "object_id": iv.objectId = string(p); return true;
                case "message": iv.message = string(p); return true;
                case "trigger_event_ids": iv.triggerEventIds = strings(p); return true;
                case "event_time": iv.eventTime = p.getLongValue(); return true;
                case "emitted_at": iv.emittedAt = p.getLongValue(); return true;
                case "latency_ms": iv.latencyMs = p.getLongValue(); return true;
                case "profile": iv.profile = readProfile(p); return true;
                default: return false;
            }
        });
        return iv;
    }

    public static DeadLetter readDeadLetter(String line) {
        DeadLetter d = new DeadLetter();
        read(line, "DeadLetter", (name, p) -> {
            switch (name) {
                case "raw": d.raw = string(p); return true;
                case "source": d.source = string(p); return true;
                case "reason": d.reason = string(p); return true;
                case "error": d.error = string(p); return true;
                case "received_at": d.receivedAt = p.getLongValue(); return true;
                default: return false;
            }
        });
        return d;
    }

    public static LateEvent readLateEvent(String line) {
        LateEvent l = new LateEvent();
        read(line, "LateEvent", (name, p) -> {
            switch (name) {
                case "event_id": l.eventId = string(p); return true;
                case "source": l.source = string(p); return true;
                case "learner_id": l.learnerId = string(p); return true;
                case "event_time": l.eventTime = p.getLongValue(); return true;
                case "watermark": l.watermark = p.getLongValue(); return true;
                case "late_by_ms": l.lateByMs = p.getLongValue(); return true;
                case "reason": l.reason = string(p); return true;
                case "raw": l.raw = string(p); return true;
                default: return false;
            }
        });
        return l;
    }

    /** Reads a canonical event as written by {@link #toJson(LearnerEvent)}; its ingest time reads as 0. */
    public static LearnerEvent readLearnerEvent(String line) {
        LearnerEvent e = new LearnerEvent();
        read(line, "LearnerEvent", (name, p) -> {
            switch (name) {
                case "event_id": e.eventId = string(p); return true;
                case "source": e.source = string(p); return true;
                case "format": e.format = string(p); return true;
                case "kind": e.kind = kind(string(p)); return true;
                case "learner_id": e.learnerId = string(p); return true;
                case "course_id": e.courseId = string(p); return true;
                case "object_id": e.objectId = string(p); return true;
                case "event_time": e.eventTime = p.getLongValue(); return true;
                case "page_id": e.pageId = string(p); return true;
                case "click_type": e.clickType = string(p); return true;
                case "video_id": e.videoId = string(p); return true;
                case "video_action": e.videoAction = videoAction(string(p)); return true;
                case "position": e.position = number(p); return true;
                case "seek_from": e.seekFrom = number(p); return true;
                case "question_id": e.questionId = string(p); return true;
                case "score": e.score = number(p); return true;
                case "max_score": e.maxScore = number(p); return true;
                case "correct": e.correct = p.getBooleanValue(); return true;
                case "attempt_number": e.attemptNumber = p.getIntValue(); return true;
                case "hint_index": e.hintIndex = p.getIntValue(); return true;
                case "skill_ids": e.skillIds = strings(p); return true;
                default: return false;
            }
        });
        return e;
    }

    private static EventKind kind(String s) {
        if (s == null) {
            return null;
        }
        try {
            return EventKind.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kind '" + s + "'", e);
        }
    }

    private static VideoAction videoAction(String s) {
        VideoAction a = VideoAction.fromWire(s);
        if (s != null && a == null) {
            throw new IllegalArgumentException("unknown video_action '" + s + "'");
        }
        return a;
    }

    /** A body that writes the fields of one JSON object. */
    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** One JSON object, written by {@code fields}, as a string. */
    private static String object(int capacity, Fields fields) {
        StringWriter out = new StringWriter(capacity);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Sets one field from the parser positioned on its value; false for an unknown field name. */
    @FunctionalInterface
    private interface FieldReader {
        boolean read(String name, JsonParser p) throws IOException;
    }

    private static void read(String line, String type, FieldReader fields) {
        if (line == null) {
            throw new IllegalArgumentException("not a " + type + ": null");
        }
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a " + type + ": expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!fields.read(name, p)) {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("not a " + type + ": content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String string(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("field '" + p.currentName() + "' must be a string or null");
        }
        return p.getText();
    }

    private static double number(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (!t.isNumeric()) {
            throw new IllegalArgumentException("field '" + p.currentName() + "' must be a number or null");
        }
        return p.getDoubleValue();
    }

    private static String[] strings(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("field '" + p.currentName() + "' must be an array of strings or null");
        }
        ArrayList<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(string(p));
        }
        return values.toArray(new String[0]);
    }
}
