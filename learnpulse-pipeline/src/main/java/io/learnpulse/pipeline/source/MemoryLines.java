package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.Sources;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Raw records generated before a job starts (the benchmark's input), held in memory for {@link MemorySource}:
 * per partition, in arrival order, each record's channel, arrival time (event-time clock) and line.
 *
 * <p>The lines live outside the Java heap (direct buffers), so that a heap measurement of the job that reads
 * them sees the job's own memory and not its input, and so that gigabytes of input do not slow down garbage
 * collection of the job's objects. Registered by name in a static registry because the source is serialized
 * into the job and re-created inside the embedded cluster: it finds the lines again by their name.
 *
 * <p>A partition is written by one thread, then read (possibly by several cursors) once it is published with
 * {@link #register}.
 */
public final class MemoryLines {
    private static final ConcurrentMap<String, MemoryLines> REGISTRY = new ConcurrentHashMap<>();
    private static final int CHUNK_BYTES = 32 << 20;
    /** Arrival time (8 bytes), channel (1 byte), length (4 bytes). */
    private static final int HEADER_BYTES = 13;

    private final String name;
    private final Partition[] partitions;

    private MemoryLines(String name, Partition[] partitions) {
        this.name = name;
        this.partitions = partitions;
    }

    /** New empty partitions, to be filled (one thread each) and then {@linkplain #register registered} as {@code name}. */
    public static Partition[] newPartitions(int count) {
        return newPartitions(count, CHUNK_BYTES);
    }

    static Partition[] newPartitions(int count, int chunkBytes) {
        Partition[] p = new Partition[count];
        for (int i = 0; i < count; i++) {
            p[i] = new Partition(chunkBytes);
        }
        return p;
    }

    /** Publishes filled partitions under {@code name}; fails if the name is taken. */
    public static MemoryLines register(String name, Partition[] partitions) {
        MemoryLines lines = new MemoryLines(Objects.requireNonNull(name), partitions.clone());
        if (REGISTRY.putIfAbsent(name, lines) != null) {
            throw new IllegalStateException("memory lines named '" + name + "' are registered already");
        }
        return lines;
    }

    /** The registered lines of that name; fails when there are none (a job restarted in another JVM). */
    static MemoryLines lookup(String name) {
        MemoryLines lines = REGISTRY.get(name);
        if (lines == null) {
            throw new IllegalStateException("no memory lines named '" + name + "' in this JVM");
        }
        return lines;
    }

    /** Forgets the lines, so their memory can be reclaimed once no reader holds them. */
    public void release() {
        REGISTRY.remove(name, this);
    }

    public String name() {
        return name;
    }

    public int partitionCount() {
        return partitions.length;
    }

    Partition partition(int p) {
        return partitions[p];
    }

    /** A new reader of partition {@code p}, from its first record (for senders of the lines other than the source). */
    public Cursor cursor(int p) {
        return partitions[p].cursor();
    }

    public long records() {
        long n = 0;
        for (Partition p : partitions) {
            n += p.count;
        }
        return n;
    }

    /** Bytes held outside the heap. */
    public long bytes() {
        long n = 0;
        for (Partition p : partitions) {
            n += p.bytes;
        }
        return n;
    }

    /** The earliest arrival time over all partitions, or Long.MAX_VALUE when empty. */
    public long firstArrival() {
        long t = Long.MAX_VALUE;
        for (Partition p : partitions) {
            t = Math.min(t, p.firstArrival);
        }
        return t;
    }

    /** The latest arrival time over all partitions, or Long.MIN_VALUE when empty. */
    public long lastArrival() {
        long t = Long.MIN_VALUE;
        for (Partition p : partitions) {
            t = Math.max(t, p.lastArrival);
        }
        return t;
    }

    /** One partition's records, appended in arrival order. */
    public static final class Partition {
        private final int chunkBytes;
        private final List<ByteBuffer> chunks = new ArrayList<>();
        private ByteBuffer current;
        private long count;
        private long bytes;
        private long firstArrival = Long.MAX_VALUE;
        private long lastArrival = Long.MIN_VALUE;

        private Partition(int chunkBytes) {
            this.chunkBytes = chunkBytes;
        }

        /** Appends a record; arrival times must not decrease. */
        public void append(String source, String line, long arrivalTime) {
            int code = Sources.ALL.indexOf(source);
            if (code < 0) {
                throw new IllegalArgumentException("unknown channel '" + source + "'");
            }
            if (arrivalTime < lastArrival) {
                throw new IllegalArgumentException("arrival times must not decrease");
            }
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            int size = HEADER_BYTES + b.length;
            if (size > chunkBytes) {
                throw new IllegalArgumentException("a line of " + b.length + " bytes does not fit a chunk");
            }
            if (current == null || current.remaining() < size) {
                current = ByteBuffer.allocateDirect(chunkBytes);
                chunks.add(current);
            }
            current.putLong(arrivalTime).put((byte) code).putInt(b.length).put(b);
            count++;
            bytes += size;
            firstArrival = Math.min(firstArrival, arrivalTime);
            lastArrival = arrivalTime;
        }

        public long count() {
            return count;
        }

        public long lastArrival() {
            return lastArrival;
        }

        Cursor cursor() {
            return new Cursor(this);
        }
    }

    /** Reads a partition front to back. Not thread-safe; one per reader. */
    public static final class Cursor {
        private final Partition partition;
        private int chunk;
        private int pos;
        private long index;
        private byte[] scratch = new byte[1024];

        private Cursor(Partition partition) {
            this.partition = partition;
        }

        public boolean hasNext() {
            return index < partition.count;
        }

        /** Arrival time of the next record; only when {@link #hasNext()}. */
        public long arrival() {
            settle();
            return partition.chunks.get(chunk).getLong(pos);
        }

        public String source() {
            settle();
            return Sources.ALL.get(partition.chunks.get(chunk).get(pos + 8));
        }

        /** The next record's line; moves past the record. */
        public String line() {
            settle();
            ByteBuffer b = partition.chunks.get(chunk);
            int len = b.getInt(pos + 9);
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, scratch.length * 2)];
            }
            b.get(pos + HEADER_BYTES, scratch, 0, len);
            pos += HEADER_BYTES + len;
            index++;
            return new String(scratch, 0, len, StandardCharsets.UTF_8);
        }

        /** Moves past the next record. */
        public void skip() {
            settle();
            pos += HEADER_BYTES + partition.chunks.get(chunk).getInt(pos + 9);
            index++;
        }

        public long position() {
            return index;
        }

        /** A chunk ends where its writer found no room for the next record: continue in the next chunk. */
        private void settle() {
            ByteBuffer b = partition.chunks.get(chunk);
            if (pos >= b.position()) {
                chunk++;
                pos = 0;
            }
        }
    }
}
