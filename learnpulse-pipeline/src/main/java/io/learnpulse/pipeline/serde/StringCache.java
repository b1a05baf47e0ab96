package io.learnpulse.pipeline.serde;

import org.apache.flink.core.memory.DataInputView;

import java.io.IOException;
import java.io.UTFDataFormatException;

/**
 * Reads strings written with {@code writeUTF}, handing back one shared instance per distinct value while
 * the value stays in a fixed-size table. For the fields of an event that repeat across events (channel,
 * format, learner, course, question, video, page): the copies of a learner's events held in its state then
 * share their strings, which saves memory and lets equality checks succeed on identity, and reading an
 * event allocates little besides its id.
 *
 * <p>Thread-safe without locks: the table holds immutable strings, a lost race only costs a miss, and a hit
 * is verified character by character.
 */
final class StringCache {
    private final String[] table;
    private final int mask;

    /** @param slots a power of two */
    StringCache(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two");
        }
        table = new String[slots];
        mask = slots - 1;
    }

    /** A buffer for {@link #read}, for one thread: one per record read is cheaper than a thread-local. */
    static final class Scratch {
        byte[] bytes = new byte[64];
    }

    /** Reads what {@code DataOutput.writeUTF} wrote. */
    String read(DataInputView in, Scratch scratch) throws IOException {
        int len = in.readUnsignedShort();
        byte[] b = scratch.bytes;
        if (b.length < len) {
            b = scratch.bytes = new byte[Math.max(len, b.length * 2)];
        }
        in.readFully(b, 0, len);
        int h = 0x811c9dc5;
        for (int i = 0; i < len; i++) {
            int c = b[i];
            if (c <= 0) {
                return decode(b, len); // not plain ASCII (modified UTF-8 writes NUL as two bytes): not cached
            }
            h = (h ^ c) * 0x01000193;
        }
        int slot = (h ^ (h >>> 16)) & mask;
        String s = table[slot];
        if (s != null && matches(s, b, len)) {
            return s;
        }
        s = new String(b, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        table[slot] = s;
        return s;
    }

    private static boolean matches(String s, byte[] b, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Modified UTF-8, as {@link java.io.DataInputStream#readUTF} decodes it. */
    private static String decode(byte[] b, int len) throws UTFDataFormatException {
        char[] chars = new char[len];
        int n = 0;
        int i = 0;
        while (i < len) {
            int c = b[i] & 0xff;
            switch (c >> 4) {
                case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
                    i++;
                    chars[n++] = (char) c;
                    break;
                case 12: case 13: {
                    if (i + 2 > len) {
                        throw new UTFDataFormatException("malformed input: partial character at end");
                    }
                    int c2 = b[i + 1];
                    if ((c2 & 0xC0) != 0x80) {
                        throw new UTFDataFormatException("malformed input around byte " + i);
                    }
                    chars[n++] = (char) (((c & 0x1F) << 6) | (c2 & 0x3F));
                    i += 2;
                    break;
                }
                case 14: {
                    if (i + 3 > len) {
                        throw new UTFDataFormatException("malformed input: partial character at end");
                    }
                    int c2 = b[i + 1];
                    int c3 = b[i + 2];
                    if ((c2 & 0xC0) != 0x80 || (c3 & 0xC0) != 0x80) {
                        throw new UTFDataFormatException("malformed input around byte " + (i + 1));
                    }
                    chars[n++] = (char) (((c & 0x0F) << 12) | ((c2 & 0x3F) << 6) | (c3 & 0x3F));
                    i += 3;
                    break;
                }
                default:
                    throw new UTFDataFormatException("malformed input around byte " + i);
            }
        }
        return new String(chars, 0, n);
    }
}
