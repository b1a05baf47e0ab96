package io.learnpulse.pipeline.source;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.sim.CatalogGenerator;
import io.learnpulse.core.sim.LearnerSimulator;
import io.learnpulse.core.sim.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source of simulated learner activity: the native JSON lines of {@link LearnerSimulator}
 * as {@link RawRecord}s ({@code source}, {@code payload} = the line, {@code ingestTime} = wall clock
 * at emission).
 *
 * <p>The learners are split into {@link Builder#splits(int) splits} (default 4) by learner index
 * modulo the split count; split p is read by subtask p % parallelism. Two modes:
 * <ul>
 *   <li><b>live</b> ({@link Builder#live(double)}): the simulation starts when the job starts
 *       (start time = wall clock when the enumerator is created) and each record is emitted when the
 *       wall clock reaches its arrival time, so network delays, offline bursts and late deliveries
 *       happen in real time. The time scale is chosen so that all learners together deliver about
 *       the requested lines per second. Unbounded unless {@link Builder#maxRecords(long)} is set.</li>
 *   <li><b>as fast as possible</b> ({@link Builder#asFastAsPossible(long)}): a fixed number of
 *       records, no pacing, start time from the config (for tests and benchmarks).</li>
 * </ul>
 *
 * <p>A record limit N is divided over the splits (split p gets N / splits, plus one for the first N %
 * splits), and each split emits the first records of its partition in arrival order: the result is
 * exactly the union of {@code new LearnerSimulator(config, catalog, p, splits)} prefixes.
 *
 * <p>Checkpointed state per split is the number of records emitted; a restore regenerates the
 * partition deterministically and skips them.
 */
public final class SimulatorSource
        implements Source<RawRecord, SimulatorSplit, SimulatorEnumeratorState>, ResultTypeQueryable<RawRecord> {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_SPLITS = 4;

    private final SimulatorConfig config;
    private final Catalog catalog;
    private final int splits;
    private final long maxRecords;
    private final boolean live;

    private SimulatorSource(SimulatorConfig config, Catalog catalog, int splits, long maxRecords, boolean live) {
        this.config = config;
        this.catalog = catalog;
        this.splits = splits;
        this.maxRecords = maxRecords;
        this.live = live;
    }

    /** Starts building a source for the given simulator settings (copied). */
    public static Builder builder(SimulatorConfig config) {
        return new Builder(config);
    }

    /** Settings of a {@link SimulatorSource}. */
    public static final class Builder {
        private final SimulatorConfig config;
        private Catalog catalog;
        private int splits = DEFAULT_SPLITS;
        private long maxRecords = SimulatorSplit.UNLIMITED;
        private double ratePerSecond = Double.NaN;
        private Boolean live;

        private Builder(SimulatorConfig config) {
            this.config = config.copy();
        }

        /** The catalog to simulate on; default {@link CatalogGenerator#generate(long, int)} of the config's seed and course count. */
        public Builder catalog(Catalog catalog) {
            this.catalog = catalog;
            return this;
        }

        /** Number of learner partitions (splits); default {@value SimulatorSource#DEFAULT_SPLITS}. */
        public Builder splits(int splits) {
            if (splits < 1) {
                throw new IllegalArgumentException("splits must be >= 1 (was " + splits + ")");
            }
            this.splits = splits;
            return this;
        }

        /** Paced at the wall clock, about {@code ratePerSecond} lines per second in total. */
        public Builder live(double ratePerSecond) {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("ratePerSecond must be a finite number > 0 (was " + ratePerSecond + ")");
            }
            this.live = true;
            this.ratePerSecond = ratePerSecond;
            return this;
        }

        /** Emits {@code maxRecords} records without pacing, then finishes. */
        public Builder asFastAsPossible(long maxRecords) {
            this.live = false;
            return maxRecords(maxRecords);
        }

        /** Stops after this many records in total (makes the source bounded). */
        public Builder maxRecords(long maxRecords) {
            if (maxRecords < 0) {
                throw new IllegalArgumentException("maxRecords must be >= 0 (was " + maxRecords + ")");
            }
            this.maxRecords = maxRecords;
            return this;
        }

        public SimulatorSource build() {
            if (live == null) {
                throw new IllegalStateException("choose live(ratePerSecond) or asFastAsPossible(maxRecords)");
            }
            config.validate();
            Catalog c = catalog != null ? catalog : CatalogGenerator.generate(config.seed, config.courses);
            SimulatorConfig effective = config.copy();
            if (live) {
                effective.timeScale = LearnerSimulator.timeScaleForRate(effective, c, ratePerSecond);
            }
            return new SimulatorSource(effective, c, splits, maxRecords, live);
        }
    }

    /** The effective settings (in live mode with the computed time scale; the start time is set at job start). */
    public SimulatorConfig config() {
        return config.copy();
    }

    public Catalog catalog() {
        return catalog;
    }

    public int splits() {
        return splits;
    }

    /** The record limit, or {@link SimulatorSplit#UNLIMITED}. */
    public long maxRecords() {
        return maxRecords;
    }

    public boolean isLive() {
        return live;
    }

    @Override
    public Boundedness getBoundedness() {
        return maxRecords == SimulatorSplit.UNLIMITED ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    /** The record limit of split p: an even share of the total, the remainder to the first splits. */
    static long limitOf(long maxRecords, int partition, int splits) {
        if (maxRecords == SimulatorSplit.UNLIMITED) {
            return SimulatorSplit.UNLIMITED;
        }
        return maxRecords / splits + (partition < maxRecords % splits ? 1 : 0);
    }

    @Override
    public SplitEnumerator<SimulatorSplit, SimulatorEnumeratorState> createEnumerator(
            SplitEnumeratorContext<SimulatorSplit> context) {
        long startTime = live ? System.currentTimeMillis() : config.startTime;
        List<SimulatorSplit> all = new ArrayList<>(splits);
        for (int p = 0; p < splits; p++) {
            all.add(new SimulatorSplit(p, splits, startTime, limitOf(maxRecords, p, splits), 0));
        }
        return new SimulatorEnumerator(context, all);
    }

    @Override
    public SplitEnumerator<SimulatorSplit, SimulatorEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<SimulatorSplit> context, SimulatorEnumeratorState checkpoint) {
        return new SimulatorEnumerator(context, checkpoint.unassigned());
    }

    @Override
    public SimpleVersionedSerializer<SimulatorSplit> getSplitSerializer() {
        return SimulatorSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<SimulatorEnumeratorState> getEnumeratorCheckpointSerializer() {
        return SimulatorEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<RawRecord, SimulatorSplit> createReader(SourceReaderContext readerContext) {
        return new SimulatorSourceReader(config, catalog, live);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
