package io.learnpulse.core.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.config.LearnPulseConfig;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * BKT parameters per skill, with a default for every skill that has none of its own. Immutable and
 * serializable (ship it to operators inside their function objects).
 *
 * <p>The file form, {@code params.json}:
 * <pre>
 * {"default": {"p_init": 0.2, "p_learn": 0.15, "p_guess": 0.2, "p_slip": 0.1},
 *  "skills": {"skill-id": {"p_init": .., "p_learn": .., "p_guess": .., "p_slip": .., "observations": 1234}}}
 * </pre>
 * {@code default} and {@code skills} are required; each parameter object needs the four numbers (valid
 * as for {@link BktParams}); {@code observations} (how many first attempts the fit used) is optional, a
 * non-negative integer. Unknown fields are ignored; duplicate keys are rejected. Skills are written in
 * sorted order, so the same set always gives the same bytes.
 */
public final class BktParameterSet implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final BktParams defaultParams;
    private final TreeMap<String, BktParams> skills;
    private final TreeMap<String, Long> observations;

    public BktParameterSet(BktParams defaultParams, Map<String, BktParams> skills, Map<String, Long> observations) {
        if (defaultParams == null) {
            throw new IllegalArgumentException("default parameters are required");
        }
        this.defaultParams = defaultParams;
        this.skills = new TreeMap<>(skills);
        this.observations = new TreeMap<>(observations);
        this.observations.keySet().retainAll(this.skills.keySet());
    }

    /** Every skill uses {@code defaults}. */
    public static BktParameterSet uniform(BktParams defaults) {
        return new BktParameterSet(defaults, Map.of(), Map.of());
    }

    /** Every skill uses the documented defaults ({@link BktParams#DEFAULTS}). */
    public static BktParameterSet defaults() {
        return uniform(BktParams.DEFAULTS);
    }

    /**
     * The parameters the config selects: the file {@code models.bkt.params-file} when set (its
     * {@code default} applies to skills it does not list), else {@code models.bkt.p-*} for every skill.
     */
    public static BktParameterSet fromConfig(LearnPulseConfig config) throws IOException {
        String file = config.bktParamsFile();
        return file == null ? uniform(config.bktDefaults()) : read(Path.of(file));
    }

    /** The parameters of a skill: its own, else the default. */
    public BktParams forSkill(String skillId) {
        BktParams p = skillId == null ? null : skills.get(skillId);
        return p != null ? p : defaultParams;
    }

    public BktParams defaultParams() {
        return defaultParams;
    }

    /** Skills with their own parameters, sorted by id. */
    public Map<String, BktParams> skills() {
        return Collections.unmodifiableMap(skills);
    }

    /** First attempts the fit of a skill used; 0 when unknown or the skill has no parameters of its own. */
    public long observations(String skillId) {
        return observations.getOrDefault(skillId, 0L);
    }

    // ------------------------------------------------------------------------------------ JSON

    public static BktParameterSet read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the JSON path of the first problem */
    public static BktParameterSet parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid params JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("invalid params: the document must be a JSON object");
        }
        JsonNode def = root.get("default");
        if (def == null || def.isNull()) {
            throw new IllegalArgumentException("invalid params: default is required");
        }
        BktParams defaults = params(def, "default");
        JsonNode skillsNode = root.get("skills");
        if (skillsNode == null || skillsNode.isNull()) {
            throw new IllegalArgumentException("invalid params: skills is required");
        }
        if (!skillsNode.isObject()) {
            throw new IllegalArgumentException("invalid params: skills must be an object");
        }
        Map<String, BktParams> skills = new TreeMap<>();
        Map<String, Long> obs = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = skillsNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "skills." + e.getKey();
            if (e.getKey().isEmpty()) {
                throw new IllegalArgumentException("invalid params: a skill id must not be empty");
            }
            skills.put(e.getKey(), params(e.getValue(), path));
            JsonNode n = e.getValue().get("observations");
            if (n != null && !n.isNull()) {
                if (!n.canConvertToLong() || !n.isIntegralNumber() || n.longValue() < 0) {
                    throw new IllegalArgumentException("invalid params: " + path + ".observations must be a non-negative integer");
                }
                obs.put(e.getKey(), n.longValue());
            }
        }
        return new BktParameterSet(defaults, skills, obs);
    }

    private static BktParams params(JsonNode n, String path) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("invalid params: " + path + " must be an object");
        }
        double init = number(n, path, "p_init");
        double learn = number(n, path, "p_learn");
        double guess = number(n, path, "p_guess");
        double slip = number(n, path, "p_slip");
        try {
            return new BktParams(init, learn, guess, slip);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid params: " + path + ": " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode n, String path, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("invalid params: " + path + "." + key + " is required");
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("invalid params: " + path + "." + key + " must be a number");
        }
        return v.doubleValue();
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        write(root.putObject("default"), defaultParams);
        ObjectNode s = root.putObject("skills");
        for (Map.Entry<String, BktParams> e : skills.entrySet()) {
            ObjectNode n = s.putObject(e.getKey());
            write(n, e.getValue());
            Long o = observations.get(e.getKey());
            if (o != null) {
                n.put("observations", o.longValue());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize parameters", e);
        }
    }

    private static void write(ObjectNode n, BktParams p) {
        n.put("p_init", p.pInit);
        n.put("p_learn", p.pLearn);
        n.put("p_guess", p.pGuess);
        n.put("p_slip", p.pSlip);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BktParameterSet)) {
            return false;
        }
        BktParameterSet s = (BktParameterSet) o;
        return defaultParams.equals(s.defaultParams) && skills.equals(s.skills) && observations.equals(s.observations);
    }

    @Override
    public int hashCode() {
        return defaultParams.hashCode() * 31 + skills.hashCode();
    }

    @Override
    public String toString() {
        return "BktParameterSet{default=" + defaultParams + ", skills=" + skills.size() + '}';
    }
}
