package io.learnpulse.core.format;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the ASSISTments 2009–2010 skill-builder CSV ({@code skill_builder_data.csv} and extracts with
 * the same columns) and maps it to canonical ATTEMPT (and HINT) events. The mapping is specified in
 * docs/models.md ("ASSISTments mapping"); in short:
 *
 * <ul>
 *   <li>Columns are found by name in the header; a leading unnamed column (a pandas index) and unknown
 *       columns are ignored. Required: {@code order_id, user_id, problem_id, correct, skill_id};
 *       optional: {@code assignment_id, student_class_id, attempt_count} (default 1),
 *       {@code hint_count} (default 0).</li>
 *   <li>One row is the learner's first attempt at a problem; {@code order_id} orders them. Rows that
 *       repeat an {@code order_id} (one per skill of a multi-skill problem) are merged into one response
 *       whose skills are the rows' distinct skills in file order.</li>
 *   <li>{@code skill_id} is written as a float ({@code 1.0}): an integral number becomes its integer
 *       text ({@code "1"}), any other text is kept trimmed, an empty cell means no skill.</li>
 *   <li>A row with a missing or invalid required value, or one that repeats an {@code order_id} with a
 *       different user, problem or correctness, is skipped and reported in {@link Result#problems}.</li>
 * </ul>
 */
public final class AssistmentsReader {

    /** The {@code format} of the events it makes. */
    public static final String FORMAT = "assistments-2009";
    /** Event ids: {@code as09-<order_id>} for the attempt, {@code as09-<order_id>-h<k>} for its hints. */
    public static final String ID_PREFIX = "as09-";
    /** 2009-09-01T00:00:00Z, the default time of each learner's first response. */
    public static final long DEFAULT_BASE_TIME = 1_251_763_200_000L;
    /** One minute between a learner's consecutive responses by default. */
    public static final long DEFAULT_STEP_MS = 60_000L;
    /** Course of rows without a {@code student_class_id}. */
    public static final String DEFAULT_COURSE = "assistments-2009";
    /** Course id prefix of rows with a class: {@code as09-class-<student_class_id>}. */
    public static final String CLASS_COURSE_PREFIX = "as09-class-";

    private static final int MAX_PROBLEMS = 20;

    private AssistmentsReader() {}

    /** One first attempt of a learner at a problem (one row, or several merged rows of one order_id). */
    public static final class Response {
        public final long orderId;
        public final String userId;
        public final String problemId;
        /** Null when the column is absent or empty. */
        public final String assignmentId;
        /** Null when the column is absent or empty. */
        public final String studentClassId;
        /** Distinct skills, in file order; empty when the row has none. */
        public final List<String> skillIds;
        public final boolean correct;
        public final int attemptCount;
        public final int hintCount;
        /** The line of the (first) row. */
        public final long line;

        public Response(long orderId, String userId, String problemId, String assignmentId, String studentClassId,
                        List<String> skillIds, boolean correct, int attemptCount, int hintCount, long line) {
            this.orderId = orderId;
            this.userId = userId;
            this.problemId = problemId;
            this.assignmentId = assignmentId;
            this.studentClassId = studentClassId;
            this.skillIds = List.copyOf(skillIds);
            this.correct = correct;
            this.attemptCount = attemptCount;
            this.hintCount = hintCount;
            this.line = line;
        }

        @Override
        public String toString() {
            return "Response{order=" + orderId + " user=" + userId + " problem=" + problemId + " skills=" + skillIds
                    + " correct=" + correct + '}';
        }
    }

    /** What a file held. */
    public static final class Result {
        /** Responses sorted by order_id. */
        public final List<Response> responses;
        /** Data rows read (excluding the header and blank lines). */
        public final long rows;
        /** Rows merged into an earlier row with the same order_id. */
        public final long mergedRows;
        public final long skippedRows;
        /** The first 20 skipped rows, as {@code line N: reason}. */
        public final List<String> problems;

        Result(List<Response> responses, long rows, long mergedRows, long skippedRows, List<String> problems) {
            this.responses = Collections.unmodifiableList(responses);
            this.rows = rows;
            this.mergedRows = mergedRows;
            this.skippedRows = skippedRows;
            this.problems = Collections.unmodifiableList(problems);
        }
    }

    /** How responses become events (docs/models.md). */
    public static final class Mapping {
        public final long baseTime;
        public final long stepMs;
        /** Emit {@code hint_count} HINT events after each attempt. */
        public final boolean hintEvents;
        /** When set, every event gets this course; else the class course or {@link #DEFAULT_COURSE}. */
        public final String fixedCourse;

        public Mapping(long baseTime, long stepMs, boolean hintEvents, String fixedCourse) {
            if (stepMs < 2) {
                throw new IllegalArgumentException("step must be at least 2 ms");
            }
            this.baseTime = baseTime;
            this.stepMs = stepMs;
            this.hintEvents = hintEvents;
            this.fixedCourse = fixedCourse;
        }

        /** Base 2009-09-01T00:00:00Z, one minute per response, hint events on, course from the class. */
        public static Mapping defaults() {
            return new Mapping(DEFAULT_BASE_TIME, DEFAULT_STEP_MS, true, null);
        }
    }

    public static Result read(Path file) throws IOException {
        try (Reader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            return read(r);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static Result parse(String csv) {
        try {
            return read(new StringReader(csv));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Reads the whole CSV (the reader is not closed).
     *
     * @throws IllegalArgumentException when the header lacks a required column
     */
    public static Result read(Reader reader) throws IOException {
        CsvRecords csv = new CsvRecords(reader);
        List<String> header = csv.next();
        if (header == null) {
            throw new IllegalArgumentException("empty ASSISTments file (no header)");
        }
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                col.putIfAbsent(name, i);
            }
        }
        for (String required : List.of("order_id", "user_id", "problem_id", "correct", "skill_id")) {
            if (!col.containsKey(required)) {
                throw new IllegalArgumentException("not an ASSISTments skill-builder header: column '" + required
                        + "' is missing (header: " + String.join(",", header) + ")");
            }
        }
        int cOrder = col.get("order_id");
        int cUser = col.get("user_id");
        int cProblem = col.get("problem_id");
        int cCorrect = col.get("correct");
        int cSkill = col.get("skill_id");
        int cAssignment = col.getOrDefault("assignment_id", -1);
        int cClass = col.getOrDefault("student_class_id", -1);
        int cAttempts = col.getOrDefault("attempt_count", -1);
        int cHints = col.getOrDefault("hint_count", -1);

        Map<Long, Builder> byOrder = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        long rows = 0;
        long merged = 0;
        long skipped = 0;
        List<String> f;
        while ((f = csv.next()) != null) {
            if (f.size() == 1 && f.get(0).isBlank()) {
                continue;
            }
            rows++;
            long line = csv.recordLine();
            try {
                long order = parseLong(cell(f, cOrder), "order_id");
                String user = required(cell(f, cUser), "user_id");
                String problem = required(cell(f, cProblem), "problem_id");
                boolean correct = parseCorrect(cell(f, cCorrect));
                String skill = skill(cell(f, cSkill));
                int attempts = cAttempts < 0 || cell(f, cAttempts).isBlank() ? 1 : parseCount(cell(f, cAttempts), "attempt_count");
                int hints = cHints < 0 || cell(f, cHints).isBlank() ? 0 : parseCount(cell(f, cHints), "hint_count");
                Builder b = byOrder.get(order);
                if (b == null) {
                    b = new Builder(order, user, problem, optional(cell(f, cAssignment)), optional(cell(f, cClass)),
                            correct, attempts, hints, line);
                    byOrder.put(order, b);
                } else {
                    if (!b.userId.equals(user) || !b.problemId.equals(problem) || b.correct != correct) {
                        throw new IllegalArgumentException("order_id " + order + " repeats line " + b.line
                                + " with a different user_id, problem_id or correct");
                    }
                    merged++;
                }
                if (skill != null && !b.skills.contains(skill)) {
                    b.skills.add(skill);
                }
            } catch (IllegalArgumentException e) {
                skipped++;
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add("line " + line + ": " + e.getMessage());
                }
            }
        }
        List<Response> responses = new ArrayList<>(byOrder.size());
        for (Builder b : byOrder.values()) {
            responses.add(new Response(b.orderId, b.userId, b.problemId, b.assignmentId, b.classId, b.skills, b.correct,
                    b.attempts, b.hints, b.line));
        }
        responses.sort((a, b) -> Long.compare(a.orderId, b.orderId));
        return new Result(responses, rows, merged, skipped, problems);
    }

    private static final class Builder {
        final long orderId;
        final String userId;
        final String problemId;
        final String assignmentId;
        final String classId;
        final boolean correct;
        final int attempts;
        final int hints;
        final long line;
        final List<String> skills = new ArrayList<>(1);

        Builder(long orderId, String userId, String problemId, String assignmentId, String classId, boolean correct,
                int attempts, int hints, long line) {
            this.orderId = orderId;
            this.userId = userId;
            this.problemId = problemId;
            this.assignmentId = assignmentId;
            this.classId = classId;
            this.correct = correct;
            this.attempts = attempts;
            this.hints = hints;
            this.line = line;
        }
    }

    /**
     * The events of responses: per learner (user_id), responses in order_id order get event times
     * {@code baseTime + rank × stepMs} (rank 0, 1, 2, … within the learner); each is an ATTEMPT with
     * attempt number 1, followed by {@code hint_count} HINT events at {@code + k × min(1 s, step / (n + 1))}
     * when hint events are on. Sorted in event-time order (time, then event id).
     */
    public static List<LearnerEvent> toEvents(List<Response> responses, Mapping m) {
        List<Response> sorted = new ArrayList<>(responses);
        sorted.sort((a, b) -> Long.compare(a.orderId, b.orderId));
        Map<String, Integer> rank = new HashMap<>();
        List<LearnerEvent> out = new ArrayList<>(sorted.size());
        for (Response r : sorted) {
            int k = rank.merge(r.userId, 1, Integer::sum) - 1;
            long t = m.baseTime + k * m.stepMs;
            String course = m.fixedCourse != null ? m.fixedCourse
                    : r.studentClassId != null ? CLASS_COURSE_PREFIX + r.studentClassId : DEFAULT_COURSE;
            String[] skills = r.skillIds.toArray(new String[0]);
            LearnerEvent a = base(ID_PREFIX + r.orderId, EventKind.ATTEMPT, r, course, t);
            a.score = r.correct ? 1.0 : 0.0;
            a.maxScore = 1.0;
            a.correct = r.correct;
            a.attemptNumber = 1;
            a.skillIds = skills;
            out.add(a);
            if (m.hintEvents && r.hintCount > 0) {
                long gap = Math.max(1, Math.min(1000L, m.stepMs / (r.hintCount + 1L)));
                for (int h = 1; h <= r.hintCount; h++) {
                    LearnerEvent e = base(ID_PREFIX + r.orderId + "-h" + h, EventKind.HINT, r, course, t + h * gap);
                    e.hintIndex = h;
                    e.skillIds = skills.clone();
                    out.add(e);
                }
            }
        }
        out.sort(LearnerEvent::compareByTime);
        return out;
    }

    private static LearnerEvent base(String id, EventKind kind, Response r, String course, long t) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = id;
        e.source = Sources.ASSESSMENT;
        e.format = FORMAT;
        e.kind = kind;
        e.learnerId = r.userId;
        e.courseId = course;
        e.objectId = r.problemId;
        e.questionId = r.problemId;
        e.eventTime = t;
        e.ingestTime = t;
        return e;
    }

    // ---------------------------------------------------------------------------------------- cells

    private static String cell(List<String> f, int i) {
        return i >= 0 && i < f.size() ? f.get(i).trim() : "";
    }

    private static String required(String v, String name) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return v;
    }

    private static String optional(String v) {
        return v.isEmpty() ? null : v;
    }

    private static long parseLong(String v, String name) {
        try {
            return Long.parseLong(required(v, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not an integer ('" + v + "')");
        }
    }

    private static int parseCount(String v, String name) {
        double d = parseNumber(v, name);
        if (d < 0 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is not a count ('" + v + "')");
        }
        return (int) d;
    }

    private static boolean parseCorrect(String v) {
        double d = parseNumber(v, "correct");
        if (d == 1.0) {
            return true;
        }
        if (d == 0.0) {
            return false;
        }
        throw new IllegalArgumentException("correct must be 0 or 1 ('" + v + "')");
    }

    private static double parseNumber(String v, String name) {
        try {
            double d = Double.parseDouble(required(v, name));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number ('" + v + "')");
        }
    }

    /** {@code 1.0} → {@code 1}; other text kept; empty (or NaN) → null (no skill). */
    static String skill(String v) {
        if (v.isEmpty() || v.equalsIgnoreCase("nan")) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
        } catch (NumberFormatException e) {
            // not a number: keep the text
        }
        return v;
    }
}
