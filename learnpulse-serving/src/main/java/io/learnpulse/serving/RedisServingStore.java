package io.learnpulse.serving;

import io.learnpulse.serving.CourseOverview.ActiveLearner;
import io.learnpulse.serving.CourseOverview.StrugglingLearner;
import io.learnpulse.serving.LearnerView.CourseMembership;
import io.learnpulse.serving.ServingUpdate.Kind;
import io.learnpulse.serving.ServingUpdate.Signal;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The serving store in Redis (standalone, or a primary with replicas; not Cluster, since one update changes a
 * learner's and a course's keys together).
 *
 * <h2>Writes</h2>
 * Each {@link ServingUpdate} is applied by one Lua script ({@code upsert.lua}, loaded once with SCRIPT LOAD and
 * run with EVALSHA; loaded again if the server lost it), so the order comparison and the write it allows are
 * atomic on the server, whatever other writers do. A batch is sent as one pipeline of EVALSHA calls per
 * {@value #PIPELINE_CHUNK} updates. Every write sets the TTL ({@code PEXPIRE}) of all keys of the learner and of
 * the course it concerns.
 *
 * <h2>Key layout</h2>
 * Ids appear inside braces, with {@code %}, <code>{</code> and <code>}</code> percent-encoded, so no id can make
 * one key look like another. Each {@code …:ord} hash holds, per field, the order ({@link ServingUpdate}) of the
 * record stored in the hash beside it.
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>type</th><th>holds</th></tr>
 *   <tr><td>{@code lp:learner:{L}:mastery}, {@code …:mastery:ord}</td><td>hash</td><td>skill id → latest mastery record</td></tr>
 *   <tr><td>{@code lp:learner:{L}:attempts}, {@code …:attempts:ord}</td><td>hash</td><td>attempt key → fused attempt</td></tr>
 *   <tr><td>{@code lp:learner:{L}:attempts:recent}</td><td>sorted set</td><td>attempt key by event time, capped at {@code recentAttempts}</td></tr>
 *   <tr><td>{@code lp:learner:{L}:latest}, {@code …:latest:ord}</td><td>hash</td><td>{@code aggregate}, {@code session} → latest one</td></tr>
 *   <tr><td>{@code lp:learner:{L}:courses}</td><td>sorted set</td><td>course id by the learner's latest activity time there</td></tr>
 *   <tr><td>{@code lp:learner:{L}:enrolled}</td><td>set</td><td>course ids the learner is enrolled in by profile</td></tr>
 *   <tr><td>{@code lp:learner:{L}:interventions}</td><td>sorted set</td><td>intervention id by event time, capped at {@code learnerInterventions}</td></tr>
 *   <tr><td>{@code lp:learner:{L}:interventions:data}, {@code …:data:ord}</td><td>hash</td><td>intervention id → intervention</td></tr>
 *   <tr><td>{@code lp:course:{C}:clock}</td><td>string</td><td>the course's event time: the newest activity time seen</td></tr>
 *   <tr><td>{@code lp:course:{C}:active}</td><td>sorted set</td><td>learner id by latest activity time, only within {@code activeWindow} of the clock</td></tr>
 *   <tr><td>{@code lp:course:{C}:struggling}</td><td>sorted set</td><td>learner id by latest struggle signal time, only within {@code strugglingWindow}</td></tr>
 *   <tr><td>{@code lp:course:{C}:struggling:why}, {@code …:why:ord}</td><td>hash</td><td>learner id → latest struggle signal</td></tr>
 *   <tr><td>{@code lp:course:{C}:questions}, {@code …:questions:ord}</td><td>hash</td><td>question id → latest question statistics</td></tr>
 *   <tr><td>{@code lp:course:{C}:interventions}</td><td>sorted set</td><td>intervention id by event time, capped at {@code courseInterventions}</td></tr>
 *   <tr><td>{@code lp:course:{C}:interventions:data}, {@code …:data:ord}</td><td>hash</td><td>intervention id → intervention</td></tr>
 * </table>
 * Capped lists are sorted sets rather than lists so that a replayed intervention or attempt is not listed twice.
 * New interventions are published, once per id, as their JSON on the channel
 * {@code lp:channel:course:{C}:interventions}; {@link #subscribe} listens to all of them through one
 * {@code PSUBSCRIBE} connection of its own.
 *
 * <h2>Connections</h2>
 * A {@link JedisPool} of {@code maxConnections} (default {@value #DEFAULT_MAX_CONNECTIONS}) with connect and
 * socket timeouts; a caller waits at most the timeout for a free connection. Backend failures surface as
 * {@link ServingStoreException}.
 */
public final class RedisServingStore implements ServingStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisServingStore.class);
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int PIPELINE_CHUNK = 1000;
    private static final String CHANNEL_PATTERN = "lp:channel:course:*";
    private static final String SCRIPT = loadScript();

    private final StoreSettings settings;
    private final String redactedUrl;
    private final URI uri;
    private final int timeoutMs;
    private final JedisPool pool;
    private final String ttl;
    private final String[] settingArgs;
    private volatile String sha;

    private final Map<String, CopyOnWriteArrayList<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final Object subscriberLock = new Object();
    private Subscriber subscriber;
    private volatile boolean closed;

    /** The default settings with {@code ttl}: pass the pipeline's {@code pipeline.learner-state-ttl}. */
    public RedisServingStore(String url, Duration ttl) {
        this(url, StoreSettings.defaults().withTtl(ttl));
    }

    /** Connects to {@code redis://[user:password@]host:port[/db]} (or {@code rediss://}) with the default pool. */
    public RedisServingStore(String url, StoreSettings settings) {
        this(url, settings, DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT);
    }

    /**
     * @param maxConnections pool size: concurrent writers and readers beyond it wait for a connection
     * @param timeout        connect and socket timeout, and the longest wait for a free connection
     * @throws ServingStoreException when Redis cannot be reached or refuses the script
     */
    public RedisServingStore(String url, StoreSettings settings, int maxConnections, Duration timeout) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1 (was " + maxConnections + ")");
        }
        this.settings = settings;
        this.uri = parse(url);
        this.redactedUrl = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()
                + (uri.getPath() == null ? "" : uri.getPath());
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(maxConnections);
        config.setMaxIdle(maxConnections);
        config.setMinIdle(0);
        config.setBlockWhenExhausted(true);
        config.setMaxWait(Duration.ofMillis(timeoutMs));
        config.setTestWhileIdle(true);
        config.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        config.setJmxEnabled(false);
        this.pool = new JedisPool(config, uri, timeoutMs, timeoutMs);
        this.ttl = Long.toString(settings.ttl().toMillis());
        this.settingArgs = new String[] {
                Integer.toString(settings.recentAttempts()),
                Integer.toString(settings.learnerInterventions()),
                Integer.toString(settings.courseInterventions()),
                Long.toString(settings.activeWindow().toMillis()),
                Long.toString(settings.strugglingWindow().toMillis())};
        try {
            loadScriptOnServer();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static URI parse(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Redis URL: " + e.getMessage(), e);
        }
        if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme()) || u.getHost() == null
                || u.getPort() < 0) {
            throw new IllegalArgumentException("a Redis URL looks like redis://host:port (or rediss://, with "
                    + "optional user:password@ and /database)");
        }
        return u;
    }

    private static String loadScript() {
        try (InputStream in = RedisServingStore.class.getResourceAsStream("upsert.lua")) {
            if (in == null) {
                throw new IllegalStateException("upsert.lua is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loadScriptOnServer() {
        try (Jedis j = pool.getResource()) {
            sha = j.scriptLoad(SCRIPT);
        } catch (JedisException e) {
            throw unavailable("load the update script into", e);
        }
    }

    @Override
    public StoreSettings settings() {
        return settings;
    }

    // ---- key layout -----------------------------------------------------------------------------------------------

    static String learnerPrefix(String learnerId) {
        return "lp:learner:{" + escape(learnerId) + "}:";
    }

    static String coursePrefix(String courseId) {
        return "lp:course:{" + escape(courseId) + "}:";
    }

    static String channel(String courseId) {
        return "lp:channel:course:{" + escape(courseId) + "}:interventions";
    }

    private static final String[] LEARNER_KEYS = {"mastery", "mastery:ord", "attempts", "attempts:ord",
            "attempts:recent", "latest", "latest:ord", "courses", "enrolled", "interventions", "interventions:data",
            "interventions:data:ord"};
    private static final String[] COURSE_KEYS = {"clock", "active", "struggling", "struggling:why",
            "struggling:why:ord", "questions", "questions:ord", "interventions", "interventions:data",
            "interventions:data:ord"};

    static List<String> learnerKeys(String learnerId) {
        String p = learnerPrefix(learnerId);
        List<String> keys = new ArrayList<>(LEARNER_KEYS.length);
        for (String k : LEARNER_KEYS) {
            keys.add(p + k);
        }
        return keys;
    }

    static List<String> courseKeys(String courseId) {
        String p = coursePrefix(courseId);
        List<String> keys = new ArrayList<>(COURSE_KEYS.length);
        for (String k : COURSE_KEYS) {
            keys.add(p + k);
        }
        return keys;
    }

    static String escape(String id) {
        if (id.indexOf('%') < 0 && id.indexOf('{') < 0 && id.indexOf('}') < 0) {
            return id;
        }
        return id.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
    }

    // ---- writes ---------------------------------------------------------------------------------------------------

    @Override
    public int write(List<ServingUpdate> updates) {
        int applied = 0;
        for (int from = 0; from < updates.size(); from += PIPELINE_CHUNK) {
            List<ServingUpdate> chunk = updates.subList(from, Math.min(updates.size(), from + PIPELINE_CHUNK));
            try {
                applied += writeChunk(chunk);
            } catch (NoScript e) {
                // The server restarted or its script cache was flushed: load again and send the chunk again,
                // which is safe because every update is idempotent.
                LOG.info("Redis at {} lost the update script; loading it again", redactedUrl);
                loadScriptOnServer();
                applied += writeChunk(chunk);
            }
        }
        return applied;
    }

    private static final class NoScript extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoScript(Throwable cause) {
            super(cause);
        }
    }

    private int writeChunk(List<ServingUpdate> chunk) {
        List<Response<Object>> responses = new ArrayList<>(chunk.size());
        try (Jedis j = pool.getResource()) {
            Pipeline p = j.pipelined();
            for (ServingUpdate u : chunk) {
                responses.add(p.evalsha(sha, keys(u), args(u)));
            }
            p.sync();
        } catch (JedisException e) {
            throw unavailable("write to", e);
        }
        int applied = 0;
        for (int i = 0; i < responses.size(); i++) {
            Object r;
            try {
                r = responses.get(i).get();
            } catch (JedisDataException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
                    throw new NoScript(e);
                }
                throw new ServingStoreException("Redis refused " + chunk.get(i) + ": " + e.getMessage(), e);
            }
            if (r instanceof Long && (Long) r == 1L) {
                applied++;
            }
        }
        return applied;
    }

    private static List<String> keys(ServingUpdate u) {
        List<String> keys = new ArrayList<>(22);
        if (u.learnerId != null) {
            keys.addAll(learnerKeys(u.learnerId));
        }
        if (hasCourseKeys(u)) {
            keys.addAll(courseKeys(u.courseId));
        }
        return keys;
    }

    private static boolean hasCourseKeys(ServingUpdate u) {
        return u.courseId != null && u.kind != Kind.ENROLLMENT;
    }

    private List<String> args(ServingUpdate u) {
        boolean learner = u.learnerId != null;
        boolean course = hasCourseKeys(u);
        Signal signal = u.signal(settings);
        List<String> a = new ArrayList<>(18);
        a.add(u.kind.wire);
        a.add(ttl);
        a.add(learner ? "0" : "-1");
        a.add(course ? (learner ? "12" : "0") : "-1");
        for (String s : settingArgs) {
            a.add(s);
        }
        a.add(course ? channel(u.courseId) : "");
        a.add(u.field);
        a.add(u.order == null ? "" : ServingUpdate.orderString(u.order));
        a.add(u.json == null ? "" : u.json);
        a.add(u.activityTime == Long.MIN_VALUE ? "" : Long.toString(u.activityTime));
        a.add(learner ? u.learnerId : "");
        a.add(u.courseId == null ? "" : u.courseId);
        a.add(signal == null ? "" : signal.json);
        a.add(signal == null ? "" : ServingUpdate.orderString(signal.order));
        return a;
    }

    // ---- reads ----------------------------------------------------------------------------------------------------

    @Override
    public boolean isEnrolled(String learnerId, String courseId) {
        String p = learnerPrefix(learnerId);
        try (Jedis j = pool.getResource()) {
            Pipeline pl = j.pipelined();
            Response<Boolean> enrolled = pl.sismember(p + "enrolled", courseId);
            Response<Double> active = pl.zscore(p + "courses", courseId);
            pl.sync();
            return enrolled.get() || active.get() != null;
        } catch (JedisException e) {
            throw unavailable("read from", e);
        }
    }

    @Override
    public Optional<LearnerView> learner(String learnerId) {
        String p = learnerPrefix(learnerId);
        try (Jedis j = pool.getResource()) {
            Pipeline pl = j.pipelined();
            Response<Map<String, String>> mastery = pl.hgetAll(p + "mastery");
            Response<Map<String, String>> attempts = pl.hgetAll(p + "attempts");
            Response<List<String>> recent = pl.zrevrange(p + "attempts:recent", 0, -1);
            Response<List<String>> latest = pl.hmget(p + "latest", "aggregate", "session");
            Response<List<Tuple>> courses = pl.zrangeWithScores(p + "courses", 0, -1);
            Response<Set<String>> enrolled = pl.smembers(p + "enrolled");
            Response<List<String>> interventionIds = pl.zrevrange(p + "interventions", 0, -1);
            Response<Map<String, String>> interventions = pl.hgetAll(p + "interventions:data");
            pl.sync();

            TreeMap<String, CourseMembership> memberships = new TreeMap<>();
            for (String c : enrolled.get()) {
                memberships.put(c, new CourseMembership(c, true, null));
            }
            for (Tuple t : courses.get()) {
                memberships.put(t.getElement(), new CourseMembership(t.getElement(),
                        memberships.containsKey(t.getElement()), (long) t.getScore()));
            }
            List<String> attemptList = pick(recent.get(), attempts.get());
            List<String> interventionList = pick(interventionIds.get(), interventions.get());
            String aggregate = latest.get().get(0);
            String session = latest.get().get(1);
            if (memberships.isEmpty() && mastery.get().isEmpty() && attemptList.isEmpty() && aggregate == null
                    && session == null && interventionList.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new LearnerView(learnerId, new ArrayList<>(memberships.values()),
                    new TreeMap<>(mastery.get()), attemptList, aggregate, session, interventionList));
        } catch (JedisException e) {
            throw unavailable("read from", e);
        }
    }

    /** The values of {@code ids} in that order, skipping any a concurrent trim removed in between. */
    private static List<String> pick(List<String> ids, Map<String, String> values) {
        List<String> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            String v = values.get(id);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    @Override
    public CourseOverview course(String courseId, int maxLearners, int maxInterventions) {
        String p = coursePrefix(courseId);
        try (Jedis j = pool.getResource()) {
            Pipeline pl = j.pipelined();
            Response<String> clockText = pl.get(p + "clock");
            Response<Map<String, String>> questions = pl.hgetAll(p + "questions");
            // ZREVRANGE 0 -1 would be everything: a limit of 0 must read nothing.
            Response<List<String>> interventionIds = maxInterventions <= 0 ? null
                    : pl.zrevrange(p + "interventions", 0, maxInterventions - 1L);
            pl.sync();

            Long clock = clockText.get() == null ? null : Long.parseLong(clockText.get());
            pl = j.pipelined();
            Response<List<String>> interventions = interventionIds == null || interventionIds.get().isEmpty() ? null
                    : pl.hmget(p + "interventions:data", interventionIds.get().toArray(new String[0]));
            Response<Long> activeCount = null;
            Response<List<Tuple>> active = null;
            Response<Long> strugglingCount = null;
            Response<List<Tuple>> struggling = null;
            if (clock != null) {
                String activeSince = Long.toString(clock - settings.activeWindow().toMillis());
                String strugglingSince = Long.toString(clock - settings.strugglingWindow().toMillis());
                activeCount = pl.zcount(p + "active", activeSince, "+inf");
                active = pl.zrevrangeByScoreWithScores(p + "active", "+inf", activeSince, 0, Math.max(0, maxLearners));
                strugglingCount = pl.zcount(p + "struggling", strugglingSince, "+inf");
                struggling = pl.zrevrangeByScoreWithScores(p + "struggling", "+inf", strugglingSince, 0,
                        Math.max(0, maxLearners));
            }
            pl.sync();

            List<String> recent = new ArrayList<>();
            if (interventions != null) {
                for (String json : interventions.get()) {
                    if (json != null) {
                        recent.add(json);
                    }
                }
            }
            Map<String, String> questionStats = new TreeMap<>(questions.get());
            if (clock == null) {
                return new CourseOverview(courseId, null, 0, List.of(), 0, List.of(), questionStats, recent);
            }
            List<ActiveLearner> activeList = new ArrayList<>();
            for (Tuple t : active.get()) {
                activeList.add(new ActiveLearner(t.getElement(), (long) t.getScore()));
            }
            List<StrugglingLearner> strugglingList = new ArrayList<>();
            if (!struggling.get().isEmpty()) {
                String[] ids = struggling.get().stream().map(Tuple::getElement).toArray(String[]::new);
                List<String> why = j.hmget(p + "struggling:why", ids);
                for (int i = 0; i < ids.length; i++) {
                    if (why.get(i) != null) {
                        strugglingList.add(new StrugglingLearner(ids[i], (long) struggling.get().get(i).getScore(),
                                why.get(i)));
                    }
                }
            }
            return new CourseOverview(courseId, clock, activeCount.get(), activeList, strugglingCount.get(),
                    strugglingList, questionStats, recent);
        } catch (JedisException e) {
            throw unavailable("read from", e);
        }
    }

    @Override
    public List<String> interventions(String courseId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String p = coursePrefix(courseId);
        try (Jedis j = pool.getResource()) {
            List<String> ids = j.zrevrange(p + "interventions", 0, limit - 1L);
            if (ids.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>(ids.size());
            for (String json : j.hmget(p + "interventions:data", ids.toArray(new String[0]))) {
                if (json != null) {
                    out.add(json);
                }
            }
            return out;
        } catch (JedisException e) {
            throw unavailable("read from", e);
        }
    }

    @Override
    public boolean isHealthy() {
        try (Jedis j = pool.getResource()) {
            return "PONG".equals(j.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    private ServingStoreException unavailable(String what, JedisException e) {
        return new ServingStoreException("could not " + what + " Redis at " + redactedUrl + ": " + e.getMessage(), e);
    }

    // ---- subscriptions --------------------------------------------------------------------------------------------

    /**
     * Registers the listener; the first registration starts the subscriber connection and returns once Redis has
     * confirmed the subscription, so that every intervention written afterwards is announced. Interventions
     * published while the subscriber reconnects after a connection loss are missed.
     */
    @Override
    public Subscription subscribe(String courseId, Consumer<String> listener) {
        String ch = channel(courseId);
        CopyOnWriteArrayList<Consumer<String>> ls = listeners.computeIfAbsent(ch, k -> new CopyOnWriteArrayList<>());
        ls.add(listener);
        try {
            ensureSubscribed();
        } catch (RuntimeException e) {
            ls.remove(listener);
            throw e;
        }
        return () -> ls.remove(listener);
    }

    /** Subscriptions currently registered for the course. */
    public int subscribers(String courseId) {
        List<Consumer<String>> ls = listeners.get(channel(courseId));
        return ls == null ? 0 : ls.size();
    }

    private void ensureSubscribed() {
        Subscriber s;
        synchronized (subscriberLock) {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            if (subscriber == null) {
                subscriber = new Subscriber();
                Thread t = new Thread(subscriber, "lp-redis-subscriber");
                t.setDaemon(true);
                t.start();
            }
            s = subscriber;
        }
        try {
            if (!s.ready.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new ServingStoreException("Redis at " + redactedUrl + " did not confirm the intervention "
                        + "subscription within " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingStoreException("interrupted while subscribing to Redis at " + redactedUrl, e);
        }
    }

    private void dispatch(String channel, String json) {
        List<Consumer<String>> ls = listeners.get(channel);
        if (ls == null) {
            return;
        }
        for (Consumer<String> l : ls) {
            try {
                l.accept(json);
            } catch (RuntimeException e) {
                LOG.warn("an intervention listener failed", e);
            }
        }
    }

    /** One connection, pattern-subscribed to every course's channel, reconnecting with backoff until closed. */
    private final class Subscriber implements Runnable {
        final CountDownLatch ready = new CountDownLatch(1);
        private volatile JedisPubSub pubSub;
        private volatile Jedis connection;

        @Override
        public void run() {
            long backoffMs = 100;
            while (!closed) {
                JedisPubSub ps = new JedisPubSub() {
                    @Override
                    public void onPSubscribe(String pattern, int count) {
                        ready.countDown();
                    }

                    @Override
                    public void onPMessage(String pattern, String channel, String message) {
                        dispatch(channel, message);
                    }
                };
                try (Jedis j = new Jedis(uri, timeoutMs, timeoutMs)) {
                    connection = j;
                    pubSub = ps;
                    if (closed) {
                        break;
                    }
                    backoffMs = 100;
                    j.psubscribe(ps, CHANNEL_PATTERN);
                } catch (JedisException e) {
                    if (closed) {
                        break;
                    }
                    LOG.warn("intervention subscription to Redis at {} lost ({}); reconnecting in {} ms", redactedUrl,
                            e.getMessage(), backoffMs);
                    try {
                        Thread.sleep(backoffMs);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    backoffMs = Math.min(5_000, backoffMs * 2);
                }
            }
        }

        void stop() {
            JedisPubSub ps = pubSub;
            if (ps != null && ps.isSubscribed()) {
                try {
                    ps.punsubscribe();
                    return;
                } catch (JedisException e) {
                    LOG.debug("punsubscribe failed; closing the connection instead", e);
                }
            }
            Jedis j = connection;
            if (j != null) {
                j.disconnect();
            }
        }
    }

    @Override
    public void close() {
        synchronized (subscriberLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (subscriber != null) {
                subscriber.stop();
            }
        }
        pool.close();
    }

    @Override
    public String toString() {
        return "RedisServingStore{" + redactedUrl + ", " + settings + '}';
    }
}
