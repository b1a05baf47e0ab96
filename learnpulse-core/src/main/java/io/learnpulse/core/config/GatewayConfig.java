package io.learnpulse.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the HTTP ingestion gateway (the {@code gateway} section of the config; defaults and their
 * meaning in {@code learnpulse-defaults.yaml}). Immutable.
 */
public final class GatewayConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The endpoint groups a key can be allowed on. */
    public enum Endpoint {
        /** {@code /xapi/statements}. */
        XAPI,
        /** {@code /caliper}. */
        CALIPER,
        /** {@code /events}. */
        EVENTS;

        /** The name used in the config file: {@code xapi}, {@code caliper}, {@code events}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One credential. With a {@code secret} it is a key/secret pair for HTTP Basic authentication (what xAPI
     * clients send); without one, {@code key} is a bearer token.
     */
    public static final class ApiKey implements Serializable {
        private static final long serialVersionUID = 1L;

        public final String key;
        /** Null for a bearer token. */
        public final String secret;
        public final Set<Endpoint> endpoints;

        public ApiKey(String key, String secret, Set<Endpoint> endpoints) {
            this.key = Objects.requireNonNull(key, "key");
            this.secret = secret;
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("a key needs at least one endpoint");
            }
            this.endpoints = Set.copyOf(endpoints);
        }

        public boolean allows(Endpoint e) {
            return endpoints.contains(e);
        }

        @Override
        public String toString() {
            // Never the secret.
            return "ApiKey{" + key + (secret == null ? " (bearer)" : " (basic)") + ' ' + endpoints + '}';
        }
    }

    private final String host;
    private final int port;
    private final int maxBodyBytes;
    private final int queueCapacity;
    private final int threads;
    private final int recentStatementIds;
    private final Duration retryAfter;
    private final List<ApiKey> keys;

    private GatewayConfig(String host, int port, int maxBodyBytes, int queueCapacity, int threads,
            int recentStatementIds, Duration retryAfter, List<ApiKey> keys) {
        this.host = host;
        this.port = port;
        this.maxBodyBytes = maxBodyBytes;
        this.queueCapacity = queueCapacity;
        this.threads = threads;
        this.recentStatementIds = recentStatementIds;
        this.retryAfter = retryAfter;
        this.keys = List.copyOf(keys);
    }

    static GatewayConfig fromTree(JsonNode g) {
        String host = g.get("host") == null || !g.get("host").isTextual() || g.get("host").asText().isBlank()
                ? fail("gateway.host must be a host name or address") : g.get("host").asText();
        JsonNode p = g.get("port");
        if (p == null || !p.canConvertToInt() || !p.isIntegralNumber() || p.intValue() < 0 || p.intValue() > 65535) {
            fail("gateway.port must be an integer from 0 to 65535 (0: any free port)");
        }
        int maxBody = positive(g, "max-body-bytes");
        int capacity = positive(g, "queue-capacity");
        int threads = positive(g, "threads");
        int recent = positive(g, "recent-statement-ids");
        JsonNode ra = g.get("retry-after");
        Duration retryAfter;
        try {
            retryAfter = ra == null || ra.isNull() ? null : ra.isNumber() ? Duration.ofMillis(ra.longValue())
                    : Durations.parse(ra.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway.retry-after: " + e.getMessage(), e);
        }
        if (retryAfter == null || retryAfter.toSeconds() < 1) {
            fail("gateway.retry-after must be at least 1s");
        }
        return new GatewayConfig(host, p.intValue(), maxBody, capacity, threads, recent, retryAfter, keys(g.get("keys")));
    }

    private static List<ApiKey> keys(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            fail("gateway.keys must be a list of {key, secret, endpoints}");
        }
        List<ApiKey> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "gateway.keys[" + i + "]";
            JsonNode k = list.get(i);
            if (!k.isObject()) {
                fail(path + " must be a mapping with key, secret (optional) and endpoints");
            }
            Iterator<String> names = k.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("key") && !name.equals("secret") && !name.equals("endpoints")) {
                    fail("unknown config key '" + path + "." + name + "'");
                }
            }
            JsonNode key = k.get("key");
            if (key == null || !key.isTextual() || key.asText().isBlank()) {
                fail(path + ".key must be a non-empty string");
            }
            if (key.asText().contains(":")) {
                fail(path + ".key must not contain ':' (HTTP Basic separates the key from the secret with it)");
            }
            if (!seen.add(key.asText())) {
                fail(path + ".key '" + key.asText() + "' is listed twice");
            }
            JsonNode secret = k.get("secret");
            if (secret != null && !secret.isNull() && (!secret.isTextual() || secret.asText().isEmpty())) {
                fail(path + ".secret must be a non-empty string (or left out for a bearer token)");
            }
            JsonNode eps = k.get("endpoints");
            if (eps == null || !eps.isArray() || eps.isEmpty()) {
                fail(path + ".endpoints must be a non-empty list of xapi, caliper, events");
            }
            Set<Endpoint> endpoints = EnumSet.noneOf(Endpoint.class);
            for (JsonNode e : eps) {
                Endpoint endpoint = null;
                for (Endpoint candidate : Endpoint.values()) {
                    if (e.isTextual() && candidate.configName().equals(e.asText())) {
                        endpoint = candidate;
                    }
                }
                if (endpoint == null) {
                    fail(path + ".endpoints: '" + e.asText() + "' is not one of xapi, caliper, events");
                }
                endpoints.add(endpoint);
            }
            keys.add(new ApiKey(key.asText(), secret == null || secret.isNull() ? null : secret.asText(), endpoints));
        }
        return keys;
    }

    private static int positive(JsonNode g, String key) {
        JsonNode v = g.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() <= 0) {
            fail("gateway." + key + " must be a positive integer");
        }
        return v.intValue();
    }

    private static <T> T fail(String message) {
        throw new IllegalArgumentException(message);
    }

    /** The address to listen on ({@code gateway.host}). */
    public String host() {
        return host;
    }

    /** The port to listen on ({@code gateway.port}); 0 picks a free port. */
    public int port() {
        return port;
    }

    /** Requests with a larger body are refused with 413 ({@code gateway.max-body-bytes}). */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Records the in-JVM queue into the embedded pipeline holds at most ({@code gateway.queue-capacity}). */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Threads serving HTTP requests ({@code gateway.threads}). */
    public int threads() {
        return threads;
    }

    /** How many recent xAPI statement ids are remembered to detect conflicts ({@code gateway.recent-statement-ids}). */
    public int recentStatementIds() {
        return recentStatementIds;
    }

    /** The {@code Retry-After} of a 429 or 503 ({@code gateway.retry-after}). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The credentials ({@code gateway.keys}). */
    public List<ApiKey> keys() {
        return keys;
    }

    public GatewayConfig withPort(int newPort) {
        if (newPort < 0 || newPort > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535 (was " + newPort + ")");
        }
        return new GatewayConfig(host, newPort, maxBodyBytes, queueCapacity, threads, recentStatementIds, retryAfter,
                keys);
    }

    @Override
    public String toString() {
        return "GatewayConfig{" + host + ':' + port + ", maxBodyBytes=" + maxBodyBytes + ", queueCapacity="
                + queueCapacity + ", threads=" + threads + ", keys=" + keys + '}';
    }
}
