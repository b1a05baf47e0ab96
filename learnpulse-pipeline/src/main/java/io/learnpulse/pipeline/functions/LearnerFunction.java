package io.learnpulse.pipeline.functions;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.fusion.FusionCalculator;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.fusion.LearnerTimeline;
import io.learnpulse.core.fusion.PlaybackIntervals;
import io.learnpulse.core.fusion.SeenEvents;
import io.learnpulse.core.fusion.WindowAggregator;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.LearnerSession;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.Outputs;
import io.learnpulse.pipeline.state.LearnerState;
import io.learnpulse.pipeline.state.LearnerStateSerializer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.model.BktParameterSet;
import io.learnpulse.core.model.BktParams;
import io.learnpulse.core.model.LearnerMastery;
import io.learnpulse.core.model.SkillMastery;
import io.learnpulse.core.result.ItemObservation;
import io.learnpulse.core.result.MasteryRecord;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.rules.LearnerRules;
import io.learnpulse.core.rules.RulesConfig;
import io.learnpulse.pipeline.metrics.LatencyHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;

/**
 * The per-learner heart of the pipeline: deduplicates the learner's events, keeps the recent ones in
 * event-time order, and emits
 * <ul>
 *   <li>a <b>speculative</b> fused attempt the moment an attempt arrives (lowest latency), </li>
 *   <li>a <b>final</b> fused attempt and the final sliding-window aggregates once the watermark has
 *       passed them, computed over the learner's events in event-time order, and</li>
 *   <li>a new final <b>revision</b> of any result a late-but-allowed event changes.</li>
 * </ul>
 * Because final results are pure functions of the events in their time range, the latest final
 * revision per key does not depend on arrival order (as long as events stay within allowed lateness).
 *
 * <p>State is bounded, by event-time timers: events leave the timeline once no result that may still
 * be revised needs them, event ids are remembered for deduplication for the configured retention, and
 * the learner's entry is cleared when nothing is left (a processing-time TTL is the backstop).
 */
public class LearnerFunction extends KeyedProcessFunction<String, LearnerEvent, FusedAttempt> {
    private static final long serialVersionUID = 1L;
    private static final String AGGREGATE_KEY_PREFIX = "@";

    private final Catalog catalog;
    private final LearnPulseConfig config;
    private final long fusionWindowMs;
    private final long aggregateSizeMs;
    private final long aggregateSlideMs;
    private final long maxAllowedLatenessMs;
    private final long playbackLookbackMs;
    private final long sessionGapMs;
    private final long dedupRetentionMs;
    private final long sessionMaxDurationMs;
    private final long sessionActiveGapMs;
    /** How long events stay in the timeline after the watermark passed them. */
    private final long retentionMs;

    private final RulesConfig rulesConfig;
    private final long stateTtlMs;
    /** Deduplication already rejects every id the timeline could still hold, unless it forgets ids sooner. */
    private final boolean timelineRejectsRepeatedIds;

    private transient BktParameterSet bkt;
    private transient FusionCalculator fusion;
    private transient WindowAggregator aggregator;
    /** Scratch for rebuilding playback intervals, reused by every fusion and aggregation of this task. */
    private transient PlaybackIntervals playback;
    private transient ValueState<LearnerState> learnerState;
    private transient Counter duplicates;
    private transient Counter conflicting;
    private transient Counter lateBehindWatermark;
    private transient Counter revisions;
    private transient MetricGroup metrics;
    private transient Map<String, Counter> interventionsByRule;
    private transient LatencyHistogram interventionLatency;
    /** Learners this task holds state for: created minus cleared since the task started (see open). */
    private transient long learnersWithState;

    public LearnerFunction(Catalog catalog, LearnPulseConfig config) {
        this.catalog = catalog;
        this.config = config;
        this.fusionWindowMs = config.fusionWindow().toMillis();
        this.aggregateSizeMs = config.aggregateWindow().toMillis();
        this.aggregateSlideMs = config.aggregateSlide().toMillis();
        this.maxAllowedLatenessMs = config.maxAllowedLateness().toMillis();
        this.playbackLookbackMs = config.playbackLookback().toMillis();
        this.sessionGapMs = config.sessionGap().toMillis();
        this.dedupRetentionMs = config.dedupRetention().toMillis();
        this.sessionMaxDurationMs = config.sessionMaxDuration().toMillis();
        this.sessionActiveGapMs = config.sessionActiveGap().toMillis();
        this.retentionMs = Math.max(fusionWindowMs, aggregateSizeMs + playbackLookbackMs) + maxAllowedLatenessMs;
        this.rulesConfig = config.rules();
        this.stateTtlMs = config.learnerStateTtl().toMillis();
        this.timelineRejectsRepeatedIds = dedupRetentionMs < retentionMs;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        bkt = BktParameterSet.fromConfig(config);
        fusion = new FusionCalculator(catalog, fusionWindowMs);
        aggregator = new WindowAggregator(catalog, playbackLookbackMs);
        playback = new PlaybackIntervals(catalog);

        ValueStateDescriptor<LearnerState> stateDesc =
                new ValueStateDescriptor<>("learner", LearnerStateSerializer.INSTANCE);
        // Event-time timers clean learner state; the TTL is only a backstop, so no background sweeps on the hot path.
        stateDesc.enableTimeToLive(StateTtlConfig.newBuilder(config.learnerStateTtl()).disableCleanupInBackground().build());
        learnerState = getRuntimeContext().getState(stateDesc);

        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        duplicates = g.counter("duplicates");
        conflicting = g.addGroup("reason", DeadLetterReason.CONFLICTING_DUPLICATE).counter("dead_letters");
        lateBehindWatermark = g.counter("late_events_behind_watermark");
        revisions = g.counter("final_revisions");
        metrics = g;
        interventionsByRule = new HashMap<>();
        interventionLatency = g.histogram("intervention_latency_us", new LatencyHistogram());
        // Counted here rather than by iterating the state backend, which must not be read from the
        // reporter's thread. After a restore it counts only learners that were new or cleared since.
        learnersWithState = 0;
        g.gauge("learners_with_state", () -> learnersWithState);
    }

    @Override
    public void processElement(LearnerEvent input, Context ctx, Collector<FusedAttempt> out) throws Exception {
        // With object reuse the runtime may hand the same instance back for the next record: keep a copy.
        LearnerEvent e = input.copy();
        long watermark = ctx.timerService().currentWatermark();
        long allowed = config.lateness(e.source).allowedLateness().toMillis();
        if (watermark != Long.MIN_VALUE && e.eventTime < watermark - allowed) {
            // Possible when another source's watermark ran ahead (e.g. this source was idle).
            lateBehindWatermark.inc();
            ctx.output(Outputs.LATE, ParseFunction.late(e, JsonLines.toJson(e), watermark, watermark - allowed - e.eventTime));
            return;
        }
        LearnerState st = learnerState.value();
        if (st == null) {
            st = new LearnerState(timelineRejectsRepeatedIds);
            learnersWithState++;
        }
        if (isDuplicate(e, st, ctx)) {
            if (st.isEmpty()) {
                learnerState.clear();
                learnersWithState--;
            }
            return;
        }
        st.timeline.add(e);
        st.lastEventTime = Math.max(st.lastEventTime, e.eventTime);

        if (e.kind == EventKind.ATTEMPT) {
            FusedAttempt speculative = fusion.fuse(e, st.timeline, playback);
            speculative.status = Status.SPECULATIVE;
            speculative.revision = 0;
            out.collect(speculative);
            List<SkillMastery> mastery = speculativeMastery(e, speculative.skillIds, st, ctx);
            emit(st.rules.onFusedAttempt(speculative, catalog, rulesConfig), e.ingestTime, ctx);
            emit(st.rules.onMastery(speculative, mastery, rulesConfig), e.ingestTime, ctx);
            ctx.output(Outputs.ITEMS, observation(e, false, Double.NaN));
        } else {
            emit(st.rules.onActivity(e, rulesConfig), e.ingestTime, ctx);
            if (e.kind == EventKind.HINT && e.questionId != null) {
                ctx.output(Outputs.ITEMS, observation(e, false, Double.NaN));
            }
        }
        long deadline = st.rules.nextDeadline();
        if (deadline != LearnerRules.NO_DEADLINE && deadline <= st.finalizedUpTo) {
            // Already passed: fires with the next watermark (later deadlines are scheduled by scheduleNext).
            registerTimer(st, deadline, ctx.timerService());
        }

        if (e.eventTime <= st.finalizedUpTo) {
            revise(e, st, ctx, out);
        }
        scheduleNext(st, st.finalizedUpTo, ctx.timerService());
        learnerState.update(st);
    }

    private boolean isDuplicate(LearnerEvent e, LearnerState st, Context ctx) {
        int seen = st.seen.check(e.eventId, e.contentHash(), e.eventTime);
        if (seen == SeenEvents.NEW) {
            return false;
        }
        if (seen == SeenEvents.DUPLICATE) {
            duplicates.inc();
        } else {
            conflicting.inc();
            ctx.output(Outputs.DEAD_LETTERS, new DeadLetter(null, e.source, DeadLetterReason.CONFLICTING_DUPLICATE,
                    "event id '" + e.eventId + "' was already received with different content", e.ingestTime));
        }
        return true;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FusedAttempt> out) throws Exception {
        LearnerState st = learnerState.value();
        if (st == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (watermark == st.finalizedUpTo) {
            // Another of this learner's timers at the same watermark: the first one did everything (this
            // method depends on the watermark only, and no event can have come in between).
            return;
        }
        st.timersFiredUpTo(watermark);
        if (watermark > st.finalizedUpTo) {
            finalizeUpTo(watermark, st, ctx, out);
        }
        long now = System.currentTimeMillis();
        emit(st.rules.onTimer(watermark, rulesConfig), now, ctx);
        commit(st, watermark == Long.MAX_VALUE ? Long.MAX_VALUE : watermark - maxAllowedLatenessMs, ctx);
        if (watermark != Long.MAX_VALUE) {
            st.rules.pruneBefore(watermark - maxAllowedLatenessMs, rulesConfig);
        }
        if (st.lastEventTime != Long.MIN_VALUE && watermark - st.lastEventTime > stateTtlMs) {
            // The learner has been inactive for the state TTL (event time): forget their model too.
            st.mastery = new LearnerMastery();
            st.rules = new LearnerRules();
        }
        st.timeline.evictBefore(watermark - retentionMs);
        st.seen.evictBefore(watermark - dedupRetentionMs);
        st.forgetFinalsBefore(watermark - maxAllowedLatenessMs - aggregateSizeMs);
        if (st.isEmpty()) {
            learnerState.clear();
            learnersWithState--;
        } else {
            scheduleNext(st, watermark, ctx.timerService());
            learnerState.update(st);
        }
    }

    /**
     * Registers the one timer the learner needs next, after {@code handled} (the watermark already acted
     * on): the earliest of the time the first attempt not yet final is due, the end of the next window that
     * holds an event not yet final, the intervention rules' deadline, and the times the session can close,
     * events leave the timeline, or event ids expire. Each timer schedules the next, so an event costs at
     * most one timer registration (usually none: the timer it needs is pending already) instead of one per
     * attempt, deadline, window and clean-up task, and every final record still comes out at the first
     * watermark that passes it.
     */
    private void scheduleNext(LearnerState st, long handled, TimerService timers) {
        long next = Long.MAX_VALUE;
        LearnerTimeline t = st.timeline;
        if (!t.isEmpty()) {
            int i = handled == Long.MIN_VALUE ? 0 : t.indexAtOrAfter(handled + 1);
            if (i < t.size()) {
                // The first window containing the earliest event not yet final ends at the next slide boundary.
                next = roundUp(t.timeAt(i) + 1, aggregateSlideMs) - 1;
                for (int k = i; k < t.size() && t.timeAt(k) < next; k++) {
                    if (t.get(k).kind == EventKind.ATTEMPT) {
                        next = t.timeAt(k);
                        break;
                    }
                }
            } else if (t.latestTime() + aggregateSizeMs > handled + 1) {
                // Windows still open over events that are final themselves.
                next = roundUp(handled + 2, aggregateSlideMs) - 1;
            }
            long latest = t.latestTime();
            next = Math.min(next, onGrid(latest + sessionGapMs + maxAllowedLatenessMs + 1));
            next = Math.min(next, onGrid(t.earliestTime() + retentionMs + 1));
        } else if (st.session.isOpen()) {
            next = onGrid(st.session.last + sessionGapMs + maxAllowedLatenessMs + 1);
        }

        if (!st.seen.isEmpty()) {
            next = Math.min(next, onGrid(st.seen.oldestEventTime() + dedupRetentionMs + 1));
        }
        if (!st.mastery.isEmpty() || !st.rules.isEmpty()) {
            next = Math.min(next, onGrid(st.lastEventTime + stateTtlMs + 1));
        }
        if (!st.finals.isEmpty() && handled != Long.MIN_VALUE) {
            // Every final so far is at or before `handled`; they can all be forgotten this much later.
            next = Math.min(next, onGrid(handled + maxAllowedLatenessMs + aggregateSizeMs + 1));
        }
        long deadline = st.rules.nextDeadline();
        if (deadline != LearnerRules.NO_DEADLINE && deadline > handled) {
            next = Math.min(next, deadline);
        }
        if (next != Long.MAX_VALUE && next > handled) {
            registerTimer(st, next, timers);
        }
    }

    private static void registerTimer(LearnerState st, long time, TimerService timers) {
        if (!st.timerPending(time)) {
            timers.registerEventTimeTimer(time);
        }
    }

    /** The last millisecond of the slide interval containing {@code t}: timers coalesce on this grid. */
    private long onGrid(long t) {
        return roundUp(t + 1, aggregateSlideMs) - 1;
    }

    /** Emits every attempt and window that the watermark has now passed, in event-time order. */
    private void finalizeUpTo(long watermark, LearnerState st, Context ctx, Collector<FusedAttempt> out) {
        List<LearnerEvent> events = st.timeline.events();
        long from = st.finalizedUpTo;
        for (int i = st.timeline.indexAtOrAfter(from == Long.MIN_VALUE ? Long.MIN_VALUE : from + 1);
                i < events.size(); i++) {
            LearnerEvent e = events.get(i);
            if (e.eventTime > watermark) {
                break;
            }
            if (e.kind == EventKind.ATTEMPT) {
                emitFinal(fusion.fuse(e, st.timeline, playback), st, out);
            }
        }
        if (st.timeline.size() > 0) {
            // Windows whose last millisecond (end - 1) lies in (from, watermark].
            long firstEvent = st.timeline.earliestTime();
            long lowestEnd = Math.max(from == Long.MIN_VALUE ? Long.MIN_VALUE : from + 2, firstEvent + 1);
            long end = roundUp(lowestEnd, aggregateSlideMs);
            long lastEvent = st.timeline.latestTime();
            for (; end - 1 <= watermark && end - aggregateSizeMs <= lastEvent; end += aggregateSlideMs) {
                emitAggregateIfChanged(end, st, ctx);
            }
        }
        st.finalizedUpTo = watermark;
    }

    /**
     * Commits every event before {@code frontier}, in event-time order: feeds the session builder and
     * the knowledge-tracing model, and tells the question statistics. No event accepted later can be
     * before the frontier (it would be beyond allowed lateness), so what is committed is exact: sessions
     * and mastery are final the first time they are emitted, and never revised.
     */
    private void commit(LearnerState st, long frontier, Context ctx) {
        if (frontier <= st.committedBefore) {
            return;
        }
        List<LearnerEvent> events = st.timeline.events();
        for (int i = st.timeline.indexAtOrAfter(st.committedBefore); i < events.size(); i++) {
            LearnerEvent e = events.get(i);
            if (e.eventTime >= frontier) {
                break;
            }
            LearnerSession closed = st.session.add(e, sessionGapMs, sessionMaxDurationMs, sessionActiveGapMs);
            if (closed != null) {
                ctx.output(Outputs.SESSIONS, closed);
            }
            if (e.kind == EventKind.ATTEMPT) {
                double prior = st.mastery.priorFirstAttemptRate();
                for (SkillMastery m : st.mastery.onAttempt(skillsOf(e), e.attemptNumber, e.correct, e.eventTime,
                        e.eventId, bkt)) {
                    ctx.output(Outputs.MASTERY, mastery(e, m, Status.FINAL));
                }
                ctx.output(Outputs.ITEMS, observation(e, true, prior));
            } else if (e.kind == EventKind.HINT && e.questionId != null) {
                ctx.output(Outputs.ITEMS, observation(e, true, Double.NaN));
            }
        }
        LearnerSession idle = st.session.closeIfIdle(frontier, sessionGapMs);
        if (idle != null) {
            ctx.output(Outputs.SESSIONS, idle);
        }
        st.committedBefore = frontier;
    }

    /**
     * The best current mastery estimates for an arriving attempt's skills: the committed model, plus
     * every first attempt received but not committed yet, replayed in event-time order.
     */
    private List<SkillMastery> speculativeMastery(LearnerEvent attempt, String[] skills, LearnerState st, Context ctx) {
        if (attempt.attemptNumber != 1 || skills == null || skills.length == 0) {
            return List.of();
        }
        List<SkillMastery> out = new ArrayList<>(skills.length);
        List<LearnerEvent> events = st.timeline.events();
        int from = st.timeline.indexAtOrAfter(st.committedBefore);
        for (String skill : new LinkedHashSet<>(Arrays.asList(skills))) {
            SkillMastery committed = st.mastery.skill(skill);
            BktParams p = bkt.forSkill(skill);
            SkillMastery m = committed != null ? committed.copy() : SkillMastery.initial(skill, p);
            for (int i = from; i < events.size(); i++) {
                LearnerEvent a = events.get(i);
                if (a.kind == EventKind.ATTEMPT && a.attemptNumber == 1 && contains(skillsOf(a), skill)) {
                    m.apply(a.correct, a.eventTime, a.eventId, p);
                }
            }
            out.add(m);
            ctx.output(Outputs.MASTERY, mastery(attempt, m, Status.SPECULATIVE));
        }
        return out;
    }

    private String[] skillsOf(LearnerEvent e) {
        if (e.skillIds != null) {
            return e.skillIds;
        }
        Question q = catalog.question(e.questionId);
        return q == null ? null : q.skillIds.toArray(new String[0]);
    }

    private static boolean contains(String[] values, String value) {
        if (values != null) {
            for (String v : values) {
                if (v.equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static MasteryRecord mastery(LearnerEvent trigger, SkillMastery m, String status) {
        MasteryRecord r = new MasteryRecord();
        r.key = trigger.learnerId + "@" + m.skillId;
        r.status = status;
        r.revision = status.equals(Status.FINAL) ? m.firstAttempts : 0;
        r.learnerId = trigger.learnerId;
        r.courseId = trigger.courseId;
        r.skillId = m.skillId;
        r.pMastery = m.pMastery;
        r.attempts = m.firstAttempts;
        r.eventTime = m.lastEventTime;
        r.triggerEventId = m.lastEventId;
        r.ingestTime = trigger.ingestTime;
        return r;
    }

    private static ItemObservation observation(LearnerEvent e, boolean committed, double prior) {
        ItemObservation o = new ItemObservation();
        o.questionId = e.questionId;
        o.courseId = e.courseId;
        o.committed = committed;
        o.hint = e.kind == EventKind.HINT;
        o.attemptNumber = e.attemptNumber;
        o.correct = e.correct;
        o.learnerPriorRate = prior;
        o.eventTime = e.eventTime;
        return o;
    }

    /** Sends interventions with their latency from the trigger's receive time. */
    private void emit(List<Intervention> interventions, long triggerReceivedAt, Context ctx) {
        if (interventions.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Intervention iv : interventions) {
            iv.markEmitted(now, triggerReceivedAt);
            interventionsByRule.computeIfAbsent(iv.rule, r -> metrics.addGroup("rule", r).counter("interventions")).inc();
            interventionLatency.update(Math.max(0, iv.latencyMs) * 1000L);
            ctx.output(Outputs.INTERVENTIONS, iv);
        }
    }

    /** A late-but-allowed event arrived: re-emit every final result it changes, as a new revision. */
    private void revise(LearnerEvent late, LearnerState st, Context ctx, Collector<FusedAttempt> out) {
        List<LearnerEvent> events = st.timeline.events();
        for (int i = st.timeline.indexAtOrAfter(late.eventTime); i < events.size(); i++) {
            LearnerEvent a = events.get(i);
            if (a.eventTime > late.eventTime + fusionWindowMs || a.eventTime > st.finalizedUpTo) {
                break;
            }
            if (a.kind == EventKind.ATTEMPT) {
                emitFinal(fusion.fuse(a, st.timeline, playback), st, out);
            }
        }
        // A late video event can change playback intervals that reach into later windows.
        long firstEnd = roundUp(late.eventTime + 1, aggregateSlideMs);
        long lastEnd = late.eventTime + aggregateSizeMs + playbackLookbackMs;
        for (long end = firstEnd; end <= lastEnd && end - 1 <= st.finalizedUpTo; end += aggregateSlideMs) {
            emitAggregateIfChanged(end, st, ctx);
        }
    }

    private void emitFinal(FusedAttempt f, LearnerState st, Collector<FusedAttempt> out) {
        long hash = f.resultHash();
        LearnerState.FinalMark mark = st.finals.get(f.key);
        if (mark != null && mark.hash == hash) {
            return;
        }
        f.status = Status.FINAL;
        if (mark == null) {
            f.revision = 1;
            st.putFinal(f.key, new LearnerState.FinalMark(1, hash, f.eventTime));
        } else {
            f.revision = ++mark.revision;
            mark.hash = hash;
            revisions.inc();
        }
        out.collect(f);
    }

    private void emitAggregateIfChanged(long windowEnd, LearnerState st, Context ctx) {
        long windowStart = windowEnd - aggregateSizeMs;
        LearnerTimeline t = st.timeline;
        int first = t.indexAtOrAfter(windowStart);
        boolean hasEvents = first < t.size() && t.timeAt(first) < windowEnd;
        String key = AGGREGATE_KEY_PREFIX + windowEnd;
        LearnerState.FinalMark mark = st.finals.get(key);
        if (!hasEvents && mark == null) {
            return;
        }
        LearnerAggregate a = aggregator.aggregate(ctx.getCurrentKey(), windowStart, windowEnd, t, playback);
        long hash = a.resultHash();
        if (mark != null && mark.hash == hash) {
            return;
        }
        a.status = Status.FINAL;
        if (mark == null) {
            a.revision = 1;
            st.putFinal(key, new LearnerState.FinalMark(1, hash, windowEnd - 1));
        } else {
            a.revision = ++mark.revision;
            mark.hash = hash;
            revisions.inc();
        }
        ctx.output(Outputs.AGGREGATES, a);
    }

    static long roundUp(long t, long step) {
        return Math.floorDiv(t + step - 1, step) * step;
    }
}
