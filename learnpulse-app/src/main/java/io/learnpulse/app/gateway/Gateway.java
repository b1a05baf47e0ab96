package io.learnpulse.app.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.learnpulse.core.config.GatewayConfig;
import io.learnpulse.core.config.GatewayConfig.Endpoint;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.ingest.RecordSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The HTTP ingestion gateway: receives xAPI statements, Caliper envelopes and native JSON lines, validates every
 * record with the pipeline's own parser so the client learns synchronously what was refused and why, and hands
 * the accepted records, as their exact text, to a {@link RecordSink} (the embedded pipeline's queue).
 *
 * <table>
 *   <caption>endpoints</caption>
 *   <tr><th>method and path</th><th>body</th><th>success</th></tr>
 *   <tr><td>POST /xapi/statements</td><td>a statement or an array (atomic)</td><td>200, the ids</td></tr>
 *   <tr><td>PUT /xapi/statements?statementId=</td><td>one statement</td><td>204</td></tr>
 *   <tr><td>POST /caliper</td><td>an envelope or an event</td><td>200, per-event results</td></tr>
 *   <tr><td>POST /events?source=clickstream|video|assessment</td><td>JSON lines</td><td>200, per-line results</td></tr>
 *   <tr><td>GET /health</td><td></td><td>200 (503 when the pipeline is not running)</td></tr>
 *   <tr><td>GET /xapi/about</td><td></td><td>200, the supported xAPI versions</td></tr>
 * </table>
 *
 * <p>Errors: 400 invalid input (with the reason and message), 401 no or bad credentials, 403 key not allowed on
 * the endpoint, 404, 405, 409 xAPI id conflict, 413 body over {@code gateway.max-body-bytes}, 415 multipart,
 * 429 queue full and 503 pipeline not running (both with {@code Retry-After}, nothing accepted). Full rules in
 * {@code docs/gateway.md}.
 *
 * <p>Served by the JDK's {@link HttpServer} on a fixed pool of {@code gateway.threads} platform threads.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern XAPI_VERSION = Pattern.compile("(1\\.0|2\\.0)(\\.\\d+)?");
    static final String VERSION_HEADER = "X-Experience-API-Version";

    private final GatewayConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Authenticator auth;
    private final BatchReader reader;
    private final Handover handover;
    private final XapiResource xapi;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong recordsRejected = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gateway(LearnPulseConfig config, RecordSink sink) throws IOException {
        this.config = config.gateway();
        this.auth = new Authenticator(this.config.keys());
        this.reader = new BatchReader(new ParserSettings(config.maxRecordBytes(), config.maxFutureSkew().toMillis()),
                this.config.maxBodyBytes());
        this.handover = new Handover(sink, this.config.retryAfter());
        this.xapi = new XapiResource(reader, handover, this.config.recentStatementIds(), recordsRejected);
        this.server = HttpServer.create(new InetSocketAddress(this.config.host(), this.config.port()), 128);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(this.config.threads(), r -> {
            Thread t = new Thread(r, "gateway-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Binds {@code gateway.host}:{@code gateway.port} and starts serving; accepted records go to {@code sink}.
     *
     * @throws java.net.BindException when the port is taken
     */
    public static Gateway start(LearnPulseConfig config, RecordSink sink) throws IOException {
        Gateway g = new Gateway(config, sink);
        g.server.start();
        return g;
    }

    /** The port listened on (the actual one when {@code gateway.port} is 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, for printing and for clients. */
    public String baseUrl() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** Records handed over so far. */
    public long recordsAccepted() {
        return handover.recordsAccepted.get();
    }

    /** Records refused as invalid so far. */
    public long recordsRejected() {
        return recordsRejected.get();
    }

    /** Requests refused with 429 or 503 so far. */
    public long requestsRefused() {
        return handover.requestsRefused.get();
    }

    /** Requests served so far. */
    public long requests() {
        return requests.get();
    }

    /** Stops accepting requests, lets running ones finish for up to a second, and stops the threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- routing ------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) {
        requests.incrementAndGet();
        String path = ex.getRequestURI().getRawPath();
        boolean isXapi = path.startsWith("/xapi/");
        Response r;
        try {
            r = route(ex, path);
        } catch (HttpError e) {
            r = e.response;
        } catch (RuntimeException e) {
            LOG.error("gateway: {} {} failed", ex.getRequestMethod(), path, e);
            r = HttpError.of(500, "internal error (the gateway log has the details)").response;
        }
        if (isXapi) {
            String v = ex.getRequestHeaders().getFirst(VERSION_HEADER);
            r.header(VERSION_HEADER, v != null && v.startsWith("2.0") ? "2.0.0" : "1.0.3");
        }
        send(ex, r);
    }

    private Response route(HttpExchange ex, String path) {
        String method = ex.getRequestMethod();
        switch (path) {
            case "/health":
                allow(method, "GET", "HEAD");
                return health();
            case "/xapi/about":
                allow(method, "GET", "HEAD");
                return about();
            case "/xapi/statements": {
                allow(method, "POST", "PUT");
                auth.require(ex.getRequestHeaders().getFirst("Authorization"), Endpoint.XAPI);
                requireXapiVersion(ex.getRequestHeaders().getFirst(VERSION_HEADER));
                Map<String, String> q = query(ex);
                if (method.equals("POST")) {
                    XapiResource.checkPostParameters(q);
                    return xapi.post(body(ex), now());
                }
                String statementId = XapiResource.statementId(q);
                return xapi.put(statementId, body(ex), now());
            }
            case "/caliper": {
                allow(method, "POST");
                auth.require(ex.getRequestHeaders().getFirst("Authorization"), Endpoint.CALIPER);
                noParameters(ex);
                String body = body(ex);
                long now = now();
                return batch(reader.caliper(body, now), Sources.CALIPER, now, false);
            }
            case "/events": {
                allow(method, "POST");
                auth.require(ex.getRequestHeaders().getFirst("Authorization"), Endpoint.EVENTS);
                Map<String, String> params = query(ex);
                String source = params.get("source");
                for (String name : params.keySet()) {
                    if (!name.equals("source")) {
                        throw HttpError.of(400, "unknown parameter '" + name + "': /events takes source only");
                    }
                }
                if (source == null || !Sources.NATIVE.contains(source)) {
                    throw HttpError.of(400, "the source parameter must be one of clickstream, video, assessment (was "
                            + (source == null ? "missing" : "'" + source + "'") + "); xAPI statements go to "
                            + "/xapi/statements and Caliper events to /caliper");
                }
                String body = body(ex);
                long now = now();
                return batch(reader.lines(source, body, now), source, now, true);
            }
            default:
                throw HttpError.of(404, "no such endpoint: " + path + " (endpoints: POST/PUT /xapi/statements, "
                        + "POST /caliper, POST /events?source=..., GET /health)");
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static void allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw HttpError.of(405, "method " + method + " is not allowed here (allowed: " + String.join(", ", allowed) + ")")
                .header("Allow", String.join(", ", allowed));
    }

    private static void requireXapiVersion(String version) {
        if (version == null) {
            throw HttpError.of(400, "missing header " + VERSION_HEADER + ": xAPI requires it in every request "
                    + "(e.g. 1.0.3 or 2.0.0)");
        }
        if (!XAPI_VERSION.matcher(version.trim()).matches()) {
            throw HttpError.of(400, "unsupported xAPI version '" + version + "' in " + VERSION_HEADER
                    + " (supported: 1.0.x and 2.0.x)");
        }
    }

    // ---- Caliper and native batches -------------------------------------------------------------------------

    /**
     * Hands over the valid records of a non-atomic batch and reports each record: 200 when at least one was
     * accepted, 400 when none was. {@code lines}: indexes are line numbers - 1, reported with the line number.
     */
    private Response batch(List<BatchReader.Item> items, String source, long now, boolean lines) {
        List<RawRecord> valid = new ArrayList<>(items.size());
        for (BatchReader.Item it : items) {
            if (it.ok()) {
                valid.add(new RawRecord(source, it.raw, now));
            }
        }
        handover.offerAll(valid);
        recordsRejected.addAndGet(items.size() - valid.size());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("accepted", valid.size());
        body.put("rejected", items.size() - valid.size());
        ArrayNode results = body.putArray("results");
        for (BatchReader.Item it : items) {
            ObjectNode r = results.addObject();
            r.put("index", it.index);
            if (lines) {
                r.put("line", it.index + 1);
            }
            if (it.ok()) {
                r.put("status", "accepted");
                r.put("id", it.event.eventId);
            } else {
                r.put("status", "rejected");
                r.put("reason", it.reason);
                r.put("error", it.error);
            }
        }
        if (valid.isEmpty()) {
            body.put("error", items.size() == 1 ? "the record was refused: " + items.get(0).error
                    : "none of the " + items.size() + " records is valid");
            return Response.json(400, body);
        }
        return Response.json(200, body);
    }

    // ---- health and about -------------------------------------------------------------------------------------

    private Response health() {
        RecordSink sink = handover.sink();
        boolean up = sink.isOpen();
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("status", up ? "up" : "down");
        b.put("pipeline", up ? "running" : "not running");
        b.put("queue_depth", sink.depth());
        b.put("queue_capacity", sink.capacity());
        b.put("records_accepted", recordsAccepted());
        b.put("records_rejected", recordsRejected());
        b.put("requests_refused", requestsRefused());
        return Response.json(up ? 200 : 503, b);
    }

    private static Response about() {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.putArray("version").add("1.0.3").add("2.0.0");
        return Response.json(200, b);
    }

    // ---- request and response plumbing -----------------------------------------------------------------------

    /** The query parameters (the first value of each). */
    private static Map<String, String> query(HttpExchange ex) {
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
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw HttpError.of(400, "malformed query string: " + e.getMessage());
            }
        }
        return q;
    }

    private static void noParameters(HttpExchange ex) {
        Map<String, String> q = query(ex);
        if (!q.isEmpty()) {
            throw HttpError.of(400, "unknown parameter '" + q.keySet().iterator().next() + "'");
        }
    }

    /**
     * The request body as UTF-8 text, refused with 413 when it is larger than {@code gateway.max-body-bytes}:
     * by its declared Content-Length before reading, or while reading (a chunked body declares none).
     */
    private String body(HttpExchange ex) {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw HttpError.of(415, "multipart bodies (xAPI attachments with raw data) are not supported: send "
                    + "application/json (attachments may point to their content with fileUrl)");
        }
        int max = config.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw HttpError.of(400, "invalid Content-Length '" + declared + "'");
            }
            if (length > max) {
                throw tooLarge(length + " bytes", max);
            }
        }
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(max + 1);
        } catch (IOException e) {
            throw HttpError.of(400, "could not read the request body: " + e.getMessage());
        }
        if (bytes.length > max) {
            throw tooLarge("more than " + max + " bytes", max);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw HttpError.of(400, "the request body is not valid UTF-8");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static HttpError tooLarge(String size, int max) {
        return HttpError.of(413, "the request body (" + size + ") is larger than the limit of " + max
                + " bytes (gateway.max-body-bytes): send fewer records per request").header("Connection", "close");
    }

    private static void send(HttpExchange ex, Response r) {
        try {
            for (Map.Entry<String, String> h : r.headers) {
                ex.getResponseHeaders().add(h.getKey(), h.getValue());
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (r.body == null) {
                ex.sendResponseHeaders(r.status, -1);
            } else {
                byte[] bytes = JSON.writeValueAsBytes(r.body);
                ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                ex.sendResponseHeaders(r.status, head ? -1 : bytes.length);
                if (!head) {
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("gateway: could not send the response", e);
        } finally {
            ex.close();
        }
    }
}
