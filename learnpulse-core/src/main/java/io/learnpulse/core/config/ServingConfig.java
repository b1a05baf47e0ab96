package io.learnpulse.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.Serializable;
import java.time.Duration;

/** The serving store (the {@code serving} section; meaning in {@code learnpulse-defaults.yaml}). Immutable. */
public final class ServingConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String redisUrl;
    private final int lastAttempts;
    private final int recentInterventions;
    private final Duration activePeriod;
    private final Duration strugglingPeriod;

    private ServingConfig(String redisUrl, int lastAttempts, int recentInterventions, Duration activePeriod,
            Duration strugglingPeriod) {
        this.redisUrl = redisUrl;
        this.lastAttempts = lastAttempts;
        this.recentInterventions = recentInterventions;
        this.activePeriod = activePeriod;
        this.strugglingPeriod = strugglingPeriod;
    }

    static ServingConfig fromTree(JsonNode s) {
        String url = ConfigNodes.text(s, "redis-url", "serving", true);
        if (!url.isEmpty() && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalArgumentException("serving.redis-url must start with redis:// or rediss:// (was '" + url + "')");
        }
        return new ServingConfig(url, ConfigNodes.integer(s, "last-attempts", "serving", 1, 10_000),
                ConfigNodes.integer(s, "recent-interventions", "serving", 1, 100_000),
                ConfigNodes.duration(s, "active-period", "serving"),
                ConfigNodes.duration(s, "struggling-period", "serving"));
    }

    /** {@code serving.redis-url}; empty for the in-memory store. */
    public String redisUrl() {
        return redisUrl;
    }

    public boolean usesRedis() {
        return !redisUrl.isEmpty();
    }

    public int lastAttempts() {
        return lastAttempts;
    }

    public int recentInterventions() {
        return recentInterventions;
    }

    public Duration activePeriod() {
        return activePeriod;
    }

    public Duration strugglingPeriod() {
        return strugglingPeriod;
    }

    public ServingConfig withRedisUrl(String url) {
        return new ServingConfig(url, lastAttempts, recentInterventions, activePeriod, strugglingPeriod);
    }
}
