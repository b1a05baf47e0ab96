package io.learnpulse.pipeline.serving;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.profile.LearnerProfile;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.serving.Enrollment;
import io.learnpulse.serving.StoreSettings;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Wires the job's results into the serving store: the fused attempts, mastery, aggregates, sessions, question
 * statistics and interventions, and the enrollments of learner profiles. One sink per output, all writing to the
 * same store; each has a stable uid so it can be added to (or removed from) a running job's savepoint.
 */
public final class ServingOutputs {
    /**
     * How long a result may wait in a sink's buffer: the serving store is where instructors look, so this is part
     * of the insight latency they see, not a throughput knob.
     */
    public static final Duration MAX_DELAY = Duration.ofMillis(50);

    private ServingOutputs() {}

    /** The store's settings from the config: TTL of the learner state, list sizes, active and struggling periods. */
    public static StoreSettings settings(LearnPulseConfig config) {
        return StoreSettings.defaults()
                .withTtl(config.learnerStateTtl())
                .withRecentAttempts(config.serving().lastAttempts())
                .withInterventions(config.serving().recentInterventions(), config.serving().recentInterventions())
                .withActiveWindow(config.serving().activePeriod())
                .withStruggling(config.serving().strugglingPeriod(), config.rules().lowMasteryThreshold,
                        config.rules().lowMasteryMinFirstAttempts);
    }

    /** Attaches the serving sinks when the job's sinks are attached ({@link FusionJob.Sinks#extra}). */
    public static Consumer<FusionJob.Streams> to(ServingStoreFactory factory) {
        return s -> {
            sink(s.fused, factory, "fused");
            sink(s.mastery, factory, "mastery");
            sink(s.aggregates, factory, "aggregates");
            sink(s.sessions, factory, "sessions");
            sink(s.questionStats, factory, "question-stats");
            sink(s.interventions, factory, "interventions");
            if (s.profiles != null) {
                sink(s.profiles.flatMap(new Enrollments(), TypeInformation.of(Enrollment.class))
                        .name("enrollments of profiles").uid("serving-enrollments-of-profiles"), factory, "enrollments");
            }
        };
    }

    private static <T> void sink(DataStream<T> stream, ServingStoreFactory factory, String name) {
        // Profiles and records are pseudonymized upstream; the identity keeps ids as they arrive.
        // Not chained: a store round trip must never stall the operator that produced the record (the learner
        // operator for mastery, aggregates and sessions), whose latency is the insight latency.
        stream.sinkTo(new ServingSink<>(factory, ServingSink.DEFAULT_MAX_BUFFERED, MAX_DELAY, Pseudonymizer.identity()))
                .name("serving: " + name)
                .uid("serving-" + name)
                .disableChaining();
    }

    /** A profile enrolls its learner in each of its courses (a deletion withdraws nothing: activity remains). */
    private static final class Enrollments implements FlatMapFunction<LearnerProfile, Enrollment> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(LearnerProfile p, Collector<Enrollment> out) {
            if (p.deleted) {
                return;
            }
            for (String course : p.courses) {
                out.collect(new Enrollment(p.learnerId, course));
            }
        }
    }
}
