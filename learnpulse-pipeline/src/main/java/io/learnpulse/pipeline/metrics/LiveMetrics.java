package io.learnpulse.pipeline.metrics;

import io.learnpulse.core.metrics.LogHistogram;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics of jobs running in this JVM (the embedded MiniCluster), as registered by Flink through
 * {@link LiveMetricsReporter}. Lets the command line print live status from Flink's own metric system
 * instead of side channels in the operators. Identifiers are Flink's full metric identifiers; look-ups
 * match on their last components and sum over parallel tasks.
 */
public final class LiveMetrics {
    private static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();
    /**
     * What the counters and latency histograms of ended tasks counted, by identifier, so that a summary can be
     * printed after the job ends. A task that fails over registers its metrics again under the same identifier,
     * starting from zero: its attempts are added up here, not replaced, so counts include every attempt's work.
     */
    private static final Map<String, Long> RETIRED_COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, long[]> RETIRED_HISTOGRAMS = new ConcurrentHashMap<>();

    private LiveMetrics() {}

    static void add(String identifier, Metric metric) {
        METRICS.put(identifier, metric);
    }

    static void remove(String identifier) {
        Metric m = METRICS.remove(identifier);
        if (m instanceof Counter c) {
            RETIRED_COUNTS.merge(identifier, c.getCount(), Long::sum);
        } else if (m instanceof LatencyHistogram h) {
            long[] snapshot = h.snapshot();
            RETIRED_HISTOGRAMS.merge(identifier, snapshot, (a, b) -> {
                long[] merged = a.clone();
                LogHistogram.addInto(merged, b);
                return merged;
            });
        }
    }

    public static void clear() {
        METRICS.clear();
        RETIRED_COUNTS.clear();
        RETIRED_HISTOGRAMS.clear();
    }

    /** Every counter's count by identifier: the running tasks' plus what ended tasks counted. */
    private static Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>(RETIRED_COUNTS);
        for (Map.Entry<String, Metric> e : METRICS.entrySet()) {
            if (e.getValue() instanceof Counter c) {
                counts.merge(e.getKey(), c.getCount(), Long::sum);
            }
        }
        return counts;
    }

    /** Sum of all counters whose identifier ends with {@code suffix} (e.g. {@code ".learnpulse.duplicates"}). */
    public static long sum(String suffix) {
        long n = 0;
        for (Map.Entry<String, Long> e : counts().entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** Sum of all numeric gauges whose identifier ends with {@code suffix}, over running tasks only. */
    public static long sumGauges(String suffix) {
        long n = 0;
        for (Map.Entry<String, Metric> e : METRICS.entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Gauge) {
                Object v = ((Gauge<?>) e.getValue()).getValue();
                if (v instanceof Number) {
                    n += ((Number) v).longValue();
                }
            }
        }
        return n;
    }

    /**
     * Counter sums grouped by the component just before the metric name, e.g. the reason of
     * {@code ...learnpulse.reason.malformed_json.dead_letters}.
     */
    public static Map<String, Long> sumsBy(String metricName) {
        Map<String, Long> out = new TreeMap<>();
        String tail = "." + metricName;
        for (Map.Entry<String, Long> e : counts().entrySet()) {
            String id = e.getKey();
            if (id.endsWith(tail)) {
                String head = id.substring(0, id.length() - tail.length());
                String label = head.substring(head.lastIndexOf('.') + 1);
                out.merge(label, e.getValue(), Long::sum);
            }
        }
        return out;
    }

    /** Merged snapshot of every {@link LatencyHistogram} whose identifier ends with {@code suffix}. */
    public static long[] histogram(String suffix) {
        long[] merged = new long[LogHistogram.BUCKETS];
        for (Map.Entry<String, long[]> e : RETIRED_HISTOGRAMS.entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                LogHistogram.addInto(merged, e.getValue());
            }
        }
        for (Map.Entry<String, Metric> e : METRICS.entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof LatencyHistogram h) {
                LogHistogram.addInto(merged, h.snapshot());
            }
        }
        return merged;
    }
}
