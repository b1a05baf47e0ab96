package io.learnpulse.devservices;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the local services a LearnPulse deployment talks to (a single-node Kafka) in one process until Ctrl-C,
 * for trying the Kafka inputs and outputs on a machine without a Kafka installation.
 *
 * <pre>
 *   java -cp ... io.learnpulse.devservices.DevServices [--kafka-port 9092]
 * </pre>
 *
 * The broker starts empty every time: its storage is a temporary directory, deleted on exit.
 */
public final class DevServices {
    /** The Kafka client port when none is given: Kafka's usual one. */
    public static final int DEFAULT_KAFKA_PORT = 9092;

    private DevServices() {}

    public static void main(String[] args) throws InterruptedException {
        int kafkaPort = DEFAULT_KAFKA_PORT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kafka-port":
                    if (i + 1 >= args.length) {
                        usage("--kafka-port needs a port number");
                    }
                    kafkaPort = port(args[++i]);
                    break;
                case "-h":
                case "--help":
                    System.out.println(USAGE);
                    return;
                default:
                    usage("unknown argument '" + args[i] + "'");
            }
        }

        LocalKafka kafka = LocalKafka.start(kafkaPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping Kafka ...");
            kafka.close();
            stopped.countDown();
        }, "dev-services-shutdown"));
        System.out.println("Kafka (single-node KRaft) is up: bootstrap.servers=" + kafka.bootstrapServers());
        System.out.println("Press Ctrl-C to stop; its data is deleted on exit.");
        stopped.await();
    }

    private static final String USAGE = "usage: DevServices [--kafka-port N]   (default " + DEFAULT_KAFKA_PORT
            + "; 0 picks a free port)";

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
