package io.learnpulse.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.learnpulse.core.model.BktParams;
import io.learnpulse.core.rules.RulesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

import static io.learnpulse.core.config.ConfigNodes.duration;

/**
 * All settings, in one place. Defaults live in {@code learnpulse-defaults.yaml} (documented there);
 * a user file overrides any subset of keys, and an unknown key is an error rather than silently
 * ignored, so a typo cannot leave a default in force unnoticed.
 */
public final class LearnPulseConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String DEFAULTS = "/learnpulse-defaults.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final java.util.Set<String> FREE_MAPS = java.util.Set.of("kafka.properties");

    private int parallelism;
    private Duration fusionWindow;
    private Duration aggregateWindow;
    private Duration aggregateSlide;
    private Duration playbackLookback;
    private Duration sessionGap;
    private Duration sessionMaxDuration;
    private Duration sessionActiveGap;
    private Duration dedupRetention;
    private Duration learnerStateTtl;
    private Duration maxFutureSkew;
    private int maxRecordBytes;

    private LatenessPolicy defaultLateness;
    private final Map<String, LatenessPolicy> lateness = new HashMap<>();

    private boolean exactlyOnce;
    private Duration checkpointInterval;
    private String checkpointDir;
    private String stateBackend;
    private boolean incrementalCheckpoints;
    private Duration bufferTimeout;
    private Duration watermarkInterval;
    private String prometheusPort;

    private BktParams bktDefaults;
    private String bktParamsFile;
    private RulesConfig rules;
    /**
     * Used by the process that runs the HTTP gateway only: transient, so its keys and secrets are not shipped
     * inside the job (which serializes this config into its functions); null in a deserialized copy.
     */
    private transient GatewayConfig gateway;
    private KafkaConfig kafka;
    private ServingConfig serving;
    /** Like the gateway's: tokens stay in the process that serves the API. */
    private transient ApiConfig api;
    private PrivacyConfig privacy;

    private LearnPulseConfig() {}

    public static LearnPulseConfig defaults() {
        return fromTree(readDefaults());
    }

    public static LearnPulseConfig load(Path file) {
        JsonNode user;
        try {
            user = YAML.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        return fromYaml(user, file.toString());
    }

    public static LearnPulseConfig fromYamlString(String yaml) {
        try {
            return fromYaml(YAML.readTree(yaml), "<string>");
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid YAML: " + e.getMessage(), e);
        }
    }

    private static LearnPulseConfig fromYaml(JsonNode user, String origin) {
        ObjectNode merged = readDefaults();
        if (user != null && !user.isNull() && !user.isMissingNode()) {
            if (!user.isObject()) {
                throw new IllegalArgumentException(origin + ": the config must be a mapping");
            }
            merge(merged, (ObjectNode) user, "");
        }
        return fromTree(merged);
    }

    private static ObjectNode readDefaults() {
        try (InputStream in = LearnPulseConfig.class.getResourceAsStream(DEFAULTS)) {
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing " + DEFAULTS + " on the class path", e);
        }
    }

    private static void merge(ObjectNode target, ObjectNode user, String path) {
        Iterator<Map.Entry<String, JsonNode>> it = user.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            JsonNode existing = target.get(key);
            boolean sourceLateness = path.equals("lateness") && existing == null;
            if (FREE_MAPS.contains(keyPath)) {
                // Keys of these mappings are not LearnPulse settings (Kafka client properties): taken as given.
                if (!e.getValue().isObject() && !e.getValue().isNull()) {
                    throw new IllegalArgumentException("'" + keyPath + "' must be a mapping");
                }
                target.set(key, e.getValue().isNull() ? target.objectNode() : e.getValue());
                continue;
            }
            if (existing == null && !sourceLateness) {
                throw new IllegalArgumentException("unknown config key '" + keyPath + "'");
            }
            if (sourceLateness) {
                if (!e.getValue().isObject()) {
                    throw new IllegalArgumentException("'" + keyPath + "' must be a mapping");
                }
                ObjectNode copy = target.objectNode();
                merge(copy.setAll((ObjectNode) target.get("default").deepCopy()), (ObjectNode) e.getValue(), keyPath);
                target.set(key, copy);
            } else if (existing.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new IllegalArgumentException("'" + keyPath + "' must be a mapping");
                }
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), keyPath);
            } else {
                target.set(key, e.getValue());
            }
        }
    }

    private static LearnPulseConfig fromTree(ObjectNode t) {
        LearnPulseConfig c = new LearnPulseConfig();
        JsonNode p = t.get("pipeline");
        c.parallelism = positiveInt(p, "parallelism", "pipeline.parallelism");
        c.fusionWindow = duration(p, "fusion-window", "pipeline");
        c.aggregateWindow = duration(p, "aggregate-window", "pipeline");
        c.aggregateSlide = duration(p, "aggregate-slide", "pipeline");
        c.playbackLookback = duration(p, "playback-lookback", "pipeline");
        c.sessionGap = duration(p, "session-gap", "pipeline");
        c.sessionMaxDuration = duration(p, "session-max-duration", "pipeline");
        c.sessionActiveGap = duration(p, "session-active-gap", "pipeline");
        c.dedupRetention = duration(p, "dedup-retention", "pipeline");
        c.learnerStateTtl = duration(p, "learner-state-ttl", "pipeline");
        c.maxFutureSkew = duration(p, "max-future-skew", "pipeline");
        c.maxRecordBytes = positiveInt(p, "max-record-bytes", "pipeline.max-record-bytes");
        if (c.aggregateSlide.isZero() || c.aggregateWindow.toMillis() % c.aggregateSlide.toMillis() != 0) {
            throw new IllegalArgumentException("pipeline.aggregate-window must be a multiple of pipeline.aggregate-slide");
        }

        JsonNode l = t.get("lateness");
        c.defaultLateness = policy(l.get("default"), "lateness.default");
        Iterator<String> names = l.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("default")) {
                c.lateness.put(name, policy(l.get(name), "lateness." + name));
            }
        }

        JsonNode e = t.get("engine");
        String mode = text(e, "checkpointing", "engine");
        if (!mode.equals("exactly-once") && !mode.equals("none")) {
            throw new IllegalArgumentException("engine.checkpointing must be exactly-once or none (was '" + mode + "')");
        }
        c.exactlyOnce = mode.equals("exactly-once");
        c.checkpointInterval = duration(e, "checkpoint-interval", "engine");
        c.checkpointDir = text(e, "checkpoint-dir", "engine");
        c.stateBackend = text(e, "state-backend", "engine");
        if (!c.stateBackend.equals("hashmap") && !c.stateBackend.equals("rocksdb")) {
            throw new IllegalArgumentException("engine.state-backend must be hashmap or rocksdb (was '" + c.stateBackend + "')");
        }
        c.incrementalCheckpoints = e.get("incremental-checkpoints").asBoolean();
        c.bufferTimeout = duration(e, "buffer-timeout", "engine");
        c.watermarkInterval = duration(e, "watermark-interval", "engine");
        c.prometheusPort = text(t.get("metrics"), "prometheus-port", "metrics");
        if (!c.prometheusPort.matches("0|\\d{1,5}(-\\d{1,5})?")) {
            throw new IllegalArgumentException("metrics.prometheus-port must be a port, a range like 9249-9260, or 0 (was '"
                    + c.prometheusPort + "')");
        }

        JsonNode bkt = t.get("models").get("bkt");
        try {
            c.bktDefaults = new BktParams(number(bkt, "p-init", "models.bkt"), number(bkt, "p-learn", "models.bkt"),
                    number(bkt, "p-guess", "models.bkt"), number(bkt, "p-slip", "models.bkt"));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("models.bkt: " + ex.getMessage(), ex);
        }
        JsonNode paramsFile = bkt.get("params-file");
        if (paramsFile != null && !paramsFile.isNull() && !paramsFile.isTextual()) {
            throw new IllegalArgumentException("models.bkt.params-file must be a path (a string)");
        }
        c.bktParamsFile = paramsFile == null || paramsFile.isNull() || paramsFile.asText().isBlank() ? null : paramsFile.asText();
        c.rules = RulesConfig.fromTree(t.get("rules"));
        c.gateway = GatewayConfig.fromTree(t.get("gateway"));
        c.kafka = KafkaConfig.fromTree(t.get("kafka"));
        c.serving = ServingConfig.fromTree(t.get("serving"));
        c.api = ApiConfig.fromTree(t.get("api"));
        c.privacy = PrivacyConfig.fromTree(t.get("privacy"), System::getenv);
        return c;
    }

    private static double number(JsonNode n, String key, String path) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(path + "." + key + " must be a number");
        }
        return v.doubleValue();
    }

    private static LatenessPolicy policy(JsonNode n, String path) {
        return new LatenessPolicy(duration(n, "max-out-of-orderness", path), duration(n, "idleness", path),
                duration(n, "allowed-lateness", path));
    }

    private static int positiveInt(JsonNode n, String key, String path) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt() || v.intValue() <= 0) {
            throw new IllegalArgumentException(path + " must be a positive integer");
        }
        return v.intValue();
    }

    private static String text(JsonNode n, String key, String path) {
        JsonNode v = n.get(key);
        if (v == null || !v.isValueNode()) {
            throw new IllegalArgumentException("missing " + path + "." + key);
        }
        return v.asText();
    }

    // ---- accessors ----

    public int parallelism() {
        return parallelism;
    }

    public Duration fusionWindow() {
        return fusionWindow;
    }

    public Duration aggregateWindow() {
        return aggregateWindow;
    }

    public Duration aggregateSlide() {
        return aggregateSlide;
    }

    public Duration playbackLookback() {
        return playbackLookback;
    }

    public Duration sessionGap() {
        return sessionGap;
    }

    public Duration sessionMaxDuration() {
        return sessionMaxDuration;
    }

    public Duration sessionActiveGap() {
        return sessionActiveGap;
    }

    public Duration dedupRetention() {
        return dedupRetention;
    }

    public Duration learnerStateTtl() {
        return learnerStateTtl;
    }

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** The lateness policy of a source: its own entry if configured, else {@code lateness.default}. */
    public LatenessPolicy lateness(String source) {
        return lateness.getOrDefault(source, defaultLateness);
    }

    public LatenessPolicy defaultLateness() {
        return defaultLateness;
    }

    public Map<String, LatenessPolicy> latenessOverrides() {
        return Map.copyOf(lateness);
    }

    /** The largest allowed lateness of any source: how long results stay open to revision. */
    public Duration maxAllowedLateness() {
        Duration max = defaultLateness.allowedLateness();
        for (LatenessPolicy p : lateness.values()) {
            if (p.allowedLateness().compareTo(max) > 0) {
                max = p.allowedLateness();
            }
        }
        return max;
    }

    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    public String checkpointDir() {
        return checkpointDir;
    }

    public String stateBackend() {
        return stateBackend;
    }

    public boolean incrementalCheckpoints() {
        return incrementalCheckpoints;
    }

    public Duration bufferTimeout() {
        return bufferTimeout;
    }

    public Duration watermarkInterval() {
        return watermarkInterval;
    }

    /** Port or port range of the Prometheus endpoint; "0" when it is off. */
    public String prometheusPort() {
        return prometheusPort;
    }

    /** Default BKT parameters of every skill ({@code models.bkt.p-*}). */
    public BktParams bktDefaults() {
        return bktDefaults;
    }

    /** {@code models.bkt.params-file}, or null when not set. */
    public String bktParamsFile() {
        return bktParamsFile;
    }

    /** The intervention rules ({@code rules.*}). */
    public RulesConfig rules() {
        return rules;
    }

    /** The HTTP ingestion gateway ({@code gateway.*}); null in a copy deserialized inside a job. */
    public GatewayConfig gateway() {
        return gateway;
    }

    /** Kafka topics and clients of the production job ({@code kafka.*}). */
    public KafkaConfig kafka() {
        return kafka;
    }

    /** The serving store ({@code serving.*}). */
    public ServingConfig serving() {
        return serving;
    }

    /** The query API ({@code api.*}); null in a copy deserialized inside a job. */
    public ApiConfig api() {
        return api;
    }

    /** Learner pseudonymization ({@code privacy.*}). */
    public PrivacyConfig privacy() {
        return privacy;
    }

    // ---- programmatic overrides (command-line flags) ----

    /** {@code kafka.bootstrap-servers} replaced. */
    public LearnPulseConfig withKafkaBootstrapServers(String servers) {
        return with(c -> c.kafka = kafka.withBootstrapServers(servers));
    }

    /** {@code serving.redis-url} replaced. */
    public LearnPulseConfig withRedisUrl(String url) {
        return with(c -> c.serving = serving.withRedisUrl(url));
    }

    /** {@code api.port} replaced; 0 picks a free port, -1 turns the API off. */
    public LearnPulseConfig withApiPort(int port) {
        return with(c -> c.api = api.withPort(port));
    }

    /** {@code gateway.port} replaced (the {@code --port} flag); 0 picks a free port. */
    public LearnPulseConfig withGatewayPort(int port) {
        return with(c -> c.gateway = gateway.withPort(port));
    }

    public LearnPulseConfig withParallelism(int p) {
        return with(c -> c.parallelism = p);
    }

    /** Replays are bounded: idleness would make their results depend on how fast each file is read. */
    public LearnPulseConfig withoutIdleness() {
        return with(c -> {
            c.defaultLateness = defaultLateness.withIdleness(Duration.ZERO);
            c.lateness.replaceAll((k, v) -> v.withIdleness(Duration.ZERO));
        });
    }

    /** A copy with {@code change} applied: this config stays as it is. */
    private LearnPulseConfig with(Consumer<LearnPulseConfig> change) {
        LearnPulseConfig c = copy();
        change.accept(c);
        return c;
    }

    private LearnPulseConfig copy() {
        LearnPulseConfig c = new LearnPulseConfig();
        c.parallelism = parallelism;
        c.fusionWindow = fusionWindow;
        c.aggregateWindow = aggregateWindow;
        c.aggregateSlide = aggregateSlide;
        c.playbackLookback = playbackLookback;
        c.sessionGap = sessionGap;
        c.sessionMaxDuration = sessionMaxDuration;
        c.sessionActiveGap = sessionActiveGap;
        c.dedupRetention = dedupRetention;
        c.learnerStateTtl = learnerStateTtl;
        c.maxFutureSkew = maxFutureSkew;
        c.maxRecordBytes = maxRecordBytes;
        c.defaultLateness = defaultLateness;
        c.lateness.putAll(lateness);
        c.exactlyOnce = exactlyOnce;
        c.checkpointInterval = checkpointInterval;
        c.checkpointDir = checkpointDir;
        c.stateBackend = stateBackend;
        c.incrementalCheckpoints = incrementalCheckpoints;
        c.bufferTimeout = bufferTimeout;
        c.watermarkInterval = watermarkInterval;
        c.prometheusPort = prometheusPort;
        c.bktDefaults = bktDefaults;
        c.bktParamsFile = bktParamsFile;
        c.rules = rules;
        c.gateway = gateway;
        c.kafka = kafka;
        c.serving = serving;
        c.api = api;
        c.privacy = privacy;
        return c;
    }
}
