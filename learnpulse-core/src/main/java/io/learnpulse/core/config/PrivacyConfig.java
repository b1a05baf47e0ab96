package io.learnpulse.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.core.privacy.Pseudonymizer;

import java.io.Serializable;
import java.util.function.Function;

/** Learner pseudonymization (the {@code privacy} section; docs/privacy.md). */
public final class PrivacyConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Where the secret may come from instead of the file, so that it need not be written into one. */
    public static final String SECRET_ENV = "LEARNPULSE_PSEUDONYM_SECRET";

    private final Pseudonymizer pseudonymizer;

    private PrivacyConfig(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    static PrivacyConfig fromTree(JsonNode p, Function<String, String> env) {
        boolean on = ConfigNodes.bool(p, "pseudonymize", "privacy");
        String secret = ConfigNodes.text(p, "secret", "privacy", true);
        if (!on) {
            return new PrivacyConfig(Pseudonymizer.identity());
        }
        if (secret.isEmpty()) {
            String fromEnv = env.apply(SECRET_ENV);
            secret = fromEnv == null ? "" : fromEnv.strip();
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("privacy.pseudonymize is on but no secret is set: set privacy.secret or "
                    + "the environment variable " + SECRET_ENV);
        }
        try {
            return new PrivacyConfig(Pseudonymizer.keyed(secret));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("privacy.secret: " + e.getMessage(), e);
        }
    }

    /** The learner-id pseudonymizer; the identity when pseudonymization is off. */
    public Pseudonymizer pseudonymizer() {
        return pseudonymizer;
    }
}
