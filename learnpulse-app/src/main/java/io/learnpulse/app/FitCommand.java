package io.learnpulse.app;

import io.learnpulse.core.model.BktFitRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fits Bayesian Knowledge Tracing parameters per skill with EM (Baum-Welch) over historical data,",
                "reports next-first-attempt prediction quality (AUC, log-loss) of fitted vs default parameters on",
                "held-out learners, and writes params.json for the streaming job (models.bkt.params-file)."})
final class FitCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Historical data: ASSISTments skill-builder CSV, DKT 3-line CSV, or native JSON lines "
                    + "(the format is detected per file). Repeatable.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "assistments, dkt or native: fail unless every input is in this format (default: detected per file).")
    String format;

    @Option(names = "--test", paramLabel = "FILE", description = "Held-out data (default: a seeded 20% of the learners).")
    List<Path> tests = new ArrayList<>();

    @Option(names = "--catalog", paramLabel = "FILE", description = "Catalog for native events without skill ids.")
    Path catalog;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write params.json.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the learner split and EM restarts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Held-out share of learners (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--quiet", description = "Print the totals only, not one line per skill.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (format != null && !List.of("assistments", "dkt", "native").contains(format)) {
            throw new IllegalArgumentException("--format must be assistments, dkt or native");
        }
        if (format != null) {
            for (Path f : inputs) {
                String detected = BktFitRunner.detect(f);
                if (!detected.equals(format)) {
                    throw new IllegalArgumentException(f + " looks like " + detected + ", not " + format);
                }
            }
        }
        BktFitRunner.Options o = new BktFitRunner.Options();
        o.inputs.addAll(inputs);
        o.testInputs.addAll(tests);
        o.catalog = catalog;
        o.out = out;
        o.splitSeed = seed;
        o.settings = o.settings.withSeed(seed);
        o.testFraction = testFraction;
        o.perSkill = !quiet;
        BktFitRunner.run(o, System.out);
        return 0;
    }
}
