package io.learnpulse.app;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.CatalogJson;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.metrics.LiveMetrics;
import io.learnpulse.pipeline.sink.OutputFiles;
import io.learnpulse.pipeline.source.FileInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline over files, in file order, to completion, and writes every output as JSON lines:",
                "fused.jsonl, aggregates.jsonl, question_stats.jsonl, sessions.jsonl, deadletter.jsonl, late.jsonl."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "DIR|FILE",
            description = "A .jsonl file (its name is the source: assessment.jsonl, video.jsonl, clickstream.jsonl) "
                    + "or a directory of them (its events/ sub-directory if present).")
    Path input;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Course catalog JSON. Default: catalog.json in the input directory, if present.")
    Path catalog;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        LearnPulseConfig cfg = config.load().withoutIdleness();
        Catalog cat = loadCatalog();
        List<FusionJob.Input> inputs = FileInputs.of(input);
        Files.createDirectories(out);

        System.out.printf(Locale.ROOT, "replaying %s (%d inputs: %s) -> %s%n", input, inputs.size(),
                String.join(", ", inputs.stream().map(i -> i.name).toList()), out);
        System.out.println("Flink logs: " + Logs.file());

        LiveMetrics.clear();
        long start = System.nanoTime();
        new FusionJob(cfg, cat, inputs, OutputFiles.in(out)).execute(Engine.environment(cfg, Engine.Mode.BOUNDED),
                "learnpulse-replay");
        double seconds = (System.nanoTime() - start) / 1e9;

        long in = LiveMetrics.sum(".events_in");
        System.out.printf(Locale.ROOT, "done in %.1f s (%,.0f records/s)%n%n", seconds, in / seconds);
        System.out.println(StatusLine.summary());
        System.out.println();
        for (String f : OutputFiles.ALL) {
            System.out.printf(Locale.ROOT, "%-22s %,10d lines%n", f, lines(out.resolve(f)));
        }
        return 0;
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
