package io.learnpulse.core.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A hint for the learner or an alert for the instructor, raised by one of the {@link Rule}s.
 *
 * <p>Flink POJO style: public fields, no-arg constructor. Everything but {@code emittedAt} and
 * {@code latencyMs} is a pure function of the rule's inputs; those two are wall-clock values the
 * operator fills in with {@link #markEmitted} when it sends the record (they stay 0 until then).
 */
public class Intervention {
    /** {@code iv-} + 32 hex digits: a hash of rule, learner, object and trigger event ids (see {@link #idFor}). */
    public String interventionId;
    public String learnerId;
    public String courseId;
    /** The rule's wire name, e.g. {@code review_segment} ({@link Rule#wireName()}). */
    public String rule;
    /** What the intervention is about: segment (R1), question (R2), skill (R3), course (R4). */
    public String objectId;
    public String message;
    /** The events that triggered it, oldest first. */
    public String[] triggerEventIds;
    /** Event time at which the rule fired: the triggering event's time (R4: the idle deadline). */
    public long eventTime;
    /** Wall-clock time the operator emitted it (0 until {@link #markEmitted}). */
    public long emittedAt;
    /** emittedAt minus the wall-clock receive time of the triggering event (0 until {@link #markEmitted}). */
    public long latencyMs;
    /** The learner's profile (who to notify, in which language, accommodations) when known; else null. */
    public io.learnpulse.core.profile.ProfileSummary profile;

    public Intervention() {}

    public Intervention(Rule rule, String learnerId, String courseId, String objectId, String message,
                        String[] triggerEventIds, long eventTime) {
        this.interventionId = idFor(rule, learnerId, objectId, triggerEventIds);
        this.learnerId = learnerId;
        this.courseId = courseId;
        this.rule = rule.wireName();
        this.objectId = objectId;
        this.message = message;
        this.triggerEventIds = triggerEventIds.clone();
        this.eventTime = eventTime;
    }

    /** Sets the wall-clock emission time and the latency from the trigger's receive time. */
    public Intervention markEmitted(long emittedAt, long triggerReceivedAt) {
        this.emittedAt = emittedAt;
        this.latencyMs = emittedAt - triggerReceivedAt;
        return this;
    }

    /**
     * The deterministic id: {@code iv-} followed by the first 16 bytes, as 32 lower-case hex digits, of
     * the SHA-256 of the rule's wire name, the learner id, the object id, the number of trigger ids and
     * the trigger ids, each string encoded as a 4-byte big-endian length and its UTF-8 bytes (null as
     * length -1).
     */
    public static String idFor(Rule rule, String learnerId, String objectId, String[] triggerEventIds) {
        MessageDigest md = SHA256.get();
        md.reset();
        put(md, rule.wireName());
        put(md, learnerId);
        put(md, objectId);
        putInt(md, triggerEventIds.length);
        for (String id : triggerEventIds) {
            put(md, id);
        }
        byte[] h = md.digest();
        StringBuilder sb = new StringBuilder(35).append("iv-");
        for (int i = 0; i < 16; i++) {
            sb.append(Character.forDigit((h[i] >> 4) & 0xf, 16)).append(Character.forDigit(h[i] & 0xf, 16));
        }
        return sb.toString();
    }

    /** One digest per thread: looking the algorithm up costs more than hashing the few bytes of an id. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    private static void put(MessageDigest md, String s) {
        if (s == null) {
            putInt(md, -1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(md, b.length);
        md.update(b);
    }

    private static void putInt(MessageDigest md, int v) {
        md.update((byte) (v >>> 24));
        md.update((byte) (v >>> 16));
        md.update((byte) (v >>> 8));
        md.update((byte) v);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Intervention)) {
            return false;
        }
        Intervention i = (Intervention) o;
        return eventTime == i.eventTime && emittedAt == i.emittedAt && latencyMs == i.latencyMs
                && Objects.equals(interventionId, i.interventionId) && Objects.equals(learnerId, i.learnerId)
                && Objects.equals(courseId, i.courseId) && Objects.equals(rule, i.rule)
                && Objects.equals(objectId, i.objectId) && Objects.equals(message, i.message)
                && Arrays.equals(triggerEventIds, i.triggerEventIds) && Objects.equals(profile, i.profile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(interventionId, eventTime);
    }

    @Override
    public String toString() {
        return "Intervention{" + rule + ' ' + interventionId + " learner=" + learnerId + " course=" + courseId
                + " object=" + objectId + " triggers=" + Arrays.toString(triggerEventIds) + " t=" + eventTime
                + " '" + message + "'}";
    }
}
