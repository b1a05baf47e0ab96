package io.learnpulse.app;

import java.nio.file.Path;
import java.nio.file.Paths;

final class Logs {
    private Logs() {}

    /** Where log4j writes (see log4j2.xml): the launcher sets {@code learnpulse.log.file}. */
    static Path file() {
        return Paths.get(System.getProperty("learnpulse.log.file", "logs/learnpulse.log")).toAbsolutePath();
    }
}
