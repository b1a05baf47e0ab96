package io.learnpulse.app.gateway;

import io.learnpulse.core.config.GatewayConfig.ApiKey;
import io.learnpulse.core.config.GatewayConfig.Endpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks the {@code Authorization} header against the configured keys: HTTP Basic with a key and its secret
 * (what xAPI clients send), or {@code Bearer <key>} for a key without a secret (what Caliper sensors send).
 * Every key is compared, in constant time, so the response time does not tell which part was wrong.
 */
final class Authenticator {
    static final String REALM = "learnpulse";

    private final List<ApiKey> keys;

    Authenticator(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * The key the request authenticates as, allowed on {@code endpoint}.
     *
     * @throws HttpError 401 without valid credentials (with the challenges), 403 for a key not allowed there
     */
    ApiKey require(String authorization, Endpoint endpoint) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized(endpoint, "missing credentials: send HTTP Basic authentication with a key and its "
                    + "secret, or 'Authorization: Bearer <token>'");
        }
        ApiKey key = authenticate(authorization.trim());
        if (key == null) {
            throw unauthorized(endpoint, "invalid credentials");
        }
        if (!key.allows(endpoint)) {
            throw HttpError.of(403, "key '" + key.key + "' may not send to the " + endpoint.configName()
                    + " endpoint (it may send to: " + String.join(", ",
                            key.endpoints.stream().map(Endpoint::configName).sorted().toList()) + ")");
        }
        return key;
    }

    /** The key of valid credentials, or null. */
    ApiKey authenticate(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).trim();
        if (scheme.equals("basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return match(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        if (scheme.equals("bearer")) {
            return match(value, null);
        }
        return null;
    }

    /** The key named {@code key} whose secret is {@code secret} (null: a bearer token, which has none). */
    private ApiKey match(String key, String secret) {
        byte[] k = bytes(key);
        byte[] s = secret == null ? null : bytes(secret);
        ApiKey found = null;
        for (ApiKey candidate : keys) {
            boolean keyMatches = MessageDigest.isEqual(k, bytes(candidate.key));
            boolean secretMatches = secret == null ? candidate.secret == null
                    : candidate.secret != null && MessageDigest.isEqual(s, bytes(candidate.secret));
            if (keyMatches & secretMatches) {
                found = candidate;
            }
        }
        return found;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpError unauthorized(Endpoint endpoint, String message) {
        String basic = "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
        String bearer = "Bearer realm=\"" + REALM + "\"";
        HttpError e = HttpError.of(401, message);
        // The scheme the endpoint's clients use first.
        return endpoint == Endpoint.XAPI ? e.header("WWW-Authenticate", basic).header("WWW-Authenticate", bearer)
                : e.header("WWW-Authenticate", bearer).header("WWW-Authenticate", basic);
    }
}
