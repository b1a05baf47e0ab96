package io.learnpulse.devservices;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the local services a LearnPulse deployment talks to (a single-node Kafka and a Redis server) in one
 * process until Ctrl-C, for trying {@code run} on a machine without a Kafka or Redis installation
 * ({@code ./learnpulse services}).
 *
 * <pre>
 *   java -jar learnpulse-services.jar [--kafka-port 9092] [--redis-port 6379] [--no-redis] [--exit-with PID]
 * </pre>
 *
 * Both start empty every time: their storage is a temporary directory, deleted on exit. {@code --no-redis} starts
 * Kafka alone (as {@code bench --kafka} does, in a child process); {@code --exit-with PID} stops the services, as
 * Ctrl-C does, when that process ends, so a parent killed without a chance to stop its child leaves nothing
 * running. Once Kafka is up, a line ending in
 * {@code bootstrap.servers=HOST:PORT} says where, for a parent process to read.
 */
public final class DevServices {
    /** The Kafka client port when none is given: Kafka's usual one. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** The Redis port when none is given: Redis's usual one. */
    public static final int DEFAULT_REDIS_PORT = 6379;

    private DevServices() {}

    /** The parsed command line. */
    record Options(int kafkaPort, int redisPort, boolean redis, long exitWith, boolean help) {}

    /** {@link Options#exitWith} when no process to follow was given. */
    static final long NO_PROCESS = -1;

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (o.help()) {
            System.out.println(USAGE);
            return;
        }

        LocalRedis redis = !o.redis() ? null : o.redisPort() == 0 ? LocalRedis.start() : LocalRedis.start(o.redisPort());
        LocalKafka kafka;
        try {
            kafka = LocalKafka.start(o.kafkaPort());
        } catch (RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(redis == null ? "stopping Kafka ..." : "stopping Kafka and Redis ...");
            kafka.close();
            if (redis != null) {
                redis.close();
            }
            stopped.countDown();
        }, "dev-services-shutdown"));
        System.out.println("Kafka (single-node KRaft) is up: bootstrap.servers=" + kafka.bootstrapServers());
        if (redis != null) {
            System.out.println("Redis (" + redis.executable() + ") is up: " + redis.url());
        }
        System.out.println("Press Ctrl-C to stop; " + (redis == null ? "its" : "their") + " data is deleted on exit.");
        System.out.flush();
        if (o.exitWith() != NO_PROCESS) {
            // System.exit runs the shutdown hook above: the broker stops and its data is deleted.
            ProcessHandle.of(o.exitWith()).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        }
        stopped.await();
    }

    static final String USAGE = "usage: learnpulse services [--kafka-port N] [--redis-port N] [--no-redis]   (defaults "
            + DEFAULT_KAFKA_PORT + " and " + DEFAULT_REDIS_PORT + "; 0 picks a free port; --no-redis: Kafka only; --exit-with PID: stop when that process ends)";

    /** The options of {@code args}; an IllegalArgumentException says what is wrong with them. */
    static Options parse(String... args) {
        int kafkaPort = DEFAULT_KAFKA_PORT;
        int redisPort = DEFAULT_REDIS_PORT;
        boolean redis = true;
        long exitWith = NO_PROCESS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kafka-port":
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--kafka-port needs a port number");
                    }
                    kafkaPort = port(args[++i]);
                    break;
                case "--redis-port":
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--redis-port needs a port number");
                    }
                    redisPort = port(args[++i]);
                    break;
                case "--no-redis":
                    redis = false;
                    break;
                case "--exit-with":
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--exit-with needs a process id");
                    }
                    exitWith = pid(args[++i]);
                    break;
                case "-h":
                case "--help":
                    return new Options(kafkaPort, redisPort, redis, exitWith, true);
                default:
                    throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new Options(kafkaPort, redisPort, redis, exitWith, false);
    }

    private static long pid(String s) {
        long pid;
        try {
            pid = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a process id: '" + s + "'");
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + s);
        }
        return pid;
    }

    private static int port(String s) {
        int p;
        try {
            p = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number: '" + s + "'");
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range: " + s);
        }
        return p;
    }
}
