package io.learnpulse.app;

import io.learnpulse.core.config.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Lets options take durations such as {@code 30s}, {@code 5m}, {@code 1h}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
