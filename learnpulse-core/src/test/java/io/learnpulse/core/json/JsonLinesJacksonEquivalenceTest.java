package io.learnpulse.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.LearnerSession;
import io.learnpulse.core.result.MasteryRecord;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.rules.Intervention;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The JSON writers produce exactly what Jackson's generator produced before they were hand-written: the
 * generator-based writers are kept here as the reference, and every record type is compared on random
 * content (control characters, quotes, non-ASCII text, surrogates, nulls, every kind of double).
 */
class JsonLinesJacksonEquivalenceTest {

    @Property(tries = 2000, seed = "7")
    void fusedAttempts(@ForAll("texts") String s1, @ForAll("texts") String s2, @ForAll("doubles") double d1,
            @ForAll("doubles") double d2, @ForAll("doubles") double d3, @ForAll long n, @ForAll int i,
            @ForAll boolean b, @ForAll("skills") String[] skills) {
        FusedAttempt a = new FusedAttempt();
        a.key = s1;
        a.status = s2;
        a.revision = i;
        a.eventId = s2;
        a.learnerId = s1;
        a.courseId = s2;
        a.questionId = s1;
        a.skillIds = skills;
        a.attemptNumber = i;
        a.correct = b;
        a.score = d1;
        a.maxScore = d2;
        a.eventTime = n;
        a.videoId = s1;
        a.segmentId = s2;
        a.videoCoverage = d3;
        a.videoSeconds = d1;
        a.segmentSkipped = !b;
        a.pagesViewed = i;
        a.hintsUsed = -i;
        a.secondsSinceLastActivity = d2;
        a.profile = b ? profile(s1, s2, skills, i % 2 == 0) : null;
        assertThat(JsonLines.toJson(a)).isEqualTo(Reference.toJson(a));
    }

    @Property(tries = 2000, seed = "7")
    void aggregatesAndQuestionStats(@ForAll("texts") String s1, @ForAll("texts") String s2,
            @ForAll("doubles") double d1, @ForAll("doubles") double d2, @ForAll long n, @ForAll int i) {
        LearnerAggregate a = new LearnerAggregate();
        a.key = s1;
        a.status = s2;
        a.revision = i;
        a.learnerId = s2;
        a.windowStart = n;
        a.windowEnd = -n;
        a.events = i;
        a.attempts = i / 2;
        a.correct = i / 3;
        a.meanScore = d1;
        a.hints = i;
        a.videoSeconds = d2;
        a.pagesViewed = i;
        assertThat(JsonLines.toJson(a)).isEqualTo(Reference.toJson(a));

        QuestionStats q = new QuestionStats();
        q.key = s1;
        q.status = s2;
        q.revision = i;
        q.questionId = s2;
        q.courseId = s1;
        q.attempts = n;
        q.firstAttempts = i;
        q.firstAttemptsCorrect = n / 2;
        q.firstAttemptCorrectRate = d1;
        q.difficulty = d2;
        q.discrimination = -d1;
        q.meanHints = -d2;
        q.hints = n;
        q.eventTime = n;
        assertThat(JsonLines.toJson(q)).isEqualTo(Reference.toJson(q));
    }

    @Property(tries = 2000, seed = "7")
    void sessionsMasteryAndInterventions(@ForAll("texts") String s1, @ForAll("texts") String s2,
            @ForAll("doubles") double d1, @ForAll long n, @ForAll int i, @ForAll("skills") String[] ids) {
        LearnerSession s = new LearnerSession();
        s.key = s1;
        s.status = s2;
        s.revision = i;
        s.learnerId = s1;
        s.courseId = s2;
        s.start = n;
        s.end = n / 2;
        s.events = i;
        s.clicks = i / 2;
        s.videoEvents = i / 3;
        s.attempts = i / 4;
        s.hints = i / 5;
        s.otherEvents = -i;
        s.activeSeconds = d1;
        assertThat(JsonLines.toJson(s)).isEqualTo(Reference.toJson(s));

        MasteryRecord m = new MasteryRecord();
        m.key = s1;
        m.status = s2;
        m.revision = i;
        m.learnerId = s2;
        m.courseId = s1;
        m.skillId = s2;
        m.pMastery = d1;
        m.attempts = i;
        m.eventTime = n;
        m.triggerEventId = s1;
        assertThat(JsonLines.toJson(m)).isEqualTo(Reference.toJson(m));

        Intervention iv = new Intervention();
        iv.interventionId = s1;
        iv.learnerId = s2;
        iv.courseId = s1;
        iv.rule = s2;
        iv.objectId = s1;
        iv.message = s2;
        iv.triggerEventIds = ids;
        iv.eventTime = n;
        iv.emittedAt = -n;
        iv.latencyMs = i;
        iv.profile = i % 3 == 0 ? null : profile(s2, s1, ids, i % 2 == 0);
        assertThat(JsonLines.toJson(iv)).isEqualTo(Reference.toJson(iv));
    }

    @Property(tries = 2000, seed = "7")
    void deadLettersLateAndParsedEvents(@ForAll("texts") String s1, @ForAll("texts") String s2,
            @ForAll("doubles") double d1, @ForAll("doubles") double d2, @ForAll long n, @ForAll int i,
            @ForAll boolean b, @ForAll("skills") String[] skills) {
        DeadLetter d = new DeadLetter(s1, s2, s1, s2, n);
        assertThat(JsonLines.toJson(d)).isEqualTo(Reference.toJson(d));

        LateEvent l = new LateEvent();
        l.eventId = s1;
        l.source = s2;
        l.learnerId = s1;
        l.eventTime = n;
        l.watermark = -n;
        l.lateByMs = i;
        l.reason = s2;
        l.raw = s1;
        assertThat(JsonLines.toJson(l)).isEqualTo(Reference.toJson(l));

        for (EventKind kind : EventKind.values()) {
            LearnerEvent e = new LearnerEvent();
            e.eventId = s1;
            e.source = s2;
            e.format = s1;
            e.kind = kind;
            e.learnerId = s2;
            e.courseId = s1;
            e.objectId = s2;
            e.eventTime = n;
            e.pageId = s1;
            e.clickType = s2;
            e.videoId = s2;
            e.videoAction = VideoAction.values()[Math.floorMod(i, VideoAction.values().length)];
            e.position = d1;
            e.seekFrom = d2;
            e.questionId = s1;
            e.score = d2;
            e.maxScore = d1;
            e.correct = b;
            e.attemptNumber = i;
            e.hintIndex = -i;
            e.skillIds = skills;
            assertThat(JsonLines.toJson(e)).isEqualTo(Reference.toJson(e));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange((char) 0, (char) 0x7f).ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u2028\ud83d\ude00a{}[]:,").ofMaxLength(20),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String[]> skills() {
        return Arbitraries.oneOf(texts().array(String[].class).ofMaxSize(4), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .withSpecialValue(Double.NEGATIVE_INFINITY).withSpecialValue(Double.MIN_VALUE)
                        .withSpecialValue(Double.MAX_VALUE).withSpecialValue(-0.0).withSpecialValue(0.0)
                        .withSpecialValue(1e7).withSpecialValue(9_999_999.0).withSpecialValue(-9_999_999.0)
                        .withSpecialValue(1e-3).withSpecialValue(0.5),
                Arbitraries.longs().between(-20_000_000L, 20_000_000L).map(v -> (double) v),
                Arbitraries.longs().map(Double::longBitsToDouble));
    }

    private static io.learnpulse.core.profile.ProfileSummary profile(String cohort, String locale, String[] instructors,
            boolean accommodations) {
        io.learnpulse.core.profile.ProfileSummary p = new io.learnpulse.core.profile.ProfileSummary();
        p.cohort = cohort;
        p.locale = locale;
        p.instructors = instructors == null ? new String[0] : instructors;
        p.accommodations = accommodations;
        return p;
    }

    /** The writers as they were, on Jackson's JsonGenerator. */
    static final class Reference {
        private static final JsonFactory JSON = new JsonFactory();

        static String toJson(FusedAttempt a) {
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

        static String toJson(LearnerAggregate a) {
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

        static String toJson(QuestionStats s) {
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

        static String toJson(LearnerSession s) {
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

        static String toJson(MasteryRecord m) {
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

        static String toJson(Intervention iv) {
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

        static String toJson(DeadLetter d) {
            return object(d.raw == null ? 128 : d.raw.length() + 128, g -> {
                g.writeStringField("raw", d.raw);
                g.writeStringField("source", d.source);
                g.writeStringField("reason", d.reason);
                g.writeStringField("error", d.error);
                g.writeNumberField("received_at", d.receivedAt);
            });
        }

        static String toJson(LateEvent l) {
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
        static String toJson(LearnerEvent e) {
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


        @FunctionalInterface
        private interface Fields {
            void write(JsonGenerator g) throws IOException;
        }

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
    }
}
