package io.learnpulse.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.serving.CourseOverview.ActiveLearner;
import io.learnpulse.serving.CourseOverview.StrugglingLearner;
import io.learnpulse.serving.LearnerView.CourseMembership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read API over a {@link ServingStore}, for instructor dashboards: JSON over HTTP, served by the JDK's
 * {@link HttpServer}, in the style of the ingestion gateway.
 *
 * <table>
 *   <caption>endpoints (GET only)</caption>
 *   <tr><th>path</th><th>answer</th></tr>
 *   <tr><td>/api/health</td><td>200 {@code {"status": "up", ...}}, 503 when the store does not answer; no token needed</td></tr>
 *   <tr><td>/api/learners/{id}</td><td>the learner's views: courses, mastery per skill, recent attempts, latest
 *       aggregate and session, recent interventions</td></tr>
 *   <tr><td>/api/courses/{id}/overview?limit=</td><td>active and struggling learners (counts, and up to {@code limit}
 *       listed, default 100), question statistics, the ten newest interventions</td></tr>
 *   <tr><td>/api/courses/{id}/interventions?limit=</td><td>the newest interventions, newest first (default 50)</td></tr>
 *   <tr><td>/api/courses/{id}/interventions/stream</td><td>Server-Sent Events: one {@code event: intervention} with
 *       {@code data: <json>} per new intervention of the course, a {@code : keepalive} comment every 15 s</td></tr>
 * </table>
 *
 * <p>Ids in the path are percent-decoded segments (a course id with a slash is sent as {@code %2F}). Records are
 * the pipeline's JSON lines (README, <i>Output schemas</i>).
 *
 * <p><b>Authorization.</b> Every endpoint but health needs {@code Authorization: Bearer <token>}; no token or an
 * unknown one is answered 401 with {@code WWW-Authenticate: Bearer}. A token lists the courses it may read
 * ({@link ApiToken}): another course is 403, and so is a learner who is neither enrolled nor active in one of
 * them (which also hides whether the learner exists). What a course-scoped token reads of a learner is limited
 * to its courses: courses, mastery, attempts, session and interventions of other courses are left out. A learner
 * id in the path is mapped with the {@link Pseudonymizer} before the lookup, so a raw id and its pseudonym find
 * the same learner; responses carry only the stored (pseudonymized) ids, and error messages never repeat the id
 * from the path.
 *
 * <p>Status codes: 200, 400 (a bad parameter), 401, 403, 404 (no such endpoint, or a learner the token could see
 * but the store knows nothing about), 405 (with {@code Allow}), 503 (the store is unavailable, with
 * {@code Retry-After}; or too many open streams). Bodies are JSON; errors are {@code {"error": "..."}}.
 */
public final class QueryApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String REALM = "learnpulse";
    private static final int OVERVIEW_INTERVENTIONS = 10;
    private static final int DEFAULT_OVERVIEW_LIMIT = 100;
    private static final int DEFAULT_INTERVENTIONS_LIMIT = 50;

    /**
     * @param threads            threads serving requests (streams do not hold one)
     * @param keepAlive          how often an idle stream gets a keep-alive comment (which also detects clients that
     *                           went away)
     * @param maxStreams         open event streams at most; more are answered 503
     * @param maxLearnersListed  the largest overview {@code limit}
     */
    public record Options(int threads, Duration keepAlive, int maxStreams, int maxLearnersListed) {
        public static Options defaults() {
            return new Options(4, Duration.ofSeconds(15), 256, 1000);
        }

        public Options {
            if (threads < 1 || maxStreams < 1 || maxLearnersListed < 1) {
                throw new IllegalArgumentException("threads, maxStreams and maxLearnersListed must be at least 1");
            }
            if (keepAlive == null || keepAlive.toMillis() < 1) {
                throw new IllegalArgumentException("keepAlive must be at least 1 ms");
            }
        }

        public Options withKeepAlive(Duration value) {
            return new Options(threads, value, maxStreams, maxLearnersListed);
        }

        public Options withMaxStreams(int value) {
            return new Options(threads, keepAlive, value, maxLearnersListed);
        }
    }

    private final ServingStore store;
    private final List<ApiToken> tokens;
    private final Pseudonymizer pseudonymizer;
    private final String host;
    private final int requestedPort;
    private final Options options;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private ExecutorService executor;
    private ExecutorService streamWriters;
    private ScheduledExecutorService keepAlives;
    private boolean closed;

    /** With {@link Options#defaults()}. {@code port} 0 picks a free port. */
    public QueryApi(ServingStore store, List<ApiToken> tokens, Pseudonymizer pseudonymizer, String host, int port) {
        this(store, tokens, pseudonymizer, host, port, Options.defaults());
    }

    public QueryApi(ServingStore store, List<ApiToken> tokens, Pseudonymizer pseudonymizer, String host, int port,
                    Options options) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535 (was " + port + ")");
        }
        this.store = store;
        this.tokens = List.copyOf(tokens);
        this.pseudonymizer = pseudonymizer;
        this.host = host;
        this.requestedPort = port;
        this.options = options;
        Set<String> seen = new HashSet<>();
        for (ApiToken t : this.tokens) {
            if (!seen.add(t.token())) {
                throw new IllegalArgumentException("API token '" + t.name() + "' has the same token as another one");
            }
        }
    }

    /**
     * Binds host:port and starts serving.
     *
     * @throws java.net.BindException when the port is taken
     */
    public synchronized QueryApi start() throws IOException {
        if (server != null || closed) {
            throw new IllegalStateException("the query API was started already");
        }
        server = HttpServer.create(new InetSocketAddress(host, requestedPort), 128);
        executor = Executors.newFixedThreadPool(options.threads(), daemons("query-api-http-"));
        streamWriters = Executors.newFixedThreadPool(2, daemons("query-api-stream-"));
        keepAlives = Executors.newSingleThreadScheduledExecutor(daemons("query-api-keepalive-"));
        long every = options.keepAlive().toMillis();
        keepAlives.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The port listened on (the actual one when 0 was asked for). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the query API is not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}. */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    /** Event streams open now. */
    public int openStreams() {
        return streams.size();
    }

    /** Ends every event stream and stops serving at once (reads in flight are cut; clients retry). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server == null) {
            return;
        }
        for (EventStream s : List.copyOf(streams)) {
            s.close();
        }
        keepAlives.shutdownNow();
        server.stop(0);
        streamWriters.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- routing --------------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) {
        String path = ex.getRequestURI().getRawPath();
        Reply reply;
        try {
            reply = route(ex, path);
        } catch (ApiError e) {
            reply = e.reply;
        } catch (ServingStoreException e) {
            LOG.warn("query API: {} {}: {}", ex.getRequestMethod(), path, e.getMessage());
            reply = Reply.error(503, "the serving store is unavailable; retry shortly").header("Retry-After", "1");
        } catch (RuntimeException e) {
            LOG.error("query API: {} {} failed", ex.getRequestMethod(), path, e);
            reply = Reply.error(500, "internal error (the server log has the details)");
        }
        if (reply != null) {
            send(ex, reply);
        }
    }

    /** The reply to send, or null when the exchange became an event stream. */
    private Reply route(HttpExchange ex, String path) {
        String[] s = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        if (s.length >= 2 && s[0].equals("api")) {
            if (s.length == 2 && s[1].equals("health")) {
                allowGet(ex);
                params(ex);
                return health();
            }
            if (s.length == 3 && s[1].equals("learners") && !s[2].isEmpty()) {
                allowGet(ex);
                ApiToken token = authenticate(ex);
                params(ex);
                return learner(token, decode(s[2]));
            }
            if (s.length >= 4 && s[1].equals("courses") && !s[2].isEmpty()) {
                if (s.length == 4 && s[3].equals("overview")) {
                    allowGet(ex);
                    ApiToken token = authenticate(ex);
                    String course = course(token, decode(s[2]));
                    int limit = limit(params(ex, "limit"), DEFAULT_OVERVIEW_LIMIT, options.maxLearnersListed());
                    return overview(course, limit);
                }
                if (s.length == 4 && s[3].equals("interventions")) {
                    allowGet(ex);
                    ApiToken token = authenticate(ex);
                    String course = course(token, decode(s[2]));
                    int max = store.settings().courseInterventions();
                    int limit = limit(params(ex, "limit"), Math.min(DEFAULT_INTERVENTIONS_LIMIT, max), max);
                    return interventions(course, limit);
                }
                if (s.length == 5 && s[3].equals("interventions") && s[4].equals("stream")) {
                    allowGet(ex);
                    ApiToken token = authenticate(ex);
                    String course = course(token, decode(s[2]));
                    params(ex);
                    openStream(ex, course);
                    return null;
                }
            }
        }
        throw ApiError.of(404, "no such endpoint (endpoints: GET /api/health, /api/learners/{id}, "
                + "/api/courses/{id}/overview, /api/courses/{id}/interventions, /api/courses/{id}/interventions/stream)");
    }

    private static void allowGet(HttpExchange ex) {
        if (!ex.getRequestMethod().equals("GET")) {
            throw ApiError.of(405, "method " + ex.getRequestMethod() + " is not allowed here (allowed: GET)")
                    .header("Allow", "GET");
        }
    }

    // ---- authorization ----------------------------------------------------------------------------------------------

    /** The token of the request; compares against every token in constant time, so timing tells nothing. */
    private ApiToken authenticate(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized("missing credentials: send 'Authorization: Bearer <token>'", false);
        }
        header = header.trim();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw unauthorized("the query API takes bearer tokens: send 'Authorization: Bearer <token>'", false);
        }
        byte[] presented = header.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8);
        ApiToken found = null;
        for (ApiToken t : tokens) {
            if (MessageDigest.isEqual(presented, t.token().getBytes(StandardCharsets.UTF_8))) {
                found = t;
            }
        }
        if (found == null) {
            throw unauthorized("invalid token", true);
        }
        return found;
    }

    private static ApiError unauthorized(String message, boolean tokenPresented) {
        String challenge = "Bearer realm=\"" + REALM + "\"" + (tokenPresented ? ", error=\"invalid_token\"" : "");
        return ApiError.of(401, message).header("WWW-Authenticate", challenge);
    }

    private static String course(ApiToken token, String courseId) {
        if (!token.allows(courseId)) {
            throw ApiError.of(403, "this token may not read course '" + courseId + "'");
        }
        return courseId;
    }

    // ---- resources ----------------------------------------------------------------------------------------------------

    private Reply health() {
        boolean up = store.isHealthy();
        ObjectNode b = NODES.objectNode();
        b.put("status", up ? "up" : "down");
        b.put("store", up ? "up" : "down");
        b.put("open_streams", streams.size());
        return Reply.json(up ? 200 : 503, b);
    }

    private Reply learner(ApiToken token, String pathId) {
        String learnerId = pseudonymizer.apply(pathId);
        if (!token.coversAllCourses()) {
            boolean visible = false;
            for (String c : token.courses()) {
                if (store.isEnrolled(learnerId, c)) {
                    visible = true;
                    break;
                }
            }
            if (!visible) {
                throw ApiError.of(403, "this token may only read learners enrolled or active in its courses");
            }
        }
        Optional<LearnerView> view = store.learner(learnerId);
        if (view.isEmpty()) {
            throw ApiError.of(404, "the serving store holds nothing about this learner");
        }
        LearnerView v = view.get();
        ObjectNode b = NODES.objectNode();
        b.put("learner_id", v.learnerId());
        ArrayNode courses = b.putArray("courses");
        for (CourseMembership m : v.courses()) {
            if (token.allows(m.courseId())) {
                ObjectNode c = courses.addObject();
                c.put("course_id", m.courseId());
                c.put("enrolled", m.enrolled());
                if (m.lastEventTime() == null) {
                    c.putNull("last_event_time");
                } else {
                    c.put("last_event_time", m.lastEventTime());
                }
            }
        }
        b.set("mastery", visible(token, v.mastery().values()));
        b.set("recent_attempts", visible(token, v.recentAttempts()));
        b.set("latest_aggregate", v.latestAggregate() == null ? NullNode.instance : parse(v.latestAggregate()));
        JsonNode session = v.latestSession() == null ? NullNode.instance : parse(v.latestSession());
        b.set("latest_session", session.isNull() || inScope(token, session) ? session : NullNode.instance);
        b.set("recent_interventions", visible(token, v.recentInterventions()));
        return Reply.json(200, b);
    }

    /** The records of courses the token may read (all of them for an all-courses token). */
    private static ArrayNode visible(ApiToken token, Iterable<String> records) {
        ArrayNode out = NODES.arrayNode();
        for (String json : records) {
            JsonNode node = parse(json);
            if (inScope(token, node)) {
                out.add(node);
            }
        }
        return out;
    }

    private static boolean inScope(ApiToken token, JsonNode record) {
        if (token.coversAllCourses()) {
            return true;
        }
        JsonNode course = record.get("course_id");
        return course != null && course.isTextual() && token.allows(course.textValue());
    }

    private Reply overview(String courseId, int limit) {
        CourseOverview o = store.course(courseId, limit, OVERVIEW_INTERVENTIONS);
        StoreSettings st = store.settings();
        ObjectNode b = NODES.objectNode();
        b.put("course_id", o.courseId());
        if (o.eventTime() == null) {
            b.putNull("event_time");
        } else {
            b.put("event_time", o.eventTime());
        }
        ObjectNode active = b.putObject("active_learners");
        active.put("window_ms", st.activeWindow().toMillis());
        active.put("count", o.activeLearnerCount());
        ArrayNode activeList = active.putArray("learners");
        for (ActiveLearner a : o.activeLearners()) {
            activeList.addObject().put("learner_id", a.learnerId()).put("last_event_time", a.lastEventTime());
        }
        ObjectNode struggling = b.putObject("struggling_learners");
        struggling.put("window_ms", st.strugglingWindow().toMillis());
        struggling.put("mastery_threshold", st.masteryThreshold());
        struggling.put("mastery_min_attempts", st.masteryMinAttempts());
        struggling.put("count", o.strugglingLearnerCount());
        ArrayNode strugglingList = struggling.putArray("learners");
        for (StrugglingLearner s : o.strugglingLearners()) {
            ObjectNode n = strugglingList.addObject();
            n.put("learner_id", s.learnerId());
            JsonNode signal = parse(s.signalJson());
            n.set("signal", signal.get("signal"));
            n.set("rule", signal.get("rule"));
            n.set("object_id", signal.get("object_id"));
            n.set("p_mastery", signal.get("p_mastery"));
            n.put("event_time", s.eventTime());
        }
        ArrayNode questions = b.putArray("question_stats");
        for (String json : o.questionStats().values()) {
            questions.add(parse(json));
        }
        ArrayNode interventions = b.putArray("recent_interventions");
        for (String json : o.recentInterventions()) {
            interventions.add(parse(json));
        }
        return Reply.json(200, b);
    }

    private Reply interventions(String courseId, int limit) {
        ObjectNode b = NODES.objectNode();
        b.put("course_id", courseId);
        ArrayNode list = b.putArray("interventions");
        for (String json : store.interventions(courseId, limit)) {
            list.add(parse(json));
        }
        return Reply.json(200, b);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the serving store holds a value that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    // ---- event streams ------------------------------------------------------------------------------------------------

    private void openStream(HttpExchange ex, String courseId) {
        if (streams.size() >= options.maxStreams()) {
            throw ApiError.of(503, "too many open event streams (" + options.maxStreams() + "); retry later")
                    .header("Retry-After", "5");
        }
        EventStream s = new EventStream(ex, courseId);
        // Subscribed before the headers go out, so a store failure can still be answered 503 and no intervention
        // written after the client sees the response is missed.
        s.subscription = store.subscribe(courseId, json -> s.offer("event: intervention\ndata: " + json + "\n\n"));
        streams.add(s);
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.getResponseHeaders().set("X-Accel-Buffering", "no");
            ex.sendResponseHeaders(200, 0);
            s.start(ex.getResponseBody());
        } catch (IOException e) {
            s.close();
        }
    }

    private void keepAlive() {
        for (EventStream s : streams) {
            s.offer(": keepalive\n\n");
        }
    }

    /**
     * One open event stream. Chunks are queued and written by the stream-writer pool, never by the thread that
     * produced them (a store or keep-alive thread), so a slow client cannot hold up others; a client that falls
     * {@value #MAX_QUEUED} chunks behind is disconnected (it reconnects, as EventSource does).
     */
    private final class EventStream {
        static final int MAX_QUEUED = 1000;
        private final HttpExchange exchange;
        private final String courseId;
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        volatile ServingStore.Subscription subscription;
        private OutputStream out;
        private boolean started;
        private boolean draining;
        private boolean closed;

        EventStream(HttpExchange exchange, String courseId) {
            this.exchange = exchange;
            this.courseId = courseId;
        }

        void start(OutputStream body) {
            synchronized (this) {
                out = body;
                started = true;
                queue.addFirst(": connected to the interventions of course " + courseId + "\n\n");
                draining = true;
            }
            schedule();
        }

        void offer(String chunk) {
            boolean overflow = false;
            boolean schedule = false;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (queue.size() >= MAX_QUEUED) {
                    overflow = true;
                } else {
                    queue.add(chunk);
                    if (started && !draining) {
                        draining = true;
                        schedule = true;
                    }
                }
            }
            if (overflow) {
                LOG.info("query API: closing an event stream of course {} whose client does not keep up", courseId);
                close();
            } else if (schedule) {
                schedule();
            }
        }

        private void schedule() {
            try {
                streamWriters.execute(this::drain);
            } catch (RejectedExecutionException e) {
                close();
            }
        }

        private void drain() {
            while (true) {
                String chunk;
                synchronized (this) {
                    chunk = closed ? null : queue.poll();
                    if (chunk == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    out.write(chunk.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    // The client went away; writing is how a server finds out.
                    close();
                    return;
                }
            }
        }

        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                queue.clear();
            }
            streams.remove(this);
            ServingStore.Subscription sub = subscription;
            if (sub != null) {
                sub.close();
            }
            try {
                exchange.close();
            } catch (RuntimeException e) {
                LOG.debug("query API: closing an event stream failed", e);
            }
        }
    }

    // ---- request and response plumbing ------------------------------------------------------------------------------

    /** The query parameters (first value of each), refusing any not in {@code allowed}. */
    private static Map<String, String> params(HttpExchange ex, String... allowed) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiError.of(400, "malformed query string: " + e.getMessage());
            }
            if (!List.of(allowed).contains(name)) {
                throw ApiError.of(400, "unknown parameter '" + name + "'"
                        + (allowed.length == 0 ? ": this endpoint takes none" : " (allowed: " + String.join(", ", allowed) + ")"));
            }
            q.putIfAbsent(name, value);
        }
        return q;
    }

    private static int limit(Map<String, String> params, int defaultValue, int max) {
        String v = params.get("limit");
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.of(400, "limit must be an integer from 1 to " + max + " (was '" + v + "')");
    }

    /** Percent-decodes one path segment as UTF-8; unlike query strings, '+' stays a plus. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw ApiError.of(400, "malformed percent-encoding in the path");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw ApiError.of(400, "malformed percent-encoding in the path");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, Reply r) {
        try {
            for (Map.Entry<String, String> h : r.headers) {
                ex.getResponseHeaders().add(h.getKey(), h.getValue());
            }
            byte[] bytes = JSON.writeValueAsBytes(r.body);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(r.status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.debug("query API: could not send the response", e);
        } finally {
            ex.close();
        }
    }

    /** A response: status, JSON body, extra headers. */
    private static final class Reply {
        final int status;
        final JsonNode body;
        final List<Map.Entry<String, String>> headers = new ArrayList<>(2);

        private Reply(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }

        static Reply json(int status, JsonNode body) {
            return new Reply(status, body);
        }

        static Reply error(int status, String message) {
            ObjectNode b = NODES.objectNode();
            b.put("error", message);
            return new Reply(status, b);
        }

        Reply header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }
    }

    /** Ends a request with an error reply. Control flow, so no stack trace. */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Reply reply;

        private ApiError(Reply reply) {
            super(Integer.toString(reply.status), null, false, false);
            this.reply = reply;
        }

        static ApiError of(int status, String message) {
            return new ApiError(Reply.error(status, message));
        }

        ApiError header(String name, String value) {
            reply.header(name, value);
            return this;
        }
    }
}
