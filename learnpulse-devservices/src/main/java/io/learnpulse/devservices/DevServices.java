package io.learnpulse.devservices;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the local services a LearnPulse deployment talks to (a single-node Kafka and a Redis server) in one
 * process until Ctrl-C, for trying {@code run} on a machine without a Kafka or Redis installation
 * ({@code ./learnpulse services}).
 *
 * <pre>
 *   java -jar learnpulse-services.jar [--kafka-port 9092] [--redis-port 6379]
 * </pre>
 *
 * Both start empty every time: their storage is a temporary directory, deleted on exit.
 */
public final class DevServices {
    /** The Kafka client port when none is given: Kafka's usual one. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** The Redis port when none is given: Redis's usual one. */
    public static final int DEFAULT_REDIS_PORT = 6379;

    private DevServices() {}

    public static void main(String[] args) throws Exception {
        int kafkaPort = DEFAULT_KAFKA_PORT;
        int redisPort = DEFAULT_REDIS_PORT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kafka-port":
                    if (i + 1 >= args.length) {
                        usage("--kafka-port needs a port number");
                    }
                    kafkaPort = port(args[++i]);
                    break;
                case "--redis-port":
                    if (i + 1 >= args.length) {
                        usage("--redis-port needs a port number");
                    }
                    redisPort = port(args[++i]);
                    break;
                case "-h":
                case "--help":
                    System.out.println(USAGE);
                    return;
                default:
                    usage("unknown argument '" + args[i] + "'");
            }
        }

        LocalRedis redis = redisPort == 0 ? LocalRedis.start() : LocalRedis.start(redisPort);
        LocalKafka kafka;
        try {
            kafka = LocalKafka.start(kafkaPort);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping Kafka and Redis ...");
            kafka.close();
            redis.close();
            stopped.countDown();
        }, "dev-services-shutdown"));
        System.out.println("Kafka (single-node KRaft) is up: bootstrap.servers=" + kafka.bootstrapServers());
        System.out.println("Redis (" + redis.executable() + ") is up: " + redis.url());
        System.out.println("Press Ctrl-C to stop; their data is deleted on exit.");
        stopped.await();
    }

    private static final String USAGE = "usage: learnpulse services [--kafka-port N] [--redis-port N]   (defaults "
            + DEFAULT_KAFKA_PORT + " and " + DEFAULT_REDIS_PORT + "; 0 picks a free port)";

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                usage("port out of range: " + s);
            }
            return p;
        } catch (NumberFormatException e) {
            usage("not a port number: '" + s + "'");
            return -1;
        }
    }

    private static void usage(String error) {
        System.err.println(error);
        System.err.println(USAGE);
        System.exit(2);
    }
}
