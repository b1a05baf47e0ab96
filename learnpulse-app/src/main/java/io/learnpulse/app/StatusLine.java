package io.learnpulse.app;

import io.learnpulse.core.metrics.LogHistogram;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import org.apache.flink.core.execution.JobClient;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Builds the live status lines of a running job from its metrics, interval by interval. */
final class StatusLine {
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long lastIn;
    private long[] lastLatency = new long[LogHistogram.BUCKETS];
    private long[] lastInterventionLatency = new long[LogHistogram.BUCKETS];

    /** How a command learns it should stop: true once asked to, waiting up to {@code nanos}. */
    @FunctionalInterface
    interface Stop {
        boolean await(long nanos) throws InterruptedException;
    }

    /**
     * Hands {@code report} a status line every 5 seconds until {@code stop} asks to stop, {@code duration} (null: no
     * limit) has passed or the job has stopped on its own.
     *
     * @return false when the job stopped on its own (which is printed)
     */
    static boolean reportUntilStopped(JobClient client, Duration duration, Stop stop, Consumer<String> report)
            throws Exception {
        StatusLine status = new StatusLine();
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (true) {
            long wait = Math.min(TimeUnit.SECONDS.toNanos(5), deadline - System.nanoTime());
            if (wait <= 0 || stop.await(wait)) {
                return true;
            }
            if (client.getJobStatus().get().isGloballyTerminalState()) {
                System.out.println("the job stopped: " + client.getJobStatus().get());
                return false;
            }
            report.accept(status.next());
        }
    }

    String next() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        long in = LiveMetrics.sum(".events_in");
        long[] latency = LiveMetrics.histogram(".insight_latency_us");
        long[] interval = LogHistogram.minus(latency, lastLatency);
        long[] ivLatency = LiveMetrics.histogram(".intervention_latency_us");
        long[] ivInterval = LogHistogram.minus(ivLatency, lastInterventionLatency);
        String line = String.format(Locale.ROOT,
                "[%5.0fs] in %,7.0f ev/s | fused %,8d | latency p50 %s p99 %s | interventions %s p99 %s"
                        + " | dead letters %,d | late %,d | duplicates %,d",
                (now - startNanos) / 1e9, (in - lastIn) / seconds, LiveMetrics.sum(".fused_speculative"),
                ms(LogHistogram.quantileMillis(interval, 0.50)), ms(LogHistogram.quantileMillis(interval, 0.99)),
                perRule(), ms(LogHistogram.quantileMillis(ivInterval, 0.99)),
                LiveMetrics.sum(".dead_letters"), late(), LiveMetrics.sum(".duplicates"));
        lastNanos = now;
        lastIn = in;
        lastLatency = latency;
        lastInterventionLatency = ivLatency;
        return line;
    }

    /** Interventions so far per rule, e.g. {@code R1 12 R2 3 R3 0 R4 1}. */
    static String perRule() {
        Map<String, Long> byRule = LiveMetrics.sumsBy("interventions");
        return String.format(Locale.ROOT, "R1 %,d R2 %,d R3 %,d R4 %,d", byRule.getOrDefault("review_segment", 0L),
                byRule.getOrDefault("repeated_failure", 0L), byRule.getOrDefault("low_mastery", 0L),
                byRule.getOrDefault("disengagement", 0L));
    }

    static long late() {
        return LiveMetrics.sum(".late_events") + LiveMetrics.sum(".late_events_behind_watermark");
    }

    static String summary() {
        long[] all = LiveMetrics.histogram(".insight_latency_us");
        long[] fin = LiveMetrics.histogram(".final_latency_us");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "events in          %,d%n", LiveMetrics.sum(".events_in")));
        for (Map.Entry<String, Long> e : LiveMetrics.sumsBy("events_in").entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-16s %,d%n", e.getKey(), e.getValue()));
        }
        sb.append(String.format(Locale.ROOT, "fused attempts     %,d speculative, %,d final records%n",
                LiveMetrics.sum(".fused_speculative"), LiveMetrics.sum(".fused_final")));
        sb.append(String.format(Locale.ROOT, "insight latency    p50 %s  p99 %s  max %s (speculative)%n",
                ms(LogHistogram.quantileMillis(all, 0.5)), ms(LogHistogram.quantileMillis(all, 0.99)),
                ms(LogHistogram.maxMillis(all))));
        sb.append(String.format(Locale.ROOT, "final latency      p50 %s  p99 %s (first final revision)%n",
                ms(LogHistogram.quantileMillis(fin, 0.5)), ms(LogHistogram.quantileMillis(fin, 0.99))));
        long[] iv = LiveMetrics.histogram(".intervention_latency_us");
        sb.append(String.format(Locale.ROOT, "interventions      %,d  p50 %s  p99 %s (trigger received -> emitted)%n",
                LiveMetrics.sum(".interventions"), ms(LogHistogram.quantileMillis(iv, 0.5)),
                ms(LogHistogram.quantileMillis(iv, 0.99))));
        for (Map.Entry<String, Long> e : LiveMetrics.sumsBy("interventions").entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-16s %,d%n", e.getKey(), e.getValue()));
        }
        sb.append(String.format(Locale.ROOT, "dead letters       %,d%n", LiveMetrics.sum(".dead_letters")));
        for (Map.Entry<String, Long> e : LiveMetrics.sumsBy("dead_letters").entrySet()) {
            if (e.getValue() > 0) {
                sb.append(String.format(Locale.ROOT, "  %-16s %,d%n", e.getKey(), e.getValue()));
            }
        }
        sb.append(String.format(Locale.ROOT, "late               %,d%n", late()));
        sb.append(String.format(Locale.ROOT, "duplicates dropped %,d%n", LiveMetrics.sum(".duplicates")));
        sb.append(String.format(Locale.ROOT, "final revisions    %,d (results revised by late-but-allowed events)",
                LiveMetrics.sum(".final_revisions")));
        return sb.toString();
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "    -  ";
        }
        return String.format(Locale.ROOT, v < 10 ? "%5.2f ms" : "%5.0f ms", v);
    }
}
