package io.learnpulse.core.rules;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.model.SkillMastery;
import io.learnpulse.core.result.FusedAttempt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The intervention-rule state of one learner, and the rules themselves (docs/models.md, "Intervention
 * rules"). Plain Java, no Flink: the learner operator keeps one per learner, feeds it, and emits what
 * each call returns.
 *
 * <ul>
 *   <li>{@link #onFusedAttempt} — every fused attempt (R1 review_segment, R2 repeated_failure; it is
 *       also activity for R4);</li>
 *   <li>{@link #onMastery} — the skill estimates an attempt updated (R3 low_mastery);</li>
 *   <li>{@link #onActivity} — every other event of the learner (R4 disengagement: any event cancels a
 *       pending alert, a wrong ATTEMPT arms one);</li>
 *   <li>{@link #onTimer} — when event time reaches {@link #nextDeadline()} (R4). The operator registers
 *       an event-time timer for {@code nextDeadline()} after every call; a timer for a deadline that has
 *       since been cancelled or moved returns nothing, so stale timers are harmless.</li>
 * </ul>
 *
 * <p><b>Determinism.</b> The interventions are a pure function of the sequence of calls. Feed each
 * learner's inputs in event-time order (time, then event id), e.g. the final fused records as the
 * watermark passes them; then the result does not depend on arrival order. Each intervention has a
 * deterministic id ({@link Intervention#idFor}) and is returned at most once: feeding the same input
 * again (a speculative and then a final record, or a revision) never returns the same intervention
 * twice, and a trigger once suppressed by a cooldown stays suppressed.
 *
 * <p><b>Cooldown.</b> Per (rule, object): a rule that fired for an object at event time F does not fire
 * for the same object for a trigger at event time t with |t − F| &lt; cooldown.
 *
 * <p><b>State.</b> Only strings, boxed longs, lists and maps of them, so a hand-written serializer can
 * write the public fields directly. {@link #pruneBefore} bounds it.
 */
public final class LearnerRules {

    /** {@link #nextDeadline()} when no timer is needed. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /** The learner, taken from the first input. */
    public String learnerId;
    /** Inputs with an event time before this are ignored (set by {@link #pruneBefore}). */
    public long ignoreBefore = Long.MIN_VALUE;

    /**
     * Intervention ids already decided — emitted, or suppressed by a cooldown — with the event time of
     * the intervention. A decided id is never emitted (again).
     */
    public final Map<String, Long> decided = new HashMap<>();
    /** {@code rule wire name + '|' + object id} → event time of the rule's latest intervention for it. */
    public final Map<String, Long> lastFired = new HashMap<>();

    /** R2: recent wrong attempts (parallel lists), sorted by (time, event id). */
    public final List<String> wrongQuestionIds = new ArrayList<>();
    public final List<String> wrongEventIds = new ArrayList<>();
    public final List<Long> wrongTimes = new ArrayList<>();

    /** R4: the latest activity seen, by (time, event id); null id before any. */
    public long lastActivityTime = Long.MIN_VALUE;
    public String lastActivityId;

    /** R4: the wrong attempt waiting for its idle deadline; null id when none. */
    public String pendingEventId;
    public String pendingCourseId;
    public String pendingQuestionId;
    public long pendingTime;
    public long pendingDeadline = NO_DEADLINE;

    // Lower bounds of the times at which entries of decided and lastFired can be pruned, valid while the
    // map still has the size recorded with them (entries put into the public maps from outside, as a
    // deserializer does, make them unknown). Not part of the state: derived, and rebuilt by one pass.
    private long decidedFloor = Long.MIN_VALUE;
    private int decidedSize = -1;
    private long firedFloor = Long.MIN_VALUE;
    private int firedSize = -1;

    public LearnerRules() {}

    // =========================================================================================== inputs

    /**
     * A fused attempt: R1 and R2, and activity for R4 (a wrong attempt arms a disengagement alert).
     *
     * @param catalog gives the linked segment's time range for the R1 message (may be empty: the message
     *     then names the segment only)
     */
    public List<Intervention> onFusedAttempt(FusedAttempt a, Catalog catalog, RulesConfig config) {
        if (a.eventTime < ignoreBefore) {
            return List.of();
        }
        noteLearner(a.learnerId);
        List<Intervention> out = new ArrayList<>(1);
        activity(a.eventTime, a.eventId, a.courseId, a.questionId, true, a.correct, config, out);
        if (!a.correct) {
            reviewSegment(a, catalog, config, out);
            repeatedFailure(a, config, out);
        }
        return out;
    }

    /**
     * Any event of the learner (all kinds, all courses): cancels a pending R4 alert if it comes after the
     * wrong attempt and before the deadline, and a wrong ATTEMPT arms a new one. Feeding an attempt here
     * as well as to {@link #onFusedAttempt} is harmless.
     */
    public List<Intervention> onActivity(LearnerEvent e, RulesConfig config) {
        if (e.eventTime < ignoreBefore) {
            return List.of();
        }
        noteLearner(e.learnerId);
        List<Intervention> out = new ArrayList<>(0);
        activity(e.eventTime, e.eventId, e.courseId, e.questionId, e.kind == EventKind.ATTEMPT, e.correct, config, out);
        return out;
    }

    /** R3 for every estimate an attempt updated; see {@link #onMastery(String, String, String, long, SkillMastery, RulesConfig)}. */
    public List<Intervention> onMastery(FusedAttempt trigger, Collection<SkillMastery> updated, RulesConfig config) {
        List<Intervention> out = new ArrayList<>(0);
        for (SkillMastery m : updated) {
            out.addAll(onMastery(trigger.learnerId, trigger.courseId, trigger.eventId, trigger.eventTime, m, config));
        }
        return out;
    }

    /**
     * R3 low_mastery: the estimate {@code m}, just updated by attempt {@code triggerEventId} at
     * {@code eventTime}, is below the threshold after at least the minimum number of first attempts.
     */
    public List<Intervention> onMastery(String learnerId, String courseId, String triggerEventId, long eventTime,
                                        SkillMastery m, RulesConfig config) {
        if (eventTime < ignoreBefore || !config.lowMasteryEnabled) {
            return List.of();
        }
        noteLearner(learnerId);
        if (m.firstAttempts < config.lowMasteryMinFirstAttempts || !(m.pMastery < config.lowMasteryThreshold)) {
            return List.of();
        }
        Supplier<String> message = () -> String.format(Locale.ROOT,
                "Mastery of skill %s is %.2f after %d first attempts (alert below %.2f).",
                m.skillId, m.pMastery, m.firstAttempts, config.lowMasteryThreshold);
        List<Intervention> out = new ArrayList<>(1);
        emit(Rule.LOW_MASTERY, courseId, m.skillId, new String[] {triggerEventId}, eventTime, message, config, out);
        return out;
    }

    /**
     * Event time has reached {@code time} (the operator's timer fired): returns the R4 alert whose
     * deadline is at or before {@code time}, if any.
     */
    public List<Intervention> onTimer(long time, RulesConfig config) {
        if (pendingEventId == null || pendingDeadline > time) {
            return List.of();
        }
        List<Intervention> out = new ArrayList<>(1);
        fireDisengagement(config, out);
        return out;
    }

    /** The event time the operator must set a timer for; {@link #NO_DEADLINE} when none is needed. */
    public long nextDeadline() {
        return pendingEventId == null ? NO_DEADLINE : pendingDeadline;
    }

    /**
     * Forgets what cannot matter for inputs at or after {@code horizon}, and ignores inputs before it
     * from now on. Safe whenever no input older than {@code horizon} will be fed again, e.g. with
     * {@code horizon = watermark − allowed lateness}: decided ids and R2 wrong attempts older than what a
     * new trigger can reach, and cooldowns that have run out. A pending R4 alert is kept.
     */
    public void pruneBefore(long horizon, RulesConfig config) {
        if (horizon <= ignoreBefore) {
            return;
        }
        ignoreBefore = horizon;
        // The learner operator prunes on every timer; the passes below run only when something can go.
        if (decidedSize != decided.size() || horizon > decidedFloor) {
            long floor = Long.MAX_VALUE;
            Iterator<Long> times = decided.values().iterator();
            while (times.hasNext()) {
                long t = times.next();
                if (t < horizon) {
                    times.remove();
                } else {
                    floor = Math.min(floor, t);
                }
            }
            decidedFloor = floor;
            decidedSize = decided.size();
        }
        if (firedSize != lastFired.size() || horizon >= firedFloor) {
            long floor = Long.MAX_VALUE;
            Iterator<Map.Entry<String, Long>> it = lastFired.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Long> e = it.next();
                String rule = e.getKey().substring(0, e.getKey().indexOf('|'));
                long until = e.getValue() + config.cooldownMs(Rule.fromWireName(rule));
                if (until <= horizon) {
                    it.remove();
                } else {
                    floor = Math.min(floor, until);
                }
            }
            firedFloor = floor;
            firedSize = lastFired.size();
        }
        long keepFrom = horizon - config.repeatedFailureWindowMs;
        int drop = 0;
        while (drop < wrongTimes.size() && wrongTimes.get(drop) < keepFrom) {
            drop++;
        }
        if (drop > 0) {
            wrongQuestionIds.subList(0, drop).clear();
            wrongEventIds.subList(0, drop).clear();
            wrongTimes.subList(0, drop).clear();
        }
    }

    /** True when nothing is remembered that could change a future result (the operator may drop the state). */
    public boolean isEmpty() {
        return decided.isEmpty() && lastFired.isEmpty() && wrongEventIds.isEmpty() && pendingEventId == null;
    }

    // ====================================================================================== the rules

    /** R1: a wrong attempt with the linked segment's coverage below the threshold. */
    private void reviewSegment(FusedAttempt a, Catalog catalog, RulesConfig config, List<Intervention> out) {
        if (!config.reviewSegmentEnabled || a.segmentId == null || Double.isNaN(a.videoCoverage)
                || !(a.videoCoverage < config.reviewSegmentMaxCoverage)) {
            return;
        }
        Segment s = catalog == null ? null : catalog.segment(a.segmentId);
        String video = s != null ? s.videoId : a.videoId;
        long watched = Math.round(a.videoCoverage * 100.0);
        Supplier<String> message = () -> s != null
                ? String.format(Locale.ROOT, "Review video %s from %s to %s (segment %s): %d%% of it was watched before this attempt on %s.",
                        video, clock(s.start), clock(s.end), s.segmentId, watched, a.questionId)
                : String.format(Locale.ROOT, "Review segment %s of video %s: %d%% of it was watched before this attempt on %s.",
                        a.segmentId, video, watched, a.questionId);
        emit(Rule.REVIEW_SEGMENT, a.courseId, a.segmentId, new String[] {a.eventId}, a.eventTime, message, config, out);
    }

    /** R2: {@code n} wrong attempts on the same question with first and last at most the window apart. */
    private void repeatedFailure(FusedAttempt a, RulesConfig config, List<Intervention> out) {
        if (!config.repeatedFailureEnabled || a.questionId == null) {
            return;
        }
        if (wrongEventIds.contains(a.eventId)) {
            return; // the same attempt again: its runs were evaluated when it first came
        }
        int pos = insertionPoint(a.eventTime, a.eventId);
        wrongQuestionIds.add(pos, a.questionId);
        wrongEventIds.add(pos, a.eventId);
        wrongTimes.add(pos, a.eventTime);

        List<Integer> same = new ArrayList<>();
        int self = -1;
        for (int i = 0; i < wrongEventIds.size(); i++) {
            if (a.questionId.equals(wrongQuestionIds.get(i))) {
                if (i == pos) {
                    self = same.size();
                }
                same.add(i);
            }
        }
        int n = config.repeatedFailureCount;
        // Every run of n consecutive wrong attempts on this question that contains the new one, oldest
        // first (in event-time order the only one is the run ending with it).
        for (int start = Math.max(0, self - n + 1); start <= self && start + n <= same.size(); start++) {
            long first = wrongTimes.get(same.get(start));
            long last = wrongTimes.get(same.get(start + n - 1));
            if (last - first > config.repeatedFailureWindowMs) {
                continue;
            }
            String[] triggers = new String[n];
            for (int k = 0; k < n; k++) {
                triggers[k] = wrongEventIds.get(same.get(start + k));
            }
            Supplier<String> message = () -> String.format(Locale.ROOT,
                    "%d wrong attempts on question %s within %s: offer a worked example.", n, a.questionId, span(last - first));
            if (emit(Rule.REPEATED_FAILURE, a.courseId, a.questionId, triggers, last, message, config, out)) {
                return;
            }
        }
    }

    /** R4 bookkeeping for one event of the learner. */
    private void activity(long time, String eventId, String courseId, String questionId, boolean attempt,
                          boolean correct, RulesConfig config, List<Intervention> out) {
        if (pendingEventId != null && after(time, eventId, pendingTime, pendingEventId)) {
            if (time >= pendingDeadline) {
                fireDisengagement(config, out); // idle until the deadline: due even if no timer fired yet
            } else {
                clearPending();
            }
        }
        boolean latest = lastActivityId == null || after(time, eventId, lastActivityTime, lastActivityId);
        if (!latest) {
            return; // out of order: an event after it is known, so it neither arms nor moves anything
        }
        lastActivityTime = time;
        lastActivityId = eventId;
        if (attempt && !correct && config.disengagementEnabled) {
            pendingEventId = eventId;
            pendingCourseId = courseId;
            pendingQuestionId = questionId;
            pendingTime = time;
            pendingDeadline = time + config.disengagementIdleMs;
        }
    }

    private void fireDisengagement(RulesConfig config, List<Intervention> out) {
        if (config.disengagementEnabled) {
            long idle = pendingDeadline - pendingTime;
            String question = pendingQuestionId;
            String course = pendingCourseId;
            Supplier<String> message = () -> String.format(Locale.ROOT,
                    "No activity for %s after a wrong answer to question %s in course %s.", span(idle), question, course);
            emit(Rule.DISENGAGEMENT, pendingCourseId, pendingCourseId, new String[] {pendingEventId}, pendingDeadline,
                    message, config, out);
        }
        clearPending();
    }

    private void clearPending() {
        pendingEventId = null;
        pendingCourseId = null;
        pendingQuestionId = null;
        pendingTime = 0;
        pendingDeadline = NO_DEADLINE;
    }

    /**
     * Emits an intervention unless its id was already decided or the cooldown of (rule, object) is
     * running; either way the id is then decided. The message is only written for an intervention that
     * is emitted: most candidates are decided already (a speculative then a final input) or cooling down.
     *
     * @return true if it was emitted
     */
    private boolean emit(Rule rule, String courseId, String objectId, String[] triggers, long eventTime,
                         Supplier<String> message, RulesConfig config, List<Intervention> out) {
        String id = Intervention.idFor(rule, learnerId, objectId, triggers);
        if (decided.containsKey(id)) {
            return false;
        }
        noteDecided(id, eventTime);
        String key = rule.wireName() + '|' + objectId;
        Long last = lastFired.get(key);
        if (last != null && Math.abs(eventTime - last) < config.cooldownMs(rule)) {
            return false;
        }
        noteFired(key, last == null ? eventTime : Math.max(last, eventTime), config.cooldownMs(rule));
        out.add(new Intervention(rule, learnerId, courseId, objectId, message.get(), triggers, eventTime));
        return true;
    }

    // ======================================================================================== helpers

    private void noteDecided(String id, long eventTime) {
        boolean tracked = decidedSize == decided.size();
        decided.put(id, eventTime);
        if (tracked) {
            decidedFloor = Math.min(decidedFloor, eventTime);
            decidedSize = decided.size();
        }
    }

    /** {@code time} never lowers the entry it replaces (a cooldown only moves forward). */
    private void noteFired(String key, long time, long cooldownMs) {
        boolean tracked = firedSize == lastFired.size();
        boolean added = lastFired.put(key, time) == null;
        if (tracked) {
            firedFloor = Math.min(firedFloor, time + cooldownMs);
            firedSize = added ? firedSize + 1 : firedSize;
        }
    }

    private void noteLearner(String id) {
        if (learnerId == null) {
            learnerId = id;
        }
    }

    private int insertionPoint(long time, String eventId) {
        int i = wrongTimes.size();
        while (i > 0 && after(wrongTimes.get(i - 1), wrongEventIds.get(i - 1), time, eventId)) {
            i--;
        }
        return i;
    }

    /** (t1, id1) comes strictly after (t2, id2) in event-time order. */
    private static boolean after(long t1, String id1, long t2, String id2) {
        if (t1 != t2) {
            return t1 > t2;
        }
        return id1 != null && id2 != null && id1.compareTo(id2) > 0;
    }

    /** Seconds as m:ss (h:mm:ss from an hour), whole seconds rounded down. */
    static String clock(double seconds) {
        long s = (long) Math.floor(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Milliseconds as "4 min 30 s", "15 min", "45 s". */
    static String span(long ms) {
        long s = ms / 1000;
        long m = s / 60;
        s %= 60;
        if (m == 0) {
            return s + " s";
        }
        return s == 0 ? m + " min" : m + " min " + s + " s";
    }
}
