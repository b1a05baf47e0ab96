package io.learnpulse.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a downstream store ends up holding after upserting a result file: per key, the final record
 * with the highest revision. The returned records leave out {@code status} and {@code revision}, so
 * two runs can be compared on content alone, and the attached {@code profile}, which is applied by arrival
 * (docs/profiles.md) and so is not part of what an event-time result is.
 */
public final class LatestFinals {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LatestFinals() {}

    /** Key → the latest final record (as compact JSON without status and revision), sorted by key. */
    public static Map<String, String> of(Path file) throws IOException {
        Map<String, Integer> revisions = new HashMap<>();
        Map<String, String> latest = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                if (!"final".equals(node.path("status").asText())) {
                    continue;
                }
                String key = node.path("key").asText();
                int revision = node.path("revision").asInt();
                Integer seen = revisions.get(key);
                if (seen == null || revision > seen) {
                    revisions.put(key, revision);
                    ObjectNode content = ((ObjectNode) node).deepCopy();
                    content.remove("status");
                    content.remove("revision");
                    content.remove("profile");
                    latest.put(key, JSON.writeValueAsString(content));
                }
            }
        }
        return latest;
    }
}
