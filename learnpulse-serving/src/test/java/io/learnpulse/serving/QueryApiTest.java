package io.learnpulse.serving;

import static io.learnpulse.core.json.JsonLines.toJson;
import static io.learnpulse.serving.Fixtures.MINUTE;
import static io.learnpulse.serving.Fixtures.T0;
import static io.learnpulse.serving.Fixtures.aggregate;
import static io.learnpulse.serving.Fixtures.fin;
import static io.learnpulse.serving.Fixtures.intervention;
import static io.learnpulse.serving.Fixtures.mastery;
import static io.learnpulse.serving.Fixtures.questionStats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.result.Status;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.rules.Rule;
import io.learnpulse.devservices.LocalRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The query API over real HTTP, on a Redis store. */
class QueryApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pseudonymizer PSEUDONYMS = Pseudonymizer.keyed("query-api-test-secret");
    private static final String GRACE_RAW = "grace.hopper@example.com";
    private static final String GRACE = PSEUDONYMS.apply(GRACE_RAW);
    private static final String LINUS = PSEUDONYMS.apply("linus@example.com");
    private static final List<ApiToken> TOKENS = List.of(
            ApiToken.allCourses("all-courses-token", "operator"),
            new ApiToken("course-a-token", List.of("cA"), "instructor of A"),
            new ApiToken("course-b-token", List.of("cB", "cC"), "instructor of B"));

    private static LocalRedis redis;
    private static Jedis admin;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RedisServingStore store;
    private QueryApi api;

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
    void startApi() throws Exception {
        admin.flushAll();
        store = new RedisServingStore(redis.url(), StoreSettings.defaults(), 4, Duration.ofSeconds(5));
        api = new QueryApi(store, TOKENS, PSEUDONYMS, "127.0.0.1", 0,
                QueryApi.Options.defaults().withKeepAlive(Duration.ofMillis(200))).start();
        // Grace: enrolled in cA by profile (raw id), active in cA and cB. Linus: active in cB only.
        new ServingWriter(store, 100, PSEUDONYMS).write(List.of(new Enrollment(GRACE_RAW, "cA"),
                fin("g-1", GRACE, "cA", T0, 1), fin("g-2", GRACE, "cB", T0 + MINUTE, 1),
                mastery(GRACE, "cA", "cA/s1", 0.2, 6, T0, Status.FINAL),
                mastery(GRACE, "cB", "cB/s1", 0.9, 2, T0 + MINUTE, Status.FINAL),
                aggregate(GRACE, T0 + MINUTE, 4),
                intervention(Rule.REVIEW_SEGMENT, GRACE, "cA", "cA/v1/s1", "g-1", T0, T0 + 6),
                fin("l-1", LINUS, "cB", T0 + 2 * MINUTE, 1),
                questionStats("cA/q1", "cA", 5, T0, Status.FINAL, 1)));
    }

    @AfterEach
    void stopApi() {
        api.close();
        store.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(r.body());
    }

    private static JsonNode parse(String s) throws IOException {
        return JSON.readTree(s);
    }

    @Test
    void healthNeedsNoTokenAndOtherMethodsAre405() throws Exception {
        HttpResponse<String> r = get("/api/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(parse("{\"status\":\"up\",\"store\":\"up\",\"open_streams\":0}"));

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/learners/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Authorization", "Bearer all-courses-token")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(json(post)).isEqualTo(parse("{\"error\":\"method POST is not allowed here (allowed: GET)\"}"));

        assertThat(get("/api/nothing", "all-courses-token").statusCode()).isEqualTo(404);
        assertThat(get("/api/courses/cA", "all-courses-token").statusCode()).isEqualTo(404);
        assertThat(get("/api/learners/", "all-courses-token").statusCode()).isEqualTo(404);
    }

    @Test
    void noTokenOrAnUnknownTokenIs401WithABearerChallenge() throws Exception {
        for (String path : List.of("/api/learners/" + GRACE, "/api/courses/cA/overview", "/api/courses/cA/interventions",
                "/api/courses/cA/interventions/stream")) {
            HttpResponse<String> none = get(path, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"learnpulse\"");
            assertThat(json(none).get("error").asText()).isEqualTo("missing credentials: send 'Authorization: Bearer <token>'");

            HttpResponse<String> unknown = get(path, "no-such-token");
            assertThat(unknown.statusCode()).as(path).isEqualTo(401);
            assertThat(unknown.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"learnpulse\", error=\"invalid_token\"");
            assertThat(json(unknown).get("error").asText()).isEqualTo("invalid token");
        }
        HttpResponse<String> basic = HTTP.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/courses/cA/overview"))
                .header("Authorization", "Basic YWxsLWNvdXJzZXMtdG9rZW46eA==").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void aCourseTokenIs403OnAnotherCourseAndOnLearnersOutsideItsCourses() throws Exception {
        for (String path : List.of("/api/courses/cB/overview", "/api/courses/cB/interventions",
                "/api/courses/cB/interventions/stream")) {
            HttpResponse<String> r = get(path, "course-a-token");
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(json(r).get("error").asText()).isEqualTo("this token may not read course 'cB'");
        }
        HttpResponse<String> linus = get("/api/learners/linus@example.com", "course-a-token");
        assertThat(linus.statusCode()).isEqualTo(403);
        assertThat(json(linus)).isEqualTo(parse(
                "{\"error\":\"this token may only read learners enrolled or active in its courses\"}"));
        // An unknown learner looks the same to a course token: existence is not revealed.
        assertThat(get("/api/learners/nobody", "course-a-token").statusCode()).isEqualTo(403);
        assertThat(get("/api/learners/linus@example.com", "course-b-token").statusCode()).isEqualTo(200);
    }

    @Test
    void anEnrolledLearnerIsFoundByRawIdAndShownOnlyWithinTheTokensCoursesAndPseudonyms() throws Exception {
        HttpResponse<String> r = get("/api/learners/" + GRACE_RAW, "course-a-token");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("grace", "hopper", "linus");
        JsonNode b = json(r);
        assertThat(b.get("learner_id").asText()).isEqualTo(GRACE).startsWith("lp-");
        assertThat(b.get("courses")).isEqualTo(parse("[{\"course_id\":\"cA\",\"enrolled\":true,\"last_event_time\":" + T0 + "}]"));
        assertThat(b.get("mastery")).isEqualTo(parse("[" + toJson(mastery(GRACE, "cA", "cA/s1", 0.2, 6, T0, Status.FINAL)) + "]"));
        assertThat(b.get("recent_attempts")).isEqualTo(parse("[" + toJson(fin("g-1", GRACE, "cA", T0, 1)) + "]"));
        assertThat(b.get("latest_aggregate")).isEqualTo(parse(toJson(aggregate(GRACE, T0 + MINUTE, 4))));
        assertThat(b.get("latest_session").isNull()).isTrue();
        assertThat(b.get("recent_interventions")).isEqualTo(parse("["
                + toJson(intervention(Rule.REVIEW_SEGMENT, GRACE, "cA", "cA/v1/s1", "g-1", T0, T0 + 6)) + "]"));

        // The pseudonym itself finds her too; an all-courses token sees every course.
        JsonNode all = json(get("/api/learners/" + GRACE, "all-courses-token"));
        assertThat(all.get("courses")).isEqualTo(parse("[{\"course_id\":\"cA\",\"enrolled\":true,\"last_event_time\":" + T0
                + "},{\"course_id\":\"cB\",\"enrolled\":false,\"last_event_time\":" + (T0 + MINUTE) + "}]"));
        assertThat(all.get("recent_attempts")).isEqualTo(parse("[" + toJson(fin("g-2", GRACE, "cB", T0 + MINUTE, 1)) + ","
                + toJson(fin("g-1", GRACE, "cA", T0, 1)) + "]"));
        assertThat(all.get("mastery")).hasSize(2);

        HttpResponse<String> unknown = get("/api/learners/nobody%40example.com", "all-courses-token");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).doesNotContain("nobody")
                .isEqualTo("{\"error\":\"the serving store holds nothing about this learner\"}");
    }

    @Test
    void theOverviewListsActiveAndStrugglingLearnersQuestionStatsAndInterventions() throws Exception {
        HttpResponse<String> r = get("/api/courses/cA/overview", "course-a-token");
        assertThat(r.statusCode()).isEqualTo(200);
        Intervention iv = intervention(Rule.REVIEW_SEGMENT, GRACE, "cA", "cA/v1/s1", "g-1", T0, T0 + 6);
        assertThat(json(r)).isEqualTo(parse("{\"course_id\":\"cA\",\"event_time\":" + T0 + ","
                + "\"active_learners\":{\"window_ms\":900000,\"count\":1,\"learners\":[{\"learner_id\":\"" + GRACE
                + "\",\"last_event_time\":" + T0 + "}]},"
                + "\"struggling_learners\":{\"window_ms\":1800000,\"mastery_threshold\":0.3,\"mastery_min_attempts\":5,"
                + "\"count\":1,\"learners\":[{\"learner_id\":\"" + GRACE + "\",\"signal\":\"low_mastery\",\"rule\":null,"
                + "\"object_id\":\"cA/s1\",\"p_mastery\":0.2,\"event_time\":" + T0 + "}]},"
                + "\"question_stats\":[" + toJson(questionStats("cA/q1", "cA", 5, T0, Status.FINAL, 1)) + "],"
                + "\"recent_interventions\":[" + toJson(iv) + "]}"));

        JsonNode b = json(get("/api/courses/cB/overview?limit=1", "course-b-token"));
        assertThat(b.get("active_learners").get("count").asInt()).isEqualTo(2);
        assertThat(b.get("active_learners").get("learners")).isEqualTo(parse("[{\"learner_id\":\"" + LINUS
                + "\",\"last_event_time\":" + (T0 + 2 * MINUTE) + "}]"));

        JsonNode empty = json(get("/api/courses/cC/overview", "course-b-token"));
        assertThat(empty.get("event_time").isNull()).isTrue();
        assertThat(empty.get("active_learners").get("count").asInt()).isZero();
        assertThat(empty.get("question_stats")).isEmpty();
    }

    @Test
    void interventionsComeNewestFirstUpToTheLimitAndBadParametersAre400() throws Exception {
        Intervention later = intervention(Rule.REPEATED_FAILURE, LINUS, "cA", "cA/q1", "l-9", T0 + 9 * MINUTE, T0 + 9 * MINUTE + 3);
        new ServingWriter(store).write(List.of(later));
        JsonNode all = json(get("/api/courses/cA/interventions", "course-a-token"));
        assertThat(all.get("course_id").asText()).isEqualTo("cA");
        assertThat(all.get("interventions")).isEqualTo(parse("[" + toJson(later) + ","
                + toJson(intervention(Rule.REVIEW_SEGMENT, GRACE, "cA", "cA/v1/s1", "g-1", T0, T0 + 6)) + "]"));
        assertThat(json(get("/api/courses/cA/interventions?limit=1", "course-a-token")).get("interventions"))
                .isEqualTo(parse("[" + toJson(later) + "]"));

        for (String q : List.of("limit=0", "limit=201", "limit=ten")) {
            HttpResponse<String> bad = get("/api/courses/cA/interventions?" + q, "course-a-token");
            assertThat(bad.statusCode()).as(q).isEqualTo(400);
            assertThat(json(bad).get("error").asText()).startsWith("limit must be an integer from 1 to 200");
        }
        HttpResponse<String> unknown = get("/api/courses/cA/interventions?since=5", "course-a-token");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").asText()).isEqualTo("unknown parameter 'since' (allowed: limit)");
    }

    @Test
    void courseIdsArePercentDecodedPathSegments() throws Exception {
        String course = "https://lms.example.org/courses/algebra+1";
        Intervention iv = intervention(Rule.DISENGAGEMENT, GRACE, course, course, "g-7", T0, T0 + 2);
        new ServingWriter(store).write(List.of(iv));
        HttpResponse<String> r = get("/api/courses/https%3A%2F%2Flms.example.org%2Fcourses%2Falgebra+1/interventions",
                "all-courses-token");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(parse("{\"course_id\":\"" + course + "\",\"interventions\":[" + toJson(iv) + "]}"));
        // java.net.URI refuses to build a malformed escape, so this request goes over a plain socket.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.port())) {
            socket.getOutputStream().write(("GET /api/courses/bad%2/interventions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer all-courses-token\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            // The JDK's server refuses the malformed URI itself, before the API sees it.
            assertThat(response).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void theStreamDeliversInterventionsWrittenAfterSubscribingAndCleansUpWhenTheClientLeaves() throws Exception {
        try (EventStreamClient client = EventStreamClient.open(api.baseUrl() + "/api/courses/cA/interventions/stream",
                "course-a-token")) {
            assertThat(client.status).isEqualTo(200);
            assertThat(client.contentType).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(client.next()).isEqualTo(": connected to the interventions of course cA");
            assertThat(client.next()).isEmpty();
            assertThat(api.openStreams()).isEqualTo(1);
            assertThat(store.subscribers("cA")).isEqualTo(1);

            Intervention inB = intervention(Rule.REVIEW_SEGMENT, LINUS, "cB", "cB/v1/s1", "l-2", T0 + MINUTE, T0 + MINUTE + 1);
            Intervention inA = intervention(Rule.REPEATED_FAILURE, GRACE, "cA", "cA/q1", "g-3", T0 + 2 * MINUTE,
                    T0 + 2 * MINUTE + 4);
            new ServingWriter(store).write(List.of(inB, inA));
            String line = client.nextSkippingKeepAlives();
            assertThat(line).isEqualTo("event: intervention");
            assertThat(client.next()).isEqualTo("data: " + toJson(inA));
            assertThat(client.next()).isEmpty();
            // Keep-alive comments follow while nothing happens.
            assertThat(client.next()).isEqualTo(": keepalive");
        }
        awaitTrue(() -> api.openStreams() == 0 && store.subscribers("cA") == 0);
        assertThat(api.openStreams()).isZero();
        assertThat(store.subscribers("cA")).isZero();
    }

    @Test
    void theStreamWorksOnTheMemoryStoreOfTheEmbeddedDemoToo() throws Exception {
        MemoryServingStore memory = new MemoryServingStore(StoreSettings.defaults());
        try (QueryApi demo = new QueryApi(memory, TOKENS, PSEUDONYMS, "127.0.0.1", 0).start();
             EventStreamClient client = EventStreamClient.open(demo.baseUrl() + "/api/courses/cB/interventions/stream",
                     "course-b-token")) {
            assertThat(client.next()).isEqualTo(": connected to the interventions of course cB");
            Intervention iv = intervention(Rule.REVIEW_SEGMENT, LINUS, "cB", "cB/v1/s1", "l-2", T0, T0 + 1);
            new ServingWriter(memory).write(List.of(iv));
            assertThat(client.nextSkippingKeepAlives()).isEqualTo("event: intervention");
            assertThat(client.next()).isEqualTo("data: " + toJson(iv));
            assertThat(demo.openStreams()).isEqualTo(1);
            demo.close();
            // Closing the API ends its streams and their subscriptions.
            assertThat(demo.openStreams()).isZero();
            assertThat(memory.subscribers("cB")).isZero();
        }
    }

    @Test
    void aStoreThatDoesNotAnswerIs503() throws Exception {
        RedisServingStore closed = new RedisServingStore(redis.url(), StoreSettings.defaults());
        closed.close();
        try (QueryApi down = new QueryApi(closed, TOKENS, PSEUDONYMS, "127.0.0.1", 0).start()) {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(down.baseUrl() + "/api/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health)).isEqualTo(parse("{\"status\":\"down\",\"store\":\"down\",\"open_streams\":0}"));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(down.baseUrl() + "/api/learners/x"))
                    .header("Authorization", "Bearer all-courses-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(r)).isEqualTo(parse("{\"error\":\"the serving store is unavailable; retry shortly\"}"));
        }
    }

    @Test
    void tokensAreValidatedAndNeverPrinted() {
        assertThat(new ApiToken("s3cret", List.of("cA"), "ta").toString()).isEqualTo("ApiToken{ta, courses=[cA]}");
        assertThatThrownBy(() -> new ApiToken("", List.of("cA"), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiToken("t", List.of(), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiToken("t", List.of("*", "cA"), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryApi(store, List.of(ApiToken.allCourses("t", "a"), ApiToken.allCourses("t", "b")),
                PSEUDONYMS, "127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("API token 'b' has the same token as another one");
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Reads an event stream line by line on its own thread; closing it disconnects. */
    static final class EventStreamClient implements AutoCloseable {
        final int status;
        final String contentType;
        private final Stream<String> lines;
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        private EventStreamClient(HttpResponse<Stream<String>> response) {
            this.status = response.statusCode();
            this.contentType = response.headers().firstValue("Content-Type").orElse(null);
            this.lines = response.body();
            Thread reader = new Thread(() -> {
                try {
                    Iterator<String> it = lines.iterator();
                    while (it.hasNext()) {
                        queue.add(it.next());
                    }
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            }, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStreamClient open(String url, String token) throws Exception {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").build();
            return new EventStreamClient(HTTP.send(req, HttpResponse.BodyHandlers.ofLines()));
        }

        /** The next line, waiting up to 10 s. */
        String next() throws InterruptedException {
            String line = queue.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("a line within 10 s").isNotNull();
            return line;
        }

        String nextSkippingKeepAlives() throws InterruptedException {
            String line;
            do {
                line = next();
            } while (line.equals(": keepalive") || line.isEmpty());
            return line;
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
