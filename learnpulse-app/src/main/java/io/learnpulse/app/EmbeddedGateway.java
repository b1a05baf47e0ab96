package io.learnpulse.app;

import io.learnpulse.app.gateway.Gateway;
import io.learnpulse.core.config.GatewayConfig;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.source.QueueSource;
import io.learnpulse.pipeline.source.RecordQueue;
import org.apache.flink.core.execution.JobClient;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP gateway in front of a job on the embedded MiniCluster: the bounded queue between them, the job input
 * that reads it ({@code gateway}) and the HTTP server. Used by {@code gateway} and {@code demo}.
 */
final class EmbeddedGateway implements AutoCloseable {
    static final String INPUT = "gateway";

    final RecordQueue queue;
    final Gateway http;
    final FusionJob.Input input;
    private long requestsSeen;

    private EmbeddedGateway(RecordQueue queue, Gateway http) {
        this.queue = queue;
        this.http = http;
        // Nothing was sent before the job started, so the gateway must not hold event time back until someone does.
        this.input = new FusionJob.Input(INPUT, new QueueSource(queue.name()), true);
    }

    /**
     * Creates the queue and starts serving on {@code gateway.host}:{@code gateway.port}.
     *
     * @throws java.net.BindException when the port is taken (nothing is left running)
     */
    static EmbeddedGateway start(LearnPulseConfig config) throws IOException {
        RecordQueue queue = RecordQueue.create(INPUT, config.gateway().queueCapacity());
        try {
            return new EmbeddedGateway(queue, Gateway.start(config, queue));
        } catch (IOException | RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** Once the job has stopped for good, the gateway answers 503 instead of queueing records nobody reads. */
    void closeWhenDone(JobClient client) {
        client.getJobExecutionResult().whenComplete((result, error) -> queue.close());
    }

    void printUrls(PrintStream out, LearnPulseConfig config) {
        String base = http.baseUrl();
        out.println("HTTP gateway on " + base + " (docs/gateway.md):");
        out.println("  POST " + base + "/xapi/statements                           xAPI statements (HTTP Basic key:secret)");
        out.println("  POST " + base + "/caliper                                   Caliper envelopes (Bearer token)");
        out.println("  POST " + base + "/events?source=clickstream|video|assessment  native JSON lines (Bearer token)");
        out.println("  GET  " + base + "/health");
        if (usesDemoKeys(config.gateway())) {
            out.println("  keys: the public demo keys (demo-lrs:demo-secret for xAPI, Bearer demo-token for the others),"
                    + " for local use only");
            if (!isLoopback(config.gateway().host())) {
                out.println("  WARNING: listening on " + config.gateway().host() + " with the public demo keys: anyone "
                        + "who can reach this port can send events. Set your own gateway.keys.");
            }
        }
    }

    /** Stops taking requests and waits (up to {@code max}) until the job has taken every queued record. */
    void drain(Duration max) throws InterruptedException {
        http.close();
        long deadline = System.nanoTime() + max.toNanos();
        while (queue.depth() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** True when requests came in since the last call. */
    boolean hasNewRequests() {
        long requests = http.requests();
        boolean news = requests != requestsSeen;
        requestsSeen = requests;
        return news;
    }

    /** Requests, records and queue in one line, e.g. {@code gateway 12 requests, 30 accepted, 1 rejected, queue 0}. */
    String statusLine() {
        return String.format(java.util.Locale.ROOT, "gateway %,d requests, %,d records accepted, %,d rejected, %,d "
                + "requests refused, queue %,d of %,d", http.requests(), http.recordsAccepted(), http.recordsRejected(),
                http.requestsRefused(), queue.depth(), queue.capacity());
    }

    @Override
    public void close() {
        http.close();
        queue.close();
    }

    static boolean usesDemoKeys(GatewayConfig g) {
        for (GatewayConfig.ApiKey demo : LearnPulseConfig.defaults().gateway().keys()) {
            for (GatewayConfig.ApiKey k : g.keys()) {
                if (k.key.equals(demo.key) && Objects.equals(k.secret, demo.secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
