package io.learnpulse.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.catalog.CatalogJson;
import io.learnpulse.core.event.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationWriterTest {

    private static SimulatorConfig config(long seed) {
        SimulatorConfig c = new SimulatorConfig();
        c.seed = seed;
        c.learners = 500;
        c.timeScale = 20;
        return c;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    @Test
    void writesTheCatalogAndTheFirstNLinesPerSourceInArrivalOrder(@TempDir Path dir) throws IOException {
        SimulatorConfig c = config(9);
        SimulationSummary summary = SimulationWriter.write(dir, c, 25_000);

        assertThat(CatalogJson.toJson(CatalogJson.read(dir.resolve("catalog.json"))))
                .isEqualTo(CatalogJson.toJson(CatalogGenerator.generate(9, 4)));

        // The same first 25 000 records, straight from the simulator, split by source.
        LearnerSimulator sim = new LearnerSimulator(c, CatalogGenerator.generate(9, 4));
        List<SimRecord> expected = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            expected.add(sim.next());
        }
        for (String source : Sources.NATIVE) {
            List<String> want = expected.stream().filter(r -> r.source.equals(source)).map(r -> r.line).toList();
            assertThat(lines(dir.resolve("events").resolve(source + ".jsonl"))).as(source).isEqualTo(want);
            assertThat(summary.perSource()).containsEntry(source, (long) want.size());
        }

        Map<SimRecord.Delivery, Long> byDelivery = expected.stream()
                .collect(Collectors.groupingBy(r -> r.delivery, Collectors.counting()));
        assertThat(summary.total()).isEqualTo(25_000);
        assertThat(summary.duplicates()).isEqualTo(byDelivery.getOrDefault(SimRecord.Delivery.DUPLICATE, 0L)).isPositive();
        assertThat(summary.malformed()).isEqualTo(byDelivery.getOrDefault(SimRecord.Delivery.MALFORMED, 0L));
        assertThat(summary.late()).isEqualTo(byDelivery.getOrDefault(SimRecord.Delivery.LATE, 0L)).isPositive();
        assertThat(summary.offlineBurst()).isEqualTo(byDelivery.getOrDefault(SimRecord.Delivery.OFFLINE_BURST, 0L));
        assertThat(summary.v1() + summary.v2() + summary.malformed()).isEqualTo(25_000);
        assertThat(summary.v1()).isEqualTo(expected.stream()
                .filter(r -> r.delivery != SimRecord.Delivery.MALFORMED && r.formatVersion == 1).count());
        assertThat(summary.firstArrival()).isEqualTo(expected.get(0).arrivalTime);
        assertThat(summary.lastArrival()).isEqualTo(expected.get(24_999).arrivalTime);
        assertThat(summary.toString()).startsWith("25000 lines, clickstream ");
    }

    @Test
    void sameSeedWritesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        SimulationWriter.write(dir.resolve("a"), config(1), 10_000);
        SimulationWriter.write(dir.resolve("b"), config(1), 10_000);
        SimulationWriter.write(dir.resolve("c"), config(2), 10_000);
        for (String file : List.of("catalog.json", "events/clickstream.jsonl", "events/video.jsonl", "events/assessment.jsonl")) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
            assertThat(a).as(file).isNotEmpty().isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
            assertThat(a).as(file).isNotEqualTo(Files.readAllBytes(dir.resolve("c").resolve(file)));
        }
    }

    @Test
    void zeroLinesWritesEmptyFiles(@TempDir Path dir) throws IOException {
        SimulationSummary summary = SimulationWriter.write(dir, config(1), 0);
        assertThat(summary.total()).isZero();
        assertThat(Files.size(dir.resolve("events/video.jsonl"))).isZero();
        assertThat(Files.exists(dir.resolve("catalog.json"))).isTrue();
    }
}
