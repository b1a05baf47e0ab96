package io.learnpulse.app;

import io.learnpulse.core.config.KafkaConfig;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.format.RecordParser;
import io.learnpulse.core.metrics.LogHistogram;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.kafka.KafkaInputs;
import io.learnpulse.pipeline.kafka.KafkaOutputs;
import io.learnpulse.pipeline.kafka.ProductionJob;
import io.learnpulse.pipeline.kafka.RawRecordDeserializer;
import io.learnpulse.pipeline.kafka.TopicReadiness;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import io.learnpulse.pipeline.source.MemoryLines;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.util.SerializedThrowable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code bench --kafka}: the bench's generated lines through a Kafka broker in and out, with the production job's
 * Kafka sources ({@link KafkaInputs}: one input per channel, watermarks per partition) and exactly-once Kafka
 * outputs ({@link KafkaOutputs}), on fresh topics named {@code bench-<epoch ms>-<channel or output>}.
 *
 * <p><b>Input.</b> One topic per channel the lines use, with one partition per generated learner partition
 * ({@code --splits}): partition p holds the learners of the memory source's split p. Records are keyed by learner
 * id as {@code publish} keys them (the learner of the line's first valid event; none for a line without one) and
 * sent with {@code publish}'s producer settings (acks=all, idempotent, linger 5 ms, lz4). Unpaced, every line is
 * written before the job starts; the job reads the backlog as fast as it can and a record's ingest time is when
 * the source read it, as in {@code run}. Paced, a thread of this process sends each line at its due time on the
 * memory source's schedule ({@link PacedSender}), once the job's Kafka consumers have their partitions, with that
 * due time as the record's timestamp (CreateTime); the sources take it as the ingest time
 * ({@link RawRecordDeserializer.IngestTime#RECORD_TIMESTAMP}), so latency counts from when the record was due to
 * be sent, including the producer, the broker and the consumer. ({@code run} counts from when the source reads a
 * record: the time in Kafka before that is not in its insight latency.)
 *
 * <p><b>End.</b> The job is stopped with a savepoint, as {@code run} stops: a paced run once every record sent was
 * read, advancing event time to its end (as the bounded memory source does); an unpaced run right after the
 * measured period. Either way the sinks' last transactions commit, so a {@code read_committed} consumer then
 * counts exactly the records the job wrote: that count is printed and checked. While the job runs, the output
 * partitions' high watermarks and last stable offsets are sampled every 100 ms, for the delay until outputs
 * become visible to {@code read_committed} consumers ({@link OutputVisibility}; at most the checkpoint interval
 * plus the checkpoint's own time).
 *
 * <p>A broker given by address keeps running; the run's topics are deleted at the end. A broker started here is a
 * child process ({@link ChildKafka}) stopped at the end, on failure and on Ctrl-C.
 */
final class BenchKafka implements BenchInput {
    private static final long ADMIN_TIMEOUT_S = 30;
    private static final long SAMPLE_MS = 100;

    private final LearnPulseConfig cfg;
    private final KafkaConfig k;
    private final PrintWriter out;
    private final ChildKafka child;
    private final String bootstrap;
    private final String runId;
    private final Admin admin;
    /** Channel → topic. */
    private final Map<String, String> inputTopics = new TreeMap<>();
    /** Output name ({@link KafkaOutputs#ALL}) → topic. */
    private final Map<String, String> outputTopics = new LinkedHashMap<>();
    private final int partitions;
    private final int outputPartitions;
    private final MemoryLines lines;
    private final PacedSender sender;
    private final Thread hook;

    private KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private Thread senderThread;
    private ScheduledExecutorService sampler;
    private final OutputVisibility visibility = new OutputVisibility();
    /** How late the paced sender handed records to the producer, after their due times (sender thread only). */
    private final LogHistogram senderLag = new LogHistogram();
    /** How late the broker acknowledged paced records, after their due times (producer I/O thread only). */
    private final LogHistogram ackLag = new LogHistogram();
    private String stopProblem;
    private long committed = -1;
    private long written = -1;
    /** The job's restarts (failovers) before it was stopped. */
    private long restarts;
    private boolean topicsDeleted;
    private boolean closed;

    private BenchKafka(LearnPulseConfig cfg, ChildKafka child, String bootstrap, MemoryLines lines,
            PacedSender sender, PrintWriter out) {
        this.cfg = cfg;
        this.k = cfg.kafka();
        this.child = child;
        this.bootstrap = bootstrap;
        this.lines = lines;
        this.sender = sender;
        this.out = out;
        this.partitions = lines.partitionCount();
        this.outputPartitions = k.topicPartitions();
        this.runId = "bench-" + System.currentTimeMillis();
        Properties p = new Properties();
        p.putAll(k.properties());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ADMIN_TIMEOUT_S * 1000));
        this.admin = Admin.create(p);
        this.hook = new Thread(this::close, "bench-kafka-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Connects to the broker at {@code address}, or starts one in a child process when it is empty, creates the
     * run's topics and, unpaced ({@code sender} null), writes every line to them.
     */
    static BenchKafka open(String address, LearnPulseConfig cfg, MemoryLines lines, PacedSender sender,
            PrintWriter out) throws Exception {
        ChildKafka child = null;
        String bootstrap = address.trim();
        if (bootstrap.isEmpty()) {
            Path log = Logs.file().resolveSibling("bench-kafka.log");
            child = ChildKafka.start(ChildKafka.servicesJar(), log, Duration.ofMinutes(2));
            bootstrap = child.bootstrapServers();
            out.printf("Kafka: single-node broker in a child process (pid %d) at %s; its log: %s%n", child.pid(),
                    bootstrap, log);
        } else {
            out.printf("Kafka: the broker at %s (the run's topics are deleted at the end)%n", bootstrap);
        }
        out.flush();
        BenchKafka b;
        try {
            b = new BenchKafka(cfg, child, bootstrap, lines, sender, out);
        } catch (RuntimeException e) {
            if (child != null) {
                child.close();
            }
            throw e;
        }
        try {
            b.prepare();
            return b;
        } catch (Exception e) {
            b.close();
            throw e;
        }
    }

    private void prepare() throws Exception {
        long[] perChannel = new long[Sources.ALL.size()];
        for (int p = 0; p < partitions; p++) {
            MemoryLines.Cursor c = lines.cursor(p);
            while (c.hasNext()) {
                perChannel[Sources.ALL.indexOf(c.source())]++;
                c.skip();
            }
        }
        for (int i = 0; i < perChannel.length; i++) {
            if (perChannel[i] > 0) {
                inputTopics.put(Sources.ALL.get(i), runId + "-" + Sources.ALL.get(i));
            }
        }
        for (String name : k.outputs().keySet()) {
            String output = ProductionJob.outputName(name);
            outputTopics.put(output, runId + "-" + output);
        }
        createTopics();
        out.printf(Locale.ROOT, "topics %s-*: inputs %s (%d partitions each), outputs %s (%d partitions each)%n", runId,
                inputTopics.keySet(), partitions, outputTopics.keySet(), outputPartitions);

        Properties p = PublishCommand.producerProperties(k, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, runId + "-input");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        // Fetch the topics' metadata now: the first send to a topic would otherwise wait for it.
        for (String topic : inputTopics.values()) {
            producer.partitionsFor(topic);
        }

        if (sender == null) {
            preload();
        } else {
            out.printf(Locale.ROOT, "the records are sent on the schedule during the run, by a producer in this "
                    + "process, each stamped with its due time (CreateTime), where its latency starts%n");
        }
        out.flush();
    }

    private void createTopics() throws Exception {
        Map<String, String> createTime = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
        List<NewTopic> topics = new ArrayList<>();
        inputTopics.values().forEach(t -> topics.add(new NewTopic(t, partitions, (short) -1).configs(createTime)));
        outputTopics.values().forEach(t -> topics.add(new NewTopic(t, outputPartitions, (short) -1)));
        admin.createTopics(topics).all().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
        // The preload's idempotent producer writes to every partition at once, with several requests in flight.
        TopicReadiness.awaitWritable(admin, topics.stream().map(NewTopic::name).toList(),
                Duration.ofSeconds(ADMIN_TIMEOUT_S));
    }

    /** Writes every line before timing, a thread per partition (up to the cores), and waits for all acks. */
    private void preload() throws Exception {
        long start = System.nanoTime();
        BenchCommand.perPartition(partitions, partition -> {
            MemoryLines.Cursor c = lines.cursor(partition);
            while (c.hasNext() && failure.get() == null) {
                send(partition, c.source(), c.line(), null);
            }
        });
        producer.flush();
        throwIfFailed();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "wrote %,d records to the input topics in %.1f s (%,.0f records/s), before timing%n",
                acked.get(), seconds, acked.get() / Math.max(seconds, 1e-9));
    }

    /** Parsers are not thread-safe; the preload sends from several threads. */
    private final ThreadLocal<RecordParser> parsers = ThreadLocal.withInitial(
            () -> new RecordParser(new ParserSettings(Integer.MAX_VALUE, Long.MAX_VALUE / 4)));

    private final Callback onAck = (meta, e) -> {
        if (e != null) {
            failure.compareAndSet(null, e);
        } else {
            acked.incrementAndGet();
        }
    };

    /** Sends one line to its channel's topic, on the learner partition it was generated in, keyed by learner. */
    private void send(int partition, String channel, String line, Long timestamp) {
        String[] learner = {null};
        parsers.get().parse(channel, line, System.currentTimeMillis(), r -> {
            if (learner[0] == null && r.ok()) {
                learner[0] = r.event.learnerId;
            }
        });
        producer.send(new ProducerRecord<>(inputTopics.get(channel), partition, timestamp,
                learner[0] == null ? null : learner[0].getBytes(StandardCharsets.UTF_8),
                line.getBytes(StandardCharsets.UTF_8)), timestamp == null ? onAck : (meta, e) -> {
                    onAck.onCompletion(meta, e);
                    ackLag.recordMillis(System.currentTimeMillis() - timestamp);
                });
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("writing the input to Kafka at " + bootstrap + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<FusionJob.Input> inputs() {
        RawRecordDeserializer.IngestTime ingest = sender == null ? RawRecordDeserializer.IngestTime.READ
                : RawRecordDeserializer.IngestTime.RECORD_TIMESTAMP;
        List<FusionJob.Input> inputs = new ArrayList<>();
        inputTopics.forEach((channel, topic) -> inputs.add(KafkaInputs.input(cfg, channel,
                KafkaInputs.builder(cfg, bootstrap, topic, channel, runId, k.properties(), ingest).build())));
        return inputs;
    }

    @Override
    public FusionJob.Sinks sinks() {
        return new KafkaOutputs(bootstrap, k.transactionalIdPrefix() + "-" + runId, k.transactionTimeout(),
                k.properties()).sinks(outputTopics);
    }

    @Override
    public void submitted(JobClient client) throws Exception {
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-kafka-visibility");
            t.setDaemon(true);
            return t;
        });
        List<TopicPartition> outputs = new ArrayList<>();
        for (String topic : outputTopics.values()) {
            for (int p = 0; p < outputPartitions; p++) {
                outputs.add(new TopicPartition(topic, p));
            }
        }
        sampler.scheduleWithFixedDelay(() -> sample(outputs), SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
        if (sender == null) {
            return;
        }
        // Start sending once the job's consumers have their partitions, as the memory source starts its schedule
        // when its readers register: records due before that would wait in the topics.
        int wanted = inputTopics.size() * partitions;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        BenchCommand.waitFor(() -> LiveMetrics.sumGauges(".KafkaConsumer.assigned-partitions") >= wanted
                || BenchCommand.done(client), deadline);
        if (LiveMetrics.sumGauges(".KafkaConsumer.assigned-partitions") < wanted && !BenchCommand.done(client)) {
            out.println("the job's Kafka consumers did not report their partitions within 2 minutes; sending anyway");
        }
        senderThread = new Thread(() -> {
            try {
                sender.run(PacedSender.SYSTEM, (partition, channel, line, due) -> {
                    throwIfFailed();
                    send(partition, channel, line, due);
                    senderLag.recordMillis(System.currentTimeMillis() - due);
                });
                producer.flush();
            } catch (InterruptedException e) {
                // Stopped by close().
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        }, "bench-kafka-sender");
        senderThread.setDaemon(true);
        senderThread.start();
    }

    private void sample(List<TopicPartition> tps) {
        try {
            long now = System.currentTimeMillis();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(5, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, Long> stable = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(5, TimeUnit.SECONDS).forEach((tp, info) -> stable.put(tp, info.offset()));
            synchronized (visibility) {
                visibility.sample(now, ends, stable);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // A missed sample only coarsens the measurement.
        }
    }

    @Override
    public long externalCpuNanos() {
        return child == null ? -1 : child.cpuNanos();
    }

    @Override
    public String externalCpuName() {
        return "the Kafka broker (child process)";
    }

    @Override
    public long fed() {
        return acked.get();
    }

    @Override
    public String outputs() {
        return "written to Kafka in transactions, committed with each checkpoint";
    }

    @Override
    public void finish(JobClient client, boolean paced) throws Exception {
        if (paced && senderThread != null) {
            // The schedule ends shortly after the measured period.
            senderThread.join(sender.lastDueAfter() + TimeUnit.MINUTES.toMillis(5));
            throwIfFailed();
            long sent = acked.get();
            BenchCommand.waitFor(() -> LiveMetrics.sum(".events_in") >= sent || BenchCommand.done(client),
                    System.nanoTime() + TimeUnit.MINUTES.toNanos(5));
        }
        sampler.shutdownNow();
        // A job-level gauge: gone once the job has ended.
        restarts = LiveMetrics.sumGauges(".numRestarts");
        stop(client, paced);
        written = LiveMetrics.sum(".sink_records");
        committed = countCommitted();
        deleteTopics();
    }

    /**
     * Stops the job with a savepoint (deleted afterwards), so that its sinks commit their last transactions;
     * {@code drain} advances event time to its end first. If that fails, the job is cancelled.
     */
    private void stop(JobClient client, boolean drain) throws Exception {
        if (BenchCommand.done(client)) {
            stopProblem = "the job ended by itself: " + client.getJobStatus().get();
            return;
        }
        Path savepoints = Files.createTempDirectory("learnpulse-bench-stop");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            while (true) {
                try {
                    client.stopWithSavepoint(drain, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                            .get(2, TimeUnit.MINUTES);
                    break;
                } catch (ExecutionException e) {
                    // A short unpaced run may have read all its input while later tasks (the sinks, initializing
                    // their transactions) are not running yet: a savepoint can be taken once they are.
                    if (notAllTasksRunning(e) && System.nanoTime() < deadline && !BenchCommand.done(client)) {
                        Thread.sleep(200);
                        continue;
                    }
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            stopProblem = "could not stop the job with a savepoint (" + e.getMessage() + "); cancelled it";
            if (!BenchCommand.done(client)) {
                client.cancel().get(1, TimeUnit.MINUTES);
            }
        } finally {
            BenchCommand.waitFor(() -> BenchCommand.done(client), System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
            try (Stream<Path> files = Files.walk(savepoints)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary directory.
            }
        }
    }

    private static boolean notAllTasksRunning(Throwable e) {
        String reason = CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING.message();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CheckpointException c
                    && c.getCheckpointFailureReason() == CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING) {
                return true;
            }
            // Failures may arrive serialized, with the reason in their message only.
            if (t instanceof SerializedThrowable && String.valueOf(t.getMessage()).contains(reason)) {
                return true;
            }
        }
        return false;
    }

    /** The records in the output topics as a read_committed consumer reads them, front to end. */
    private long countCommitted() {
        Properties p = new Properties();
        p.putAll(k.properties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, runId + "-count");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        List<TopicPartition> tps = new ArrayList<>();
        for (String topic : outputTopics.values()) {
            for (int i = 0; i < outputPartitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
        }
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(tps);
            c.seekToBeginning(tps);
            // For read_committed the end is the last stable offset; with the job stopped, no transaction is open.
            Map<TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(ADMIN_TIMEOUT_S));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the output topics to their end in 10 minutes");
                }
                count += c.poll(Duration.ofMillis(200)).count();
            }
        }
        return count;
    }

    private void deleteTopics() {
        if (child != null || topicsDeleted) {
            return;
        }
        List<String> topics = new ArrayList<>(inputTopics.values());
        topics.addAll(outputTopics.values());
        try {
            admin.deleteTopics(topics).all().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
            topicsDeleted = true;
        } catch (ExecutionException | TimeoutException e) {
            out.println("could not delete the run's topics " + runId + "-*: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Kafka              %s, topics %s-*; %s%n",
                child != null ? "broker in a child process at " + bootstrap : "broker at " + bootstrap, runId,
                child != null ? "the broker and its data go when the bench ends"
                        : topicsDeleted ? "topics deleted" : "topics NOT deleted"));
        if (sender != null && senderThread != null && !senderThread.isAlive()) {
            long[] lag = senderLag.snapshot();
            long[] acks = ackLag.snapshot();
            sb.append(String.format(Locale.ROOT, "input producer     records handed to the producer p50 %s p99 %s max %s after "
                    + "their due times, acknowledged p50 %s p99 %s max %s after (%,d records)%n",
                    StatusLine.ms(LogHistogram.quantileMillis(lag, 0.5)), StatusLine.ms(LogHistogram.quantileMillis(lag, 0.99)),
                    StatusLine.ms(LogHistogram.maxMillis(lag)), StatusLine.ms(LogHistogram.quantileMillis(acks, 0.5)),
                    StatusLine.ms(LogHistogram.quantileMillis(acks, 0.99)), StatusLine.ms(LogHistogram.maxMillis(acks)),
                    LogHistogram.count(lag)));
        }
        if (stopProblem != null) {
            sb.append(String.format(Locale.ROOT, "                   %s%n", stopProblem));
        }
        sb.append(String.format(Locale.ROOT, "exactly-once       %,d output records committed (read_committed consumer) %s %,d written by the job%s%n",
                committed, committed == written ? "=" : "!=", written, committed == written ? "" : ": MISMATCH"));
        if (restarts > 0) {
            // Records a failed attempt wrote after its last checkpoint are aborted and written again, so the
            // written count exceeds the committed one by them: the counts cannot show exactly-once then.
            sb.append(String.format(Locale.ROOT, "restarts           %,d: the job failed over (logs/learnpulse.log says "
                    + "why); written counts every attempt, including records aborted with a failed attempt%n", restarts));
        }
        String summary;
        synchronized (visibility) {
            summary = visibility.summary();
        }
        String interval = trim(cfg.checkpointInterval().toMillis() / 1000.0);
        sb.append(summary == null
                ? String.format(Locale.ROOT, "visible            not measured: no checkpoint committed output while the "
                        + "job ran (checkpoint interval %s s)%n", interval)
                : String.format(Locale.ROOT, "visible            to read_committed consumers %s after being written; "
                        + "outputs commit with each checkpoint (interval %s s)%n", summary, interval));
        return sb.toString();
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    @Override
    public boolean passed() {
        return committed >= 0 && committed == written && stopProblem == null;
    }

    /** Stops sending and sampling, deletes the topics of a broker given by address, stops a child broker. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (senderThread != null) {
            senderThread.interrupt();
        }
        if (sampler != null) {
            sampler.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        deleteTopics();
        admin.close(Duration.ofSeconds(5));
        if (child != null) {
            child.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Called by the hook itself.
        }
    }
}
