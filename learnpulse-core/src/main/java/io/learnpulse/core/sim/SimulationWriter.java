package io.learnpulse.core.sim;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.CatalogJson;
import io.learnpulse.core.event.Sources;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a simulation to disk: {@code DIR/catalog.json} and
 * {@code DIR/events/{clickstream,video,assessment}.jsonl}, each file in arrival order, one line per
 * delivered record (UTF-8, {@code \n}-terminated). Existing files are replaced.
 */
public final class SimulationWriter {

    private SimulationWriter() {}

    /** Simulates on the generated catalog ({@link CatalogGenerator}, the config's seed and course count). */
    public static SimulationSummary write(Path dir, SimulatorConfig config, long maxLines) throws IOException {
        return write(dir, config, CatalogGenerator.generate(config.seed, config.courses), maxLines);
    }

    /**
     * Writes the catalog, the learners' profiles ({@code profiles.jsonl}) and the first {@code maxLines} delivered lines of the simulation (counting
     * duplicates and malformed lines).
     */
    public static SimulationSummary write(Path dir, SimulatorConfig config, Catalog catalog, long maxLines)
            throws IOException {
        if (maxLines < 0) {
            throw new IllegalArgumentException("maxLines must be >= 0 (was " + maxLines + ")");
        }
        LearnerSimulator sim = new LearnerSimulator(config, catalog);
        Path events = dir.resolve("events");
        Files.createDirectories(events);
        CatalogJson.write(catalog, dir.resolve("catalog.json"));
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("profiles.jsonl"), StandardCharsets.UTF_8)) {
            for (io.learnpulse.core.profile.LearnerProfile p : LearnerSimulator.profiles(config, catalog)) {
                w.write(io.learnpulse.core.json.JsonLines.toJson(p));
                w.write('\n');
            }
        }
        SimulationSummary summary = new SimulationSummary();
        try (BufferedWriter clicks = open(events, Sources.CLICKSTREAM);
             BufferedWriter video = open(events, Sources.VIDEO);
             BufferedWriter assessment = open(events, Sources.ASSESSMENT)) {
            Map<String, BufferedWriter> writers =
                    Map.of(Sources.CLICKSTREAM, clicks, Sources.VIDEO, video, Sources.ASSESSMENT, assessment);
            for (long i = 0; i < maxLines && sim.hasNext(); i++) {
                SimRecord r = sim.next();
                BufferedWriter w = writers.get(r.source);
                w.write(r.line);
                w.write('\n');
                summary.add(r);
            }
        }
        return summary;
    }

    private static BufferedWriter open(Path dir, String source) throws IOException {
        return Files.newBufferedWriter(dir.resolve(source + ".jsonl"), StandardCharsets.UTF_8);
    }
}
