package io.learnpulse.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class LocalRedisTest {

    @Test
    void startsOnAFreePortAndRoundTripsAValue() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
            try (Jedis jedis = new Jedis(URI.create(redis.url()), 2_000)) {
                assertThat(jedis.ping()).isEqualTo("PONG");
                assertThat(jedis.set("lp:test", "héllo wörld")).isEqualTo("OK");
                assertThat(jedis.get("lp:test")).isEqualTo("héllo wörld");
                // Memory only: nothing is ever written to disk.
                assertThat(jedis.configGet("save").get("save")).isEmpty();
                assertThat(jedis.configGet("appendonly").get("appendonly")).isEqualTo("no");
            }
        }
    }

    @Test
    void theBundledBinaryRunsOnThisMachine() throws Exception {
        int port = freePort();
        try (LocalRedis redis = LocalRedis.start(port, LocalRedis.bundled())) {
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.executable()).isEqualTo(LocalRedis.bundled().getAbsolutePath());
            try (Jedis jedis = new Jedis(URI.create(redis.url()), 2_000)) {
                assertThat(jedis.info("server")).contains("redis_version:6.2.");
                jedis.hset("h", "f", "v");
                assertThat(jedis.hget("h", "f")).isEqualTo("v");
            }
        }
    }

    @Test
    void aTakenPortFailsWithAClearErrorAndCloseStopsTheServerAndRemovesItsDirectory() throws Exception {
        int port = freePort();
        LocalRedis redis = LocalRedis.start(port);
        Path dir;
        try (Jedis jedis = new Jedis(URI.create(redis.url()), 2_000)) {
            dir = Paths.get(jedis.configGet("dir").get("dir"));
            assertThat(dir).isDirectory();
            assertThatThrownBy(() -> LocalRedis.start(port))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
        } finally {
            redis.close();
        }
        redis.close();
        assertThat(Files.exists(dir)).isFalse();
        assertThatThrownBy(() -> {
            try (Jedis jedis = new Jedis(URI.create(redis.url()), 500)) {
                jedis.ping();
            }
        }).isInstanceOf(JedisConnectionException.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
