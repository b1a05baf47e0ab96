package io.learnpulse.pipeline;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.profile.LearnerProfile;
import io.learnpulse.core.profile.ProfileSummary;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.LearnerSession;
import io.learnpulse.core.result.MasteryRecord;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.pipeline.functions.EventTimestamps;
import io.learnpulse.pipeline.functions.InsightLatency;
import io.learnpulse.pipeline.functions.LearnerFunction;
import io.learnpulse.pipeline.functions.ParseFunction;
import io.learnpulse.pipeline.functions.PerSourceWatermarks;
import io.learnpulse.pipeline.functions.ProfileEnrichment;
import io.learnpulse.pipeline.functions.ProfileParseFunction;
import io.learnpulse.pipeline.functions.QuestionStatsFunction;
import io.learnpulse.pipeline.serde.LearnerEventTypeInfo;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * The LearnPulse fusion job. Sources and sinks are handed in, so the same topology runs on the
 * simulator, on files, on Kafka, and in tests against collecting sinks.
 *
 * <pre>
 *  source ─▶ parse/validate ─▶ per-source watermarks ─┐            ┌─▶ fused attempts (speculative + final)
 *  source ─▶ parse/validate ─▶ per-source watermarks ─┼─▶ keyBy learner ─▶ learner ─┼─▶ aggregates (side output)
 *            │ dead letters, late (side outputs)      ┘   (dedup, fuse, aggregate,  ├─▶ sessions (side output)
 *                                                          sessionize, trace        ├─▶ mastery, interventions (side outputs)
 *                                                          knowledge, rules)        └─▶ item observations ─▶ keyBy question ─▶ question stats
 * </pre>
 */
public final class FusionJob {

    /** One input: a name (used in operator names and uids) and a source of raw records. */
    public static final class Input {
        public final String name;
        public final Source<RawRecord, ?, ?> source;
        /**
         * True for an input without a backlog at start (the HTTP gateway): it does not hold the job's event time
         * back before its first record (see {@link PerSourceWatermarks}).
         */
        public final boolean idleUntilFirstEvent;
        /**
         * Watermarks generated in the source itself (per Kafka partition), from {@link RawRecord#eventTimeHint};
         * null for inputs whose watermarks are generated after parsing, per source ({@link PerSourceWatermarks}).
         */
        public final WatermarkStrategy<RawRecord> watermarks;

        public Input(String name, Source<RawRecord, ?, ?> source) {
            this(name, source, false);
        }

        public Input(String name, Source<RawRecord, ?, ?> source, boolean idleUntilFirstEvent) {
            this(name, source, idleUntilFirstEvent, null);
        }

        private Input(String name, Source<RawRecord, ?, ?> source, boolean idleUntilFirstEvent,
                WatermarkStrategy<RawRecord> watermarks) {
            this.name = Objects.requireNonNull(name);
            this.source = Objects.requireNonNull(source);
            this.idleUntilFirstEvent = idleUntilFirstEvent;
            this.watermarks = watermarks;
        }

        /**
         * An input whose source generates watermarks with {@code watermarks}, so that Flink tracks them per split
         * (per Kafka partition); its records must carry {@link RawRecord#eventTimeHint}.
         */
        public static Input watermarkedAtSource(String name, Source<RawRecord, ?, ?> source,
                WatermarkStrategy<RawRecord> watermarks) {
            return new Input(name, source, false, Objects.requireNonNull(watermarks));
        }
    }

    /** The job's output streams, before sinks are attached. */
    public static final class Streams {
        public final DataStream<FusedAttempt> fused;
        public final DataStream<LearnerAggregate> aggregates;
        public final DataStream<QuestionStats> questionStats;
        public final DataStream<LearnerSession> sessions;
        public final DataStream<MasteryRecord> mastery;
        public final DataStream<Intervention> interventions;
        public final DataStream<DeadLetter> deadLetters;
        public final DataStream<LateEvent> late;
        /** Every canonical event as parsed (before deduplication), to see how input was understood. */
        public final DataStream<LearnerEvent> parsed;
        /** Learner profiles as they arrive (pseudonymized); null when the job has no profile input. */
        public final DataStream<LearnerProfile> profiles;

        Streams(DataStream<FusedAttempt> fused, DataStream<LearnerAggregate> aggregates,
                DataStream<QuestionStats> questionStats, DataStream<LearnerSession> sessions,
                DataStream<MasteryRecord> mastery, DataStream<Intervention> interventions,
                DataStream<DeadLetter> deadLetters, DataStream<LateEvent> late, DataStream<LearnerEvent> parsed,
                DataStream<LearnerProfile> profiles) {
            this.fused = fused;
            this.aggregates = aggregates;
            this.questionStats = questionStats;
            this.sessions = sessions;
            this.mastery = mastery;
            this.interventions = interventions;
            this.deadLetters = deadLetters;
            this.late = late;
            this.parsed = parsed;
            this.profiles = profiles;
        }
    }

    /** Where each output goes; a null sink discards that output. */
    public static final class Sinks {
        public Sink<FusedAttempt> fused;
        public Sink<LearnerAggregate> aggregates;
        public Sink<QuestionStats> questionStats;
        public Sink<LearnerSession> sessions;
        public Sink<MasteryRecord> mastery;
        public Sink<Intervention> interventions;
        public Sink<DeadLetter> deadLetters;
        public Sink<LateEvent> late;
        /** Optional: the canonical events as parsed. */
        public Sink<LearnerEvent> parsed;
        /**
         * Further consumers of the output streams (the serving store, say), attached after the sinks above; each
         * must give its operators names and uids.
         */
        public final List<java.util.function.Consumer<Streams>> extra = new ArrayList<>();
        /** File sinks write one file, so they must run as a single task. */
        public boolean singleWriter;
    }

    private final LearnPulseConfig config;
    private final Catalog catalog;
    private final List<Input> inputs;
    private final Profiles profiles;
    private final Sinks sinks;

    /**
     * Where learner profiles come from: profiles known at start (files of a replay, the demo's simulated learners)
     * and inputs that carry updates while the job runs (a compacted Kafka topic).
     */
    public static final class Profiles {
        public final List<LearnerProfile> initial;
        public final List<Input> updates;

        public Profiles(List<LearnerProfile> initial, List<Input> updates) {
            this.initial = List.copyOf(initial);
            this.updates = List.copyOf(updates);
        }

        public static Profiles none() {
            return new Profiles(List.of(), List.of());
        }

        boolean any() {
            return !initial.isEmpty() || !updates.isEmpty();
        }
    }

    public FusionJob(LearnPulseConfig config, Catalog catalog, List<Input> inputs, Sinks sinks) {
        this(config, catalog, inputs, Profiles.none(), sinks);
    }

    /** With learner profiles, attached to fused attempts and interventions. */
    public FusionJob(LearnPulseConfig config, Catalog catalog, List<Input> inputs, Profiles profiles, Sinks sinks) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one input is required");
        }
        this.config = config;
        this.catalog = catalog;
        this.inputs = List.copyOf(inputs);
        this.profiles = profiles;
        this.sinks = sinks;
    }

    /** Builds the topology on {@code env} and runs it to completion (bounded inputs) or until cancelled. */
    public JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        attachSinks(build(env, config, catalog, inputs, profiles));
        return env.execute(jobName);
    }

    /** Builds the topology on {@code env} and submits it without waiting. */
    public JobClient executeAsync(StreamExecutionEnvironment env, String jobName) throws Exception {
        attachSinks(build(env, config, catalog, inputs, profiles));
        return env.executeAsync(jobName);
    }

    /** The topology, from sources to output streams: separate from sinks so tests can collect the outputs. */
    public static Streams build(StreamExecutionEnvironment env, LearnPulseConfig config, Catalog catalog,
            List<Input> inputs) {
        return build(env, config, catalog, inputs, Profiles.none());
    }

    /** The topology, with learner-profile enrichment when there are any profiles. */
    public static Streams build(StreamExecutionEnvironment env, LearnPulseConfig config, Catalog catalog,
            List<Input> inputs, Profiles profileSources) {
        List<DataStream<LearnerEvent>> events = new ArrayList<>();
        DataStream<LearnerEvent> parsedEvents = null;
        DataStream<DeadLetter> deadLetters = null;
        DataStream<LateEvent> late = null;
        for (Input in : inputs) {
            boolean atSource = in.watermarks != null;
            SingleOutputStreamOperator<LearnerEvent> parsed = env
                    .fromSource(in.source, atSource ? in.watermarks : WatermarkStrategy.noWatermarks(), "source: " + in.name)
                    .uid("source-" + in.name)
                    .process(new ParseFunction(config, atSource), LearnerEventTypeInfo.INSTANCE)
                    .name("parse " + in.name)
                    .uid("parse-" + in.name);
            deadLetters = union(deadLetters, parsed.getSideOutput(Outputs.DEAD_LETTERS));
            parsedEvents = union(parsedEvents, parsed);
            late = union(late, parsed.getSideOutput(Outputs.LATE));
            // With watermarks from the source (per partition), they flow on through parsing; only each event's
            // timestamp is set to its own event time.
            events.add(atSource
                    ? parsed.transform("event timestamps " + in.name, LearnerEventTypeInfo.INSTANCE, new EventTimestamps())
                            .uid("timestamps-" + in.name)
                    : parsed.assignTimestampsAndWatermarks(new PerSourceWatermarks(config, in.idleUntilFirstEvent))
                            .name("watermarks " + in.name)
                            .uid("watermarks-" + in.name));
        }
        DataStream<LearnerEvent> all = events.get(0);
        for (int i = 1; i < events.size(); i++) {
            all = all.union(events.get(i));
        }

        SingleOutputStreamOperator<FusedAttempt> fused = all
                .keyBy(e -> e.learnerId, TypeInformation.of(String.class))
                .process(new LearnerFunction(catalog, config), TypeInformation.of(FusedAttempt.class))
                .name("learner: dedup, fuse, aggregate")
                .uid("learner");

        SingleOutputStreamOperator<QuestionStats> questionStats = fused
                .getSideOutput(Outputs.ITEMS)
                .keyBy(o -> o.questionId, TypeInformation.of(String.class))
                .process(new QuestionStatsFunction(config.learnerStateTtl(), config.aggregateSlide()), TypeInformation.of(QuestionStats.class))
                .name("question stats")
                .uid("question-stats");

        DataStream<FusedAttempt> measured = fused
                .process(new InsightLatency(), TypeInformation.of(FusedAttempt.class))
                .name("insight latency")
                .uid("insight-latency");

        DataStream<Intervention> interventions = fused.getSideOutput(Outputs.INTERVENTIONS);
        DataStream<LearnerProfile> profiles = null;
        Map<String, LearnerProfile> initial = new HashMap<>();
        if (!profileSources.initial.isEmpty()) {
            Pseudonymizer pseudonymizer = config.privacy().pseudonymizer();
            List<LearnerProfile> known = new ArrayList<>();
            for (LearnerProfile p : profileSources.initial) {
                LearnerProfile copy = p.copy();
                copy.learnerId = pseudonymizer.apply(p.learnerId);
                initial.put(copy.learnerId, copy);
                known.add(copy);
            }
            // Also as a stream, for consumers of the profiles (the serving store's enrollments).
            profiles = env.fromData(known, TypeInformation.of(LearnerProfile.class)).name("initial profiles")
                    .uid("source-initial-profiles");
        }
        for (Input in : profileSources.updates) {
            SingleOutputStreamOperator<LearnerProfile> parsed = env
                    .fromSource(in.source, WatermarkStrategy.noWatermarks(), "source: " + in.name)
                    .uid("source-" + in.name)
                    .process(new ProfileParseFunction(config), TypeInformation.of(LearnerProfile.class))
                    .name("parse " + in.name)
                    .uid("parse-" + in.name);
            deadLetters = union(deadLetters, parsed.getSideOutput(Outputs.DEAD_LETTERS));
            profiles = union(profiles, parsed);
        }
        if (profileSources.any()) {
            BroadcastStream<LearnerProfile> broadcast = profiles.broadcast(ProfileEnrichment.PROFILES);
            measured = measured.connect(broadcast)
                    .process(new ProfileEnrichment<>(new FusedProfiles(), initial), TypeInformation.of(FusedAttempt.class))
                    .name("enrich fused with profiles")
                    .uid("enrich-fused");
            interventions = interventions.connect(broadcast)
                    .process(new ProfileEnrichment<>(new InterventionProfiles(), initial),
                            TypeInformation.of(Intervention.class))
                    .name("enrich interventions with profiles")
                    .uid("enrich-interventions");
        }

        return new Streams(measured, fused.getSideOutput(Outputs.AGGREGATES), questionStats,
                fused.getSideOutput(Outputs.SESSIONS), fused.getSideOutput(Outputs.MASTERY), interventions,
                union(deadLetters, fused.getSideOutput(Outputs.DEAD_LETTERS)),
                union(late, fused.getSideOutput(Outputs.LATE)), parsedEvents, profiles);
    }

    private static final class FusedProfiles implements ProfileEnrichment.Access<FusedAttempt> {
        private static final long serialVersionUID = 1L;

        @Override
        public String learnerId(FusedAttempt r) {
            return r.learnerId;
        }

        @Override
        public void attach(FusedAttempt r, ProfileSummary p) {
            r.profile = p;
        }
    }

    private static final class InterventionProfiles implements ProfileEnrichment.Access<Intervention> {
        private static final long serialVersionUID = 1L;

        @Override
        public String learnerId(Intervention r) {
            return r.learnerId;
        }

        @Override
        public void attach(Intervention r, ProfileSummary p) {
            r.profile = p;
        }
    }

    private void attachSinks(Streams s) {
        sink(s.fused, sinks.fused, "fused");
        sink(s.aggregates, sinks.aggregates, "aggregates");
        sink(s.questionStats, sinks.questionStats, "question-stats");
        sink(s.sessions, sinks.sessions, "sessions");
        sink(s.mastery, sinks.mastery, "mastery");
        sink(s.interventions, sinks.interventions, "interventions");
        sink(s.deadLetters, sinks.deadLetters, "dead-letters");
        sink(s.late, sinks.late, "late");
        sink(s.parsed, sinks.parsed, "events");
        sinks.extra.forEach(consumer -> consumer.accept(s));
    }

    private <T> void sink(DataStream<T> stream, Sink<T> sink, String name) {
        if (sink == null) {
            return;
        }
        var op = stream.sinkTo(sink).name("sink: " + name).uid("sink-" + name);
        if (sinks.singleWriter) {
            op.setParallelism(1);
        }
    }

    private static <T> DataStream<T> union(DataStream<T> a, DataStream<T> b) {
        return a == null ? b : a.union(b);
    }
}
