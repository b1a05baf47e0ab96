package io.learnpulse.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The query API (the {@code api} section; meaning in {@code learnpulse-defaults.yaml}). Immutable. Not
 * serializable on purpose: tokens stay in the process that serves the API and are never shipped inside a job.
 */
public final class ApiConfig {

    /** A bearer token and the courses it may read ({@code *}: all). */
    public record Token(String token, String name, Set<String> courses) {
        public Token {
            courses = Set.copyOf(courses);
        }

        @Override
        public String toString() {
            // Never the token itself.
            return "Token{" + name + ' ' + courses + '}';
        }
    }

    private final String host;
    private final int port;
    private final List<Token> tokens;

    private ApiConfig(String host, int port, List<Token> tokens) {
        this.host = host;
        this.port = port;
        this.tokens = List.copyOf(tokens);
    }

    static ApiConfig fromTree(JsonNode a) {
        String host = ConfigNodes.text(a, "host", "api", false);
        int port = ConfigNodes.integer(a, "port", "api", -1, 65535);
        JsonNode list = a.get("tokens");
        List<Token> tokens = new ArrayList<>();
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("api.tokens must be a list of {token, name, courses}");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "api.tokens[" + i + "]";
                JsonNode t = list.get(i);
                if (!t.isObject()) {
                    throw new IllegalArgumentException(path + " must be a mapping with token, name and courses");
                }
                Iterator<String> names = t.fieldNames();
                while (names.hasNext()) {
                    String n = names.next();
                    if (!n.equals("token") && !n.equals("name") && !n.equals("courses")) {
                        throw new IllegalArgumentException("unknown config key '" + path + "." + n + "'");
                    }
                }
                String token = ConfigNodes.text(t, "token", path, false);
                if (token.length() < 8) {
                    throw new IllegalArgumentException(path + ".token must be at least 8 characters");
                }
                if (!seen.add(token)) {
                    throw new IllegalArgumentException(path + ".token is listed twice");
                }
                String name = ConfigNodes.text(t, "name", path, true);
                JsonNode cs = t.get("courses");
                if (cs == null || !cs.isArray() || cs.isEmpty()) {
                    throw new IllegalArgumentException(path + ".courses must be a non-empty list of course ids (or [\"*\"])");
                }
                Set<String> courses = new HashSet<>();
                for (JsonNode c : cs) {
                    if (!c.isTextual() || c.asText().isBlank()) {
                        throw new IllegalArgumentException(path + ".courses must hold course ids (strings)");
                    }
                    courses.add(c.asText().strip());
                }
                tokens.add(new Token(token, name.isEmpty() ? "token " + (i + 1) : name, courses));
            }
        }
        return new ApiConfig(host, port, tokens);
    }

    public String host() {
        return host;
    }

    /** The port; 0 picks a free one, -1 means the API is off. */
    public int port() {
        return port;
    }

    public boolean enabled() {
        return port >= 0;
    }

    public List<Token> tokens() {
        return tokens;
    }

    public ApiConfig withPort(int p) {
        return new ApiConfig(host, p, tokens);
    }
}
