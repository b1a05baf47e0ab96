package io.learnpulse.app;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.CatalogJson;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Runs the HTTP ingestion gateway in front of the fusion pipeline on an embedded Flink cluster:",
                "xAPI statements, Caliper envelopes and native JSON lines sent over HTTP are validated, answered and fused.",
                "Runs until Ctrl-C or --duration. Endpoints, auth and status codes: docs/gateway.md."})
final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "Listen on this port (default: gateway.port, 8088; 0: any free port).")
    Integer port;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write every output as JSON lines into DIR (default: outputs are discarded).")
    Path out;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Course catalog JSON (default: none, so attempts have no linked video segment).")
    Path catalog;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "D",
            description = "Stop after this long, e.g. 10m (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--kafka", description = {"Hand accepted records to the Kafka input topics (kafka.inputs, acks=all) for a `run` job,",
            "instead of running the pipeline in this process."})
    boolean kafka;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        LearnPulseConfig cfg = config.load();
        if (port != null) {
            cfg = cfg.withGatewayPort(port);
        }
        if (kafka) {
            return handOverToKafka(cfg);
        }
        Catalog cat = catalog == null ? Catalog.empty() : CatalogJson.read(catalog);

        EmbeddedGateway gateway;
        try {
            gateway = EmbeddedGateway.start(cfg);
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot listen on " + cfg.gateway().host() + ":" + cfg.gateway().port()
                    + " (" + e.getMessage() + "): choose another port with --port");
        }
        try {
            FusionJob job = new FusionJob(cfg, cat, List.of(gateway.input), JobSinks.filesOrDiscard(out));
            System.out.printf("LearnPulse gateway: embedded Flink %s, parallelism %d, catalog %s%s; Flink logs: %s%n",
                    org.apache.flink.runtime.util.EnvironmentInformation.getVersion(), cfg.parallelism(),
                    catalog == null ? "none" : catalog, out == null ? "" : ", outputs in " + out, Logs.file());
            gateway.printUrls(System.out, cfg);
            System.out.println(duration == null ? "Press Ctrl-C to stop." : "Running for " + duration.toSeconds() + "s.");

            LiveMetrics.clear();
            JobClient client = job.executeAsync(Engine.environment(cfg, Engine.Mode.CONTINUOUS), "learnpulse-gateway");
            gateway.closeWhenDone(client);
            runUntilStopped(client, gateway);
        } finally {
            gateway.close();
        }
        return 0;
    }

    /**
     * The gateway alone, answering each request only once the brokers acknowledged its records (acks=all; an xAPI
     * batch in one transaction, so a read_committed consumer sees all of it or nothing). The pipeline is the `run`
     * job reading those topics.
     */
    private int handOverToKafka(LearnPulseConfig cfg) throws Exception {
        var k = cfg.kafka();
        if (k.inputs().isEmpty()) {
            throw new IllegalArgumentException("kafka.inputs names no topic to hand records over to");
        }
        // One transactional id per gateway instance: two instances sharing one would fence each other.
        String txId = k.transactionalIdPrefix() + "-gateway-" + java.net.InetAddress.getLocalHost().getHostName()
                + "-" + cfg.gateway().port();
        try (var sink = new io.learnpulse.pipeline.kafka.KafkaRecordSink(k.bootstrapServers(), k.inputs(), txId,
                io.learnpulse.pipeline.kafka.KafkaRecordSink.DEFAULT_TIMEOUT, k.properties())) {
            io.learnpulse.app.gateway.Gateway http;
            try {
                http = io.learnpulse.app.gateway.Gateway.start(cfg, sink);
            } catch (BindException e) {
                throw new IllegalArgumentException("cannot listen on " + cfg.gateway().host() + ":" + cfg.gateway().port()
                        + " (" + e.getMessage() + "): choose another port with --port");
            }
            try {
                System.out.println("LearnPulse gateway: records go to Kafka " + k.bootstrapServers() + " topics "
                        + k.inputs() + " (acks=all), for a `run` job");
                System.out.println("HTTP gateway on " + http.baseUrl() + " (docs/gateway.md)");
                System.out.println(duration == null ? "Press Ctrl-C to stop." : "Running for " + duration.toSeconds() + "s.");
                StopSignal stop = StopSignal.install();
                try {
                    stop.await(duration == null ? Long.MAX_VALUE : duration.toNanos());
                } finally {
                    stop.finished();
                }
                System.out.println("stopping: " + http.requests() + " requests served");
            } finally {
                http.close();
            }
        }
        return 0;
    }

    /**
     * Stops the job the way Flink stops a job gracefully, with a savepoint: the sources stop, every record they
     * emitted is processed and the sinks are flushed, without advancing event time to its end (which would emit
     * end-of-stream results). The savepoint only serves the stop and is deleted; if it fails, the job is cancelled.
     */
    private static void stop(JobClient client) throws Exception {
        Path savepoints = Files.createTempDirectory("learnpulse-gateway-stop");
        try {
            client.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("could not stop the job gracefully (" + e.getMessage() + "); cancelling it");
            if (!client.getJobStatus().get().isGloballyTerminalState()) {
                client.cancel().get(30, TimeUnit.SECONDS);
            }
        } finally {
            try (Stream<Path> files = Files.walk(savepoints)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void runUntilStopped(JobClient client, EmbeddedGateway gateway) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(45, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "learnpulse-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        try {
            StatusLine.reportUntilStopped(client, duration, nanos -> stop.await(nanos, TimeUnit.NANOSECONDS), line -> {
                if (gateway.hasNewRequests()) { // quiet while nobody sends anything
                    System.out.println(line + System.lineSeparator() + "        " + gateway.statusLine());
                }
            });
            System.out.println("stopping: no new requests; waiting for the pipeline to take the queued records...");
            gateway.drain(Duration.ofSeconds(10));
            if (!client.getJobStatus().get().isGloballyTerminalState()) {
                stop(client);
            }
            System.out.println();
            System.out.println(gateway.statusLine());
            System.out.println(StatusLine.summary());
        } finally {
            stopped.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is already exiting.
        }
    }
}
