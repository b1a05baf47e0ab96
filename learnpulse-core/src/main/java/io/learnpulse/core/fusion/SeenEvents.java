package io.learnpulse.core.fusion;

import java.util.Arrays;

/**
 * The event ids one learner has sent recently, to tell a re-delivery (same id, same content) from a
 * conflicting event reusing an id. Ids are kept as 64-bit hashes for {@code retention} of event time:
 * a few bytes per event instead of the id strings, in flat arrays that serialize as they are.
 *
 * <p>Entries are kept in arrival order and expire from the oldest; an id is looked up through an
 * open-addressing index, so both operations are O(1).
 */
public final class SeenEvents {
    public static final int NEW = 0;
    public static final int DUPLICATE = 1;
    public static final int CONFLICT = 2;

    // Ring of entries in arrival order: [head, head + size).
    private long[] idHashes = new long[8];
    private long[] contentHashes = new long[8];
    private long[] eventTimes = new long[8];
    private int head;
    private int size;
    // Index from id hash to ring slot + 1 (0 = empty), linear probing.
    private int[] index = new int[16];

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Records the event if its id is new; says whether it was new, an identical duplicate, or a conflict. */
    public int check(String eventId, long contentHash, long eventTime) {
        long idHash = hash64(eventId);
        int slot = find(idHash);
        if (slot >= 0) {
            return contentHashes[slot] == contentHash ? DUPLICATE : CONFLICT;
        }
        append(idHash, contentHash, eventTime);
        return NEW;
    }

    /**
     * Forgets ids of events before {@code time}, oldest arrivals first; an entry behind a newer one
     * that arrived earlier waits for it (the disorder of arrivals is bounded, so this is brief).
     */
    public void evictBefore(long time) {
        int removed = 0;
        while (size > 0 && eventTimes[head] < time) {
            removeIndex(idHashes[head], head);
            head = (head + 1) % idHashes.length;
            size--;
            removed++;
        }
        if (removed > 0 && size > 0 && size < idHashes.length / 4 && idHashes.length > 8) {
            resize(Math.max(8, idHashes.length / 2));
        }
    }

    /** The earliest event time still remembered (of the oldest arrival), or Long.MAX_VALUE when empty. */
    public long oldestEventTime() {
        return size == 0 ? Long.MAX_VALUE : eventTimes[head];
    }

    private void append(long idHash, long contentHash, long eventTime) {
        if (size == idHashes.length) {
            resize(idHashes.length * 2);
        }
        int slot = (head + size) % idHashes.length;
        idHashes[slot] = idHash;
        contentHashes[slot] = contentHash;
        eventTimes[slot] = eventTime;
        size++;
        if (size * 2 > index.length) {
            index = new int[index.length * 2];
            rebuildIndex();
        } else {
            insertIndex(idHash, slot);
        }
    }

    private int find(long idHash) {
        int mask = index.length - 1;
        for (int i = (int) mix(idHash) & mask; ; i = (i + 1) & mask) {
            int v = index[i];
            if (v == 0) {
                return -1;
            }
            if (idHashes[v - 1] == idHash) {
                return v - 1;
            }
        }
    }

    private void insertIndex(long idHash, int slot) {
        int mask = index.length - 1;
        int i = (int) mix(idHash) & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    /**
     * Removes the index entry of ring slot {@code slot} (id hash {@code idHash}), shifting later entries of
     * its probe sequence back so that lookups need no tombstones: cheaper than rebuilding the index
     * after every eviction.
     */
    private void removeIndex(long idHash, int slot) {
        int mask = index.length - 1;
        int i = (int) mix(idHash) & mask;
        while (index[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int v = index[j];
            if (v == 0) {
                break;
            }
            int home = (int) mix(idHashes[v - 1]) & mask;
            // The entry at j may move to the hole at i unless its home lies cyclically in (i, j].
            boolean stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!stays) {
                index[i] = v;
                i = j;
            }
        }
        index[i] = 0;
    }

    private void rebuildIndex() {
        Arrays.fill(index, 0);
        for (int k = 0; k < size; k++) {
            int slot = (head + k) % idHashes.length;
            insertIndex(idHashes[slot], slot);
        }
    }

    private void resize(int capacity) {
        long[] ids = new long[capacity];
        long[] contents = new long[capacity];
        long[] times = new long[capacity];
        for (int k = 0; k < size; k++) {
            int slot = (head + k) % idHashes.length;
            ids[k] = idHashes[slot];
            contents[k] = contentHashes[slot];
            times[k] = eventTimes[slot];
        }
        idHashes = ids;
        contentHashes = contents;
        eventTimes = times;
        head = 0;
        int indexSize = 16;
        while (indexSize < capacity * 2) {
            indexSize *= 2;
        }
        index = new int[indexSize];
        rebuildIndex();
    }

    // ---- serialization support: entries in arrival order ----

    public long idHashAt(int k) {
        return idHashes[(head + k) % idHashes.length];
    }

    public long contentHashAt(int k) {
        return contentHashes[(head + k) % idHashes.length];
    }

    public long eventTimeAt(int k) {
        return eventTimes[(head + k) % idHashes.length];
    }

    /** Appends an entry read back from a snapshot (in arrival order). */
    public void restore(long idHash, long contentHash, long eventTime) {
        append(idHash, contentHash, eventTime);
    }

    /** 64-bit FNV-1a over the id's characters, then mixed: collisions are negligible per learner. */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
