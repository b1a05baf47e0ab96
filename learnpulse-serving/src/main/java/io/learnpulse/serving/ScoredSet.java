package io.learnpulse.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A sorted set of members with integer scores, ordered like a Redis sorted set: by score, then by member in
 * UTF-8 byte order (which is code point order). The memory store uses it wherever the Redis store uses a sorted
 * set, so that both keep and list exactly the same members. Not thread-safe.
 */
final class ScoredSet {
    record Entry(String member, long score) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::score)
            .thenComparing(Entry::member, ScoredSet::compareCodePoints);

    private final Map<String, Long> scores = new HashMap<>();
    private final TreeSet<Entry> sorted = new TreeSet<>(ORDER);

    /** Sets the member's score to {@code score} unless it is already at least that; true when the member is new. */
    boolean raise(String member, long score) {
        Long current = scores.get(member);
        if (current != null && current >= score) {
            return false;
        }
        if (current != null) {
            sorted.remove(new Entry(member, current));
        }
        scores.put(member, score);
        sorted.add(new Entry(member, score));
        return current == null;
    }

    boolean contains(String member) {
        return scores.containsKey(member);
    }

    Long score(String member) {
        return scores.get(member);
    }

    int size() {
        return scores.size();
    }

    /** Removes the lowest-ranked members beyond {@code cap}; returns them. */
    List<String> trimToCap(int cap) {
        List<String> removed = new ArrayList<>();
        while (sorted.size() > cap) {
            Entry e = sorted.pollFirst();
            scores.remove(e.member());
            removed.add(e.member());
        }
        return removed;
    }

    /** Removes the members scored below {@code min}; returns them. */
    List<String> removeBelow(long min) {
        List<String> removed = new ArrayList<>();
        Iterator<Entry> it = sorted.iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.score() >= min) {
                break;
            }
            it.remove();
            scores.remove(e.member());
            removed.add(e.member());
        }
        return removed;
    }

    long countAtLeast(long min) {
        return sorted.tailSet(new Entry("", min), true).size();
    }

    /** Up to {@code limit} members scored at least {@code min}, highest ranked first. */
    List<Entry> descending(long min, int limit) {
        List<Entry> out = new ArrayList<>(Math.max(0, Math.min(limit, sorted.size())));
        for (Entry e : sorted.descendingSet()) {
            if (out.size() >= limit || e.score() < min) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
