package io.learnpulse.pipeline.functions;

import io.learnpulse.core.config.LatenessPolicy;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.format.RecordParser;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.pipeline.Outputs;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses raw records — native JSON, xAPI statements or Caliper envelopes, detected per record — into
 * canonical events. Invalid records go to the dead-letter output with the
 * reason; events beyond their source's allowed lateness go to the late output with the raw record.
 *
 * <p>Lateness is judged here, against the newest event time seen from the same source on this
 * parallel instance, rather than against the job-wide watermark: that makes the decision depend only
 * on the order of that source's own records, so a replay classifies exactly the same events as late
 * however fast each input happens to be read.
 *
 * <p>An input whose source generates watermarks itself, per partition (Kafka), is judged against the watermark
 * instead: its records interleave partitions in no particular order, so the newest event seen may come from a
 * partition that is far ahead of the others, and an on-time event of a partition that is behind would be taken
 * for late. The watermark is the minimum over the partitions of {@code newest event time - max out-of-orderness
 * - 1}, so the bound is the same one, applied to the slowest partition.
 */
public class ParseFunction extends ProcessFunction<RawRecord, LearnerEvent> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final ParserSettings settings;
    private final LearnPulseConfig config;
    private final Pseudonymizer pseudonymizer;
    /** The input's watermarks come from its source, per partition, rather than from a step after this one. */
    private final boolean watermarkedAtSource;

    private transient RecordParser parser;
    private transient Map<String, SourceState> sources;
    private transient MetricGroup metrics;
    private transient Map<String, Counter> deadLetterCounters;
    private transient Counter lateCounter;
    /** Newest event time per source, checkpointed so lateness judgements survive a restart. */
    private transient ListState<Tuple2<String, Long>> checkpointedClocks;
    private transient Map<String, Long> restoredClocks;

    public ParseFunction(LearnPulseConfig config) {
        this(config, false);
    }

    /** @param watermarkedAtSource judge lateness against the input's watermark rather than the newest event seen */
    public ParseFunction(LearnPulseConfig config, boolean watermarkedAtSource) {
        this.config = config;
        this.pseudonymizer = config.privacy().pseudonymizer();
        this.watermarkedAtSource = watermarkedAtSource;
        this.settings = new ParserSettings(config.maxRecordBytes(), config.maxFutureSkew().toMillis());
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new RecordParser(settings);
        sources = new HashMap<>();
        metrics = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        deadLetterCounters = new HashMap<>();
        lateCounter = metrics.counter("late_events");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<LearnerEvent> out) {
        SourceState src = sources.computeIfAbsent(raw.source, this::newSourceState);
        src.eventsIn.inc();
        if (watermarkedAtSource) {
            src.maxEventTime = newestFromWatermark(ctx.timerService().currentWatermark(), src.policy);
        }
        // One record may carry several events (an xAPI array, a Caliper envelope): each is judged alone.
        parser.parse(raw.source, raw.payload, raw.ingestTime, r -> accept(r, raw, src, ctx, out));
    }

    private void accept(ParseResult r, RawRecord raw, SourceState src, Context ctx, Collector<LearnerEvent> out) {
        if (!r.ok()) {
            DeadLetter d = r.deadLetter;
            deadLetterCounters.computeIfAbsent(d.reason, reason -> metrics.addGroup("reason", reason).counter("dead_letters"))
                    .inc();
            ctx.output(Outputs.DEAD_LETTERS, d);
            return;
        }
        LearnerEvent e = r.event;
        // Before anything downstream sees the event, so no state, output or store ever holds the raw id.
        e.learnerId = pseudonymizer.apply(e.learnerId);
        long bound = src.maxEventTime - src.policy.maxOutOfOrderness().toMillis() - src.policy.allowedLateness().toMillis();
        if (src.maxEventTime != Long.MIN_VALUE && e.eventTime < bound) {
            lateCounter.inc();
            // A native record is kept as it came; an event from a statement array or an envelope is
            // kept as its canonical event, so one late statement does not carry its whole batch along.
            // With pseudonymization on, the raw record (which names the learner) is never kept.
            String kept = e.format != null && e.format.startsWith("native") && !pseudonymizer.enabled()
                    ? raw.payload : JsonLines.toJson(e);
            ctx.output(Outputs.LATE, late(e, kept, src.maxEventTime - src.policy.maxOutOfOrderness().toMillis(),
                    bound - e.eventTime));
            return;
        }
        if (e.eventTime > src.maxEventTime) {
            src.maxEventTime = e.eventTime;
        }
        out.collect(e);
    }

    /** The newest event time that a watermark of the source's policy stands for (watermark = newest - ooo - 1). */
    static long newestFromWatermark(long watermark, LatenessPolicy policy) {
        if (watermark == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long ooo = policy.maxOutOfOrderness().toMillis();
        return watermark > Long.MAX_VALUE - 1 - ooo ? Long.MAX_VALUE : watermark + 1 + ooo;
    }

    static LateEvent late(LearnerEvent e, String raw, long watermark, long beyondBy) {
        LateEvent l = new LateEvent();
        l.eventId = e.eventId;
        l.source = e.source;
        l.learnerId = e.learnerId;
        l.eventTime = e.eventTime;
        l.watermark = watermark;
        l.lateByMs = Math.max(0, watermark - e.eventTime);
        l.reason = "event time is " + (beyondBy) + " ms beyond the allowed lateness of source '" + e.source + "'";
        l.raw = raw;
        return l;
    }

    private SourceState newSourceState(String source) {
        SourceState s = new SourceState(config.lateness(source), metrics.addGroup("source", source).counter("events_in"));
        Long restored = restoredClocks == null ? null : restoredClocks.get(source);
        if (restored != null) {
            s.maxEventTime = restored;
        }
        return s;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointedClocks.clear();
        if (restoredClocks != null) {
            for (Map.Entry<String, Long> e : restoredClocks.entrySet()) {
                if (!sources.containsKey(e.getKey())) {
                    checkpointedClocks.add(Tuple2.of(e.getKey(), e.getValue()));
                }
            }
        }
        for (Map.Entry<String, SourceState> e : sources.entrySet()) {
            checkpointedClocks.add(Tuple2.of(e.getKey(), e.getValue().maxEventTime));
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        // Each instance gets its own clocks back (parallel instances read different splits, so their
        // clocks differ). After a rescale an instance may inherit several: it keeps the oldest per source,
        // so no event is judged late against another instance's newer data; anything truly late is
        // still caught behind the watermark by the learner operator.
        checkpointedClocks = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("source-clocks", Types.TUPLE(Types.STRING, Types.LONG)));
        if (context.isRestored()) {
            restoredClocks = new HashMap<>();
            for (Tuple2<String, Long> c : checkpointedClocks.get()) {
                restoredClocks.merge(c.f0, c.f1, Math::min);
            }
        }
    }

    private static final class SourceState {
        final LatenessPolicy policy;
        final Counter eventsIn;
        long maxEventTime = Long.MIN_VALUE;

        SourceState(LatenessPolicy policy, Counter eventsIn) {
            this.policy = policy;
            this.eventsIn = eventsIn;
        }
    }
}
