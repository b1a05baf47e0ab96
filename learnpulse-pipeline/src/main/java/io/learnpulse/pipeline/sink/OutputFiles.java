package io.learnpulse.pipeline.sink;

import io.learnpulse.core.json.JsonLines;
import io.learnpulse.pipeline.FusionJob;

import java.nio.file.Path;

/** The JSON-lines files a replay writes, one per output, in one directory. */
public final class OutputFiles {
    public static final String FUSED = "fused.jsonl";
    public static final String AGGREGATES = "aggregates.jsonl";
    public static final String QUESTION_STATS = "question_stats.jsonl";
    public static final String SESSIONS = "sessions.jsonl";
    public static final String MASTERY = "mastery.jsonl";
    public static final String INTERVENTIONS = "interventions.jsonl";
    public static final String DEAD_LETTERS = "deadletter.jsonl";
    public static final String LATE = "late.jsonl";
    /** Written only on request ({@code replay --emit-events}). */
    public static final String EVENTS = "events.jsonl";

    public static final java.util.List<String> ALL =
            java.util.List.of(FUSED, AGGREGATES, QUESTION_STATS, SESSIONS, MASTERY, INTERVENTIONS, DEAD_LETTERS, LATE);

    private OutputFiles() {}

    public static FusionJob.Sinks in(Path dir) {
        FusionJob.Sinks s = new FusionJob.Sinks();
        s.fused = new JsonLinesFileSink<>(dir.resolve(FUSED), JsonLines::toJson);
        s.aggregates = new JsonLinesFileSink<>(dir.resolve(AGGREGATES), JsonLines::toJson);
        s.questionStats = new JsonLinesFileSink<>(dir.resolve(QUESTION_STATS), JsonLines::toJson);
        s.sessions = new JsonLinesFileSink<>(dir.resolve(SESSIONS), JsonLines::toJson);
        s.mastery = new JsonLinesFileSink<>(dir.resolve(MASTERY), JsonLines::toJson);
        s.interventions = new JsonLinesFileSink<>(dir.resolve(INTERVENTIONS), JsonLines::toJson);
        s.deadLetters = new JsonLinesFileSink<>(dir.resolve(DEAD_LETTERS), JsonLines::toJson);
        s.late = new JsonLinesFileSink<>(dir.resolve(LATE), JsonLines::toJson);
        s.singleWriter = true;
        return s;
    }

    /** As {@link #in(Path)}, and the canonical events as parsed into {@link #EVENTS}. */
    public static FusionJob.Sinks withEvents(Path dir) {
        FusionJob.Sinks s = in(dir);
        s.parsed = new JsonLinesFileSink<>(dir.resolve(EVENTS), JsonLines::toJson);
        return s;
    }
}
