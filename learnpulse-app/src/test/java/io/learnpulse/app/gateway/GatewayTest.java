package io.learnpulse.app.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.format.RecordParser;
import io.learnpulse.pipeline.source.RecordQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.learnpulse.app.gateway.Bodies.answered;
import static io.learnpulse.app.gateway.Bodies.attempt;
import static io.learnpulse.app.gateway.Bodies.envelope;
import static io.learnpulse.app.gateway.Bodies.mediaEvent;
import static io.learnpulse.app.gateway.Bodies.time;
import static io.learnpulse.app.gateway.Bodies.video;
import static org.assertj.core.api.Assertions.assertThat;

/** The gateway over real HTTP on 127.0.0.1, with the default (demo) keys and a queue nobody reads. */
class GatewayTest {
    private static final String ID1 = "6a9e2c5e-1c1a-4f7e-9d3b-0000000000a1";
    private static final String ID2 = "6a9e2c5e-1c1a-4f7e-9d3b-0000000000a2";

    private final List<AutoCloseable> open = new ArrayList<>();
    private RecordQueue queue;
    private Http http;

    private void start(int queueCapacity) throws IOException {
        LearnPulseConfig config = LearnPulseConfig.fromYamlString(
                "gateway:\n  port: 0\n  max-body-bytes: 4096\n  threads: 2\n");
        queue = RecordQueue.create("gateway-test-" + UUID.randomUUID(), queueCapacity);
        Gateway gateway = Gateway.start(config, queue);
        open.add(gateway);
        open.add(queue::close);
        http = new Http(gateway.baseUrl());
    }

    private void start() throws IOException {
        start(50);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private List<RawRecord> queued() {
        List<RawRecord> out = new ArrayList<>();
        for (RawRecord r; (r = queue.poll()) != null; ) {
            out.add(r);
        }
        return out;
    }

    private static List<String> payloads(List<RawRecord> records) {
        return records.stream().map(r -> r.source + " " + r.payload).toList();
    }

    // ---- authentication ------------------------------------------------------------------------------------

    @Test
    void withoutCredentialsTheAnswerIs401WithBothChallenges() throws IOException {
        start();
        Http.Reply r = http.send("POST", "/xapi/statements", answered(ID1, true, time(60_000)),
                "X-Experience-API-Version", "1.0.3");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.raw().headers().allValues("WWW-Authenticate"))
                .containsExactly("Basic realm=\"learnpulse\", charset=\"UTF-8\"", "Bearer realm=\"learnpulse\"");
        assertThat(r.error()).isEqualTo("missing credentials: send HTTP Basic authentication with a key and its secret, "
                + "or 'Authorization: Bearer <token>'");
        assertThat(r.header("X-Experience-API-Version")).isEqualTo("1.0.3");

        Http.Reply events = http.send("POST", "/events?source=video", video("e1", "L1", "play", 0, 1000));
        assertThat(events.status()).isEqualTo(401);
        assertThat(events.raw().headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"learnpulse\"", "Basic realm=\"learnpulse\", charset=\"UTF-8\"");
        assertThat(queued()).isEmpty();
    }

    @Test
    void aWrongSecretAnUnknownTokenOrAKeyWithASecretUsedAsTokenIs401() throws IOException {
        start();
        String body = answered(ID1, true, time(60_000));
        for (String auth : List.of(Http.basic("demo-lrs", "wrong"), Http.basic("demo-token", ""), "Bearer nope",
                "Bearer demo-lrs", "Basic !!!", "Digest username=demo-lrs")) {
            Http.Reply r = http.send("POST", "/xapi/statements", body, "Authorization", auth,
                    "X-Experience-API-Version", "1.0.3");
            assertThat(r.status()).as(auth).isEqualTo(401);
            assertThat(r.error()).as(auth).isEqualTo("invalid credentials");
        }
        assertThat(queued()).isEmpty();
    }

    @Test
    void aKeyNotAllowedOnTheEndpointIs403AndAllowedKeysAre200() throws IOException {
        start();
        Http.Reply token = http.send("POST", "/xapi/statements", answered(ID1, true, time(60_000)),
                "Authorization", "Bearer demo-token", "X-Experience-API-Version", "1.0.3");
        assertThat(token.status()).isEqualTo(403);
        assertThat(token.error())
                .isEqualTo("key 'demo-token' may not send to the xapi endpoint (it may send to: caliper, events)");

        Http.Reply lrs = http.send("POST", "/events?source=video", video("e1", "L1", "play", 0, 1000),
                "Authorization", Http.XAPI_AUTH);
        assertThat(lrs.status()).isEqualTo(403);
        assertThat(lrs.error()).isEqualTo("key 'demo-lrs' may not send to the events endpoint (it may send to: xapi)");
        assertThat(queued()).isEmpty();

        assertThat(http.postStatements(answered(ID1, true, time(60_000))).status()).isEqualTo(200);
        assertThat(http.postEvents("video", video("e1", "L1", "play", 0, 1000)).status()).isEqualTo(200);
        assertThat(queued()).hasSize(2);
    }

    // ---- xAPI ----------------------------------------------------------------------------------------------

    @Test
    void postingOneStatementReturnsItsIdAndHandsOverItsText() throws IOException {
        start();
        String body = answered(ID1.toUpperCase(), true, time(60_000));
        Http.Reply r = http.postStatements(body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().body()).isEqualTo("[\"" + ID1 + "\"]");
        assertThat(r.header("X-Experience-API-Version")).isEqualTo("1.0.3");
        assertThat(payloads(queued())).containsExactly("xapi " + body);
    }

    @Test
    void postingAnArrayReturnsTheIdsInOrderDerivingThoseOfStatementsWithoutOne() throws IOException {
        start();
        String first = answered(ID1, false, time(120_000));
        String second = answered(null, true, time(60_000));
        Http.Reply r = http.postStatements("[\n  " + first + ",\n  " + second + "\n]");
        assertThat(r.status()).isEqualTo(200);
        String derived = new RecordParser(ParserSettings.defaults()).parse("xapi", second, System.currentTimeMillis()).get(0).event.eventId;
        assertThat(derived).matches("xapi-[0-9a-f]{32}");
        assertThat(r.json()).containsExactly(Http.JSON.getNodeFactory().textNode(ID1),
                Http.JSON.getNodeFactory().textNode(derived));
        // each statement is handed over on its own, as its exact text
        assertThat(payloads(queued())).containsExactly("xapi " + first, "xapi " + second);
    }

    @Test
    void putStoresTheStatementUnderTheStatementIdParameter() throws IOException {
        start();
        String withoutId = answered(null, true, time(60_000));
        Http.Reply r = http.putStatement(ID1, withoutId);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.raw().body()).isEmpty();
        assertThat(payloads(queued())).containsExactly("xapi {\"id\":\"" + ID1 + "\"," + withoutId.substring(1));

        String withId = answered(ID2, true, time(60_000));
        assertThat(http.putStatement(ID2, withId).status()).isEqualTo(204);
        assertThat(payloads(queued())).containsExactly("xapi " + withId);
    }

    @Test
    void putWithADifferentIdInTheBodyOrWithoutStatementIdIs400() throws IOException {
        start();
        Http.Reply mismatch = http.putStatement(ID2, answered(ID1, true, time(60_000)));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.error()).isEqualTo("the statement's id \"" + ID1 + "\" differs from the statementId "
                + "parameter '" + ID2 + "'");
        Http.Reply missing = http.putStatement(null, answered(ID1, true, time(60_000)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("PUT /xapi/statements needs the statementId parameter (or POST the statement)");
        Http.Reply array = http.putStatement(ID1, "[" + answered(ID1, true, time(60_000)) + "]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.error()).isEqualTo("PUT stores one statement, not an array (POST an array of statements)");
        assertThat(queued()).isEmpty();
    }

    @Test
    void aKnownIdWithDifferentContentIs409AndAnIdenticalResendIsAcceptedWithoutHandingItOverAgain() throws IOException {
        start();
        String original = answered(ID1, false, time(60_000));
        assertThat(http.postStatements(original).status()).isEqualTo(200);
        assertThat(queued()).hasSize(1);

        Http.Reply conflict = http.postStatements(answered(ID1, true, time(60_000)));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("accepted").asInt()).isZero();
        assertThat(conflict.json().get("errors")).hasSize(1);
        JsonNode e = conflict.json().get("errors").get(0);
        assertThat(e.get("index").asInt()).isZero();
        assertThat(e.get("id").asText()).isEqualTo(ID1);
        assertThat(e.get("reason").asText()).isEqualTo("conflicting_duplicate");
        assertThat(e.get("error").asText())
                .isEqualTo("xAPI: a statement with id " + ID1 + " and different content was received before");
        assertThat(http.putStatement(ID1, answered(ID1, true, time(60_000))).status()).isEqualTo(409);

        // The same statement again, re-formatted, with the id in upper case: fine, and nothing new is handed over.
        Http.Reply resend = http.postStatements(original.replace(",", ", ").replace(ID1, ID1.toUpperCase()));
        assertThat(resend.status()).isEqualTo(200);
        assertThat(resend.raw().body()).isEqualTo("[\"" + ID1 + "\"]");
        assertThat(http.putStatement(ID1, original).status()).isEqualTo(204);
        assertThat(queued()).isEmpty();
    }

    @Test
    void anInvalidStatementIs400NamingTheRule() throws IOException {
        start();
        String bad = answered(ID1, true, time(60_000)).replace("\"http://adlnet.gov/expapi/verbs/answered\"",
                "\"answered\"");
        Http.Reply r = http.postStatements(bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("the statement was refused: xAPI: verb.id must be an IRI (was 'answered')");
        JsonNode e = r.json().get("errors").get(0);
        assertThat(e.get("index").asInt()).isZero();
        assertThat(e.get("reason").asText()).isEqualTo("invalid_field");
        assertThat(e.get("error").asText()).isEqualTo("xAPI: verb.id must be an IRI (was 'answered')");
        assertThat(queued()).isEmpty();
    }

    @Test
    void aBatchWithOneInvalidStatementIsRefusedAsAWholeReportingItByIndex() throws IOException {
        start();
        String missingTimestamp = answered(ID2, true, time(60_000)).replaceAll(",\"timestamp\":\"[^\"]+\"", "");
        Http.Reply r = http.postStatements("[" + answered(ID1, true, time(60_000)) + "," + missingTimestamp + ","
                + answered(null, false, time(30_000)) + "]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("accepted").asInt()).isZero();
        assertThat(r.json().get("errors")).hasSize(1);
        JsonNode e = r.json().get("errors").get(0);
        assertThat(e.get("index").asInt()).isEqualTo(1);
        assertThat(e.get("reason").asText()).isEqualTo("missing_field");
        assertThat(e.get("error").asText()).isEqualTo("xAPI: missing 'timestamp': LearnPulse needs the time of the "
                + "experience (the LRS's 'stored' time is not used instead)");
        assertThat(r.error()).isEqualTo("1 of 3 statements is invalid; xAPI batches are atomic, so none was accepted. "
                + "First: statement 1: " + e.get("error").asText());
        assertThat(queued()).isEmpty();

        Http.Reply twice = http.postStatements("[" + answered(ID1, true, time(60_000)) + ","
                + answered(ID1.toUpperCase(), false, time(30_000)) + "]");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("errors").get(0).get("error").asText())
                .isEqualTo("xAPI: statement 1 has the same id as statement 0 of the batch");
        assertThat(queued()).isEmpty();
    }

    @Test
    void theVersionHeaderIsRequiredAndEchoed() throws IOException {
        start();
        String body = answered(ID1, true, time(60_000));
        Http.Reply missing = http.send("POST", "/xapi/statements", body, "Authorization", Http.XAPI_AUTH);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("missing header X-Experience-API-Version: xAPI requires it in every "
                + "request (e.g. 1.0.3 or 2.0.0)");
        Http.Reply old = http.send("POST", "/xapi/statements", body, "Authorization", Http.XAPI_AUTH,
                "X-Experience-API-Version", "0.95");
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.error()).isEqualTo("unsupported xAPI version '0.95' in X-Experience-API-Version (supported: "
                + "1.0.x and 2.0.x)");
        assertThat(queued()).isEmpty();

        Http.Reply v2 = http.send("POST", "/xapi/statements", body, "Authorization", Http.XAPI_AUTH,
                "X-Experience-API-Version", "2.0.0");
        assertThat(v2.status()).isEqualTo(200);
        assertThat(v2.header("X-Experience-API-Version")).isEqualTo("2.0.0");
        assertThat(http.send("GET", "/xapi/about", null).json().get("version").toString())
                .isEqualTo("[\"1.0.3\",\"2.0.0\"]");
    }

    // ---- limits and backpressure -----------------------------------------------------------------------------

    @Test
    void aBodyOverTheLimitIs413WhetherDeclaredOrChunked() throws IOException {
        start();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; lines.length() <= 4096; i++) {
            lines.append(video("e" + i, "L1", "play", 0, 1000 + i)).append('\n');
        }
        Http.Reply declared = http.postEvents("video", lines.toString());
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.error()).isEqualTo("the request body (" + lines.length() + " bytes) is larger than the "
                + "limit of 4096 bytes (gateway.max-body-bytes): send fewer records per request");

        Http.Reply chunked = http.sendChunked("POST", "/events?source=video",
                lines.toString().getBytes(StandardCharsets.UTF_8), "Authorization", Http.TOKEN_AUTH);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.error()).isEqualTo("the request body (more than 4096 bytes) is larger than the limit of "
                + "4096 bytes (gateway.max-body-bytes): send fewer records per request");
        assertThat(queued()).isEmpty();

        // Exactly at the limit is fine.
        String first = lines.substring(0, lines.indexOf("\n") + 1);
        String padded = first + " ".repeat(4096 - first.length());
        assertThat(http.sendChunked("POST", "/events?source=video", padded.getBytes(StandardCharsets.UTF_8),
                "Authorization", Http.TOKEN_AUTH).status()).isEqualTo(200);
    }

    @Test
    void aFullQueueIs429WithRetryAfterAndNothingOfTheRequestIsAccepted() throws IOException {
        start(2);
        Http.Reply three = http.postEvents("video", video("e1", "L1", "play", 0, 1000) + "\n"
                + video("e2", "L1", "pause", 10, 11_000) + "\n" + video("e3", "L1", "play", 10, 12_000));
        assertThat(three.status()).isEqualTo(429);
        assertThat(three.header("Retry-After")).isEqualTo("1");
        assertThat(three.json().get("accepted").asInt()).isZero();
        assertThat(three.error()).isEqualTo("the pipeline's input queue is full (0 of 2 records waiting): none of the "
                + "3 records of this request was accepted; retry after 1 s");
        assertThat(queue.depth()).isZero();

        assertThat(http.postEvents("video", video("e1", "L1", "play", 0, 1000) + "\n"
                + video("e2", "L1", "pause", 10, 11_000)).status()).isEqualTo(200);
        Http.Reply statement = http.postStatements(answered(ID1, true, time(60_000)));
        assertThat(statement.status()).isEqualTo(429);
        assertThat(statement.header("Retry-After")).isEqualTo("1");
        assertThat(statement.error()).isEqualTo("the pipeline's input queue is full (2 of 2 records waiting): none of "
                + "the 1 records of this request was accepted; retry after 1 s");
        assertThat(queue.depth()).isEqualTo(2);
        // a refused statement is not remembered: once there is room it is accepted
        queued();
        assertThat(http.postStatements(answered(ID1, true, time(60_000))).status()).isEqualTo(200);
        assertThat(queue.depth()).isEqualTo(1);

        Http.Reply health = http.send("GET", "/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.raw().body()).isEqualTo("{\"status\":\"up\",\"pipeline\":\"running\",\"queue_depth\":1,"
                + "\"queue_capacity\":2,\"records_accepted\":3,\"records_rejected\":0,\"requests_refused\":2}");
    }

    @Test
    void whenThePipelineIsNotRunningTheAnswerIs503() throws IOException {
        start();
        queue.close();
        Http.Reply r = http.postEvents("video", video("e1", "L1", "play", 0, 1000));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(r.error()).isEqualTo("the pipeline is not running: nothing of this request was accepted; retry "
                + "after 1 s");
        Http.Reply health = http.send("GET", "/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("status").asText()).isEqualTo("down");
    }

    // ---- native lines and Caliper: valid records are accepted, invalid ones reported ------------------------------

    @Test
    void nativeLinesAreAcceptedOneByOneAndInvalidOnesReportedByIndexAndLine() throws IOException {
        start();
        String ok1 = video("e1", "L1", "play", 0, 1000);
        String bad = video("e2", "L1", "rewind", 0, 2000);
        String ok2 = attempt("a1", "L1", true, 3000);
        Http.Reply r = http.postEvents("assessment", ok2 + "\r\n\r\n" + "{\"schema_version\":2}\n" + ok2);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().body()).isEqualTo("{\"accepted\":2,\"rejected\":1,\"results\":["
                + "{\"index\":0,\"line\":1,\"status\":\"accepted\",\"id\":\"a1\"},"
                + "{\"index\":2,\"line\":3,\"status\":\"rejected\",\"reason\":\"missing_field\",\"error\":"
                + "\"missing required field 'event_id'\"},"
                + "{\"index\":3,\"line\":4,\"status\":\"accepted\",\"id\":\"a1\"}]}");
        assertThat(payloads(queued())).containsExactly("assessment " + ok2, "assessment " + ok2);

        Http.Reply video = http.postEvents("video", ok1 + "\n" + bad + "\n");
        assertThat(video.status()).isEqualTo(200);
        JsonNode rejected = video.json().get("results").get(1);
        assertThat(rejected.get("index").asInt()).isEqualTo(1);
        assertThat(rejected.get("reason").asText()).isEqualTo("invalid_field");
        assertThat(rejected.get("error").asText())
                .isEqualTo("field 'action' must be one of play, pause, seek, ended (was 'rewind')");
        assertThat(payloads(queued())).containsExactly("video " + ok1);

        Http.Reply none = http.postEvents("video", bad);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("accepted").asInt()).isZero();
        assertThat(none.error()).isEqualTo("the record was refused: field 'action' must be one of play, pause, seek, "
                + "ended (was 'rewind')");

        Http.Reply xapiLine = http.postEvents("video", answered(ID1, true, time(60_000)));
        assertThat(xapiLine.status()).isEqualTo(400);
        assertThat(xapiLine.json().get("results").get(0).get("error").asText()).isEqualTo("an xAPI statement, not a "
                + "native record: send xAPI statements to /xapi/statements, Caliper events to /caliper and native "
                + "records to /events");

        Http.Reply noSource = http.send("POST", "/events", ok1, "Authorization", Http.TOKEN_AUTH);
        assertThat(noSource.status()).isEqualTo(400);
        assertThat(noSource.error()).isEqualTo("the source parameter must be one of clickstream, video, assessment "
                + "(was missing); xAPI statements go to /xapi/statements and Caliper events to /caliper");
        assertThat(queued()).isEmpty();
    }

    @Test
    void caliperEnvelopesAreSplitIntoEventsEachAcceptedOrReported() throws IOException {
        start();
        String started = mediaEvent("00000000-0000-4000-8000-000000000001", "Started", time(60_000));
        String deleted = mediaEvent("00000000-0000-4000-8000-000000000002", "Deleted", time(50_000));
        Http.Reply r = http.postCaliper(envelope(started, deleted));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().body()).isEqualTo("{\"accepted\":1,\"rejected\":1,\"results\":["
                + "{\"index\":0,\"status\":\"accepted\",\"id\":\"urn:uuid:00000000-0000-4000-8000-000000000001\"},"
                + "{\"index\":1,\"status\":\"rejected\",\"reason\":\"invalid_field\",\"error\":\"Caliper: action "
                + "'Deleted' is not allowed for MediaEvent (allowed: Started, Ended, Paused, Resumed, Restarted, "
                + "ForwardedTo, JumpedTo, ChangedResolution, ChangedSize, ChangedSpeed, ChangedVolume, "
                + "EnabledClosedCaptioning, DisabledClosedCaptioning, EnteredFullScreen, ExitedFullScreen, Muted, "
                + "Unmuted, OpenedPopout, ClosedPopout)\"}]}");
        assertThat(payloads(queued())).containsExactly("caliper " + started);

        assertThat(http.postCaliper(started).status()).isEqualTo(200);
        assertThat(payloads(queued())).containsExactly("caliper " + started);

        Http.Reply noSensor = http.postCaliper(envelope(started).replace("\"sensor\":\"https://lms.example.org/sensor\"",
                "\"sensor\":\"not an iri\""));
        assertThat(noSensor.status()).isEqualTo(400);
        assertThat(noSensor.json().get("reason").asText()).isEqualTo("invalid_field");
        assertThat(noSensor.error()).startsWith("Caliper: sensor must be an IRI");

        Http.Reply broken = http.postCaliper(envelope(started).substring(10));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("reason").asText()).isEqualTo("malformed_json");
        assertThat(queued()).isEmpty();
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws IOException {
        start();
        Http.Reply notFound = http.send("GET", "/statements", null);
        assertThat(notFound.status()).isEqualTo(404);
        Http.Reply get = http.send("GET", "/xapi/statements", null, "Authorization", Http.XAPI_AUTH);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST, PUT");

        Http.Reply alternateSyntax = http.send("POST", "/xapi/statements?method=PUT", "content=x", "Authorization",
                Http.XAPI_AUTH, "X-Experience-API-Version", "1.0.3");
        assertThat(alternateSyntax.status()).isEqualTo(400);
        assertThat(alternateSyntax.error()).isEqualTo("unknown parameter 'method': POST /xapi/statements stores "
                + "statements and takes no parameters");
        Http.Reply multipart = http.send("POST", "/xapi/statements", "--b--", "Authorization", Http.XAPI_AUTH,
                "X-Experience-API-Version", "1.0.3", "Content-Type", "multipart/mixed; boundary=b");
        assertThat(multipart.status()).isEqualTo(415);
        Http.Reply empty = http.postEvents("video", "\n \n");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("the body holds no records (send one JSON object per line)");
        assertThat(queued()).isEmpty();
    }
}
