package io.learnpulse.core.model;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.CatalogJson;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.format.AssistmentsReader;
import io.learnpulse.core.format.DktReader;
import io.learnpulse.core.format.NativeParser;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fits BKT parameters from historical data and writes {@code params.json}: read the input(s), split
 * into training and held-out learners, fit every skill on the training part ({@link BktFitter}),
 * evaluate fitted and default parameters on both parts ({@link Evaluation}), write the parameters and
 * print a summary. Plain Java; the {@code fit} command of the CLI wraps {@link #run}.
 *
 * <p>Inputs, detected per file from its first non-blank line: the ASSISTments skill-builder CSV (a
 * header with {@code order_id}), the DKT 3-lines format (a number), or native JSON lines (an object;
 * assessment records, skills from the record or else the catalog).
 *
 * <p>Held-out data: the {@code test} files when given; otherwise the seeded learner split of
 * {@link SkillSequences#isTestLearner} with {@code testFraction} (0 = no held-out part).
 */
public final class BktFitRunner {

    /** What to do. */
    public static final class Options {
        public List<Path> inputs = new ArrayList<>();
        /** Held-out inputs; when empty, a seeded split of {@link #inputs} by learner. */
        public List<Path> testInputs = new ArrayList<>();
        /** Where params.json goes; null: not written. */
        public Path out;
        /** For native JSON lines without skill ids. */
        public Path catalog;
        public double testFraction = 0.2;
        public long splitSeed = 42L;
        public BktParams defaults = BktParams.DEFAULTS;
        public BktFitter.Settings settings = BktFitter.Settings.defaults();
        /** Print one line per skill (else only the totals). */
        public boolean perSkill = true;
    }

    /** What happened. */
    public static final class Summary {
        public SkillSequences train;
        public SkillSequences test;
        public BktFitter.Report report;
        public Evaluation trainFitted;
        public Evaluation trainDefault;
        /** Null without held-out data. */
        public Evaluation testFitted;
        public Evaluation testDefault;
        public long fittedSkills;
    }

    private BktFitRunner() {}

    public static Summary run(Options o, PrintStream log) throws IOException {
        if (o.inputs.isEmpty()) {
            throw new IllegalArgumentException("no input");
        }
        Catalog catalog = o.catalog == null ? Catalog.empty() : CatalogJson.read(o.catalog);
        Summary s = new Summary();
        SkillSequences all = load(o.inputs, catalog);
        if (!o.testInputs.isEmpty()) {
            s.train = all;
            s.test = load(o.testInputs, catalog);
        } else if (o.testFraction > 0) {
            SkillSequences[] parts = all.splitByLearner(o.splitSeed, o.testFraction);
            s.train = parts[0];
            s.test = parts[1];
        } else {
            s.train = all;
        }
        long t0 = System.nanoTime();
        s.report = new BktFitter(o.settings).fitAll(s.train, o.defaults);
        long fitMs = (System.nanoTime() - t0) / 1_000_000;
        BktParameterSet fitted = s.report.parameters;
        BktParameterSet defaults = BktParameterSet.uniform(o.defaults);
        s.fittedSkills = s.report.skills.values().stream().filter(f -> f.fitted).count();
        s.trainFitted = Evaluation.evaluate(fitted, s.train);
        s.trainDefault = Evaluation.evaluate(defaults, s.train);
        if (s.test != null) {
            s.testFitted = Evaluation.evaluate(fitted, s.test);
            s.testDefault = Evaluation.evaluate(defaults, s.test);
        }
        if (o.out != null) {
            fitted.write(o.out);
        }
        print(o, s, fitMs, log);
        return s;
    }

    // ------------------------------------------------------------------------------------ loading

    /** Reads and combines inputs of any supported format into per-skill sequences. */
    public static SkillSequences load(List<Path> files, Catalog catalog) throws IOException {
        List<AssistmentsReader.Response> responses = new ArrayList<>();
        List<LearnerEvent> events = new ArrayList<>();
        Map<String, List<SkillSequences.Sequence>> dkt = new HashMap<>();
        for (Path f : files) {
            switch (detect(f)) {
                case "assistments":
                    AssistmentsReader.Result r = AssistmentsReader.read(f);
                    if (r.skippedRows > 0) {
                        System.err.println(f + ": skipped " + r.skippedRows + " rows, e.g. " + r.problems.get(0));
                    }
                    responses.addAll(r.responses);
                    break;
                case "dkt":
                    String prefix = f.getFileName().toString().replaceFirst("\\.[^.]*$", "") + "-";
                    for (DktReader.Sequence seq : DktReader.read(f, prefix)) {
                        Map<String, List<Boolean>> bySkill = new HashMap<>();
                        for (int i = 0; i < seq.skillIds.length; i++) {
                            bySkill.computeIfAbsent(seq.skillIds[i], k -> new ArrayList<>()).add(seq.correct[i]);
                        }
                        bySkill.forEach((skill, outcomes) -> dkt.computeIfAbsent(skill, k -> new ArrayList<>())
                                .add(new SkillSequences.Sequence(seq.learnerId, SkillSequences.toArray(outcomes))));
                    }
                    break;
                default:
                    events.addAll(readNative(f, catalog));
                    break;
            }
        }
        events.addAll(AssistmentsReader.toEvents(responses, AssistmentsReader.Mapping.defaults()));
        SkillSequences fromEvents = SkillSequences.fromEvents(events);
        if (dkt.isEmpty()) {
            return fromEvents;
        }
        Map<String, List<SkillSequences.Sequence>> merged = new HashMap<>(dkt);
        fromEvents.bySkill().forEach((skill, seqs) -> merged.computeIfAbsent(skill, k -> new ArrayList<>()).addAll(seqs));
        return SkillSequences.of(merged);
    }

    /** The input format of a file: {@code assistments}, {@code dkt} or {@code native}. */
    public static String detect(Path f) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.replace("\uFEFF", "").trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.startsWith("{")) {
                    return "native";
                }
                if (t.matches("\\d+,?")) {
                    return "dkt";
                }
                if (t.contains("order_id")) {
                    return "assistments";
                }
                break;
            }
        }
        throw new IllegalArgumentException(f + ": unknown input format (expected an ASSISTments CSV, the DKT 3-lines format or native JSON lines)");
    }

    /** Assessment attempts from native JSON lines; invalid records and repeated event ids are skipped. */
    private static List<LearnerEvent> readNative(Path f, Catalog catalog) throws IOException {
        NativeParser parser = new NativeParser(ParserSettings.defaults());
        List<LearnerEvent> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                ParseResult p = parser.parse(Sources.ASSESSMENT, line, Long.MAX_VALUE);
                if (!p.ok() || p.event.kind != EventKind.ATTEMPT || !seen.add(p.event.eventId)) {
                    continue;
                }
                LearnerEvent e = p.event;
                if (e.skillIds == null) {
                    Question q = catalog.question(e.questionId);
                    e.skillIds = q == null ? new String[0] : q.skillIds.toArray(new String[0]);
                }
                out.add(e);
            }
        }
        return out;
    }

    // ----------------------------------------------------------------------------------- printing

    private static void print(Options o, Summary s, long fitMs, PrintStream log) {
        log.printf(Locale.ROOT, "BKT fit: %s%n", o.inputs);
        log.printf(Locale.ROOT, "  training: %,d learners, %,d observations, %d skills%n",
                s.train.learners(), s.train.observations(), s.train.skills().size());
        if (s.test != null) {
            String how = o.testInputs.isEmpty()
                    ? String.format(Locale.ROOT, "seeded split by learner, test fraction %.2f, seed %d", o.testFraction, o.splitSeed)
                    : "files " + o.testInputs;
            log.printf(Locale.ROOT, "  held out: %,d learners, %,d observations, %d skills (%s)%n",
                    s.test.learners(), s.test.observations(), s.test.skills().size(), how);
        }
        log.printf(Locale.ROOT, "  settings: %s%n", o.settings);
        log.printf(Locale.ROOT, "  fitted %d of %d skills in %d ms; the others keep the default %s%n",
                s.fittedSkills, s.report.skills.size(), fitMs, o.defaults);
        if (o.perSkill) {
            log.printf(Locale.ROOT, "  %-12s %9s %8s %7s %7s %7s %7s %5s %s%n",
                    "skill", "obs", "learners", "p_init", "p_learn", "p_guess", "p_slip", "iter", "");
            for (BktFitter.SkillFit f : s.report.skills.values()) {
                log.printf(Locale.ROOT, "  %-12s %9d %8d %7.4f %7.4f %7.4f %7.4f %5d %s%n",
                        f.skillId, f.observations, f.learners, f.params.pInit, f.params.pLearn, f.params.pGuess,
                        f.params.pSlip, f.iterations, f.fitted ? (f.converged ? "" : "max iterations") : "default (too few)");
            }
        }
        log.println("  next-first-attempt prediction (predict, then update):");
        log.printf(Locale.ROOT, "    %-18s %10s %8s %9s%n", "", "n", "AUC", "log-loss");
        row(log, "training, fitted", s.trainFitted);
        row(log, "training, default", s.trainDefault);
        if (s.test != null) {
            row(log, "held out, fitted", s.testFitted);
            row(log, "held out, default", s.testDefault);
        }
        if (o.out != null) {
            log.println("  wrote " + o.out);
        }
    }

    private static void row(PrintStream log, String name, Evaluation e) {
        log.printf(Locale.ROOT, "    %-18s %,10d %8.4f %9.4f%n", name, e.n, e.auc, e.logLoss);
    }

    // --------------------------------------------------------------------------------------- main

    /**
     * {@code BktFitRunner [--test FILE]... [--out params.json] [--catalog FILE] [--test-fraction 0.2]
     * [--seed 42] [--restarts 5] [--max-iterations 200] [--tolerance 1e-7] [--min-observations 50]
     * [--min-learners 5] [--quiet] INPUT...}
     */
    public static void main(String[] args) throws IOException {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--test": o.testInputs.add(Path.of(args[++i])); break;
                case "--out": o.out = Path.of(args[++i]); break;
                case "--catalog": o.catalog = Path.of(args[++i]); break;
                case "--test-fraction": o.testFraction = Double.parseDouble(args[++i]); break;
                case "--seed": o.splitSeed = Long.parseLong(args[++i]); o.settings = o.settings.withSeed(o.splitSeed); break;
                case "--restarts": o.settings = o.settings.withRestarts(Integer.parseInt(args[++i])); break;
                case "--max-iterations": o.settings = o.settings.withMaxIterations(Integer.parseInt(args[++i])); break;
                case "--tolerance": o.settings = o.settings.withTolerance(Double.parseDouble(args[++i])); break;
                case "--min-observations":
                    o.settings = o.settings.withMinimum(Integer.parseInt(args[++i]), o.settings.minLearners);
                    break;
                case "--min-learners":
                    o.settings = o.settings.withMinimum(o.settings.minObservations, Integer.parseInt(args[++i]));
                    break;
                case "--quiet": o.perSkill = false; break;
                default:
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    o.inputs.add(Path.of(a));
            }
        }
        run(o, System.out);
    }
}
