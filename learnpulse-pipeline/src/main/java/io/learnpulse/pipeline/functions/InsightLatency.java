package io.learnpulse.pipeline.functions;

import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.metrics.LatencyHistogram;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Measures insight latency where results leave the pipeline: wall-clock now minus the wall-clock time
 * the triggering event was received, separately for speculative and final records.
 */
public class InsightLatency extends RichMapFunction<FusedAttempt, FusedAttempt> {
    private static final long serialVersionUID = 1L;

    private transient LatencyHistogram speculative;
    private transient LatencyHistogram fin;
    private transient Counter fusedSpeculative;
    private transient Counter fusedFinal;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        speculative = g.histogram("insight_latency_us", new LatencyHistogram());
        fin = g.histogram("final_latency_us", new LatencyHistogram());
        fusedSpeculative = g.counter("fused_speculative");
        fusedFinal = g.counter("fused_final");
    }

    @Override
    public FusedAttempt map(FusedAttempt f) {
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
        return f;
    }
}
