package io.learnpulse.core.sim;

import java.util.SplittableRandom;

/** Seed mixing and distributions on top of {@link SplittableRandom}, identical on every JVM. */
final class Rng {
    private Rng() {}

    /** SplitMix64 finaliser: a well-mixed 64-bit value from any input. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed derived from a base seed, a stream tag and an index. */
    static long seed(long base, long tag, long index) {
        return mix64(mix64(base + 0x9e3779b97f4a7c15L * tag) + 0x632be59bd9b4e019L * (index + 1));
    }

    static long seed(long base, long tag, String key) {
        long h = 1125899906842597L;
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return seed(base, tag, h);
    }

    /** Standard normal by Box-Muller (two uniforms per call, no cached state). */
    static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble(); // (0, 1]
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Uniform long in [min, max] (inclusive). */
    static long uniform(SplittableRandom r, long min, long max) {
        return max <= min ? min : min + r.nextLong(max - min + 1);
    }

    /** A value in [min, max] skewed towards min (density falling linearly-ish): min + (max-min) * u^2. */
    static long skewed(SplittableRandom r, long min, long max) {
        double u = r.nextDouble();
        return min + Math.round((max - min) * u * u);
    }

    /** Exponential with the given mean. */
    static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1.0 - r.nextDouble());
    }
}
