package io.learnpulse.pipeline.source;

import io.learnpulse.core.profile.LearnerProfile;
import io.learnpulse.core.profile.ProfileParser;
import java.nio.charset.StandardCharsets;

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
                s.filter(p -> p.getFileName().toString().endsWith(".jsonl") && !isProfiles(p)).sorted().forEach(files::add);
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

    /** True for a learner-profiles file: {@code profiles.jsonl} or {@code profiles-<anything>.jsonl}. */
    public static boolean isProfiles(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") && (name.equals("profiles.jsonl") || name.startsWith("profiles-")
                || name.startsWith("profiles_") || name.startsWith("profiles."));
    }

    /**
     * The learner profiles of a replay: every {@code profiles*.jsonl} file of the directory (or its
     * {@code events/} sub-directory), read before the job starts so that enrichment does not depend on how
     * fast each file is read. A profile line that is not valid stops the replay with its file, line and reason,
     * before anything is written: it is not guessed at or skipped.
     */
    public static List<LearnerProfile> profilesOf(Path input, int maxRecordBytes) {
        List<LearnerProfile> profiles = new ArrayList<>();
        if (!Files.isDirectory(input)) {
            return profiles;
        }
        Path events = input.resolve("events");
        List<Path> files = new ArrayList<>();
        for (Path dir : Files.isDirectory(events) ? List.of(input, events) : List.of(input)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(FileInputs::isProfiles).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ProfileParser parser = new ProfileParser(maxRecordBytes);
        for (Path f : files) {
            try {
                int lineNo = 0;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    ProfileParser.Result r = parser.parse(line, 0);
                    if (r.profile == null) {
                        throw new IllegalArgumentException(f + ":" + lineNo + ": " + r.deadLetter.reason + ": "
                                + r.deadLetter.error);
                    }
                    profiles.add(r.profile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        return profiles;
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
