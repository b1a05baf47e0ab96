package io.learnpulse.core.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;

/**
 * Replaces learner ids by a keyed hash (HMAC-SHA256, first 128 bits, hex) before anything is stored or
 * served. Without the secret a pseudonym cannot be linked back to a learner by hashing candidate ids, which a
 * plain hash would allow; with it, the same learner always gets the same pseudonym, so fusion, dedup and
 * serving work unchanged. Pseudonyms carry the {@code lp-} prefix so that an id which already is one is not
 * hashed twice (profiles and API lookups may come with either form).
 *
 * <p>{@link #identity()} leaves ids as they are (pseudonymization off). Thread-safe.
 */
public final class Pseudonymizer implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern PSEUDONYM = Pattern.compile("lp-[0-9a-f]{32}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Pseudonymizer IDENTITY = new Pseudonymizer(null);

    /** Null when off. */
    private final byte[] secret;
    private transient ThreadLocal<Mac> mac;

    private Pseudonymizer(byte[] secret) {
        this.secret = secret;
    }

    /** Pseudonymization off: {@link #apply} returns ids unchanged. */
    public static Pseudonymizer identity() {
        return IDENTITY;
    }

    /** Keyed with {@code secret}, which must be at least 16 characters. */
    public static Pseudonymizer keyed(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the pseudonymization secret must be at least 16 characters");
        }
        return new Pseudonymizer(secret.getBytes(StandardCharsets.UTF_8));
    }

    public boolean enabled() {
        return secret != null;
    }

    /** True for a string of the pseudonym form. */
    public static boolean isPseudonym(String id) {
        return id != null && PSEUDONYM.matcher(id).matches();
    }

    /** The pseudonym of {@code learnerId} (unchanged when off, when null, or when already a pseudonym). */
    public String apply(String learnerId) {
        if (secret == null || learnerId == null || isPseudonym(learnerId)) {
            return learnerId;
        }
        byte[] h = mac().doFinal(learnerId.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[3 + 32];
        out[0] = 'l';
        out[1] = 'p';
        out[2] = '-';
        for (int i = 0; i < 16; i++) {
            out[3 + 2 * i] = HEX[(h[i] >> 4) & 0xF];
            out[4 + 2 * i] = HEX[h[i] & 0xF];
        }
        return new String(out);
    }

    private Mac mac() {
        if (mac == null) {
            // Benign race: two threads may each create a ThreadLocal; either works.
            mac = ThreadLocal.withInitial(() -> {
                try {
                    Mac m = Mac.getInstance("HmacSHA256");
                    m.init(new SecretKeySpec(secret, "HmacSHA256"));
                    return m;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HmacSHA256 unavailable", e);
                }
            });
        }
        return mac.get();
    }

    @Override
    public String toString() {
        return secret == null ? "Pseudonymizer{off}" : "Pseudonymizer{hmac-sha256}";
    }
}
