package io.learnpulse.core.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LatestFinalsTest {

    @Test
    void keepsTheHighestFinalRevisionPerKeyWithoutStatusRevisionOrProfile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fused.jsonl");
        Files.write(f, List.of(
                "{\"key\":\"a\",\"status\":\"speculative\",\"revision\":0,\"v\":1,\"profile\":null}",
                "{\"key\":\"a\",\"status\":\"final\",\"revision\":1,\"v\":2,\"profile\":null}",
                "{\"key\":\"b\",\"status\":\"final\",\"revision\":1,\"v\":5,\"profile\":{\"cohort\":\"x\"}}",
                "{\"key\":\"a\",\"status\":\"final\",\"revision\":3,\"v\":4,\"profile\":{\"cohort\":\"y\"}}",
                "{\"key\":\"a\",\"status\":\"final\",\"revision\":2,\"v\":3,\"profile\":null}",
                "",
                "{\"key\":\"c\",\"status\":\"speculative\",\"revision\":0,\"v\":9}"));
        Map<String, String> latest = LatestFinals.of(f);
        assertThat(latest).containsExactly(Map.entry("a", "{\"key\":\"a\",\"v\":4}"), Map.entry("b", "{\"key\":\"b\",\"v\":5}"));
    }
}
