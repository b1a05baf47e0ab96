package io.learnpulse.pipeline.functions;

import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.metrics.LatencyHistogram;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Measures insight latency where results leave the pipeline: wall-clock now minus the wall-clock time
 * the triggering event was received, separately for speculative and final records. Also reports the
 * watermark lag (wall clock minus the event-time watermark here): how far final results trail real time,
 * which is what an operator watches when finals stop coming.
 */
public class InsightLatency extends ProcessFunction<FusedAttempt, FusedAttempt> {
    private static final long serialVersionUID = 1L;

    private transient LatencyHistogram speculative;
    private transient LatencyHistogram fin;
    private transient Counter fusedSpeculative;
    private transient Counter fusedFinal;
    /** Written by the task thread, read by metric reporters. */
    private transient volatile long watermark;

    @Override
    public void open(OpenContext openContext) {
        watermark = Long.MIN_VALUE;
        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        speculative = g.histogram("insight_latency_us", new LatencyHistogram());
        fin = g.histogram("final_latency_us", new LatencyHistogram());
        fusedSpeculative = g.counter("fused_speculative");
        fusedFinal = g.counter("fused_final");
        g.gauge("watermark_lag_ms", (Gauge<Long>) () -> watermarkLagMs(System.currentTimeMillis()));
    }

    @Override
    public void processElement(FusedAttempt f, Context ctx, Collector<FusedAttempt> out) {
        watermark = ctx.timerService().currentWatermark();
        long micros = Math.max(0, (System.currentTimeMillis() - f.ingestTime) * 1000L);
        if (Status.SPECULATIVE.equals(f.status)) {
            fusedSpeculative.inc();
            speculative.update(micros);
        } else {
            fusedFinal.inc();
            if (f.revision == 1) {
                fin.update(micros);
            }
        }
        out.collect(f);
    }

    /** Wall clock minus the watermark seen with the last record, or -1 before the first watermark. */
    long watermarkLagMs(long now) {
        long w = watermark;
        return w == Long.MIN_VALUE ? -1 : Math.max(0, now - w);
    }
}
