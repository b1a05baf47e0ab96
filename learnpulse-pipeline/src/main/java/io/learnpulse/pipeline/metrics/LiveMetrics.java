package io.learnpulse.pipeline.metrics;

import io.learnpulse.core.metrics.LogHistogram;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;

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
    /** Metrics of finished jobs keep their last values, so a summary can be printed after the job ends. */
    private static final Map<String, Metric> RETIRED = new ConcurrentHashMap<>();

    private LiveMetrics() {}

    static void add(String identifier, Metric metric) {
        METRICS.put(identifier, metric);
    }

    static void remove(String identifier) {
        Metric m = METRICS.remove(identifier);
        if (m != null) {
            RETIRED.put(identifier, m);
        }
    }

    public static void clear() {
        METRICS.clear();
        RETIRED.clear();
    }

    private static Iterable<Map.Entry<String, Metric>> all() {
        Map<String, Metric> all = new java.util.HashMap<>(RETIRED);
        all.putAll(METRICS);
        return all.entrySet();
    }

    /** Sum of all counters whose identifier ends with {@code suffix} (e.g. {@code ".learnpulse.duplicates"}). */
    public static long sum(String suffix) {
        long n = 0;
        for (Map.Entry<String, Metric> e : all()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Counter) {
                n += ((Counter) e.getValue()).getCount();
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
        for (Map.Entry<String, Metric> e : all()) {
            String id = e.getKey();
            if (id.endsWith(tail) && e.getValue() instanceof Counter) {
                String head = id.substring(0, id.length() - tail.length());
                String label = head.substring(head.lastIndexOf('.') + 1);
                out.merge(label, ((Counter) e.getValue()).getCount(), Long::sum);
            }
        }
        return out;
    }

    /** Merged snapshot of every {@link LatencyHistogram} whose identifier ends with {@code suffix}. */
    public static long[] histogram(String suffix) {
        long[] merged = new long[LogHistogram.BUCKETS];
        for (Map.Entry<String, Metric> e : all()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof LatencyHistogram) {
                LogHistogram.addInto(merged, ((LatencyHistogram) e.getValue()).snapshot());
            }
        }
        return merged;
    }
}
