package io.learnpulse.pipeline.metrics;

import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.Properties;

/** A Flink metric reporter that publishes this JVM's job metrics to {@link LiveMetrics}. */
public final class LiveMetricsReporter implements MetricReporter {
    /** Name under which the reporter is configured: {@code metrics.reporter.live.factory.class}. */
    public static final String NAME = "live";

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        LiveMetrics.add(group.getMetricIdentifier(metricName), metric);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        LiveMetrics.remove(group.getMetricIdentifier(metricName));
    }

    /** Factory discovered by Flink through {@code META-INF/services}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new LiveMetricsReporter();
        }
    }
}
