package io.learnpulse.pipeline;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.json.LatestFinals;
import io.learnpulse.core.sim.CatalogGenerator;
import io.learnpulse.core.sim.LearnerSimulator;
import io.learnpulse.core.sim.SimRecord;
import io.learnpulse.core.sim.SimulatorConfig;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import io.learnpulse.pipeline.sink.OutputFiles;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops a running job with a savepoint part-way through a paced stream, restarts it from the
 * savepoint, and checks that the two runs together produced exactly what one uninterrupted run
 * produces: nothing lost, nothing twice.
 */
class SavepointRestartTest {
    private static final int RECORDS = 12_000;

    @TempDir
    Path dir;

    /** Serves pre-generated simulator lines by index: the source's position is its checkpointed state. */
    static final class Lines implements GeneratorFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;
        private final String[] sources;
        private final String[] lines;

        Lines(List<SimRecord> records) {
            sources = records.stream().map(r -> r.source).toArray(String[]::new);
            lines = records.stream().map(r -> r.line).toArray(String[]::new);
        }

        @Override
        public RawRecord map(Long index) {
            int i = index.intValue();
            return new RawRecord(sources[i], lines[i], System.currentTimeMillis());
        }
    }

    private static List<SimRecord> simulate(SimulatorConfig config, Catalog catalog) {
        LearnerSimulator sim = new LearnerSimulator(config, catalog);
        List<SimRecord> out = new ArrayList<>();
        while (out.size() < RECORDS && sim.hasNext()) {
            out.add(sim.next());
        }
        return out;
    }

    private static JobClient start(LearnPulseConfig config, Catalog catalog, Lines lines, Path out, String savepoint)
            throws Exception {
        DataGeneratorSource<RawRecord> source = new DataGeneratorSource<>(lines, RECORDS,
                RateLimiterStrategy.perSecond(2_000), TypeInformation.of(RawRecord.class));
        return new FusionJob(config, catalog, List.of(new FusionJob.Input("generator", source)), OutputFiles.in(out))
                .executeAsync(Engine.environment(config, Engine.Mode.BOUNDED, savepoint), "savepoint-test");
    }

    private static List<String> lines(Path... files) throws Exception {
        List<String> all = new ArrayList<>();
        for (Path f : files) {
            if (Files.exists(f)) {
                all.addAll(Files.readAllLines(f));
            }
        }
        return all;
    }

    @Test
    void stopWithSavepointAndRestartLosesNothingAndDuplicatesNothing() throws Exception {
        SimulatorConfig sim = new SimulatorConfig();
        sim.learners = 150;
        sim.seed = 3;
        sim.lateFraction = 0;
        Catalog catalog = CatalogGenerator.generate(sim.seed, sim.courses);
        Lines lines = new Lines(simulate(sim, catalog));
        LearnPulseConfig config = LearnPulseConfig.defaults().withoutIdleness();

        // One uninterrupted run.
        start(config, catalog, lines, dir.resolve("whole"), null).getJobExecutionResult().get(2, TimeUnit.MINUTES);

        // The same input, stopped with a savepoint when about a third has gone through, then resumed.
        LiveMetrics.clear();
        JobClient first = start(config, catalog, lines, dir.resolve("part1"), null);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (LiveMetrics.sum(".events_in") < RECORDS / 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(1, TimeUnit.MINUTES);
        long inBeforeStop = LiveMetrics.sum(".events_in");
        assertThat(inBeforeStop).isBetween((long) RECORDS / 3, (long) RECORDS - 1);
        start(config, catalog, lines, dir.resolve("part2"), savepoint).getJobExecutionResult().get(2, TimeUnit.MINUTES);

        for (String file : List.of(OutputFiles.FUSED, OutputFiles.AGGREGATES, OutputFiles.QUESTION_STATS,
                OutputFiles.SESSIONS)) {
            Path combined = dir.resolve("combined-" + file);
            Files.write(combined, lines(dir.resolve("part1").resolve(file), dir.resolve("part2").resolve(file)));
            Map<String, String> whole = LatestFinals.of(dir.resolve("whole").resolve(file));
            assertThat(whole).as(file).isNotEmpty();
            assertThat(differences(LatestFinals.of(combined), whole)).as(file).isEmpty();
        }

        // Every attempt was fused exactly once on arrival, before or after the restart.
        List<String> wholeSpeculative = speculativeKeys(lines(dir.resolve("whole").resolve(OutputFiles.FUSED)));
        List<String> splitSpeculative = speculativeKeys(lines(dir.resolve("part1").resolve(OutputFiles.FUSED),
                dir.resolve("part2").resolve(OutputFiles.FUSED)));
        assertThat(splitSpeculative).doesNotHaveDuplicates();
        assertThat(splitSpeculative).containsExactlyInAnyOrderElementsOf(wholeSpeculative);
        assertThat(lines(dir.resolve("part1").resolve(OutputFiles.FUSED))).isNotEmpty();
        assertThat(lines(dir.resolve("part2").resolve(OutputFiles.FUSED))).isNotEmpty();
        // Dead letters (the simulator's malformed records) are not repeated either.
        assertThat(lines(dir.resolve("part1").resolve(OutputFiles.DEAD_LETTERS),
                dir.resolve("part2").resolve(OutputFiles.DEAD_LETTERS)).stream()
                .map(l -> l.replaceAll("\"received_at\":\\d+", "")).collect(Collectors.toList()))
                .containsExactlyInAnyOrderElementsOf(lines(dir.resolve("whole").resolve(OutputFiles.DEAD_LETTERS))
                        .stream().map(l -> l.replaceAll("\"received_at\":\\d+", "")).collect(Collectors.toList()));
    }

    /** A few differing entries, readable in a failure message (the maps hold thousands of records). */
    static List<String> differences(Map<String, String> actual, Map<String, String> expected) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String a = actual.get(e.getKey());
            if (!e.getValue().equals(a)) {
                out.add("expected " + e.getValue() + "\n     got " + a);
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                out.add("unexpected " + actual.get(k));
            }
        }
        return out.size() > 5 ? new ArrayList<>(out.subList(0, 5)) : out;
    }

    private static List<String> speculativeKeys(List<String> fused) {
        return fused.stream().filter(l -> l.contains("\"status\":\"speculative\""))
                .map(l -> l.substring(8, l.indexOf('"', 8))).collect(Collectors.toList());
    }
}
