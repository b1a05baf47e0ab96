package io.learnpulse.app;

import io.learnpulse.core.config.KafkaConfig;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.format.RecordParser;
import io.learnpulse.core.profile.ProfileParser;
import io.learnpulse.pipeline.source.FileInputs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Sends JSON-lines files to the input topics of {@code run}: each line becomes one Kafka record on the topic
 * of the file's channel ({@code kafka.inputs}), and {@code profiles*.jsonl} goes to {@code kafka.profiles}.
 * Records are keyed by learner id, so one learner's records stay in one partition, in file order.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Sends JSON-lines files (e.g. the output of `simulate`) to the Kafka input topics of `run`:",
                "<channel>*.jsonl to kafka.inputs.<channel>, profiles*.jsonl to kafka.profiles, keyed by learner id."})
final class PublishCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "DIR|FILE",
            description = "A file or directory as for replay (a directory's events/ sub-directory is used when present).")
    Path input;

    @Mixin
    ConfigOption.BootstrapServers bootstrap;

    @Option(names = "--rate", paramLabel = "N", description = "Records per second (default: as fast as the brokers take them).")
    Double rate;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        LearnPulseConfig cfg = bootstrap.applyTo(config.load());
        KafkaConfig k = cfg.kafka();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(input)) {
            Path events = input.resolve("events");
            for (Path dir : Files.isDirectory(events) ? List.of(input, events) : List.of(input)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().forEach(files::add);
                }
            }
        } else {
            files.add(input);
        }
        Properties props = producerProperties(k, k.bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        RecordParser parser = new RecordParser(new ParserSettings(cfg.maxRecordBytes(), Long.MAX_VALUE / 4));
        ProfileParser profiles = new ProfileParser(cfg.maxRecordBytes());
        long sent = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
            org.apache.kafka.clients.producer.Callback onAck = (meta, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            };
            // Channel files are merged by event time, as the platform's systems would have sent them together:
            // one channel's whole file first would make event time race ahead on it alone.
            java.util.PriorityQueue<Cursor> open = new java.util.PriorityQueue<>(
                    java.util.Comparator.comparingLong((Cursor c) -> c.eventTime).thenComparingInt(c -> c.index));
            List<Cursor> cursors = new ArrayList<>();
            for (Path f : files) {
                boolean isProfiles = FileInputs.isProfiles(f);
                String channel = isProfiles ? ProfileParser.CHANNEL : FileInputs.sourceOf(f);
                String topic = isProfiles ? k.profilesTopic() : k.inputs().get(channel);
                if (topic == null || topic.isEmpty()) {
                    System.out.printf("skipping %s: no topic for channel '%s' in the config%n", f, channel);
                    continue;
                }
                // Profiles go first: they describe the learners whose events follow.
                Cursor c = new Cursor(cursors.size(), f, channel, topic, isProfiles,
                        Files.newBufferedReader(f, StandardCharsets.UTF_8));
                cursors.add(c);
                if (c.advance(parser, profiles)) {
                    open.add(c);
                }
            }
            try {
                while (!open.isEmpty() && failure.get() == null) {
                    Cursor c = open.poll();
                    producer.send(new ProducerRecord<>(c.topic, c.key, c.line), onAck);
                    c.sent++;
                    sent++;
                    pace(sent, start);
                    if (c.advance(parser, profiles)) {
                        open.add(c);
                    }
                }
            } finally {
                for (Cursor c : cursors) {
                    c.reader.close();
                }
            }
            for (Cursor c : cursors) {
                System.out.printf(Locale.ROOT, "%-40s -> %-28s %,10d records%n", c.file.getFileName(), c.topic, c.sent);
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalArgumentException("sending to " + k.bootstrapServers() + " failed: "
                        + failure.get().getMessage(), failure.get());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "sent %,d records to %s in %.1f s (%,.0f records/s), acknowledged by all in-sync replicas%n",
                sent, k.bootstrapServers(), seconds, sent / Math.max(seconds, 1e-9));
        return 0;
    }

    /** The next line of one file, with its key and the event time it is sent at. */
    private static final class Cursor {
        final int index;
        final Path file;
        final String channel;
        final String topic;
        final boolean profiles;
        final BufferedReader reader;
        String line;
        String key;
        long eventTime = Long.MIN_VALUE;
        long sent;

        Cursor(int index, Path file, String channel, String topic, boolean profiles, BufferedReader reader) {
            this.index = index;
            this.file = file;
            this.channel = channel;
            this.topic = topic;
            this.profiles = profiles;
            this.reader = reader;
        }

        /** Reads the next non-blank line; false at the end of the file. */
        boolean advance(RecordParser parser, ProfileParser profileParser) throws IOException {
            String l;
            do {
                l = reader.readLine();
                if (l == null) {
                    return false;
                }
            } while (l.isBlank());
            line = l;
            if (profiles) {
                key = profileKey(profileParser, l);
                eventTime = Long.MIN_VALUE;
                return true;
            }
            key = null;
            // A line without a readable time keeps the previous line's time: it goes out right after it.
            if (Sources.ALL.contains(channel)) {
                for (ParseResult r : parser.parse(channel, l, System.currentTimeMillis())) {
                    if (r.ok()) {
                        key = r.event.learnerId;
                        eventTime = r.event.eventTime;
                        break;
                    }
                }
            }
            return true;
        }
    }

    private static String profileKey(ProfileParser parser, String line) {
        ProfileParser.Result r = parser.parse(line, 0);
        return r.profile == null ? null : r.profile.learnerId;
    }

    private void pace(long sent, long startNanos) throws InterruptedException {
        if (rate == null || rate <= 0) {
            return;
        }
        long due = startNanos + (long) (sent / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    /**
     * How input records are produced, here and by {@code bench --kafka}: {@code kafka.properties}, then durable
     * (acks from all in-sync replicas, idempotent, so a retry cannot duplicate) and batched briefly.
     */
    static Properties producerProperties(KafkaConfig k, String bootstrapServers) {
        Properties props = new Properties();
        props.putAll(k.properties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }
}
