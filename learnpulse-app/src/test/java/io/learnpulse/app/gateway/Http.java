package io.learnpulse.app.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the gateway tests: real requests to 127.0.0.1. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String XAPI_AUTH = basic("demo-lrs", "demo-secret");
    static final String TOKEN_AUTH = "Bearer demo-token";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    static String basic(String key, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** A response with its body read as JSON (null when empty). */
    record Reply(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return raw.body().isEmpty() ? null : JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String error() {
            return json().get("error").asText();
        }
    }

    Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return exchange(b.build());
    }

    /** A body sent chunked, without Content-Length. */
    Reply sendChunked(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return exchange(b.build());
    }

    private Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** POST to /xapi/statements as the demo LRS client. */
    Reply postStatements(String body) {
        return send("POST", "/xapi/statements", body, "Authorization", XAPI_AUTH, "X-Experience-API-Version", "1.0.3",
                "Content-Type", "application/json");
    }

    Reply putStatement(String statementId, String body) {
        return send("PUT", "/xapi/statements" + (statementId == null ? "" : "?statementId=" + statementId), body,
                "Authorization", XAPI_AUTH, "X-Experience-API-Version", "1.0.3", "Content-Type", "application/json");
    }

    Reply postEvents(String source, String body) {
        return send("POST", "/events?source=" + source, body, "Authorization", TOKEN_AUTH,
                "Content-Type", "application/x-ndjson");
    }

    Reply postCaliper(String body) {
        return send("POST", "/caliper", body, "Authorization", TOKEN_AUTH, "Content-Type", "application/json");
    }
}
