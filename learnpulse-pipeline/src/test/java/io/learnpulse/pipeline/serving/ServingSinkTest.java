package io.learnpulse.pipeline.serving;

import static io.learnpulse.core.json.JsonLines.toJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.MasteryRecord;
import io.learnpulse.core.result.Status;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.rules.Rule;
import io.learnpulse.devservices.LocalRedis;
import io.learnpulse.serving.CourseOverview;
import io.learnpulse.serving.Enrollment;
import io.learnpulse.serving.LearnerView;
import io.learnpulse.serving.MemoryServingStore;
import io.learnpulse.serving.RedisServingStore;
import io.learnpulse.serving.StoreSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

class ServingSinkTest {
    /** 2026-01-05T10:00:00Z. */
    private static final long T0 = 1_767_607_200_000L;
    private static final StoreSettings SETTINGS = StoreSettings.defaults().withTtl(Duration.ofHours(1));

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static LocalRedis redis;
    private static Jedis admin;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = LocalRedis.start();
        admin = new Jedis(URI.create(redis.url()), 5_000);
    }

    @AfterAll
    static void stopRedis() {
        admin.close();
        redis.close();
    }

    @BeforeEach
    void flush() {
        admin.flushAll();
    }

    static FusedAttempt attempt(String key, String learner, String course, long eventTime, int revision) {
        FusedAttempt a = new FusedAttempt();
        a.key = key;
        a.eventId = key;
        a.status = revision == 0 ? Status.SPECULATIVE : Status.FINAL;
        a.revision = revision;
        a.learnerId = learner;
        a.courseId = course;
        a.questionId = course + "/q1";
        a.skillIds = new String[] {course + "/s1"};
        a.attemptNumber = 1;
        a.maxScore = 1;
        a.eventTime = eventTime;
        a.videoSeconds = 5.0 * revision;
        a.pagesViewed = revision;
        return a;
    }

    static MasteryRecord mastery(String learner, String course, String skill, int attempts, double p) {
        MasteryRecord m = new MasteryRecord();
        m.key = learner + "@" + skill;
        m.status = Status.FINAL;
        m.revision = attempts;
        m.learnerId = learner;
        m.courseId = course;
        m.skillId = skill;
        m.pMastery = p;
        m.attempts = attempts;
        m.eventTime = T0 + attempts * 1000L;
        m.triggerEventId = learner + "-" + attempts;
        return m;
    }

    @Test
    void aJobsResultsEndUpInRedisAsTheLatestRevisionOfEveryKeyWhateverTheirOrder() throws Exception {
        List<FusedAttempt> attempts = new ArrayList<>();
        for (int l = 0; l < 6; l++) {
            for (int k = 0; k < 3; k++) {
                for (int rev = 0; rev <= 2; rev++) {
                    attempts.add(attempt("L" + l + "-" + k, "L" + l, "c" + (l % 2), T0 + k * 60_000L, rev));
                }
            }
        }
        Collections.shuffle(attempts, new Random(11));
        List<MasteryRecord> mastery = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            mastery.add(mastery("L0", "c0", "c0/s1", n, 0.05 * n));
        }
        Collections.shuffle(mastery, new Random(12));
        Intervention iv = new Intervention(Rule.REPEATED_FAILURE, "L1", "c1", "c1/q1", "three wrong attempts",
                new String[] {"L1-0", "L1-1", "L1-2"}, T0 + 120_000L).markEmitted(T0 + 120_010L, T0 + 120_002L);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(100);
        ServingStoreFactory factory = ServingStoreFactory.redis(redis.url(), SETTINGS);
        env.fromData(attempts, TypeInformation.of(FusedAttempt.class)).sinkTo(new ServingSink<>(factory,
                4, Duration.ofMillis(50), Pseudonymizer.identity())).name("serving-fused");
        env.fromData(mastery, TypeInformation.of(MasteryRecord.class)).sinkTo(new ServingSink<>(factory)).name("serving-mastery");
        env.fromData(List.of(iv), TypeInformation.of(Intervention.class)).sinkTo(new ServingSink<>(factory)).name("serving-iv");
        env.fromData(List.of(new Enrollment("L5", "c0")), TypeInformation.of(Enrollment.class))
                .sinkTo(new ServingSink<>(factory)).name("serving-profiles");
        env.execute("serving-sink");

        try (RedisServingStore store = new RedisServingStore(redis.url(), SETTINGS)) {
            for (int l = 0; l < 6; l++) {
                String learner = "L" + l;
                String course = "c" + (l % 2);
                LearnerView v = store.learner(learner).orElseThrow();
                assertThat(v.recentAttempts()).as(learner).containsExactly(
                        toJson(attempt(learner + "-2", learner, course, T0 + 120_000L, 2)),
                        toJson(attempt(learner + "-1", learner, course, T0 + 60_000L, 2)),
                        toJson(attempt(learner + "-0", learner, course, T0, 2)));
            }
            assertThat(store.learner("L0").orElseThrow().mastery())
                    .containsExactly(Map.entry("c0/s1", toJson(mastery("L0", "c0", "c0/s1", 6, 0.05 * 6))));
            assertThat(store.interventions("c1", 10)).containsExactly(toJson(iv));
            assertThat(store.isEnrolled("L5", "c0")).isTrue();
            CourseOverview c1 = store.course("c1", 10, 10);
            assertThat(c1.activeLearnerCount()).isEqualTo(3);
            assertThat(c1.strugglingLearners()).extracting(CourseOverview.StrugglingLearner::learnerId).containsExactly("L1");
        }
        assertThat(admin.pttl("lp:learner:{L0}:attempts")).isBetween(Duration.ofHours(1).toMillis() - 60_000,
                Duration.ofHours(1).toMillis());
    }

    /** Attempt i of a bounded sequence: 60 keys, each in revisions 0 to 4, spread over 6 learners. */
    static final class Attempts implements GeneratorFunction<Long, FusedAttempt> {
        private static final long serialVersionUID = 1L;

        @Override
        public FusedAttempt map(Long i) {
            int key = (int) (i % 60);
            return attempt("k" + key, "L" + key % 6, "c1", T0 + key * 1000L, (int) (i / 60));
        }
    }

    /** Fails the first attempt once, after a checkpoint that covers at least 120 records. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<FusedAttempt, FusedAttempt>
            implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private volatile boolean checkpointed;
        private long seen;

        @Override
        public FusedAttempt map(FusedAttempt a) throws Exception {
            seen++;
            Thread.sleep(1); // slow enough for checkpoints to complete while records flow
            if (checkpointed && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0
                    && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return a;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed |= seen >= 120;
        }
    }

    @Test
    void aRestartReplaysRecordsIntoRedisWithoutChangingTheFinalState() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(50);
        FailOnceAfterCheckpoint.FAILED.set(false);
        env.fromSource(new DataGeneratorSource<>(new Attempts(), 300, TypeInformation.of(FusedAttempt.class)),
                        WatermarkStrategy.noWatermarks(), "attempts")
                .map(new FailOnceAfterCheckpoint())
                .sinkTo(new ServingSink<>(ServingStoreFactory.redis(redis.url(), SETTINGS), 16, Duration.ofMillis(20),
                        Pseudonymizer.identity()));
        env.execute("serving-sink-restart");

        assertThat(FailOnceAfterCheckpoint.FAILED).as("the failure was injected").isTrue();
        try (RedisServingStore store = new RedisServingStore(redis.url(), SETTINGS)) {
            for (int l = 0; l < 6; l++) {
                List<String> expected = new ArrayList<>();
                for (int key = 54 + l; key >= 0; key -= 6) {
                    expected.add(toJson(attempt("k" + key, "L" + l, "c1", T0 + key * 1000L, 4)));
                }
                assertThat(store.learner("L" + l).orElseThrow().recentAttempts()).containsExactlyElementsOf(expected);
            }
            assertThat(store.course("c1", 10, 10).activeLearnerCount()).isEqualTo(6);
        }
    }

    static final class Paced implements GeneratorFunction<Long, FusedAttempt> {
        private static final long serialVersionUID = 1L;

        @Override
        public FusedAttempt map(Long i) {
            return attempt("p" + i, "L-paced", "c1", T0 + i, 1);
        }
    }

    @Test
    void aRecordWaitsNoLongerThanTheDelayBoundWhenTheBufferDoesNotFill() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // 20 records at 10 per second, a buffer of 1000 and no checkpoints: only the age bound writes early.
        env.fromSource(new DataGeneratorSource<>(new Paced(), 20, RateLimiterStrategy.perSecond(10),
                        TypeInformation.of(FusedAttempt.class)), WatermarkStrategy.noWatermarks(), "paced")
                .sinkTo(new ServingSink<>(ServingStoreFactory.redis(redis.url(), SETTINGS), 1000, Duration.ofMillis(100),
                        Pseudonymizer.identity()));
        JobClient job = env.executeAsync("serving-sink-age");
        try (RedisServingStore store = new RedisServingStore(redis.url(), SETTINGS)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int stored = 0;
            while (stored < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                stored = store.learner("L-paced").map(v -> v.recentAttempts().size()).orElse(0);
            }
            assertThat(stored).isGreaterThanOrEqualTo(3);
            assertThat(job.getJobStatus().get()).as("written while the job still runs").isEqualTo(JobStatus.RUNNING);
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            assertThat(store.learner("L-paced").orElseThrow().recentAttempts()).hasSize(20)
                    .first().isEqualTo(toJson(attempt("p19", "L-paced", "c1", T0 + 19, 1)));
        }
    }

    @Test
    void theEmbeddedDemoWritesToARegisteredInJvmStore() throws Exception {
        MemoryServingStore memory = new MemoryServingStore(SETTINGS);
        ServingStoreFactory.register("serving-sink-test", memory);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            List<FusedAttempt> attempts = List.of(attempt("m1", "L1", "c1", T0, 2), attempt("m1", "L1", "c1", T0, 0),
                    attempt("m1", "L1", "c1", T0, 1), attempt("m2", "L2", "c1", T0 + 1, 1));
            env.fromData(attempts, TypeInformation.of(FusedAttempt.class))
                    .sinkTo(new ServingSink<>(ServingStoreFactory.memory("serving-sink-test")));
            env.execute("serving-sink-memory");
            assertThat(memory.learner("L1").orElseThrow().recentAttempts()).containsExactly(toJson(attempts.get(0)));
            assertThat(memory.course("c1", 10, 10).activeLearnerCount()).isEqualTo(2);
        } finally {
            ServingStoreFactory.unregister("serving-sink-test");
        }
        assertThatThrownBy(() -> ServingStoreFactory.memory("serving-sink-test").open())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no in-JVM serving store is registered as 'serving-sink-test'");
        ServingStoreFactory.register("taken", memory);
        try {
            assertThatThrownBy(() -> ServingStoreFactory.register("taken", new MemoryServingStore(SETTINGS)))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            ServingStoreFactory.unregister("taken");
        }
        // Profiles travel as Enrollment records, which Flink serializes as a POJO, without Kryo.
        assertThat(TypeInformation.of(Enrollment.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(ServingStoreFactory.redis("redis://user:pw@redis.internal:6379/2", SETTINGS).toString())
                .isEqualTo("ServingStoreFactory.redis(redis://redis.internal:6379/2, ttl PT1H)");
    }
}
