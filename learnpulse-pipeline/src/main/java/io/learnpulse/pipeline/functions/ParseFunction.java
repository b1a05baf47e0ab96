package io.learnpulse.pipeline.functions;

import io.learnpulse.core.config.LatenessPolicy;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.format.NativeParser;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.pipeline.Outputs;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses raw records into canonical events. Invalid records go to the dead-letter output with the
 * reason; events beyond their source's allowed lateness go to the late output with the raw record.
 *
 * <p>Lateness is judged here, against the newest event time seen from the same source on this
 * parallel instance, rather than against the job-wide watermark: that makes the decision depend only
 * on the order of that source's own records, so a replay classifies exactly the same events as late
 * however fast each input happens to be read.
 */
public class ParseFunction extends ProcessFunction<RawRecord, LearnerEvent> {
    private static final long serialVersionUID = 1L;

    private final ParserSettings settings;
    private final LearnPulseConfig config;

    private transient NativeParser parser;
    private transient Map<String, SourceState> sources;
    private transient MetricGroup metrics;
    private transient Map<String, Counter> deadLetterCounters;
    private transient Counter lateCounter;

    public ParseFunction(LearnPulseConfig config) {
        this.config = config;
        this.settings = new ParserSettings(config.maxRecordBytes(), config.maxFutureSkew().toMillis());
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new NativeParser(settings);
        sources = new HashMap<>();
        metrics = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        deadLetterCounters = new HashMap<>();
        lateCounter = metrics.counter("late_events");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<LearnerEvent> out) {
        SourceState src = sources.computeIfAbsent(raw.source, this::newSourceState);
        src.eventsIn.inc();
        ParseResult r = parser.parse(raw.source, raw.payload, raw.ingestTime);
        if (!r.ok()) {
            DeadLetter d = r.deadLetter;
            deadLetterCounters.computeIfAbsent(d.reason, reason -> metrics.addGroup("reason", reason).counter("dead_letters"))
                    .inc();
            ctx.output(Outputs.DEAD_LETTERS, d);
            return;
        }
        LearnerEvent e = r.event;
        long bound = src.maxEventTime - src.policy.maxOutOfOrderness().toMillis() - src.policy.allowedLateness().toMillis();
        if (src.maxEventTime != Long.MIN_VALUE && e.eventTime < bound) {
            lateCounter.inc();
            ctx.output(Outputs.LATE, late(e, raw.payload, src.maxEventTime - src.policy.maxOutOfOrderness().toMillis(),
                    bound - e.eventTime));
            return;
        }
        if (e.eventTime > src.maxEventTime) {
            src.maxEventTime = e.eventTime;
        }
        out.collect(e);
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
        return new SourceState(config.lateness(source), metrics.addGroup("source", source).counter("events_in"));
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
