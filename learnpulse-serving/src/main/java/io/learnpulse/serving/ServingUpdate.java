package io.learnpulse.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.LearnerSession;
import io.learnpulse.core.result.MasteryRecord;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
import io.learnpulse.core.rules.Intervention;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * One pipeline record (or an enrollment) prepared for a {@link ServingStore}: the view slot it goes to, its JSON
 * (the pipeline's own output line) and its <b>order</b>, which decides, independently of arrival order, whether it
 * replaces what the slot holds.
 *
 * <p>An order is a tuple of integers compared left to right; a record replaces the stored one only when its order
 * is strictly greater, so re-applying a record is a no-op and any arrival order ends in the same state:
 *
 * <table>
 *   <caption>orders</caption>
 *   <tr><th>record</th><th>slot</th><th>order</th></tr>
 *   <tr><td>fused attempt</td><td>learner, attempt key</td><td>status, revision, 0, event time, content hash</td></tr>
 *   <tr><td>mastery</td><td>learner, skill</td><td>first attempts, status, revision, event time, content hash</td></tr>
 *   <tr><td>question stats</td><td>course, question</td><td>status, revision, attempts, event time, content hash</td></tr>
 *   <tr><td>aggregate</td><td>learner's latest window</td><td>window end, status, revision, 0, content hash</td></tr>
 *   <tr><td>session</td><td>learner's latest session</td><td>start, status, revision, end, content hash</td></tr>
 *   <tr><td>intervention</td><td>learner and course, intervention id</td><td>minus emission time, content hash</td></tr>
 * </table>
 *
 * <p>Status counts final as 1 and speculative as 0, so for one key a final record always beats a speculative one
 * and a higher revision a lower one, as the output contract says; the further fields only break ties between
 * speculative records of one key (a later preview wins) and, last, the content hash makes the choice
 * deterministic. For the "latest" slots the newer window or session wins first. An intervention id is one
 * deterministic intervention; a re-emission after a failure only differs in its wall-clock emission time, and
 * the first emission is kept.
 */
public final class ServingUpdate {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long HASH_MASK = (1L << 52) - 1;

    /** The view an update goes to. */
    enum Kind {
        ATTEMPT("attempt"), MASTERY("mastery"), AGGREGATE("aggregate"), SESSION("session"),
        QUESTION_STATS("question"), INTERVENTION("intervention"), ENROLLMENT("enrollment");

        final String wire;

        Kind(String wire) {
            this.wire = wire;
        }
    }

    final Kind kind;
    /** Null for question statistics. */
    final String learnerId;
    /** Null when the record has none (aggregates, or a record without a course). */
    final String courseId;
    /** The slot within the view: attempt key, skill, "aggregate" or "session", question, intervention id, course. */
    final String field;
    /** Null for enrollments. */
    final long[] order;
    /** Null for enrollments. */
    final String json;
    /** Event time of the learner's activity in the course, or {@link Long#MIN_VALUE} when the record shows none. */
    final long activityTime;
    /** Mastery only: the estimate and the first attempts it rests on. */
    final double pMastery;
    final int firstAttempts;
    /** Interventions only. */
    final String rule;
    final String objectId;

    private ServingUpdate(Kind kind, String learnerId, String courseId, String field, long[] order, String json,
                          long activityTime, double pMastery, int firstAttempts, String rule, String objectId) {
        this.kind = kind;
        this.learnerId = learnerId;
        this.courseId = courseId;
        this.field = field;
        this.order = order;
        this.json = json;
        this.activityTime = activityTime;
        this.pMastery = pMastery;
        this.firstAttempts = firstAttempts;
        this.rule = rule;
        this.objectId = objectId;
    }

    /**
     * The update of a pipeline record: a {@link FusedAttempt}, {@link MasteryRecord}, {@link LearnerAggregate},
     * {@link QuestionStats}, {@link LearnerSession}, {@link Intervention} or {@link Enrollment}.
     *
     * @throws IllegalArgumentException for another type, or a record without the ids its views need
     */
    public static ServingUpdate of(Object record) {
        if (record instanceof FusedAttempt) {
            return of((FusedAttempt) record);
        }
        if (record instanceof MasteryRecord) {
            return of((MasteryRecord) record);
        }
        if (record instanceof LearnerAggregate) {
            return of((LearnerAggregate) record);
        }
        if (record instanceof QuestionStats) {
            return of((QuestionStats) record);
        }
        if (record instanceof LearnerSession) {
            return of((LearnerSession) record);
        }
        if (record instanceof Intervention) {
            return of((Intervention) record);
        }
        if (record instanceof Enrollment) {
            Enrollment e = (Enrollment) record;
            return enrollment(e.learnerId(), e.courseId());
        }
        if (record instanceof ServingUpdate) {
            return (ServingUpdate) record;
        }
        throw new IllegalArgumentException("the serving store takes FusedAttempt, MasteryRecord, LearnerAggregate, "
                + "QuestionStats, LearnerSession, Intervention and Enrollment records, not "
                + (record == null ? "null" : record.getClass().getName()));
    }

    /** True for the record types {@link #of(Object)} takes. */
    static boolean supports(Object record) {
        return record instanceof FusedAttempt || record instanceof MasteryRecord || record instanceof LearnerAggregate
                || record instanceof QuestionStats || record instanceof LearnerSession || record instanceof Intervention
                || record instanceof Enrollment || record instanceof ServingUpdate;
    }

    public static ServingUpdate of(FusedAttempt a) {
        require(a.key, "fused attempt", "key");
        require(a.learnerId, "fused attempt " + a.key, "learner_id");
        String json = JsonLines.toJson(a);
        return new ServingUpdate(Kind.ATTEMPT, a.learnerId, a.courseId, a.key,
                new long[] {rank(a.status), a.revision, 0, a.eventTime, hash(json)}, json, a.eventTime,
                Double.NaN, 0, null, null);
    }

    public static ServingUpdate of(MasteryRecord m) {
        require(m.learnerId, "mastery record " + m.key, "learner_id");
        require(m.skillId, "mastery record " + m.key, "skill_id");
        String json = JsonLines.toJson(m);
        return new ServingUpdate(Kind.MASTERY, m.learnerId, m.courseId, m.skillId,
                new long[] {m.attempts, rank(m.status), m.revision, m.eventTime, hash(json)}, json, m.eventTime,
                m.pMastery, m.attempts, null, null);
    }

    public static ServingUpdate of(LearnerAggregate g) {
        require(g.learnerId, "aggregate " + g.key, "learner_id");
        String json = JsonLines.toJson(g);
        return new ServingUpdate(Kind.AGGREGATE, g.learnerId, null, "aggregate",
                new long[] {g.windowEnd, rank(g.status), g.revision, 0, hash(json)}, json, Long.MIN_VALUE,
                Double.NaN, 0, null, null);
    }

    public static ServingUpdate of(LearnerSession s) {
        require(s.learnerId, "session " + s.key, "learner_id");
        String json = JsonLines.toJson(s);
        return new ServingUpdate(Kind.SESSION, s.learnerId, s.courseId, "session",
                new long[] {s.start, rank(s.status), s.revision, s.end, hash(json)}, json, s.end,
                Double.NaN, 0, null, null);
    }

    public static ServingUpdate of(QuestionStats q) {
        require(q.questionId, "question stats " + q.key, "question_id");
        require(q.courseId, "question stats " + q.key, "course_id");
        String json = JsonLines.toJson(q);
        return new ServingUpdate(Kind.QUESTION_STATS, null, q.courseId, q.questionId,
                new long[] {rank(q.status), q.revision, q.attempts, q.eventTime, hash(json)}, json, Long.MIN_VALUE,
                Double.NaN, 0, null, null);
    }

    public static ServingUpdate of(Intervention iv) {
        require(iv.interventionId, "intervention", "intervention_id");
        require(iv.learnerId, "intervention " + iv.interventionId, "learner_id");
        String json = JsonLines.toJson(iv);
        return new ServingUpdate(Kind.INTERVENTION, iv.learnerId, iv.courseId, iv.interventionId,
                new long[] {-iv.emittedAt, hash(json)}, json, iv.eventTime, Double.NaN, 0, iv.rule, iv.objectId);
    }

    /** The learner (in its stored, pseudonymized form) is enrolled in the course. */
    public static ServingUpdate enrollment(String learnerId, String courseId) {
        require(learnerId, "enrollment", "learner id");
        require(courseId, "enrollment", "course id");
        return new ServingUpdate(Kind.ENROLLMENT, learnerId, courseId, courseId, null, null, Long.MIN_VALUE,
                Double.NaN, 0, null, null);
    }

    /** True when the update shows the learner active in its course at {@link #activityTime}. */
    boolean hasActivity() {
        return learnerId != null && courseId != null && activityTime != Long.MIN_VALUE;
    }

    /**
     * The struggle signal this update raises under {@code settings}, or null: every intervention in a course, and a
     * mastery estimate below the threshold that rests on enough first attempts.
     */
    Signal signal(StoreSettings settings) {
        if (!hasActivity()) {
            return null;
        }
        if (kind == Kind.INTERVENTION) {
            return Signal.of("intervention", rule, objectId, Double.NaN, activityTime);
        }
        if (kind == Kind.MASTERY && pMastery < settings.masteryThreshold()
                && firstAttempts >= settings.masteryMinAttempts()) {
            return Signal.of("low_mastery", null, field, pMastery, activityTime);
        }
        return null;
    }

    /** A struggle signal: its JSON and its order (event time first, so the latest signal is kept). */
    static final class Signal {
        final String json;
        final long[] order;

        private Signal(String json, long[] order) {
            this.json = json;
            this.order = order;
        }

        static Signal of(String signal, String rule, String objectId, double pMastery, long eventTime) {
            StringWriter out = new StringWriter(128);
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("signal", signal);
                g.writeStringField("rule", rule);
                g.writeStringField("object_id", objectId);
                if (Double.isFinite(pMastery)) {
                    g.writeNumberField("p_mastery", pMastery);
                } else {
                    g.writeNullField("p_mastery");
                }
                g.writeNumberField("event_time", eventTime);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String json = out.toString();
            return new Signal(json, new long[] {eventTime, hash(json)});
        }
    }

    /** The order as the Redis script reads it: the integers, comma-separated. */
    static String orderString(long[] order) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < order.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(order[i]);
        }
        return sb.toString();
    }

    /** True when {@code a} is strictly greater than {@code b}; a missing trailing element counts as 0. */
    static boolean newer(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        for (int i = 0; i < n; i++) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            if (x != y) {
                return x > y;
            }
        }
        return false;
    }

    private static long rank(String status) {
        return Status.FINAL.equals(status) ? 1 : 0;
    }

    /**
     * 64-bit FNV-1a of the text, cut to 52 bits: the Redis script compares orders as Lua numbers (doubles), exact
     * only up to 2^53.
     */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h & HASH_MASK;
    }

    private static void require(String value, String what, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " has no " + field + ": it cannot be stored for serving");
        }
    }

    @Override
    public String toString() {
        return "ServingUpdate{" + kind.wire + " learner=" + learnerId + " course=" + courseId + " field=" + field
                + (order == null ? "" : " order=" + Arrays.toString(order)) + '}';
    }
}
