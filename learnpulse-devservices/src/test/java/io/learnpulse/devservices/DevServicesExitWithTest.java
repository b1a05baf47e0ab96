package io.learnpulse.devservices;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --exit-with PID}: the services stop, through their shutdown hook, when the followed process ends, even
 * one killed outright. A real services process with a real broker follows a stand-in process here.
 */
class DevServicesExitWithTest {
    @Test
    void stopsTheBrokerWhenTheFollowedProcessIsKilled() throws Exception {
        Process followed = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                Sleeper.class.getName()).start();
        Process services = null;
        try {
            List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-cp",
                    System.getProperty("java.class.path"), DevServices.class.getName(),
                    "--no-redis", "--kafka-port", "0", "--exit-with", Long.toString(followed.pid())));
            services = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(services.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.contains("bootstrap.servers=")) {
                    lines.add(line);
                }
                assertThat(line).as("the broker came up; output: %s", lines).isNotNull();
                followed.destroyForcibly(); // SIGKILL: the followed process gets no chance to clean up
                assertThat(services.waitFor(60, TimeUnit.SECONDS)).as("services exited").isTrue();
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            }
            assertThat(services.exitValue()).isZero();
            assertThat(lines).contains("stopping Kafka ...");
        } finally {
            followed.destroyForcibly();
            if (services != null) {
                services.destroyForcibly();
            }
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A process to follow: sleeps until killed. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
