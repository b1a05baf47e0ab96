package io.learnpulse.app;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.CatalogJson;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.format.AssistmentsReader;
import io.learnpulse.core.format.NativeEncoder;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import io.learnpulse.pipeline.sink.OutputFiles;
import io.learnpulse.pipeline.source.FileInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline over files, in file order, to completion, and writes every output as JSON lines:",
                "fused, aggregates, question_stats, sessions, mastery, interventions, deadletter and late .jsonl."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "DIR|FILE",
            description = "A .jsonl file, one record per line (its name starts with the source: assessment.jsonl, "
                    + "video.jsonl, xapi-2026.jsonl), a .json document (an array of records, or one record such as a "
                    + "Caliper envelope; xapi-export.json), or a directory of them (its events/ sub-directory if present).")
    Path input;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Course catalog JSON. Default: catalog.json in the input directory, if present.")
    Path catalog;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Option(names = "--format", defaultValue = "native", paramLabel = "FORMAT",
            description = {"native (default): JSON-lines files, the record format detected per record;",
                    "assistments: an ASSISTments 2009 skill-builder CSV, mapped to assessment events (docs/models.md)."})
    String format;

    @Option(names = "--emit-events",
            description = "Also write events.jsonl: every canonical event as parsed (event_id, source, format, kind, "
                    + "learner_id, course_id, object_id, event_time and the kind's fields), to see how the input was understood.")
    boolean emitEvents;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        LearnPulseConfig cfg = config.load().withoutIdleness();
        Catalog cat = loadCatalog();
        Files.createDirectories(out);
        List<FusionJob.Input> inputs;
        switch (format) {
            case "native":
                inputs = FileInputs.of(input);
                break;
            case "assistments":
                inputs = FileInputs.of(assistmentsAsEvents());
                break;
            default:
                throw new IllegalArgumentException("--format must be native or assistments (was '" + format + "')");
        }

        List<io.learnpulse.core.profile.LearnerProfile> profiles = format.equals("native")
                ? FileInputs.profilesOf(input, cfg.maxRecordBytes()) : List.of();
        System.out.printf(Locale.ROOT, "replaying %s (%d inputs: %s%s) -> %s%n", input, inputs.size(),
                String.join(", ", inputs.stream().map(i -> i.name).toList()),
                profiles.isEmpty() ? "" : "; " + profiles.size() + " learner profiles", out);
        System.out.println("Flink logs: " + Logs.file());

        LiveMetrics.clear();
        long start = System.nanoTime();
        new FusionJob(cfg, cat, inputs, new FusionJob.Profiles(profiles, List.of()), (emitEvents ? OutputFiles.withEvents(out) : OutputFiles.in(out))).execute(Engine.environment(cfg, Engine.Mode.BOUNDED),
                "learnpulse-replay");
        double seconds = (System.nanoTime() - start) / 1e9;

        long in = LiveMetrics.sum(".events_in");
        System.out.printf(Locale.ROOT, "done in %.1f s (%,.0f records/s)%n%n", seconds, in / seconds);
        System.out.println(StatusLine.summary());
        System.out.println();
        List<String> written = new ArrayList<>(OutputFiles.ALL);
        if (emitEvents) {
            written.add(OutputFiles.EVENTS);
        }
        for (String f : written) {
            System.out.printf(Locale.ROOT, "%-22s %,10d lines%n", f, lines(out.resolve(f)));
        }
        return 0;
    }

    /**
     * Maps the CSV rows to canonical assessment events (one attempt per order_id, hint events after
     * it, synthetic event times in each learner's order) and writes them as native v2 lines, so the
     * replay runs the same pipeline as every other input.
     */
    private Path assistmentsAsEvents() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("--format assistments takes a CSV file: " + input);
        }
        AssistmentsReader.Result r = AssistmentsReader.read(input);
        List<LearnerEvent> events = new ArrayList<>(
                AssistmentsReader.toEvents(r.responses, AssistmentsReader.Mapping.defaults()));
        events.sort(LearnerEvent::compareByTime);
        Path dir = Files.createTempDirectory("learnpulse-assistments");
        dir.toFile().deleteOnExit();
        Path file = Files.createDirectories(dir.resolve("events")).resolve(Sources.ASSESSMENT + ".jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LearnerEvent e : events) {
                w.write(NativeEncoder.encodeV2(e));
                w.write('\n');
            }
        }
        file.toFile().deleteOnExit();
        file.getParent().toFile().deleteOnExit();
        long attempts = events.stream().filter(e -> e.kind == EventKind.ATTEMPT).count();
        System.out.printf(Locale.ROOT, "ASSISTments: %,d rows -> %,d attempts (%,d rows merged into multi-skill attempts),"
                + " %,d hint events; %,d rows skipped%n", r.rows, attempts, r.mergedRows, events.size() - attempts,
                r.skippedRows);
        for (String problem : r.problems) {
            System.out.println("  skipped " + problem);
        }
        return dir;
    }

    private Catalog loadCatalog() throws IOException {
        Path file = catalog;
        if (file == null && Files.isDirectory(input) && Files.isRegularFile(input.resolve("catalog.json"))) {
            file = input.resolve("catalog.json");
        }
        if (file == null) {
            System.out.println("no catalog: questions have no linked video segments, so video coverage is null");
            return Catalog.empty();
        }
        return CatalogJson.read(file);
    }

    private static long lines(Path f) throws IOException {
        if (!Files.exists(f)) {
            return 0;
        }
        try (Stream<String> s = Files.lines(f)) {
            return s.count();
        }
    }
}
