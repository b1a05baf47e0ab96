package io.learnpulse.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds where Flink's Prometheus reporter is serving: it takes the first free port of the configured
 * range, and says so only in the log, so the command line asks the ports in turn.
 */
final class PrometheusEndpoint {
    private PrometheusEndpoint() {}

    static Optional<String> find(String portSpec, Duration wait) throws InterruptedException {
        if (portSpec.equals("0")) {
            return Optional.empty();
        }
        String[] range = portSpec.split("-");
        int from = Integer.parseInt(range[0]);
        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (int port = from; port <= to; port++) {
                String url = "http://localhost:" + port + "/metrics";
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("flink_")) {
                        return Optional.of(url);
                    }
                } catch (java.io.IOException notThere) {
                    // next port
                }
            }
            Thread.sleep(250);
        }
        return Optional.empty();
    }
}
