package io.learnpulse.core.fusion;

import io.learnpulse.core.event.LearnerEvent;

import java.util.AbstractList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * One learner's recent events, kept sorted in event-time order ({@link LearnerEvent#compareByTime}).
 *
 * <p>Backed by a single array holding the events in {@code [head, tail)}: an in-order arrival is an
 * O(1) append, a late arrival is a binary search plus an array shift, and eviction of the oldest
 * events just advances {@code head} (the gap is reclaimed when the array would otherwise grow, and
 * the array shrinks when it is mostly empty). Event ids are tracked in a hash set so a re-delivered
 * event is rejected whatever its position.
 *
 * <p>Not thread-safe; meant to live inside one keyed operator. Indices are relative to the oldest
 * retained event and shift on eviction.
 */
public final class LearnerTimeline {

    private static final int MIN_CAPACITY = 8;
    private static final LearnerEvent[] EMPTY = new LearnerEvent[0];
    private static final long[] NO_TIMES = new long[0];

    private LearnerEvent[] buf = EMPTY;
    /**
     * {@code times[i] == buf[i].eventTime}: searches by time read this one dense array instead of an
     * event object per step (the operator's state does not fit in the processor caches).
     */
    private long[] times = NO_TIMES;
    private int head;
    private int tail;
    /** Ids of the events present; null when the caller guarantees unique ids (see the constructor). */
    private final Set<String> ids;
    private final List<LearnerEvent> view = new View();

    public LearnerTimeline() {
        this(true);
    }

    /**
     * @param rejectRepeatedIds false when the caller never adds an event whose id is present already (it
     *     deduplicates first, over at least the time the timeline keeps events): saves keeping a set of ids
     */
    public LearnerTimeline(boolean rejectRepeatedIds) {
        this.ids = rejectRepeatedIds ? new HashSet<>() : null;
    }

    /**
     * Adds an event at its event-time position.
     *
     * @return false (and nothing changes) if an event with the same event id is already present (only
     *     checked when the timeline was created to reject repeated ids)
     */
    public boolean add(LearnerEvent e) {
        Objects.requireNonNull(e, "event");
        Objects.requireNonNull(e.eventId, "eventId");
        if (ids != null && !ids.add(e.eventId)) {
            return false;
        }
        if (head == tail || LearnerEvent.compareByTime(buf[tail - 1], e) < 0) {
            ensureTailRoom();
            times[tail] = e.eventTime;
            buf[tail++] = e;
            return true;
        }
        ensureTailRoom();
        int pos = insertionPoint(e);
        System.arraycopy(buf, pos, buf, pos + 1, tail - pos);
        System.arraycopy(times, pos, times, pos + 1, tail - pos);
        buf[pos] = e;
        times[pos] = e.eventTime;
        tail++;
        return true;
    }

    /** Whether {@link #add} rejects an id that is present (see the constructors). */
    public boolean rejectsRepeatedIds() {
        return ids != null;
    }

    /** A read-only view of the events in event-time order; it reflects later changes. */
    public List<LearnerEvent> events() {
        return view;
    }

    public int size() {
        return tail - head;
    }

    public boolean isEmpty() {
        return head == tail;
    }

    /** The i-th event in event-time order (0 = oldest retained). */
    public LearnerEvent get(int i) {
        if (i < 0 || i >= tail - head) {
            throw new IndexOutOfBoundsException("index " + i + ", size " + (tail - head));
        }
        return buf[head + i];
    }

    /** Event time of the i-th event (0 = oldest retained), without touching the event. */
    public long timeAt(int i) {
        if (i < 0 || i >= tail - head) {
            throw new IndexOutOfBoundsException("index " + i + ", size " + (tail - head));
        }
        return times[head + i];
    }

    /** Whether an event with this id is present. */
    public boolean contains(String eventId) {
        if (ids != null) {
            return ids.contains(eventId);
        }
        for (int i = head; i < tail; i++) {
            if (buf[i].eventId.equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /** Index of the first event with {@code eventTime >= time}; {@link #size()} if there is none. */
    public int indexAtOrAfter(long time) {
        int lo = head;
        int hi = tail;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - head;
    }

    /** Drops every event with {@code eventTime < time}. Amortised O(1) per dropped event. */
    public void evictBefore(long time) {
        while (head < tail && times[head] < time) {
            if (ids != null) {
                ids.remove(buf[head].eventId);
            }
            buf[head++] = null;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
            if (buf.length > 4 * MIN_CAPACITY) {
                buf = EMPTY;
                times = NO_TIMES;
            }
        } else if (buf.length > 4 * MIN_CAPACITY && size() <= buf.length / 4) {
            reallocate(Math.max(MIN_CAPACITY, size() * 2));
        }
    }

    /** Event time of the oldest event; {@link Long#MAX_VALUE} when empty. */
    public long earliestTime() {
        return head == tail ? Long.MAX_VALUE : times[head];
    }

    /** Event time of the newest event; {@link Long#MIN_VALUE} when empty. */
    public long latestTime() {
        return head == tail ? Long.MIN_VALUE : times[tail - 1];
    }

    /** Absolute array index at which {@code e} belongs (first element ordered after it). */
    private int insertionPoint(LearnerEvent e) {
        int lo = head;
        int hi = tail;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long t = times[mid];
            if (t < e.eventTime || t == e.eventTime && LearnerEvent.compareByTime(buf[mid], e) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Makes sure {@code buf[tail]} is usable, compacting or growing as needed. */
    private void ensureTailRoom() {
        if (tail < buf.length) {
            return;
        }
        int n = size();
        if (head > 0 && n <= buf.length / 2) {
            System.arraycopy(buf, head, buf, 0, n);
            System.arraycopy(times, head, times, 0, n);
            java.util.Arrays.fill(buf, n, tail, null);
            head = 0;
            tail = n;
        } else {
            reallocate(Math.max(MIN_CAPACITY, buf.length * 2));
        }
    }

    private void reallocate(int capacity) {
        int n = size();
        LearnerEvent[] next = new LearnerEvent[capacity];
        System.arraycopy(buf, head, next, 0, n);
        long[] nextTimes = new long[capacity];
        System.arraycopy(times, head, nextTimes, 0, n);
        buf = next;
        times = nextTimes;
        head = 0;
        tail = n;
    }

    @Override
    public String toString() {
        return "LearnerTimeline{size=" + size() + ", from=" + earliestTime() + ", to=" + latestTime() + '}';
    }

    private final class View extends AbstractList<LearnerEvent> implements RandomAccess {
        @Override
        public LearnerEvent get(int index) {
            return LearnerTimeline.this.get(index);
        }

        @Override
        public int size() {
            return LearnerTimeline.this.size();
        }
    }
}
