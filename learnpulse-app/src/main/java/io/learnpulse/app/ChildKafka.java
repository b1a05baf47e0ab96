package io.learnpulse.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Kafka broker in a child process, for {@code bench --kafka}: the services jar
 * ({@code learnpulse-services.jar}, {@code DevServices --no-redis --kafka-port 0}) started with this JVM's
 * {@code java}, so the broker and its Scala runtime stay out of the job jar and its threads out of the bench's
 * CPU figures. Its output goes to a log file; the address is read from its {@code bootstrap.servers=} line.
 * {@link #close()} stops it (SIGTERM, then a kill if it has not ended within 30 s); its data is deleted then.
 */
final class ChildKafka implements AutoCloseable {
    /** The system property the launcher sets to the services jar. */
    static final String JAR_PROPERTY = "learnpulse.services.jar";
    private static final String MARK = "bootstrap.servers=";

    private final Process process;
    private final String bootstrapServers;

    private ChildKafka(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** The services jar named by {@link #JAR_PROPERTY}; fails with what to do when there is none. */
    static Path servicesJar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalArgumentException("--kafka without an address starts a broker from the services jar, "
                    + (jar == null || jar.isBlank() ? "which was not given" : "which is not at " + jar)
                    + ": run the bench through ./learnpulse (it builds the jar), set -D" + JAR_PROPERTY
                    + "=learnpulse-devservices/target/learnpulse-services.jar, or give a broker with --kafka=HOST:PORT");
        }
        return Path.of(jar);
    }

    /** Starts the broker and waits (at most {@code timeout}) until it says where it listens. */
    static ChildKafka start(Path servicesJar, Path log, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        // The same JDK packages opened as for this JVM (the launcher opens them for the services too).
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens")) {
                cmd.add(arg);
            }
        }
        // Kafka's own start script gives a broker 1 GB of heap; its data lives in the page cache.
        cmd.addAll(List.of("-Xmx1g", "-Dlog4j2.statusLoggerLevel=ERROR", "-jar", servicesJar.toString(),
                "--no-redis", "--kafka-port", "0",
                // Even if this JVM is killed outright (no shutdown hook runs), the broker does not outlive it.
                "--exit-with", Long.toString(ProcessHandle.current().pid())));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(process, log, address), "bench-kafka-child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String bootstrap = address.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (bootstrap == null) {
                throw new IllegalStateException("the Kafka child process ended before it was up (exit "
                        + process.waitFor() + "); its output is in " + log);
            }
            return new ChildKafka(process, bootstrap);
        } catch (ExecutionException | TimeoutException | RuntimeException | InterruptedException e) {
            stop(process);
            if (e instanceof TimeoutException) {
                throw new IllegalStateException("the Kafka child process was not up within " + timeout.toSeconds()
                        + " s; its output is in " + log);
            }
            if (e instanceof InterruptedException) {
                throw (InterruptedException) e;
            }
            throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
        }
    }

    /** The address in a line of the services' output ({@code ... bootstrap.servers=HOST:PORT}), or null. */
    static String bootstrapIn(String line) {
        int i = line.indexOf(MARK);
        if (i < 0) {
            return null;
        }
        String rest = line.substring(i + MARK.length()).trim();
        int end = rest.indexOf(' ');
        String address = end < 0 ? rest : rest.substring(0, end);
        return address.isEmpty() ? null : address;
    }

    /** Copies the child's output to the log, completing {@code address} at its address line (null at its end). */
    static void copyOutput(Process process, Path log, CompletableFuture<String> address) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             // One run's broker per log, as the job's own log is rewritten per run: what is in it is this run's.
             Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            String line;
            while ((line = in.readLine()) != null) {
                w.write(line);
                w.write(System.lineSeparator());
                w.flush();
                String bootstrap = bootstrapIn(line);
                if (bootstrap != null) {
                    address.complete(bootstrap);
                }
            }
        } catch (IOException e) {
            address.completeExceptionally(e);
        } finally {
            address.complete(null);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    /** The broker process's CPU time so far, in nanoseconds, or -1 if the system does not tell. */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    /** Stops the broker and waits for its process to end. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
