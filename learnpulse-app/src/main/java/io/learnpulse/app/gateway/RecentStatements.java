package io.learnpulse.app.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent xAPI statement ids this gateway handed over, each with the hash of the statement's content,
 * to answer 409 Conflict when an id comes back with different content. Bounded: the least recently seen ids
 * are forgotten first (a conflict with a forgotten id is then caught by the pipeline's deduplication, as a
 * {@code conflicting_duplicate} dead letter). Not thread-safe: the caller locks.
 */
final class RecentStatements {
    private final LinkedHashMap<String, String> hashes;

    RecentStatements(int capacity) {
        this.hashes = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The content hash the statement {@code id} was handed over with, or null. */
    String get(String id) {
        return hashes.get(id);
    }

    void put(String id, String contentHash) {
        hashes.put(id, contentHash);
    }

    int size() {
        return hashes.size();
    }
}
