package io.learnpulse.core.sim;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.sim.SimCatalog.CourseInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Simulates learners on a catalog and delivers their events as native JSON lines, in arrival order.
 *
 * <p>An unbounded {@link Iterator} of {@link SimRecord}s ordered by arrival time (ties by learner
 * index, then the learner's record sequence, so the order is total and reproducible). Deterministic:
 * every learner draws from its own random streams seeded from ({@link SimulatorConfig#seed}, learner
 * index), so the same config produces the same records, and a partition produces exactly the records
 * of its learners in the unpartitioned run.
 *
 * <p>Memory stays bounded: each learner generates its behaviour lazily one session at a time, and a
 * record is released as soon as no learner can still produce an earlier arrival (every delivery is at
 * or after the event's true time, so records arriving before the smallest next true time over all
 * learners are final). What is held is one session per learner plus the records in flight (those
 * generated but not yet arrived, i.e. within {@link SimulatorConfig#maxDeliveryDelayMs()}).
 *
 * <p>Events whose true time is before {@link SimulatorConfig#startTime} are simulated (learners may be
 * mid-session at the start) but not delivered. Not thread-safe.
 *
 * <p>Behaviour: each learner is enrolled in 1-2 courses, has latent skill levels that rise with
 * watching the segments that teach them and with practice, and works in sessions (on a desktop or
 * mobile device with its own clock skew) of page views, video watching (plays, pauses, forward seeks
 * that skip segments, rewinds, {@code ended}) and assessment attempts with hints and retries. An
 * attempt's chance of being correct grows with the latent skill and, clearly, with having watched the
 * question's linked segment within the fusion window. Details and constants are in the
 * package-private {@code Learner} class.
 */
public final class LearnerSimulator implements Iterator<SimRecord> {
    /** A duplicate arrives this long after the first delivery, uniformly: [200, 5000] ms. */
    public static final long DUPLICATE_DELAY_MIN_MS = 200L;
    public static final long DUPLICATE_DELAY_MAX_MS = 5_000L;

    /** Learners and sessions sampled by the rate estimates. */
    private static final int SAMPLE_LEARNERS = 256;
    private static final int SAMPLE_SESSIONS = 8;

    private final SimulatorConfig config;
    private final SimCatalog simCatalog;
    private final CourseInfo[] eligible;
    private final int partition;
    private final int numPartitions;
    private final int learnerCount;

    private final PriorityQueue<Learner> learners =
            new PriorityQueue<>(Comparator.comparingLong(Learner::nextTime).thenComparingInt(l -> l.index));
    private final PriorityQueue<SimRecord> pending = new PriorityQueue<>(SimRecord::compareArrival);

    /** All learners of the config. */
    public LearnerSimulator(SimulatorConfig config, Catalog catalog) {
        this(config, catalog, 0, 1);
    }

    /** Only the learners whose index % numPartitions == partition. */
    public LearnerSimulator(SimulatorConfig config, Catalog catalog, int partition, int numPartitions) {
        if (numPartitions < 1 || partition < 0 || partition >= numPartitions) {
            throw new IllegalArgumentException(
                    "partition must be in [0, numPartitions) with numPartitions >= 1 (was " + partition + " of " + numPartitions + ")");
        }
        this.config = config.copy().validate();
        this.simCatalog = new SimCatalog(catalog, this.config.seed);
        this.eligible = eligibleCourses(simCatalog);
        this.partition = partition;
        this.numPartitions = numPartitions;
        int count = 0;
        for (int i = partition; i < this.config.learners; i += numPartitions) {
            learners.add(new Learner(i, this.config, simCatalog, eligible));
            count++;
        }
        this.learnerCount = count;
    }

    private static CourseInfo[] eligibleCourses(SimCatalog sc) {
        List<CourseInfo> list = new ArrayList<>();
        for (CourseInfo c : sc.courses) {
            if (c.hasContent()) {
                list.add(c);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("the catalog has no course with pages, videos or questions");
        }
        return list.toArray(new CourseInfo[0]);
    }

    /** The profiles of every learner of {@code config} (not only of one partition), in learner order. */
    public static List<io.learnpulse.core.profile.LearnerProfile> profiles(SimulatorConfig config, Catalog catalog) {
        SimulatorConfig c = config.copy().validate();
        SimCatalog sc = new SimCatalog(catalog, c.seed);
        CourseInfo[] eligible = eligibleCourses(sc);
        List<io.learnpulse.core.profile.LearnerProfile> out = new ArrayList<>(c.learners);
        for (int i = 0; i < c.learners; i++) {
            out.add(new Learner(i, c, sc, eligible).profile());
        }
        return out;
    }

    /** The learner id of an index: {@code L} and six digits, e.g. {@code L000123}. */
    public static String learnerId(int index) {
        String digits = Integer.toString(index);
        return digits.length() >= 6 ? "L" + digits : "L" + "000000".substring(digits.length()) + digits;
    }

    public int partition() {
        return partition;
    }

    public int numPartitions() {
        return numPartitions;
    }

    /** Number of learners simulated by this instance (this partition). */
    public int learnerCount() {
        return learnerCount;
    }

    /** True unless this partition has no learners (the stream is otherwise endless). */
    @Override
    public boolean hasNext() {
        fill();
        return !pending.isEmpty();
    }

    @Override
    public SimRecord next() {
        fill();
        SimRecord r = pending.poll();
        if (r == null) {
            throw new NoSuchElementException("no learners in partition " + partition + " of " + numPartitions);
        }
        return r;
    }

    /** Advances learners until the earliest pending record can no longer be preceded by a new one. */
    private void fill() {
        while (!learners.isEmpty()) {
            Learner next = learners.peek();
            SimRecord head = pending.peek();
            if (head != null && head.arrivalTime < next.nextTime()) {
                return;
            }
            learners.poll();
            Learner.SimEvent ev = next.pollEvent();
            if (ev.trueTime >= config.startTime) {
                next.deliver(ev, pending::add);
            }
            learners.add(next);
        }
    }

    // ------------------------------------------------------------------ rates

    /**
     * Totals over sampled sessions: events and learner-time ms (playback plus think time, plus the
     * expected gap to the next session -- exact rather than sampled, the largest source of noise).
     */
    private static double[] sample(SimulatorConfig config, SimCatalog sc, CourseInfo[] eligible) {
        double events = 0;
        double learnerMs = 0;
        int n = Math.min(SAMPLE_LEARNERS, config.learners);
        for (int k = 0; k < n; k++) {
            int index = (int) ((long) k * config.learners / n);
            Learner l = new Learner(index, config, sc, eligible);
            for (int s = 0; s < SAMPLE_SESSIONS; s++) {
                l.generateSession();
                events += l.statEvents;
                learnerMs += l.statPlaybackMs + l.statGapMs
                        + Learner.SESSION_GAP_MIN_MS + Learner.SESSION_GAP_EXTRA_MEAN_MS;
            }
        }
        return new double[] {events, learnerMs};
    }

    private static double rate(SimulatorConfig config, double[] sample) {
        double perLearnerPerMs = sample[0] / (sample[1] / config.timeScale);
        return perLearnerPerMs * 1000.0 * config.learners * (1.0 + config.duplicateFraction);
    }

    /**
     * Estimated steady-state rate of delivered lines (duplicates included) per second of event time,
     * over all learners of the config (not just this partition). Sampled from a deterministic subset
     * of learners, so it is an estimate. Roughly proportional to {@link SimulatorConfig#timeScale}
     * and to {@link SimulatorConfig#learners}.
     */
    public double estimatedEventsPerSecond() {
        return rate(config, sample(config, simCatalog, eligible));
    }

    /**
     * The time scale at which the config's learners deliver about {@code linesPerSecond} lines
     * (duplicates included) per second of event time.
     */
    public static double timeScaleForRate(SimulatorConfig config, Catalog catalog, double linesPerSecond) {
        if (!(linesPerSecond > 0) || Double.isInfinite(linesPerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number > 0 (was " + linesPerSecond + ")");
        }
        SimulatorConfig c = config.copy().validate();
        SimCatalog sc = new SimCatalog(catalog, c.seed);
        CourseInfo[] eligible = eligibleCourses(sc);
        c.timeScale = 1.0;
        // The rate is proportional to the time scale up to the behaviour's small dependence on it
        // (what falls into the fusion window), so correct the estimate twice.
        for (int iter = 0; iter < 3; iter++) {
            c.timeScale *= linesPerSecond / rate(c, sample(c, sc, eligible));
        }
        return c.timeScale;
    }
}
