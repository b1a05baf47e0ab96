package io.learnpulse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds retained checkpoints on a local file system, for {@code run --from latest}. */
final class Checkpoints {
    private Checkpoints() {}

    /**
     * The newest complete checkpoint ({@code <dir>/<job id>/chk-<n>} with its {@code _metadata}) under the
     * checkpoint directory, by the time its metadata was written.
     */
    static String latest(String checkpointDir) {
        Path dir = checkpointDir.startsWith("file:") ? Path.of(URI.create(checkpointDir)) : Path.of(checkpointDir);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no checkpoint to resume from: " + dir + " does not exist");
        }
        try (Stream<Path> jobs = Files.list(dir)) {
            Optional<Path> newest = jobs.filter(Files::isDirectory)
                    .flatMap(Checkpoints::completed)
                    .max(Comparator.comparing(Checkpoints::written));
            return newest.map(p -> p.toUri().toString()).orElseThrow(() -> new IllegalArgumentException(
                    "no complete checkpoint (chk-*/_metadata) under " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> completed(Path jobDir) {
        try (Stream<Path> s = Files.list(jobDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.isRegularFile(p.resolve("_metadata")))
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static FileTime written(Path chk) {
        try {
            return Files.getLastModifiedTime(chk.resolve("_metadata"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
