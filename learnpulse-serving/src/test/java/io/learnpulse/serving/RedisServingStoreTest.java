package io.learnpulse.serving;

import static io.learnpulse.core.json.JsonLines.toJson;
import static io.learnpulse.serving.Fixtures.MINUTE;
import static io.learnpulse.serving.Fixtures.T0;
import static io.learnpulse.serving.Fixtures.aggregate;
import static io.learnpulse.serving.Fixtures.fin;
import static io.learnpulse.serving.Fixtures.intervention;
import static io.learnpulse.serving.Fixtures.mastery;
import static io.learnpulse.serving.Fixtures.questionStats;
import static io.learnpulse.serving.Fixtures.session;
import static io.learnpulse.serving.Fixtures.speculative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.Status;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.rules.Rule;
import io.learnpulse.devservices.LocalRedis;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/** The store contract and the Redis specifics, against a real Redis server. */
class RedisServingStoreTest extends ServingStoreContractTest {
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

    @Override
    protected ServingStore newStore(StoreSettings settings) {
        admin.flushAll();
        return new RedisServingStore(redis.url(), settings, 4, Duration.ofSeconds(5));
    }

    @Test
    void everyWriteSetsTheTtlOfAllKeysOfItsLearnerAndCourseInTheDocumentedLayout() {
        long ttl = Duration.ofHours(1).toMillis();
        ServingStore s = store(StoreSettings.defaults().withTtl(Duration.ofMillis(ttl)));
        write(s, speculative("a1", "L1", "c1", T0), mastery("L1", "c1", "s1", 0.1, 5, T0, Status.FINAL),
                aggregate("L1", T0, 3), session("L1", "c1", T0 - MINUTE, T0),
                intervention(Rule.REVIEW_SEGMENT, "L1", "c1", "c1/v1/s1", "a1", T0, T0 + 3),
                questionStats("c1/q1", "c1", 1, T0, Status.FINAL, 1), new Enrollment("L1", "c1"));

        Set<String> keys = new TreeSet<>(admin.keys("lp:*"));
        assertThat(keys).containsExactlyInAnyOrder(
                "lp:learner:{L1}:mastery", "lp:learner:{L1}:mastery:ord",
                "lp:learner:{L1}:attempts", "lp:learner:{L1}:attempts:ord", "lp:learner:{L1}:attempts:recent",
                "lp:learner:{L1}:latest", "lp:learner:{L1}:latest:ord", "lp:learner:{L1}:courses",
                "lp:learner:{L1}:enrolled", "lp:learner:{L1}:interventions", "lp:learner:{L1}:interventions:data",
                "lp:learner:{L1}:interventions:data:ord",
                "lp:course:{c1}:clock", "lp:course:{c1}:active", "lp:course:{c1}:struggling",
                "lp:course:{c1}:struggling:why", "lp:course:{c1}:struggling:why:ord", "lp:course:{c1}:questions",
                "lp:course:{c1}:questions:ord", "lp:course:{c1}:interventions", "lp:course:{c1}:interventions:data",
                "lp:course:{c1}:interventions:data:ord");
        for (String k : keys) {
            assertThat(admin.pttl(k)).as(k).isBetween(ttl - 10_000, ttl);
        }

        // A write about the learner in the course renews every key of both, not only the ones it changes.
        admin.pexpire("lp:learner:{L1}:mastery", 1_000);
        admin.pexpire("lp:course:{c1}:questions", 1_000);
        write(s, fin("a2", "L1", "c1", T0 + MINUTE, 1));
        assertThat(admin.pttl("lp:learner:{L1}:mastery")).isBetween(ttl - 10_000, ttl);
        assertThat(admin.pttl("lp:course:{c1}:questions")).isBetween(ttl - 10_000, ttl);
        assertThat(admin.hget("lp:learner:{L1}:attempts:ord", "a2"))
                .isEqualTo("1,1,0," + (T0 + MINUTE) + "," + ServingUpdate.hash(toJson(fin("a2", "L1", "c1", T0 + MINUTE, 1))));
    }

    @Test
    void keysExpireAfterTheTtl() throws Exception {
        ServingStore s = store(StoreSettings.defaults().withTtl(Duration.ofMillis(300)));
        write(s, fin("a1", "L1", "c1", T0, 1));
        assertThat(s.learner("L1")).isPresent();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!admin.keys("lp:*").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(admin.keys("lp:*")).isEmpty();
        assertThat(s.learner("L1")).isEmpty();
        assertThat(s.isEnrolled("L1", "c1")).isFalse();
    }

    @Test
    void aBatchIsPipelinedAsOneEvalshaPerUpdateAndALostScriptIsLoadedAgain() {
        ServingStore s = store();
        admin.configResetStat();
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            records.add(fin("a" + i, "L" + (i % 50), "c" + (i % 3), T0 + i, 1));
        }
        assertThat(new ServingWriter(s, 5_000, Pseudonymizer.identity()).write(records))
                .isEqualTo(2_500);
        String stats = admin.info("commandstats");
        assertThat(stats).contains("cmdstat_evalsha:calls=2500,").doesNotContain("cmdstat_script:");
        assertThat(s.course("c0", 1, 1).activeLearnerCount()).isEqualTo(50);
        assertThat(s.learner("L7").orElseThrow().recentAttempts()).hasSize(20)
                .first().isEqualTo(toJson(fin("a2457", "L7", "c0", T0 + 2457, 1)));

        admin.scriptFlush();
        admin.configResetStat();
        assertThat(write(s, fin("b1", "L1", "c1", T0 + MINUTE, 1), fin("b2", "L2", "c1", T0 + MINUTE, 1))).isEqualTo(2);
        // Both updates were refused once (NOSCRIPT), the script was loaded again, both were sent again.
        assertThat(admin.info("commandstats")).contains("cmdstat_script:calls=1,", "cmdstat_evalsha:calls=4,");
        assertThat(s.isEnrolled("L2", "c1")).isTrue();
    }

    @Test
    void concurrentWritersNeverLetAnOlderRevisionWin() throws Exception {
        ServingStore s = store();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Random random = new Random(100 + w);
                done.add(pool.submit(() -> {
                    List<Object> records = new ArrayList<>();
                    for (int key = 0; key < 30; key++) {
                        records.add(speculative("k" + key, "L" + (key % 3), "c1", T0 + key));
                        for (int rev = 1; rev <= 5; rev++) {
                            records.add(fin("k" + key, "L" + (key % 3), "c1", T0 + key, rev));
                        }
                    }
                    Collections.shuffle(records, random);
                    ServingWriter writer = new ServingWriter(s, 7, Pseudonymizer.identity());
                    for (Object r : records) {
                        writer.add(r);
                        if (writer.buffered() == 7) {
                            writer.flush();
                        }
                    }
                    writer.flush();
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int l = 0; l < 3; l++) {
            List<String> expected = new ArrayList<>();
            for (int key = 27 + l; key >= 0; key -= 3) {
                expected.add(toJson(fin("k" + key, "L" + l, "c1", T0 + key, 5)));
            }
            assertThat(s.learner("L" + l).orElseThrow().recentAttempts()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void idsAreEscapedSoThatNoIdCanReachAnotherIdsKeys() {
        ServingStore s = store();
        String tricky = "x}:attempts:recent%{";
        write(s, fin("a1", tricky, "c{1}", T0, 1), fin("a2", "x", "c", T0, 1));
        assertThat(admin.keys("lp:learner:*:attempts")).containsExactlyInAnyOrder(
                "lp:learner:{x%7D:attempts:recent%25%7B}:attempts", "lp:learner:{x}:attempts");
        assertThat(s.learner(tricky).orElseThrow().recentAttempts()).containsExactly(toJson(fin("a1", tricky, "c{1}", T0, 1)));
        assertThat(s.learner("x").orElseThrow().recentAttempts()).containsExactly(toJson(fin("a2", "x", "c", T0, 1)));
        assertThat(s.isEnrolled(tricky, "c{1}")).isTrue();
        assertThat(s.course("c{1}", 5, 5).activeLearnerCount()).isEqualTo(1);
    }

    @Test
    void anUnreachableServerOrABadUrlFailsWithAClearErrorThatKeepsThePasswordOut() {
        assertThatThrownBy(() -> new RedisServingStore("redis://user:s3cret-pw@127.0.0.1:1", StoreSettings.defaults(),
                1, Duration.ofMillis(500)))
                .isInstanceOf(ServingStoreException.class)
                .hasMessageStartingWith("could not load the update script into Redis at redis://127.0.0.1:1: ")
                .hasMessageNotContaining("s3cret-pw");
        assertThatThrownBy(() -> new RedisServingStore("http://127.0.0.1:6379", StoreSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://host:port");

        ServingStore s = store();
        assertThat(s.isHealthy()).isTrue();
        s.close();
        assertThat(s.isHealthy()).isFalse();
        assertThatThrownBy(() -> s.learner("L1")).isInstanceOf(ServingStoreException.class);
    }

    @Test
    void theSubscriptionReconnectsAfterTheConnectionIsLost() throws Exception {
        RedisServingStore s = (RedisServingStore) store();
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        ServingStore.Subscription sub = s.subscribe("c1", got::add);
        assertThat(s.subscribers("c1")).isEqualTo(1);
        assertThat(admin.pubsubNumPat()).isEqualTo(1);

        admin.clientKill(new ClientKillParams().type(ClientType.PUBSUB));
        long deadline = System.nanoTime() + 10_000_000_000L;
        // The killed connection's pattern is gone at once; wait for the subscriber to come back.
        do {
            Thread.sleep(20);
        } while (admin.pubsubNumPat() != 1 && System.nanoTime() < deadline);
        assertThat(admin.pubsubNumPat()).isEqualTo(1);

        Intervention iv = intervention(Rule.DISENGAGEMENT, "L1", "c1", "c1", "t1", T0, T0 + 1);
        write(s, iv);
        assertThat(take(got, 1)).containsExactly(toJson(iv));
        sub.close();
        assertThat(s.subscribers("c1")).isZero();
        s.close();
        deadline = System.nanoTime() + 5_000_000_000L;
        while (admin.pubsubNumPat() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(admin.pubsubNumPat()).as("close ends the subscriber connection").isZero();
    }

    @Test
    void readsAreConsistentWithTheChunkedAndTrimmedState() {
        ServingStore s = store(StoreSettings.defaults().withRecentAttempts(2));
        List<FusedAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(fin("a" + i, "L1", "c1", T0 + i, 1));
        }
        new ServingWriter(s).write(attempts);
        // Trimmed attempts leave nothing behind: neither their record nor their order.
        assertThat(admin.hkeys("lp:learner:{L1}:attempts")).containsExactlyInAnyOrder("a2", "a3");
        assertThat(admin.hkeys("lp:learner:{L1}:attempts:ord")).containsExactlyInAnyOrder("a2", "a3");
        assertThat(admin.zrange("lp:learner:{L1}:attempts:recent", 0, -1)).containsExactly("a2", "a3");
    }
}
