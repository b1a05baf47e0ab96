package io.learnpulse.core.model;

/** Seed mixing that is identical on every JVM (no reliance on identity hashes or iteration order). */
final class Seeds {
    private Seeds() {}

    /** SplitMix64 finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit hash of a string (polynomial over its UTF-16 chars, then mixed). */
    static long hash(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return mix64(h);
    }

    static long seed(long base, String key, long index) {
        return mix64(mix64(base ^ hash(key)) + 0x9e3779b97f4a7c15L * (index + 1));
    }

    /** A uniform double in [0, 1) from a seed and a key. */
    static double uniform(long base, String key) {
        return (mix64(base ^ hash(key)) >>> 11) * 0x1.0p-53;
    }
}
