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
 * Bounded inputs for a replay: each file is one input whose source channel is the start of its file name
 * ({@code assessment.jsonl} is the assessment source, {@code xapi-export.json} the xAPI one). A {@code .jsonl}
 * file holds one record per line ({@link RawLineFormat}); a {@code .json} file is a whole JSON document,
 * pretty-printed or not, whose top-level array elements (or top-level value) are the records
 * ({@link JsonDocumentFormat}). A directory contributes its {@code events/} sub-directory if there is one
 * (the layout {@code simulate} writes), else its own files, in name order: every {@code .jsonl} file, and
 * the {@code .json} files whose name starts with a source channel (others, such as {@code catalog.json},
 * are not inputs).
 */
public final class FileInputs {
    private FileInputs() {}

    public static List<FusionJob.Input> of(Path input) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(input)) {
            Path events = input.resolve("events");
            Path dir = Files.isDirectory(events) ? events : input;
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(FileInputs::isInput).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .jsonl files, nor .json files named after a source, in " + dir);
            }
        } else if (Files.isRegularFile(input)) {
            files.add(input);
        } else {
            throw new IllegalArgumentException("no such file or directory: " + input);
        }
        List<FusionJob.Input> inputs = new ArrayList<>();
        for (Path f : files) {
            String source = sourceOf(f);
            String name = f.getFileName().toString();
            boolean document = isJsonDocument(f);
            FileSource<RawRecord> fs = FileSource
                    .forRecordStreamFormat(document ? new JsonDocumentFormat(source) : new RawLineFormat(source),
                            new org.apache.flink.core.fs.Path(f.toUri()))
                    .build();
            // a document keeps its extension, so xapi.json and xapi.jsonl are two inputs with two names
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

    /** A whole-file JSON document: a {@code .json} file (any case). */
    public static boolean isJsonDocument(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** A file a directory contributes: {@code .jsonl}, or {@code .json} named after a source channel. */
    static boolean isInput(Path file) {
        String name = file.getFileName().toString();
        if (isProfiles(file)) {
            return false;
        }
        if (name.endsWith(".jsonl")) {
            return true;
        }
        return isJsonDocument(file) && Sources.ALL.contains(channelPrefix(name));
    }

    /**
     * The source channel of a file: the start of its name up to the first '.', '-' or '_', e.g.
     * {@code video} for {@code video.jsonl} and {@code xapi} for {@code xapi-2026-03.jsonl}.
     */
    public static String sourceOf(Path file) {
        String source = channelPrefix(file.getFileName().toString());
        if (!Sources.ALL.contains(source)) {
            throw new IllegalArgumentException("cannot tell which source " + file + " comes from: name it "
                    + "<source>.jsonl or <source>-<anything>.jsonl (.json for a JSON document), with <source> one of "
                    + String.join(", ", Sources.ALL));
        }
        return source;
    }

    /** The start of a file name up to the first '.', '-' or '_', lower-cased. */
    private static String channelPrefix(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int end = name.length();
        for (char c : new char[] {'.', '-', '_'}) {
            int i = name.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        return name.substring(0, end);
    }
}
