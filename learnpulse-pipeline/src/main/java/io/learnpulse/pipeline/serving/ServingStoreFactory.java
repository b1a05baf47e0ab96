package io.learnpulse.pipeline.serving;

import io.learnpulse.serving.MemoryServingStore;
import io.learnpulse.serving.RedisServingStore;
import io.learnpulse.serving.ServingStore;
import io.learnpulse.serving.StoreSettings;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where a {@link ServingSink} writes: shipped with the job graph to every sink writer, which {@link #open opens} its
 * own store there.
 */
public interface ServingStoreFactory extends Serializable {

    /** A store for one sink writer, which closes it when it closes. */
    ServingStore open();

    /** Redis at {@code url} with the default settings and {@code ttl} (the pipeline's learner-state TTL). */
    static ServingStoreFactory redis(String url, Duration ttl) {
        return redis(url, StoreSettings.defaults().withTtl(ttl));
    }

    static ServingStoreFactory redis(String url, StoreSettings settings) {
        return redis(url, settings, RedisServingStore.DEFAULT_MAX_CONNECTIONS);
    }

    /** {@code maxConnections} per sink writer: a writer uses one at a time, so a small pool is plenty. */
    static ServingStoreFactory redis(String url, StoreSettings settings, int maxConnections) {
        return new ServingStoreFactories.Redis(url, settings, maxConnections);
    }

    /**
     * The {@link MemoryServingStore} registered under {@code name} in this JVM: for the embedded demo, whose
     * MiniCluster runs the sinks in the JVM that serves the query API. The store must be registered before the job
     * starts.
     */
    static ServingStoreFactory memory(String name) {
        return new ServingStoreFactories.Memory(name);
    }

    /**
     * Makes {@code store} available to {@link #memory(String)} factories under {@code name}.
     *
     * @throws IllegalStateException when another store holds the name
     */
    static void register(String name, MemoryServingStore store) {
        ServingStoreFactories.register(name, store);
    }

    /** Forgets the store registered under {@code name}, if any. */
    static void unregister(String name) {
        ServingStoreFactories.unregister(name);
    }
}
