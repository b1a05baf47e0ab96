package io.learnpulse.pipeline.serving;

import io.learnpulse.serving.MemoryServingStore;
import io.learnpulse.serving.RedisServingStore;
import io.learnpulse.serving.ServingStore;
import io.learnpulse.serving.StoreSettings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The implementations behind {@link ServingStoreFactory} and the registry of in-JVM stores. */
final class ServingStoreFactories {
    private static final Map<String, MemoryServingStore> MEMORY = new ConcurrentHashMap<>();

    private ServingStoreFactories() {}

    static void register(String name, MemoryServingStore store) {
        MemoryServingStore previous = MEMORY.putIfAbsent(name, store);
        if (previous != null && previous != store) {
            throw new IllegalStateException("another serving store is registered as '" + name + "'");
        }
    }

    static void unregister(String name) {
        MEMORY.remove(name);
    }

    record Redis(String url, StoreSettings settings, int maxConnections) implements ServingStoreFactory {
        private static final long serialVersionUID = 1L;

        Redis {
            if (url == null || settings == null) {
                throw new IllegalArgumentException("a Redis serving store needs a URL and settings");
            }
        }

        @Override
        public ServingStore open() {
            return new RedisServingStore(url, settings, maxConnections, RedisServingStore.DEFAULT_TIMEOUT);
        }

        /** Without the URL's credentials: the factory's description may end up in logs and the web UI. */
        @Override
        public String toString() {
            int at = url.indexOf('@');
            int scheme = url.indexOf("://");
            String shown = at < 0 || scheme < 0 ? url : url.substring(0, scheme + 3) + url.substring(at + 1);
            return "ServingStoreFactory.redis(" + shown + ", ttl " + settings.ttl() + ")";
        }
    }

    record Memory(String name) implements ServingStoreFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public ServingStore open() {
            MemoryServingStore store = MEMORY.get(name);
            if (store == null) {
                throw new IllegalStateException("no in-JVM serving store is registered as '" + name + "': register it "
                        + "with ServingStoreFactory.register before the job starts (memory stores only work when the "
                        + "job runs in this JVM, as on the embedded MiniCluster)");
            }
            return store;
        }
    }
}
