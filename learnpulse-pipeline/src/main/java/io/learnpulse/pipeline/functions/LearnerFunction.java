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

    private transient FusionCalculator fusion;
    private transient WindowAggregator aggregator;
    private transient ValueState<LearnerState> learnerState;
    private transient Counter duplicates;
    private transient Counter conflicting;
    private transient Counter lateBehindWatermark;
    private transient Counter revisions;

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
    }

    @Override
    public void open(OpenContext openContext) {
        fusion = new FusionCalculator(catalog, fusionWindowMs);
        aggregator = new WindowAggregator(catalog, playbackLookbackMs);

        ValueStateDescriptor<LearnerState> stateDesc =
                new ValueStateDescriptor<>("learner", LearnerStateSerializer.INSTANCE);
        stateDesc.enableTimeToLive(StateTtlConfig.newBuilder(config.learnerStateTtl()).build());
        learnerState = getRuntimeContext().getState(stateDesc);

        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        duplicates = g.counter("duplicates");
        conflicting = g.addGroup("reason", DeadLetterReason.CONFLICTING_DUPLICATE).counter("dead_letters");
        lateBehindWatermark = g.counter("late_events_behind_watermark");
        revisions = g.counter("final_revisions");
    }

    @Override
    public void processElement(LearnerEvent e, Context ctx, Collector<FusedAttempt> out) throws Exception {
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
            st = new LearnerState();
        }
        if (isDuplicate(e, st, ctx)) {
            if (st.isEmpty()) {
                learnerState.clear();
            }
            return;
        }
        st.timeline.add(e);

        if (e.kind == EventKind.ATTEMPT) {
            FusedAttempt speculative = fusion.fuse(e, st.timeline);
            speculative.status = Status.SPECULATIVE;
            speculative.revision = 0;
            out.collect(speculative);
            ctx.output(Outputs.ATTEMPTS, e);
        }

        if (e.eventTime <= st.finalizedUpTo) {
            revise(e, st, ctx, out);
        } else if (e.kind == EventKind.ATTEMPT) {
            ctx.timerService().registerEventTimeTimer(e.eventTime);
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
        if (watermark > st.finalizedUpTo) {
            finalizeUpTo(watermark, st, ctx, out);
        }
        buildSessions(st, watermark == Long.MAX_VALUE ? Long.MAX_VALUE : watermark - maxAllowedLatenessMs, ctx);
        st.timeline.evictBefore(watermark - retentionMs);
        st.seen.evictBefore(watermark - dedupRetentionMs);
        st.forgetFinalsBefore(watermark - maxAllowedLatenessMs - aggregateSizeMs);
        if (st.isEmpty()) {
            learnerState.clear();
        } else {
            scheduleNext(st, watermark, ctx.timerService());
            learnerState.update(st);
        }
    }

    /**
     * Registers the one timer the learner needs next, after {@code handled} (the watermark already acted
     * on): the end of the next window that holds an event not yet final, else the time the session can
     * close, events leave the timeline, or event ids expire. Each timer schedules the next, so an event
     * costs one or two timer registrations instead of one per window and clean-up task; attempts
     * register their own timer so their final record is not delayed to a window end.
     */
    private void scheduleNext(LearnerState st, long handled, TimerService timers) {
        long next = Long.MAX_VALUE;
        LearnerTimeline t = st.timeline;
        if (!t.isEmpty()) {
            int i = handled == Long.MIN_VALUE ? 0 : t.indexAtOrAfter(handled + 1);
            if (i < t.size()) {
                // The first window containing the earliest event not yet final ends at the next slide boundary.
                next = roundUp(t.get(i).eventTime + 1, aggregateSlideMs) - 1;
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
        if (!st.finals.isEmpty() && handled != Long.MIN_VALUE) {
            // Every final so far is at or before `handled`; they can all be forgotten this much later.
            next = Math.min(next, onGrid(handled + maxAllowedLatenessMs + aggregateSizeMs + 1));
        }
        if (next != Long.MAX_VALUE && next > handled) {
            timers.registerEventTimeTimer(next);
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
                emitFinal(fusion.fuse(e, st.timeline), st, out);
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
     * Feeds the session builder every event before {@code frontier}, in event-time order. No event
     * accepted later can be before the frontier (it would be beyond allowed lateness), so sessions are
     * exact and final the first time they are emitted.
     */
    private void buildSessions(LearnerState st, long frontier, Context ctx) {
        if (frontier <= st.sessionFedBefore) {
            return;
        }
        List<LearnerEvent> events = st.timeline.events();
        for (int i = st.timeline.indexAtOrAfter(st.sessionFedBefore); i < events.size(); i++) {
            LearnerEvent e = events.get(i);
            if (e.eventTime >= frontier) {
                break;
            }
            LearnerSession closed = st.session.add(e, sessionGapMs, sessionMaxDurationMs, sessionActiveGapMs);
            if (closed != null) {
                ctx.output(Outputs.SESSIONS, closed);
            }
        }
        LearnerSession idle = st.session.closeIfIdle(frontier, sessionGapMs);
        if (idle != null) {
            ctx.output(Outputs.SESSIONS, idle);
        }
        st.sessionFedBefore = frontier;
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
                emitFinal(fusion.fuse(a, st.timeline), st, out);
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
            st.finals.put(f.key, new LearnerState.FinalMark(1, hash, f.eventTime));
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
        boolean hasEvents = first < t.size() && t.events().get(first).eventTime < windowEnd;
        String key = AGGREGATE_KEY_PREFIX + windowEnd;
        LearnerState.FinalMark mark = st.finals.get(key);
        if (!hasEvents && mark == null) {
            return;
        }
        LearnerAggregate a = aggregator.aggregate(ctx.getCurrentKey(), windowStart, windowEnd, t);
        long hash = a.resultHash();
        if (mark != null && mark.hash == hash) {
            return;
        }
        a.status = Status.FINAL;
        if (mark == null) {
            a.revision = 1;
            st.finals.put(key, new LearnerState.FinalMark(1, hash, windowEnd - 1));
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
