package io.learnpulse.core.json;

import com.fasterxml.jackson.core.JsonFactory;
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
    private static final String[] NO_STRINGS = new String[0];

    private JsonLines() {}

    // ---- writers ----------------------------------------------------------------------------------------

    public static String toJson(FusedAttempt a) {
        return new JsonObject(576)
                .string("key", a.key)
                .string("status", a.status)
                .number("revision", a.revision)
                .string("event_id", a.eventId)
                .string("learner_id", a.learnerId)
                .string("course_id", a.courseId)
                .string("question_id", a.questionId)
                .strings("skill_ids", a.skillIds)
                .number("attempt_number", a.attemptNumber)
                .bool("correct", a.correct)
                .dbl("score", a.score)
                .dbl("max_score", a.maxScore)
                .number("event_time", a.eventTime)
                .string("video_id", a.videoId)
                .string("segment_id", a.segmentId)
                .dbl("video_coverage", a.videoCoverage)
                .dbl("video_seconds", a.videoSeconds)
                .bool("segment_skipped", a.segmentSkipped)
                .number("pages_viewed", a.pagesViewed)
                .number("hints_used", a.hintsUsed)
                .dbl("seconds_since_last_activity", a.secondsSinceLastActivity)
                .profile(a.profile)
                .toString();
    }

    public static String toJson(LearnerAggregate a) {
        return new JsonObject(288)
                .string("key", a.key)
                .string("status", a.status)
                .number("revision", a.revision)
                .string("learner_id", a.learnerId)
                .number("window_start", a.windowStart)
                .number("window_end", a.windowEnd)
                .number("events", a.events)
                .number("attempts", a.attempts)
                .number("correct", a.correct)
                .dbl("mean_score", a.meanScore)
                .number("hints", a.hints)
                .dbl("video_seconds", a.videoSeconds)
                .number("pages_viewed", a.pagesViewed)
                .toString();
    }

    public static String toJson(QuestionStats s) {
        return new JsonObject(384)
                .string("key", s.key)
                .string("status", s.status)
                .number("revision", s.revision)
                .string("question_id", s.questionId)
                .string("course_id", s.courseId)
                .number("attempts", s.attempts)
                .number("first_attempts", s.firstAttempts)
                .number("first_attempts_correct", s.firstAttemptsCorrect)
                .dbl("first_attempt_correct_rate", s.firstAttemptCorrectRate)
                .dbl("difficulty", s.difficulty)
                .dbl("discrimination", s.discrimination)
                .number("hints", s.hints)
                .dbl("mean_hints", s.meanHints)
                .number("event_time", s.eventTime)
                .toString();
    }

    public static String toJson(LearnerSession s) {
        return new JsonObject(288)
                .string("key", s.key)
                .string("status", s.status)
                .number("revision", s.revision)
                .string("learner_id", s.learnerId)
                .string("course_id", s.courseId)
                .number("start", s.start)
                .number("end", s.end)
                .number("events", s.events)
                .beginObject("events_by_kind")
                .number("click", s.clicks)
                .number("video", s.videoEvents)
                .number("attempt", s.attempts)
                .number("hint", s.hints)
                .number("other", s.otherEvents)
                .endObject()
                .dbl("active_seconds", s.activeSeconds)
                .toString();
    }

    public static String toJson(MasteryRecord m) {
        return new JsonObject(288)
                .string("key", m.key)
                .string("learner_id", m.learnerId)
                .string("course_id", m.courseId)
                .string("skill_id", m.skillId)
                .dbl("p_mastery", m.pMastery)
                .number("attempts", m.attempts)
                .number("event_time", m.eventTime)
                .string("trigger_event_id", m.triggerEventId)
                .string("status", m.status)
                .number("revision", m.revision)
                .toString();
    }

    public static String toJson(Intervention iv) {
        return new JsonObject(512)
                .string("intervention_id", iv.interventionId)
                .string("learner_id", iv.learnerId)
                .string("course_id", iv.courseId)
                .string("rule", iv.rule)
                .string("object_id", iv.objectId)
                .string("message", iv.message)
                .strings("trigger_event_ids", iv.triggerEventIds == null ? NO_STRINGS : iv.triggerEventIds)
                .number("event_time", iv.eventTime)
                .number("emitted_at", iv.emittedAt)
                .number("latency_ms", iv.latencyMs)
                .profile(iv.profile)
                .toString();
    }

    /** A learner profile in the form {@link io.learnpulse.core.profile.ProfileParser} reads. */
    public static String toJson(io.learnpulse.core.profile.LearnerProfile p) {
        JsonObject o = new JsonObject(192).string("learner_id", p.learnerId);
        if (p.deleted) {
            return o.bool("deleted", true).toString();
        }
        o.string("cohort", p.cohort)
                .string("locale", p.locale)
                .bool("accommodations", p.accommodations)
                .strings("courses", p.courses)
                .strings("instructors", p.instructors);
        if (p.updatedAt != 0) {
            o.string("updated_at", java.time.Instant.ofEpochMilli(p.updatedAt).toString());
        }
        return o.toString();
    }

    public static String toJson(DeadLetter d) {
        return new JsonObject(d.raw == null ? 128 : d.raw.length() + 128)
                .string("raw", d.raw)
                .string("source", d.source)
                .string("reason", d.reason)
                .string("error", d.error)
                .number("received_at", d.receivedAt)
                .toString();
    }

    public static String toJson(LateEvent l) {
        return new JsonObject(l.raw == null ? 128 : l.raw.length() + 128)
                .string("event_id", l.eventId)
                .string("source", l.source)
                .string("learner_id", l.learnerId)
                .number("event_time", l.eventTime)
                .number("watermark", l.watermark)
                .number("late_by_ms", l.lateByMs)
                .string("reason", l.reason)
                .string("raw", l.raw)
                .toString();
    }

    /**
     * The canonical event: the common fields (without the wall-clock ingest time) and the fields of its
     * kind only.
     */
    public static String toJson(LearnerEvent e) {
        JsonObject o = new JsonObject(256)
                .string("event_id", e.eventId)
                .string("source", e.source)
                .string("format", e.format)
                .string("kind", e.kind == null ? null : e.kind.wireName())
                .string("learner_id", e.learnerId)
                .string("course_id", e.courseId)
                .string("object_id", e.objectId)
                .number("event_time", e.eventTime);
        if (e.kind != null) {
            switch (e.kind) {
                case CLICK:
                    o.string("page_id", e.pageId).string("click_type", e.clickType);
                    break;
                case VIDEO:
                    o.string("video_id", e.videoId)
                            .string("video_action", e.videoAction == null ? null : e.videoAction.wireName())
                            .dbl("position", e.position)
                            .dbl("seek_from", e.seekFrom);
                    break;
                case ATTEMPT:
                    o.string("question_id", e.questionId)
                            .dbl("score", e.score)
                            .dbl("max_score", e.maxScore)
                            .bool("correct", e.correct)
                            .number("attempt_number", e.attemptNumber)
                            .strings("skill_ids", e.skillIds);
                    break;
                case HINT:
                    o.string("question_id", e.questionId)
                            .number("hint_index", e.hintIndex)
                            .strings("skill_ids", e.skillIds);
                    break;
                default:
                    break;
            }
        }
        return o.toString();
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
