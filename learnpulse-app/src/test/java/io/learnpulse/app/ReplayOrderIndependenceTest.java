package io.learnpulse.app;

import io.learnpulse.core.format.NativeParser;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.json.LatestFinals;
import io.learnpulse.pipeline.sink.OutputFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-time contract end to end, through the command line: one simulation replayed as written
 * (offline bursts arrive up to 2 minutes late, so final results get revised), with its lines shuffled
 * within the out-of-orderness bound, and sorted by event time, leaves exactly the same latest final
 * record for every key of every output.
 */
class ReplayOrderIndependenceTest {
    private static final List<String> RESULTS = List.of(OutputFiles.FUSED, OutputFiles.AGGREGATES,
            OutputFiles.QUESTION_STATS, OutputFiles.SESSIONS);

    @TempDir
    static Path dir;

    @BeforeAll
    static void simulateAndReplayThreeWays() throws IOException {
        Path sim = dir.resolve("sim");
        assertThat(run("simulate", "--out", sim.toString(), "--events", "30000", "--learners", "300", "--seed", "7",
                "--late-fraction", "0", "--malformed-fraction", "0")).isZero();
        rewrite(sim, dir.resolve("shuffled"), new SplittableRandom(11), 4_000);
        rewrite(sim, dir.resolve("sorted"), null, 0);
        for (String variant : List.of("sim", "shuffled", "sorted")) {
            assertThat(run("replay", "--input", dir.resolve(variant).toString(), "--catalog",
                    sim.resolve("catalog.json").toString(), "--out", dir.resolve("out-" + variant).toString())).isZero();
        }
    }

    private static int run(String... args) {
        return LearnPulse.commandLine().execute(args);
    }

    /** Re-orders each file by event time plus a seeded jitter below {@code jitterMs} (none: sorted). */
    private static void rewrite(Path from, Path to, SplittableRandom random, long jitterMs) throws IOException {
        NativeParser parser = new NativeParser(ParserSettings.defaults());
        Files.createDirectories(to.resolve("events"));
        try (Stream<Path> files = Files.list(from.resolve("events"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String source = f.getFileName().toString().replace(".jsonl", "");
                List<long[]> keys = new ArrayList<>();
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    ParseResult r = parser.parse(source, lines.get(i), Long.MAX_VALUE / 2);
                    long t = r.event.eventTime + (random == null ? 0 : random.nextLong(jitterMs));
                    keys.add(new long[] {t, i});
                }
                keys.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
                List<String> out = new ArrayList<>(lines.size());
                for (long[] k : keys) {
                    out.add(lines.get((int) k[1]));
                }
                Files.write(to.resolve("events").resolve(f.getFileName()), out);
            }
        }
    }

    @Test
    void latestFinalRecordsAreTheSameWhateverTheArrivalOrder() throws IOException {
        for (String file : RESULTS) {
            Map<String, String> asWritten = LatestFinals.of(dir.resolve("out-sim").resolve(file));
            Map<String, String> shuffled = LatestFinals.of(dir.resolve("out-shuffled").resolve(file));
            Map<String, String> sorted = LatestFinals.of(dir.resolve("out-sorted").resolve(file));
            assertThat(asWritten).as(file).isNotEmpty();
            assertThat(shuffled).as(file + " shuffled within the bound").isEqualTo(asWritten);
            assertThat(sorted).as(file + " sorted by event time").isEqualTo(asWritten);
        }
    }

    @Test
    void theAsWrittenReplayReallyRevisedResultsAndLostNothing() throws IOException {
        long revised = 0;
        for (String file : RESULTS) {
            revised += Files.readAllLines(dir.resolve("out-sim").resolve(file)).stream()
                    .filter(l -> l.contains("\"status\":\"final\"") && !l.contains("\"revision\":1,")).count();
        }
        assertThat(revised).as("final revisions caused by offline bursts").isPositive();
        for (String variant : List.of("sim", "shuffled", "sorted")) {
            Path out = dir.resolve("out-" + variant);
            assertThat(Files.readAllLines(out.resolve(OutputFiles.LATE))).as(variant + " late").isEmpty();
            assertThat(Files.readAllLines(out.resolve(OutputFiles.DEAD_LETTERS))).as(variant + " dead letters").isEmpty();
        }
    }
}
