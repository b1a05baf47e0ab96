package io.learnpulse.devservices;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Redis server on 127.0.0.1, for tests and for running LearnPulse on a machine without Redis.
 *
 * <p>Runs {@code redis-server} from the {@code PATH} when there is one, otherwise the binary bundled in the
 * embedded-redis jar (Redis 6.2 for Linux x86_64 and arm64, macOS and Windows), extracted once per JVM. The
 * server keeps everything in memory: no RDB snapshots, no append-only file, and its working directory is a
 * temporary directory removed on {@link #close()}.
 *
 * <pre>{@code
 * try (LocalRedis redis = LocalRedis.start()) {
 *     JedisPool pool = new JedisPool(URI.create(redis.url()));
 *     ...
 * }
 * }</pre>
 */
public final class LocalRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRedis.class);
    private static final String HOST = "127.0.0.1";
    /** A free port found by binding port 0 may be taken by someone else before Redis binds it. */
    private static final int FREE_PORT_ATTEMPTS = 5;

    private static File bundled;

    private final RedisServer server;
    private final int port;
    private final Path dir;
    private final String executable;
    private boolean closed;

    private LocalRedis(RedisServer server, int port, Path dir, String executable) {
        this.server = server;
        this.port = port;
        this.dir = dir;
        this.executable = executable;
    }

    /** Starts a server on a free port. */
    public static LocalRedis start() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
            try {
                return start(freePort());
            } catch (IOException e) {
                last = e;
                LOG.debug("local Redis: start on a free port failed, retrying", e);
            }
        }
        throw last;
    }

    /**
     * Starts a server on {@code port} of 127.0.0.1.
     *
     * @throws IOException when the server does not come up, for example because the port is taken (the
     *                     message includes the server's output)
     */
    public static LocalRedis start(int port) throws IOException {
        return start(port, findExecutable());
    }

    /** Starts {@code exe} on {@code port}; tests use it to run the bundled binary even when one is on the PATH. */
    static LocalRedis start(int port, File exe) throws IOException {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535 (was " + port + ")");
        }
        Path dir = Files.createTempDirectory("learnpulse-redis-");
        RedisServer server = RedisServer.newRedisServer()
                .executableProvider(() -> exe)
                .bind(HOST)
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("dir " + dir.toAbsolutePath())
                // Redis logs to stdout; reading it keeps the pipe from filling up and blocking the server.
                .soutListener(line -> LOG.debug("redis-server: {}", line))
                .serrListener(line -> LOG.warn("redis-server: {}", line))
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            deleteRecursively(dir);
            throw new IOException("could not start " + exe + " on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info("local Redis {} listening on {}:{}", exe, HOST, port);
        return new LocalRedis(server, port, dir, exe.getAbsolutePath());
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    /** The path of the {@code redis-server} binary this server runs. */
    public String executable() {
        return executable;
    }

    /** Stops the server (its data is gone) and removes its working directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the local Redis on port " + port, e);
        } finally {
            deleteRecursively(dir);
        }
    }

    @Override
    public String toString() {
        return "LocalRedis{" + url() + ", " + executable + '}';
    }

    /** {@code redis-server} from the PATH, else the bundled binary for this OS and architecture. */
    private static File findExecutable() throws IOException {
        File onPath = onPath("redis-server");
        if (onPath != null) {
            return onPath;
        }
        return bundled();
    }

    static synchronized File bundled() throws IOException {
        // One extraction per JVM: the binary is about 10 MB and tests start several servers.
        if (bundled == null || !bundled.canExecute()) {
            bundled = ExecutableProvider.newJarResourceProvider().get();
        }
        return bundled;
    }

    private static File onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toFile();
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not remove {}", dir, e);
        }
    }
}
