package io.learnpulse.app;

import io.learnpulse.core.sim.SimulationSummary;
import io.learnpulse.core.sim.SimulationWriter;
import io.learnpulse.core.sim.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Writes a deterministic simulation to files: DIR/catalog.json and",
                "DIR/events/{clickstream,video,assessment}.jsonl, each in arrival order (replay them with 'replay')."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--events", defaultValue = "100000",
            description = "Delivered records to write, duplicates and malformed ones included (default: ${DEFAULT-VALUE}).")
    long events;

    @Mixin
    SimulatorOptions simulator;

    @Override
    public Integer call() throws Exception {
        if (events <= 0) {
            throw new IllegalArgumentException("--events must be positive");
        }
        SimulatorConfig config = simulator.toConfig();
        long start = System.nanoTime();
        SimulationSummary s = SimulationWriter.write(out, config, events);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %,d records for %,d learners (seed %d) to %s in %.1f s%n", s.total(),
                config.learners, config.seed, out, seconds);
        System.out.println(s);
        return 0;
    }
}
