package io.learnpulse.app;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.metrics.LogHistogram;
import io.learnpulse.core.sim.CatalogGenerator;
import io.learnpulse.core.sim.LearnerSimulator;
import io.learnpulse.core.sim.SimRecord;
import io.learnpulse.core.sim.SimulatorConfig;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import io.learnpulse.pipeline.sink.SerializingDiscardSink;
import io.learnpulse.pipeline.source.MemoryLines;
import io.learnpulse.pipeline.source.MemorySource;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures the whole pipeline on input generated before the clock starts.
 *
 * <p><b>Input.</b> The seeded simulator writes its native JSON lines (with its disorder, duplicates, late and
 * malformed records) into memory, one partition of the learners per split, up to an event-time horizon that
 * holds the wanted number of records. Learners keep the simulator's own pace (time scale 1: seconds to minutes
 * between a learner's actions, hours between sessions), so per-learner state and work are what production
 * sees. The bench's clock then maps event time onto the wall clock: at a fixed rate N, the record arriving at
 * event time {@code a} is due at {@code start + (a - origin) / speedup}, with the speed-up chosen so that the
 * records come at N per second on average. Event time therefore runs {@code speedup} times faster than the wall
 * clock (printed), and all splits move through it together. The rate ramps up linearly over the warm-up, so
 * that the JIT compiler's first seconds do not leave a backlog that would spill into the measurement.
 *
 * <p><b>Measurement.</b> The job is FusionJob as production runs it (continuous mode: checkpoints, metrics),
 * with every output encoded to its JSON line and UTF-8 bytes and then dropped. The warm-up is excluded: counters
 * and latency histograms are read at its end and at the end of the measured period, and the difference is
 * reported. At a fixed rate a record's latency counts from its due time (what an external producer would see
 * when the job falls behind); unpaced, from when the source emitted it.
 *
 * <p><b>Through Kafka</b> ({@code --kafka}, {@link BenchKafka}): the same lines go to input topics and the job is
 * the production one, Kafka sources and exactly-once Kafka sinks, minus the serving store. See {@link #input}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks the whole pipeline on simulated events generated before timing: throughput "
                + "(--rate max) or latency at a fixed rate. Prints a table and, last, one JSON line."})
final class BenchCommand implements Callable<Integer> {
    /** Records the unpaced mode generates per second of warm-up and measurement, unless --events says otherwise. */
    static final long MAX_RATE_BUDGET = 300_000;
    /**
     * The same through Kafka, where all of it is written to the broker before timing: the pipeline reads Kafka
     * more slowly than memory, and the rest would only lengthen the preload.
     */
    static final long MAX_RATE_BUDGET_KAFKA = 50_000;
    /** Bytes a generated record takes off the heap, about: for the default cap on the unpaced input. */
    static final long BYTES_PER_RECORD = 200;
    /** Paced runs generate this much input beyond the measured period, so it ends in steady state. */
    static final Duration TAIL = Duration.ofSeconds(2);

    @Option(names = "--learners", defaultValue = "10000", description = "Simulated learners (default: ${DEFAULT-VALUE}).")
    int learners;

    @Option(names = "--rate", defaultValue = "max", paramLabel = "max|N",
            description = "Events per second, or max for unpaced throughput (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "D",
            description = "Measured period after the warm-up (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "15s", converter = DurationConverter.class, paramLabel = "D",
            description = "Excluded from the measurement; at a fixed rate, the rate ramps up from zero over it "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--events", paramLabel = "N",
            description = "Records to generate (default: rate x (warm-up / 2 + duration + 2s); with --rate max, "
                    + MAX_RATE_BUDGET + " per second of warm-up and duration (" + MAX_RATE_BUDGET_KAFKA
                    + " with --kafka), as far as 60%% of the maximum heap size holds them off the heap). An unpaced "
                    + "run that uses them up ends its measurement there.")
    Long events;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--splits", defaultValue = "4", description = "Source splits (learner partitions) (default: ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--interval", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "D",
            description = "Status line period (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--kafka", arity = "0..1", fallbackValue = "", paramLabel = "HOST:PORT",
            description = {"Run through Kafka: the input goes to fresh input topics (one per channel, --splits "
                    + "partitions, keyed by learner) and the job is the production one (Kafka sources, exactly-once "
                    + "Kafka outputs to fresh topics; no serving store). Without an address, a single-node broker is "
                    + "started in a child process for the run; with one, that broker is used and the run's topics "
                    + "are deleted afterwards."})
    String kafka;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        Double paced = parseRate(rate);
        if (learners < 1 || splits < 1 || duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("--learners and --splits must be positive, --duration > 0, --warmup >= 0");
        }
        LearnPulseConfig cfg = config.load();
        if (kafka != null && !cfg.exactlyOnce()) {
            throw new IllegalArgumentException("--kafka writes exactly-once Kafka outputs, which are committed with "
                    + "checkpoints: it needs engine.checkpointing: exactly-once");
        }
        SimulatorConfig sim = new SimulatorConfig();
        sim.learners = learners;
        sim.seed = seed;
        sim.allowedLatenessMs = cfg.defaultLateness().allowedLateness().toMillis();
        sim.fusionWindowMs = cfg.fusionWindow().toMillis();
        sim.validate();
        Catalog catalog = CatalogGenerator.generate(sim.seed, sim.courses);

        // A paced run ramps its rate up over the warm-up, which therefore takes half its length's worth of input.
        double seconds = paced != null ? (warmup.toMillis() / 2.0 + duration.toMillis() + TAIL.toMillis()) / 1000.0
                : (warmup.toMillis() + duration.toMillis()) / 1000.0;
        // Direct buffers are limited to the maximum heap size unless -XX:MaxDirectMemorySize says otherwise.
        long fits = (long) (Runtime.getRuntime().maxMemory() * 0.6) / BYTES_PER_RECORD;
        long wanted = events != null ? events
                : paced != null ? Math.round(paced * seconds)
                : Math.min(fits, Math.round((kafka == null ? MAX_RATE_BUDGET : MAX_RATE_BUDGET_KAFKA) * seconds));
        if (wanted < 1) {
            throw new IllegalArgumentException("--events must be positive");
        }

        out.printf(Locale.ROOT, "LearnPulse bench: %,d learners, seed %d, rate %s, warm-up %ss, measured %ss%s%n",
                learners, seed, paced == null ? "max" : String.format(Locale.ROOT, "%,.0f/s", paced),
                warmup.toSeconds(), duration.toSeconds(), kafka == null ? "" : ", through Kafka");
        long genStart = System.nanoTime();
        MemoryLines lines = generate(sim, catalog, wanted);
        double genSeconds = (System.nanoTime() - genStart) / 1e9;
        long fed = lines.records();
        double eventSpanMs = lines.lastArrival() - sim.startTime;
        double speedup = paced == null ? Double.NaN : eventSpanMs / (fed / paced * 1000.0);
        out.printf(Locale.ROOT, "generated %,d records (%,.0f MB off-heap) in %.1f s, %.1f days of event time%n",
                fed, lines.bytes() / 1e6, genSeconds, eventSpanMs / 86_400_000.0);
        if (paced != null) {
            out.printf(Locale.ROOT, "event time runs %,.0fx faster than the wall clock (a learner sends an event every %,.0f s of event time on average)%n",
                    speedup, learners / (fed / (eventSpanMs / 1000.0)));
        }
        out.printf(Locale.ROOT, "Embedded Flink %s, parallelism %d, checkpoints %s; Flink logs: %s%n",
                org.apache.flink.runtime.util.EnvironmentInformation.getVersion(), cfg.parallelism(),
                cfg.exactlyOnce() ? "exactly-once every " + cfg.checkpointInterval().toSeconds() + "s" : "off", Logs.file());
        out.flush();
        try (BenchInput in = input(lines, sim, cfg, paced, speedup)) {
            Result r = run(cfg, catalog, in, fed, paced != null);
            out.println();
            out.print(r.table(fed));
            out.println(r.json());
            out.flush();
            return in.passed() ? 0 : 1;
        } finally {
            lines.release();
        }
    }

    static Double parseRate(String rate) {
        if (rate.equalsIgnoreCase("max")) {
            return null;
        }
        double r;
        try {
            r = Double.parseDouble(rate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate must be max or a number of events per second (was '" + rate + "')");
        }
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("--rate must be positive (was " + rate + ")");
        }
        return r;
    }

    /**
     * The job's input and outputs: the one place the transport plugs in. In memory, a FLIP-27 source over the
     * lines and sinks that encode every output and drop it. With {@code --kafka}, {@link BenchKafka}: the lines go
     * to input topics (all of them before timing when unpaced; on the same schedule as the paced memory source
     * otherwise, each record's timestamp being its due time and the origin of its latency), read by the
     * production Kafka sources, and the outputs go to exactly-once Kafka topics.
     */
    private BenchInput input(MemoryLines lines, SimulatorConfig sim, LearnPulseConfig cfg, Double paced,
            double speedup) throws Exception {
        if (kafka != null) {
            return BenchKafka.open(kafka, cfg, lines, paced == null ? null
                    : new PacedSender(lines, sim.startTime, speedup, warmup.toMillis()), out);
        }
        MemorySource source = paced == null ? MemorySource.unpaced(lines)
                : MemorySource.paced(lines, sim.startTime, speedup, warmup.toMillis());
        return new InMemory(new FusionJob.Input("bench", source));
    }

    /** From memory to sinks that encode every output, then drop it. */
    private static final class InMemory implements BenchInput {
        private final FusionJob.Input input;

        InMemory(FusionJob.Input input) {
            this.input = input;
        }

        @Override
        public List<FusionJob.Input> inputs() {
            return List.of(input);
        }

        @Override
        public FusionJob.Sinks sinks() {
            return SerializingDiscardSink.forAllOutputs();
        }

        @Override
        public long fed() {
            return LiveMetrics.sum(".memory_source_records");
        }

        @Override
        public String outputs() {
            return "encoded, then dropped";
        }

        @Override
        public void finish(JobClient client, boolean paced) throws Exception {
            if (paced) {
                // The input ends shortly after the measured period: let the job finish, so all of it is counted.
                client.getJobExecutionResult().get(5, TimeUnit.MINUTES);
            } else if (!done(client)) {
                client.cancel().get(1, TimeUnit.MINUTES);
                waitFor(() -> done(client), System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
            }
        }
    }

    /** Generates the partitions in parallel, each up to the event-time horizon that gives about {@code wanted} records in all. */
    private MemoryLines generate(SimulatorConfig sim, Catalog catalog, long wanted) throws Exception {
        double perSecond = new LearnerSimulator(sim, catalog).estimatedEventsPerSecond();
        long horizon = sim.startTime + (long) Math.ceil(wanted / perSecond * 1000.0);
        MemoryLines.Partition[] parts = MemoryLines.newPartitions(splits);
        perPartition(splits, partition -> {
            LearnerSimulator s = new LearnerSimulator(sim, catalog, partition, splits);
            while (s.hasNext()) {
                SimRecord r = s.next();
                if (r.arrivalTime >= horizon) {
                    break;
                }
                parts[partition].append(r.source, r.line, r.arrivalTime);
            }
        });
        return MemoryLines.register("bench-" + System.nanoTime(), parts);
    }

    /** Work on one partition; it may throw. */
    @FunctionalInterface
    interface PartitionTask {
        void run(int partition) throws Exception;
    }

    /** Runs {@code task} for each of {@code partitions}, in parallel up to the cores, and waits for all. */
    static void perPartition(int partitions, PartitionTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(partitions, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                int partition = p;
                done.add(pool.submit(() -> {
                    task.run(partition);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Result run(LearnPulseConfig cfg, Catalog catalog, BenchInput input, long fed, boolean paced)
            throws Exception {
        LiveMetrics.clear();
        FusionJob job = new FusionJob(cfg, catalog, input.inputs(), input.sinks());
        JobClient client = job.executeAsync(Engine.environment(cfg, Engine.Mode.CONTINUOUS), "learnpulse-bench");
        input.submitted(client);

        // The clock starts with the first record in; the warm-up is measured from there.
        long started = waitFor(() -> LiveMetrics.sum(".events_in") > 0 || done(client), Long.MAX_VALUE);
        long warmupEnd = started + warmup.toNanos();
        long end = warmupEnd + duration.toNanos();
        Snapshot origin = Snapshot.take(started);
        Snapshot status = origin;
        Snapshot first = null;
        long nextStatus = started + interval.toNanos();
        long externalAtOrigin = input.externalCpuNanos();
        long externalAtFirst = -1;
        while (true) {
            long now = System.nanoTime();
            if (first == null && now >= warmupEnd) {
                first = Snapshot.take(now);
                externalAtFirst = input.externalCpuNanos();
            }
            if (now >= end || done(client) || LiveMetrics.sum(".events_in") >= fed) {
                break;
            }
            if (now >= nextStatus) {
                Snapshot s = Snapshot.take(now);
                out.println(s.statusSince(status, started));
                status = s;
                nextStatus += interval.toNanos();
            }
            // Short polls: an unpaced run's measurement ends when its input is used up, noticed within a poll.
            Thread.sleep(Math.max(1, Math.min(10, TimeUnit.NANOSECONDS.toMillis(Math.min(nextStatus, end) - now))));
        }
        Snapshot last = Snapshot.take(System.nanoTime());
        long externalAtLast = input.externalCpuNanos();
        if (first == null) {
            // The input ran out (or the job ended) within the warm-up: measure all there was.
            first = origin;
            externalAtFirst = externalAtOrigin;
        }
        long stateEntries = LiveMetrics.sumGauges(".learners_with_state");
        long heapBytes = heapAfterGc();

        Result r = new Result();
        r.seconds = (last.nanos - first.nanos) / 1e9;
        r.events = last.in - first.in;
        r.latency = LogHistogram.minus(last.latency, first.latency);
        r.finalLatency = LogHistogram.minus(last.finalLatency, first.finalLatency);
        r.heapBytes = heapBytes;
        r.stateEntries = stateEntries;
        r.ranOut = !paced && last.in >= fed && last.nanos < end;
        r.cpuNanos = last.processCpu - first.processCpu;
        if (externalAtFirst >= 0 && externalAtLast >= 0) {
            r.externalCpuNanos = externalAtLast - externalAtFirst;
            r.externalCpuName = input.externalCpuName();
        }
        for (Map.Entry<String, Long> e : last.threadCpu.entrySet()) {
            long d = e.getValue() - first.threadCpu.getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                r.threadCpu.put(e.getKey(), d);
            }
        }

        input.finish(client, paced);
        r.counted = LiveMetrics.sum(".events_in");
        r.emitted = input.fed();
        r.outputs = input.outputs();
        r.fused = LiveMetrics.sum(".fused_speculative");
        r.sinkRecords = LiveMetrics.sum(".sink_records");
        r.sinkBytes = LiveMetrics.sum(".sink_bytes");
        r.extra = input.report();
        return r;
    }

    static boolean done(JobClient client) {
        try {
            return client.getJobStatus().get().isGloballyTerminalState();
        } catch (Exception e) {
            return true;
        }
    }

    static long waitFor(java.util.function.BooleanSupplier condition, long deadlineNanos) throws InterruptedException {
        while (!condition.getAsBoolean() && System.nanoTime() < deadlineNanos) {
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    /**
     * CPU time of the process's threads, grouped by name without numbering. On Linux from
     * {@code /proc/self/task}, which also sees the JVM's own threads (garbage collection, JIT compilers);
     * names are cut to 15 characters there. Elsewhere the Java threads only.
     */
    static Map<String, Long> threadCpuNanos() {
        Map<String, Long> out = new TreeMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks != null) {
            long nanosPerTick = 10_000_000L; // USER_HZ is 100 on every Linux the JVM runs on
            for (java.io.File task : tasks) {
                try {
                    String stat = new String(java.nio.file.Files.readAllBytes(task.toPath().resolve("stat")),
                            java.nio.charset.StandardCharsets.UTF_8);
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    if (ticks > 0) {
                        out.merge(group(stat.substring(open + 1, close)), ticks * nanosPerTick, Long::sum);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // The thread ended while being read.
                }
            }
            return out;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                if (cpu > 0) {
                    out.merge(group(t.getThreadName()), cpu, Long::sum);
                }
            }
        }
        return out;
    }

    private static String group(String threadName) {
        return threadName.replaceAll(" \\(\\d+/\\d+\\)#\\d+$", "").replaceAll("[-#]?\\d+$", "").trim();
    }

    /** Heap in use after a full collection: the job's live objects (the input lines are off the heap). */
    static long heapAfterGc() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** Heap in use after the most recent collection of each heap pool, without forcing one. */
    static long heapAfterLastGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage u = pool.getCollectionUsage();
                used += u != null ? u.getUsed() : pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** Cumulative counters, histograms and CPU times at one moment. */
    private static final class Snapshot {
        long nanos;
        long in;
        long[] latency;
        long[] finalLatency;
        long processCpu;
        /** CPU nanoseconds by thread group (task name without the subtask index, or the thread name). */
        Map<String, Long> threadCpu;

        static Snapshot take(long nanos) {
            Snapshot s = new Snapshot();
            s.nanos = nanos;
            s.in = LiveMetrics.sum(".events_in");
            s.latency = LiveMetrics.histogram(".insight_latency_us");
            s.finalLatency = LiveMetrics.histogram(".final_latency_us");
            s.processCpu = processCpuNanos();
            s.threadCpu = threadCpuNanos();
            return s;
        }

        String statusSince(Snapshot prev, long started) {
            double secs = Math.max(1e-3, (nanos - prev.nanos) / 1e9);
            long[] lat = LogHistogram.minus(latency, prev.latency);
            long[] fin = LogHistogram.minus(finalLatency, prev.finalLatency);
            return String.format(Locale.ROOT,
                    "[%5.0fs] in %,9.0f ev/s | speculative p50 %s p99 %s | final p99 %s | heap after GC %,6.0f MB | learners with state %,d",
                    (nanos - started) / 1e9, (in - prev.in) / secs, StatusLine.ms(LogHistogram.quantileMillis(lat, 0.5)),
                    StatusLine.ms(LogHistogram.quantileMillis(lat, 0.99)), StatusLine.ms(LogHistogram.quantileMillis(fin, 0.99)),
                    heapAfterLastGc() / 1e6, LiveMetrics.sumGauges(".learners_with_state"));
        }
    }

    /** The measured figures. */
    static final class Result {
        double seconds;
        long events;
        long[] latency;
        long[] finalLatency;
        long heapBytes;
        long stateEntries;
        long counted;
        long emitted;
        long fused;
        long sinkRecords;
        long sinkBytes;
        /** What became of the outputs. */
        String outputs = "encoded, then dropped";
        /** Further lines of the input's own (Kafka's checks). */
        String extra = "";
        boolean ranOut;
        long cpuNanos;
        /** CPU of a process the run started (a child broker) over the measured period; -1 for none. */
        long externalCpuNanos = -1;
        String externalCpuName = "";
        Map<String, Long> threadCpu = new TreeMap<>();

        double eventsPerSecond() {
            return seconds > 0 ? events / seconds : 0;
        }

        String table(long fed) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "measured           %.1f s after the warm-up%s%n", seconds,
                    ranOut ? " (the input ran out: --events or more memory for a longer measurement)" : ""));
            sb.append(String.format(Locale.ROOT, "throughput         %,.0f events/s (%,d events)%n", eventsPerSecond(), events));
            sb.append(String.format(Locale.ROOT, "speculative        p50 %s  p95 %s  p99 %s  max %s  (%,d fused attempts, ingest -> fused output)%n",
                    StatusLine.ms(q(latency, 0.5)), StatusLine.ms(q(latency, 0.95)), StatusLine.ms(q(latency, 0.99)),
                    StatusLine.ms(LogHistogram.maxMillis(latency)), LogHistogram.count(latency)));
            sb.append(String.format(Locale.ROOT, "final              p50 %s  p99 %s  (%,d first final revisions)%n",
                    StatusLine.ms(q(finalLatency, 0.5)), StatusLine.ms(q(finalLatency, 0.99)), LogHistogram.count(finalLatency)));
            sb.append(String.format(Locale.ROOT, "CPU                %.2f cores, %.1f us per event%n",
                    cpuNanos / 1e9 / seconds, events == 0 ? Double.NaN : cpuNanos / 1e3 / events));
            threadCpu.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(e -> e.getValue() >= cpuNanos / 100)
                    .forEach(e -> sb.append(String.format(Locale.ROOT, "  %5.1f us/event  %s%n",
                            events == 0 ? Double.NaN : e.getValue() / 1e3 / events, e.getKey())));
            if (externalCpuNanos >= 0) {
                sb.append(String.format(Locale.ROOT, "  plus %.2f cores, %.1f us per event in %s%n",
                        externalCpuNanos / 1e9 / seconds, events == 0 ? Double.NaN : externalCpuNanos / 1e3 / events,
                        externalCpuName));
            }
            sb.append(String.format(Locale.ROOT, "heap after GC      %,.0f MB%n", heapBytes / 1e6));
            sb.append(String.format(Locale.ROOT, "state entries      %,d learners with state%n", stateEntries));
            sb.append(String.format(Locale.ROOT, "events fed         %,d of %,d generated; counted in %,d%n", emitted, fed, counted));
            sb.append(String.format(Locale.ROOT, "outputs            %,d records, %,.1f MB of JSON (%s)%n",
                    sinkRecords, sinkBytes / 1e6, outputs));
            sb.append(extra);
            return sb.toString();
        }

        String json() {
            return String.format(Locale.ROOT,
                    "{\"events_per_sec\":%d,\"p50_ms\":%s,\"p95_ms\":%s,\"p99_ms\":%s,\"max_ms\":%s,\"final_p99_ms\":%s,"
                            + "\"heap_mb\":%d,\"state_entries\":%d}",
                    Math.round(eventsPerSecond()), num(q(latency, 0.5)), num(q(latency, 0.95)), num(q(latency, 0.99)),
                    num(LogHistogram.maxMillis(latency)), num(q(finalLatency, 0.99)), Math.round(heapBytes / 1048576.0),
                    stateEntries);
        }

        private static double q(long[] h, double quantile) {
            return LogHistogram.quantileMillis(h, quantile);
        }

        private static String num(double v) {
            return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.2f", v);
        }
    }
}
