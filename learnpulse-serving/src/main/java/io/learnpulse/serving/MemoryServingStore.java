package io.learnpulse.serving;

import io.learnpulse.serving.CourseOverview.ActiveLearner;
import io.learnpulse.serving.CourseOverview.StrugglingLearner;
import io.learnpulse.serving.LearnerView.CourseMembership;
import io.learnpulse.serving.ServingUpdate.Kind;
import io.learnpulse.serving.ServingUpdate.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The serving store in this JVM's memory, for the embedded demo: the same views and the same ordering, bounds and
 * expiry as {@link RedisServingStore} (one contract test runs against both).
 *
 * <p>Bounded: besides the per-view bounds of {@link StoreSettings}, it holds at most {@code maxLearners} learners
 * and {@code maxCourses} courses, dropping the least recently used beyond that. Thread-safe: one lock guards the
 * data; subscribers are called after it is released, on the writing thread. {@link #close()} releases nothing,
 * so one instance can be shared by the pipeline's sinks and the query API.
 */
public final class MemoryServingStore implements ServingStore {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryServingStore.class);
    public static final int DEFAULT_MAX_LEARNERS = 200_000;
    public static final int DEFAULT_MAX_COURSES = 10_000;
    private static final long MAX_SWEEP_INTERVAL_MS = 60_000;

    private record Slot(long[] order, String json) {
    }

    private static final class Learner {
        final Map<String, Slot> mastery = new HashMap<>();
        final Map<String, Slot> attempts = new HashMap<>();
        final ScoredSet recentAttempts = new ScoredSet();
        final Map<String, Slot> latest = new HashMap<>();
        final Map<String, Long> courses = new HashMap<>();
        final TreeSet<String> enrolled = new TreeSet<>();
        final Map<String, Slot> interventions = new HashMap<>();
        final ScoredSet recentInterventions = new ScoredSet();
        long expiresAt;

        boolean isEmpty() {
            return mastery.isEmpty() && attempts.isEmpty() && latest.isEmpty() && courses.isEmpty()
                    && enrolled.isEmpty() && interventions.isEmpty();
        }
    }

    private static final class Course {
        Long clock;
        final ScoredSet active = new ScoredSet();
        final ScoredSet struggling = new ScoredSet();
        final Map<String, Slot> why = new HashMap<>();
        final Map<String, Slot> questions = new HashMap<>();
        final Map<String, Slot> interventions = new HashMap<>();
        final ScoredSet recentInterventions = new ScoredSet();
        long expiresAt;
    }

    private final StoreSettings settings;
    private final LongSupplier wallClock;
    private final long ttlMs;
    private final Object lock = new Object();
    private final LinkedHashMap<String, Learner> learners;
    private final LinkedHashMap<String, Course> courses;
    private final Map<String, CopyOnWriteArrayList<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private long nextSweep;

    /** The default settings with {@code ttl}: pass the pipeline's {@code pipeline.learner-state-ttl}. */
    public MemoryServingStore(Duration ttl) {
        this(StoreSettings.defaults().withTtl(ttl));
    }

    public MemoryServingStore(StoreSettings settings) {
        this(settings, DEFAULT_MAX_LEARNERS, DEFAULT_MAX_COURSES, System::currentTimeMillis);
    }

    /** {@code wallClock}: the time expiry is measured in (tests pass a controllable one). */
    public MemoryServingStore(StoreSettings settings, int maxLearners, int maxCourses, LongSupplier wallClock) {
        if (maxLearners < 1 || maxCourses < 1) {
            throw new IllegalArgumentException("maxLearners and maxCourses must be at least 1");
        }
        this.settings = settings;
        this.wallClock = wallClock;
        this.ttlMs = settings.ttl().toMillis();
        this.learners = lru(maxLearners);
        this.courses = lru(maxCourses);
    }

    private static <V> LinkedHashMap<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public StoreSettings settings() {
        return settings;
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    @Override
    public int write(List<ServingUpdate> updates) {
        int applied = 0;
        List<Map.Entry<String, String>> announcements = new ArrayList<>();
        synchronized (lock) {
            long now = wallClock.getAsLong();
            sweep(now);
            for (ServingUpdate u : updates) {
                if (apply(u, now, announcements)) {
                    applied++;
                }
            }
        }
        for (Map.Entry<String, String> a : announcements) {
            announce(a.getKey(), a.getValue());
        }
        return applied;
    }

    /** Mirrors the Redis store's script step by step, so that both keep the same members under the same bounds. */
    private boolean apply(ServingUpdate u, long now, List<Map.Entry<String, String>> announcements) {
        Learner l = u.learnerId == null ? null : learnerForWrite(u.learnerId, now);
        Course c = u.courseId == null || u.kind == Kind.ENROLLMENT ? null : courseForWrite(u.courseId, now);
        switch (u.kind) {
            case ATTEMPT: {
                boolean won = ranked(l.recentAttempts, l.attempts, u.field, u.activityTime,
                        settings.recentAttempts(), u.order, u.json)[0];
                activity(l, c, u);
                return won;
            }
            case MASTERY: {
                boolean won = upsert(l.mastery, u.field, u.order, u.json);
                activity(l, c, u);
                struggle(c, u);
                return won;
            }
            case AGGREGATE:
            case SESSION: {
                boolean won = upsert(l.latest, u.field, u.order, u.json);
                activity(l, c, u);
                return won;
            }
            case QUESTION_STATS:
                return upsert(c.questions, u.field, u.order, u.json);
            case INTERVENTION: {
                boolean won = ranked(l.recentInterventions, l.interventions, u.field, u.activityTime,
                        settings.learnerInterventions(), u.order, u.json)[0];
                if (c != null) {
                    boolean[] r = ranked(c.recentInterventions, c.interventions, u.field, u.activityTime,
                            settings.courseInterventions(), u.order, u.json);
                    won = r[0];
                    activity(l, c, u);
                    struggle(c, u);
                    if (r[1]) {
                        announcements.add(Map.entry(u.courseId, u.json));
                    }
                }
                return won;
            }
            case ENROLLMENT:
                return l.enrolled.add(u.field);
            default:
                throw new IllegalStateException("unknown update kind " + u.kind);
        }
    }

    private static boolean upsert(Map<String, Slot> slots, String field, long[] order, String json) {
        Slot current = slots.get(field);
        if (current != null && !ServingUpdate.newer(order, current.order())) {
            return false;
        }
        slots.put(field, new Slot(order, json));
        return true;
    }

    /**
     * Upserts into a view that keeps the {@code cap} members with the highest scores: {won, announce} where
     * announce means the member is new and survived the cap.
     */
    private static boolean[] ranked(ScoredSet set, Map<String, Slot> slots, String member, long score, int cap,
                                    long[] order, String json) {
        boolean added = set.raise(member, score);
        for (String gone : set.trimToCap(cap)) {
            slots.remove(gone);
        }
        if (!set.contains(member)) {
            return new boolean[] {false, false};
        }
        return new boolean[] {upsert(slots, member, order, json), added};
    }

    private void activity(Learner l, Course c, ServingUpdate u) {
        if (c == null || !u.hasActivity()) {
            return;
        }
        long t = u.activityTime;
        l.courses.merge(u.courseId, t, Math::max);
        c.clock = c.clock == null ? t : Math.max(c.clock, t);
        c.active.raise(u.learnerId, t);
        c.active.removeBelow(c.clock - settings.activeWindow().toMillis());
        trimStruggling(c);
    }

    private void struggle(Course c, ServingUpdate u) {
        Signal signal = c == null ? null : u.signal(settings);
        if (signal == null) {
            return;
        }
        c.struggling.raise(u.learnerId, u.activityTime);
        trimStruggling(c);
        if (c.struggling.contains(u.learnerId)) {
            upsert(c.why, u.learnerId, signal.order, signal.json);
        }
    }

    private void trimStruggling(Course c) {
        for (String gone : c.struggling.removeBelow(c.clock - settings.strugglingWindow().toMillis())) {
            c.why.remove(gone);
        }
    }

    private Learner learnerForWrite(String id, long now) {
        Learner l = live(learners, id, now);
        if (l == null) {
            l = new Learner();
            learners.put(id, l);
        }
        l.expiresAt = now + ttlMs;
        return l;
    }

    private Course courseForWrite(String id, long now) {
        Course c = live(courses, id, now);
        if (c == null) {
            c = new Course();
            courses.put(id, c);
        }
        c.expiresAt = now + ttlMs;
        return c;
    }

    private static <V> V live(Map<String, V> map, String id, long now) {
        V v = map.get(id);
        if (v != null && expiresAt(v) <= now) {
            map.remove(id);
            return null;
        }
        return v;
    }

    private static long expiresAt(Object v) {
        return v instanceof Learner ? ((Learner) v).expiresAt : ((Course) v).expiresAt;
    }

    /** Drops expired entries now and then, so that memory does not wait for the LRU bound. */
    private void sweep(long now) {
        if (now < nextSweep) {
            return;
        }
        nextSweep = now + Math.min(ttlMs, MAX_SWEEP_INTERVAL_MS);
        learners.values().removeIf(l -> l.expiresAt <= now);
        courses.values().removeIf(c -> c.expiresAt <= now);
    }

    private void announce(String courseId, String json) {
        List<Consumer<String>> ls = listeners.get(courseId);
        if (ls == null) {
            return;
        }
        for (Consumer<String> listener : ls) {
            try {
                listener.accept(json);
            } catch (RuntimeException e) {
                LOG.warn("an intervention listener of course {} failed", courseId, e);
            }
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    @Override
    public boolean isEnrolled(String learnerId, String courseId) {
        synchronized (lock) {
            Learner l = live(learners, learnerId, wallClock.getAsLong());
            return l != null && (l.enrolled.contains(courseId) || l.courses.containsKey(courseId));
        }
    }

    @Override
    public Optional<LearnerView> learner(String learnerId) {
        synchronized (lock) {
            Learner l = live(learners, learnerId, wallClock.getAsLong());
            if (l == null || l.isEmpty()) {
                return Optional.empty();
            }
            TreeMap<String, CourseMembership> memberships = new TreeMap<>();
            for (String c : l.enrolled) {
                memberships.put(c, new CourseMembership(c, true, l.courses.get(c)));
            }
            for (Map.Entry<String, Long> e : l.courses.entrySet()) {
                memberships.putIfAbsent(e.getKey(), new CourseMembership(e.getKey(), false, e.getValue()));
            }
            Map<String, String> mastery = new TreeMap<>();
            l.mastery.forEach((skill, slot) -> mastery.put(skill, slot.json()));
            return Optional.of(new LearnerView(learnerId, new ArrayList<>(memberships.values()), mastery,
                    newest(l.recentAttempts, l.attempts, Integer.MAX_VALUE), json(l.latest.get("aggregate")),
                    json(l.latest.get("session")), newest(l.recentInterventions, l.interventions, Integer.MAX_VALUE)));
        }
    }

    @Override
    public CourseOverview course(String courseId, int maxLearners, int maxInterventions) {
        synchronized (lock) {
            Course c = live(courses, courseId, wallClock.getAsLong());
            if (c == null) {
                return new CourseOverview(courseId, null, 0, List.of(), 0, List.of(), Map.of(), List.of());
            }
            Map<String, String> questions = new TreeMap<>();
            c.questions.forEach((q, slot) -> questions.put(q, slot.json()));
            List<String> interventions = newest(c.recentInterventions, c.interventions, maxInterventions);
            if (c.clock == null) {
                return new CourseOverview(courseId, null, 0, List.of(), 0, List.of(), questions, interventions);
            }
            long activeSince = c.clock - settings.activeWindow().toMillis();
            List<ActiveLearner> active = new ArrayList<>();
            for (ScoredSet.Entry e : c.active.descending(activeSince, maxLearners)) {
                active.add(new ActiveLearner(e.member(), e.score()));
            }
            long strugglingSince = c.clock - settings.strugglingWindow().toMillis();
            List<StrugglingLearner> struggling = new ArrayList<>();
            for (ScoredSet.Entry e : c.struggling.descending(strugglingSince, maxLearners)) {
                Slot why = c.why.get(e.member());
                if (why != null) {
                    struggling.add(new StrugglingLearner(e.member(), e.score(), why.json()));
                }
            }
            return new CourseOverview(courseId, c.clock, c.active.countAtLeast(activeSince), active,
                    c.struggling.countAtLeast(strugglingSince), struggling, questions, interventions);
        }
    }

    @Override
    public List<String> interventions(String courseId, int limit) {
        synchronized (lock) {
            Course c = live(courses, courseId, wallClock.getAsLong());
            return c == null ? List.of() : newest(c.recentInterventions, c.interventions, limit);
        }
    }

    private static List<String> newest(ScoredSet set, Map<String, Slot> slots, int limit) {
        List<String> out = new ArrayList<>();
        for (ScoredSet.Entry e : set.descending(Long.MIN_VALUE, limit)) {
            Slot s = slots.get(e.member());
            if (s != null) {
                out.add(s.json());
            }
        }
        return out;
    }

    private static String json(Slot s) {
        return s == null ? null : s.json();
    }

    // ---- subscriptions and lifecycle ------------------------------------------------------------------------------

    @Override
    public Subscription subscribe(String courseId, Consumer<String> listener) {
        CopyOnWriteArrayList<Consumer<String>> ls = listeners.computeIfAbsent(courseId, k -> new CopyOnWriteArrayList<>());
        ls.add(listener);
        return () -> ls.remove(listener);
    }

    /** Subscriptions currently registered for the course. */
    public int subscribers(String courseId) {
        List<Consumer<String>> ls = listeners.get(courseId);
        return ls == null ? 0 : ls.size();
    }

    /** Learners held (expired ones may still count until the next write sweeps them). */
    public int learnerCount() {
        synchronized (lock) {
            return learners.size();
        }
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    /** Releases nothing: the data stays readable, and the store stays writable. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "MemoryServingStore{" + settings + '}';
    }
}
