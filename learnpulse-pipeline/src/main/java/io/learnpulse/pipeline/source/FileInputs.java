package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.event.Sources;
import io.learnpulse.pipeline.FusionJob;
import org.apache.flink.connector.file.src.FileSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Bounded inputs for a replay: each {@code .jsonl} file is one input whose source channel is its file
 * name ({@code assessment.jsonl} is the assessment source). A directory contributes its
 * {@code events/} sub-directory if there is one (the layout {@code simulate} writes), else its own
 * files, in name order.
 */
public final class FileInputs {
    private FileInputs() {}

    public static List<FusionJob.Input> of(Path input) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(input)) {
            Path events = input.resolve("events");
            Path dir = Files.isDirectory(events) ? events : input;
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .jsonl files in " + dir);
            }
        } else if (Files.isRegularFile(input)) {
            files.add(input);
        } else {
            throw new IllegalArgumentException("no such file or directory: " + input);
        }
        List<FusionJob.Input> inputs = new ArrayList<>();
        for (Path f : files) {
            String source = sourceOf(f);
            FileSource<RawRecord> fs = FileSource
                    .forRecordStreamFormat(new RawLineFormat(source), new org.apache.flink.core.fs.Path(f.toUri()))
                    .build();
            String name = f.getFileName().toString();
            inputs.add(new FusionJob.Input(name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name, fs));
        }
        return inputs;
    }

    /**
     * The source channel of a file: the start of its name up to the first '.', '-' or '_', e.g.
     * {@code video} for {@code video.jsonl} and {@code xapi} for {@code xapi-2026-03.jsonl}.
     */
    public static String sourceOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int end = name.length();
        for (char c : new char[] {'.', '-', '_'}) {
            int i = name.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        String source = name.substring(0, end);
        if (!Sources.ALL.contains(source)) {
            throw new IllegalArgumentException("cannot tell which source " + file + " comes from: name it "
                    + "<source>.jsonl or <source>-<anything>.jsonl, with <source> one of " + String.join(", ", Sources.ALL));
        }
        return source;
    }
}
