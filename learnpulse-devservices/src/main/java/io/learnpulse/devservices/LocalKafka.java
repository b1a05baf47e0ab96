package io.learnpulse.devservices;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Kafka cluster in this JVM: one KRaft process that is both broker and controller, built from the
 * {@code kafka_2.13} jars on the class path, so tests and local runs need neither Docker nor a download. Its
 * storage lives in a temporary directory that {@link #close()} deletes, so every instance starts empty.
 *
 * <p>Settings suit one node: internal topics (consumer offsets, transaction state, share-group state) have one
 * replica and one partition, the minimum in-sync replicas is 1, and consumer groups rebalance without the
 * initial delay. Transactions work (the transaction coordinator's topic is created on first use, which takes a
 * moment the first time a transactional producer starts).
 *
 * <p>It listens on 127.0.0.1 only. Topics are auto-created on first use with one partition, as a stock broker
 * does; tests that care about partitions create theirs with {@link #createTopics}.
 */
public final class LocalKafka implements AutoCloseable {
    private static final long STARTUP_TIMEOUT_MS = 60_000;

    private final Path dir;
    private final int port;
    private final KafkaRaftServer server;
    private boolean closed;

    private LocalKafka(Path dir, int port, KafkaRaftServer server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** Starts a broker on a free port. */
    public static LocalKafka start() {
        return start(0);
    }

    /** Starts a broker whose client listener is on {@code port} (0: a free port). */
    public static LocalKafka start(int port) {
        Path dir;
        try {
            dir = Files.createTempDirectory("learnpulse-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties props = serverProperties(dir, brokerPort, controllerPort);
            format(dir, props);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            LocalKafka kafka = new LocalKafka(dir, brokerPort, server);
            try {
                server.startup();
                kafka.awaitReady();
            } catch (RuntimeException e) {
                try {
                    kafka.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return kafka;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    static Properties serverProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        // A static one-voter quorum: nothing to bootstrap, and the controller elects itself at once.
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        // Internal topics: one replica (there is one broker) and one partition (50 would slow the first
        // consumer group and the first transaction down by seconds on a small machine).
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Faster start: the broker is unfenced after its first heartbeats.
        p.setProperty("broker.heartbeat.interval.ms", "200");
        p.setProperty("broker.session.timeout.ms", "6000");
        return p;
    }

    /**
     * Formats the storage as {@code kafka-storage.sh format} does, through the storage tool's entry point: the
     * formatter itself lives in a module that {@code kafka_2.13} needs only at run time.
     */
    private static void format(Path dir, Properties props) throws IOException {
        Path file = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "single-node KRaft broker and controller");
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "--config", file.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"}, ps);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + dir + " failed: "
                    + log.toString(StandardCharsets.UTF_8));
        }
    }

    /** The broker answers metadata requests only once it is unfenced, which startup() does not wait for. */
    private void awaitReady() {
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MS;
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        }
        throw new IllegalStateException("Kafka did not become ready on " + bootstrapServers(), last);
    }

    /** {@code host:port} for the {@code bootstrap.servers} client setting. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The temporary directory holding the broker's configuration and data. */
    Path directory() {
        return dir;
    }

    /** Creates topics with {@code partitions} partitions each and waits until every partition takes writes. */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        create(topics);
    }

    /** Creates a log-compacted topic (the latest record per key is kept), as for a table of profiles. */
    public void createCompactedTopic(String name, int partitions) {
        create(List.of(new NewTopic(name, partitions, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
    }

    private void create(List<NewTopic> topics) {
        List<String> names = topics.stream().map(NewTopic::name).toList();
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 30_000;
            // Creation returns when the controller has recorded the topics, and the broker names a leader a little
            // before that leader serves the partition. An idempotent producer writing in that gap can lose its first
            // batch for good (KAFKA-15591), so wait until every partition answers ListOffsets, as Produce is
            // answered by the same replica manager.
            while (!allWritable(admin, names)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("partitions of " + names + " did not become writable in time");
                }
                Thread.sleep(20);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + names + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + names, e);
        }
    }

    private static boolean allWritable(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) -> d.partitions()
                    .forEach(p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs(1_000)).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw e;
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }

    /** Stops the broker and deletes its storage. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temp directory is not worth failing a shutdown for.
        }
    }

    @Override
    public String toString() {
        return "LocalKafka{" + bootstrapServers() + ", " + dir + "}" + (closed ? " (closed)" : "");
    }
}
