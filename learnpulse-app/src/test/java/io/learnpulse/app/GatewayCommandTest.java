package io.learnpulse.app;

import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.pipeline.sink.OutputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code gateway} command end to end, and the demo's gateway when its port is taken. */
class GatewayCommandTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theGatewayCommandFusesWhatItReceivesIntoItsOutputFiles() throws Exception {
        int port = freePort();
        Path config = Files.writeString(dir.resolve("config.yaml"), "engine:\n  checkpointing: none\n");
        Path out = dir.resolve("out");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> LearnPulse.commandLine().execute("gateway",
                "--port", Integer.toString(port), "--out", out.toString(), "--config", config.toString(),
                "--duration", "15s"));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> health = null;
        while (System.nanoTime() < deadline) {
            try {
                health = send(client, HttpRequest.newBuilder(URI.create(base + "/health")).build());
                break;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        assertThat(health).isNotNull();
        assertThat(health.statusCode()).isEqualTo(200);

        long ts = System.currentTimeMillis() - 10_000;
        String attempt = "{\"schema_version\":2,\"event_id\":\"cmd-a1\",\"learner_id\":\"L1\",\"course_id\":\"c1\",\"ts\":"
                + ts + ",\"question_id\":\"c1/q1\",\"score\":1,\"max_score\":1,\"correct\":true,\"attempt_number\":1}";
        HttpResponse<String> posted = send(client, HttpRequest.newBuilder(URI.create(base + "/events?source=assessment"))
                .header("Authorization", "Bearer demo-token").POST(HttpRequest.BodyPublishers.ofString(attempt)).build());
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("{\"accepted\":1,\"rejected\":0,\"results\":[{\"index\":0,\"line\":1,"
                + "\"status\":\"accepted\",\"id\":\"cmd-a1\"}]}");

        assertThat(run.get(90, TimeUnit.SECONDS)).isZero();
        List<FusedAttempt> fused = Files.readAllLines(out.resolve(OutputFiles.FUSED)).stream()
                .map(JsonLines::readFusedAttempt).toList();
        assertThat(fused).isNotEmpty().allSatisfy(f -> {
            assertThat(f.eventId).isEqualTo("cmd-a1");
            assertThat(f.learnerId).isEqualTo("L1");
            assertThat(f.correct).isTrue();
        });
    }

    @Test
    void theDemoWarnsAndRunsOnWhenTheGatewayPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("config.yaml"),
                    "engine:\n  checkpointing: none\ngateway:\n  port: " + taken.getLocalPort() + "\n");
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int exit;
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                exit = LearnPulse.commandLine().execute("demo", "--config", config.toString(), "--duration", "2s",
                        "--rate", "200", "--learners", "50");
            } finally {
                System.setOut(original);
            }
            String output = captured.toString(StandardCharsets.UTF_8);
            assertThat(exit).isZero();
            assertThat(output).contains("WARNING: the HTTP gateway cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("the demo runs without it").doesNotContain("HTTP gateway on");
        }
    }
}
