package io.learnpulse.app;

import io.learnpulse.core.config.ApiConfig;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.pipeline.serving.ServingOutputs;
import io.learnpulse.pipeline.serving.ServingStoreFactory;
import io.learnpulse.serving.ApiToken;
import io.learnpulse.serving.MemoryServingStore;
import io.learnpulse.serving.QueryApi;
import io.learnpulse.serving.RedisServingStore;
import io.learnpulse.serving.ServingStore;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The serving side of a long-running command: the store the job's serving sinks write to (Redis when
 * {@code serving.redis-url} is set, else an in-memory store in this JVM, which the embedded cluster's sinks
 * reach directly) and the query API over it.
 */
final class ServingEndpoint implements AutoCloseable {
    final ServingStoreFactory factory;
    final ServingStore store;
    final QueryApi api;
    private final String memoryName;

    private ServingEndpoint(ServingStoreFactory factory, ServingStore store, QueryApi api, String memoryName) {
        this.factory = factory;
        this.store = store;
        this.api = api;
        this.memoryName = memoryName;
    }

    /** The store (and, when {@code api.port} is not -1, the started query API) for {@code config}. */
    static ServingEndpoint start(LearnPulseConfig config) throws IOException {
        var settings = ServingOutputs.settings(config);
        ServingStoreFactory factory;
        ServingStore store;
        String memoryName = null;
        if (config.serving().usesRedis()) {
            factory = ServingStoreFactory.redis(config.serving().redisUrl(), settings);
            store = new RedisServingStore(config.serving().redisUrl(), settings);
        } else {
            memoryName = "learnpulse-" + UUID.randomUUID();
            MemoryServingStore memory = new MemoryServingStore(settings);
            ServingStoreFactory.register(memoryName, memory);
            factory = ServingStoreFactory.memory(memoryName);
            store = memory;
        }
        QueryApi api = null;
        ApiConfig a = config.api();
        if (a.enabled()) {
            List<ApiToken> tokens = new ArrayList<>();
            for (ApiConfig.Token t : a.tokens()) {
                tokens.add(new ApiToken(t.token(), t.courses().stream().sorted().toList(), t.name()));
            }
            try {
                api = new QueryApi(store, tokens, config.privacy().pseudonymizer(), a.host(), a.port()).start();
            } catch (BindException e) {
                store.close();
                throw new IllegalArgumentException("cannot serve the query API on " + a.host() + ":" + a.port() + " ("
                        + e.getMessage() + "): set api.port in a --config file (0: any free port, -1: no API)");
            }
        }
        return new ServingEndpoint(factory, store, api, memoryName);
    }

    void printUrls(PrintStream out, LearnPulseConfig config) {
        String where = config.serving().usesRedis() ? "Redis " + redacted(config.serving().redisUrl()) : "in memory";
        if (api == null) {
            out.println("Serving store: " + where + " (query API off)");
            return;
        }
        String base = api.baseUrl();
        out.println("Query API on " + base + " over the serving store (" + where + "; docs/serving.md):");
        out.println("  GET " + base + "/api/learners/{id}                      a learner's mastery, attempts, interventions");
        out.println("  GET " + base + "/api/courses/{id}/overview              active and struggling learners, question stats");
        out.println("  GET " + base + "/api/courses/{id}/interventions[/stream]  recent interventions, or live (SSE)");
        boolean demoToken = config.api().tokens().stream().anyMatch(t -> t.token().equals("demo-admin"));
        if (demoToken) {
            out.println("  token: the public demo token (Authorization: Bearer demo-admin), for local use only");
        }
    }

    private static String redacted(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        store.close();
        if (memoryName != null) {
            ServingStoreFactory.unregister(memoryName);
        }
    }
}
