package io.learnpulse.core.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the DKT "3 lines per learner" format (Piech et al.; {@code builder_train.csv} /
 * {@code builder_test.csv} of the ASSISTments 2009 skill-builder data): for each sequence, a line with
 * the number of responses, a line of skill indices and a line of 0/1 correctness, comma-separated (a
 * trailing comma is allowed). Responses are in the learner's order. Blank lines between blocks are
 * skipped.
 */
public final class DktReader {
    private DktReader() {}

    /** One block: a learner's responses in order. */
    public static final class Sequence {
        /** {@code prefix + block index} (0-based), e.g. {@code train-0}. */
        public final String learnerId;
        public final String[] skillIds;
        public final boolean[] correct;

        Sequence(String learnerId, String[] skillIds, boolean[] correct) {
            this.learnerId = learnerId;
            this.skillIds = skillIds;
            this.correct = correct;
        }
    }

    public static List<Sequence> read(Path file, String learnerPrefix) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, learnerPrefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static List<Sequence> parse(String text, String learnerPrefix) {
        try {
            return read(new BufferedReader(new StringReader(text)), learnerPrefix);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the line of the first malformed block */
    public static List<Sequence> read(BufferedReader r, String learnerPrefix) throws IOException {
        List<Sequence> out = new ArrayList<>();
        long lineNo = 0;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            long start = lineNo;
            int n;
            try {
                n = Integer.parseInt(stripComma(line.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + start + ": expected a response count, found '" + line + "'");
            }
            String skills = r.readLine();
            String answers = r.readLine();
            lineNo += 2;
            if (skills == null || answers == null) {
                throw new IllegalArgumentException("line " + start + ": block is incomplete (needs 3 lines)");
            }
            String[] s = split(skills);
            String[] a = split(answers);
            if (s.length != n || a.length != n) {
                throw new IllegalArgumentException("line " + start + ": count " + n + " but " + s.length
                        + " skills and " + a.length + " answers");
            }
            boolean[] c = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (s[i].isEmpty()) {
                    throw new IllegalArgumentException("line " + (start + 1) + ": empty skill at position " + (i + 1));
                }
                if (a[i].equals("1")) {
                    c[i] = true;
                } else if (!a[i].equals("0")) {
                    throw new IllegalArgumentException("line " + (start + 2) + ": answer " + (i + 1) + " must be 0 or 1 (was '" + a[i] + "')");
                }
            }
            out.add(new Sequence(learnerPrefix + out.size(), s, c));
        }
        return out;
    }

    private static String stripComma(String s) {
        return s.endsWith(",") ? s.substring(0, s.length() - 1) : s;
    }

    private static String[] split(String line) {
        String t = stripComma(line.trim());
        if (t.isEmpty()) {
            return new String[0];
        }
        String[] parts = t.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }
}
