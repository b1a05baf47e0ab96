package io.learnpulse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench command, run tiny. It checks what the command reports and that its figures are consistent, never
 * how fast anything is: the machine running the tests may be busy.
 */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTinyFixedRateRunReportsConsistentFiguresAndEndsWithTheJsonLine() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "engine:\n  checkpoint-dir: "
                + dir.resolve("checkpoints").toUri() + "\nmetrics:\n  prometheus-port: \"0\"\n");
        StringWriter text = new StringWriter();
        CommandLine cl = LearnPulse.commandLine();
        cl.setOut(new PrintWriter(text, true));
        int exit = cl.execute("bench", "--learners", "200", "--rate", "2000", "--duration", "3s", "--warmup", "1s",
                "--config", config.toString());
        String output = text.toString();
        assertThat(exit).as(output).isZero();

        List<String> lines = new ArrayList<>(output.lines().filter(l -> !l.isBlank()).toList());
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("events_per_sec", "p50_ms", "p95_ms", "p99_ms", "max_ms", "final_p99_ms",
                "heap_mb", "state_entries");
        for (String key : keys) {
            assertThat(json.get(key).isNumber()).as(key).isTrue();
        }

        // Everything generated was fed, and every record fed was counted by the pipeline.
        Matcher fed = Pattern.compile("events fed\\s+([\\d,]+) of ([\\d,]+) generated; counted in ([\\d,]+)")
                .matcher(output);
        assertThat(fed.find()).as(output).isTrue();
        long emitted = number(fed.group(1));
        assertThat(emitted).isPositive().isEqualTo(number(fed.group(2))).isEqualTo(number(fed.group(3)));

        assertThat(json.get("events_per_sec").asLong()).isPositive();
        double p50 = json.get("p50_ms").asDouble();
        double p95 = json.get("p95_ms").asDouble();
        double p99 = json.get("p99_ms").asDouble();
        double max = json.get("max_ms").asDouble();
        assertThat(p50).isPositive().isLessThanOrEqualTo(p95);
        assertThat(p95).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
        assertThat(json.get("final_p99_ms").asDouble()).isPositive();
        assertThat(json.get("heap_mb").asLong()).isPositive();
        assertThat(json.get("state_entries").asLong()).isBetween(1L, 200L);
    }

    @Test
    void theRateIsMaxOrAPositiveNumber() {
        assertThat(BenchCommand.parseRate("max")).isNull();
        assertThat(BenchCommand.parseRate("MAX")).isNull();
        assertThat(BenchCommand.parseRate("2500")).isEqualTo(2500.0);
        StringWriter err = new StringWriter();
        CommandLine cl = LearnPulse.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("bench", "--rate", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate must be max or a number");
        assertThat(cl.execute("bench", "--rate", "-5")).isEqualTo(2);
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
