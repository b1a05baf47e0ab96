package io.learnpulse.bench;

import io.learnpulse.core.model.Bkt;
import io.learnpulse.core.model.BktParameterSet;
import io.learnpulse.core.model.BktParams;
import io.learnpulse.core.model.LearnerMastery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Nanoseconds per knowledge-tracing update: the bare BKT step, and a learner's two-skill attempt. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BktBenchmark {
    private final BktParams params = BktParams.DEFAULTS;
    private final BktParameterSet set = BktParameterSet.defaults();
    private final String[] skills = {"c1/skill-1", "c1/skill-2"};
    private double p = 0.2;
    private long t = 1_772_445_300_000L;
    private int n;
    private LearnerMastery learner = new LearnerMastery();

    @Benchmark
    public double update() {
        n++;
        p = Bkt.update(p, (n & 3) != 0, params);
        return p;
    }

    @Benchmark
    public Object learnerAttemptOnTwoSkills() {
        n++;
        t += 1000;
        if ((n & 1023) == 0) {
            learner = new LearnerMastery();
        }
        return learner.onAttempt(skills, 1, (n & 3) != 0, t, "e" + n, set);
    }
}
