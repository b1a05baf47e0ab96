package io.learnpulse.core.format;

import java.util.List;

/** Valid sample records for every source and version, written from docs/formats.md. */
final class Records {
    /** 2026-01-01T00:00:00Z: when the records were received. */
    static final long INGEST = 1_767_225_600_000L;
    /** 2025-12-31T23:59:55Z: five seconds before they were received. */
    static final long T = INGEST - 5_000L;

    static final Rec V2_CLICK = Rec.of(
            "schema_version", 2, "event_id", "e-click-1", "learner_id", "l-1", "course_id", "c-algebra", "ts", T,
            "page_id", "c-algebra/p1", "event_type", "page_view");

    static final Rec V2_VIDEO_SEEK = Rec.of(
            "schema_version", 2, "event_id", "e-video-1", "learner_id", "l-1", "course_id", "c-algebra", "ts", T,
            "video_id", "c-algebra/v1", "action", "seek", "position", 300.0, "seek_from", 45.5);

    static final Rec V2_VIDEO_PLAY = Rec.of(
            "schema_version", 2, "event_id", "e-video-2", "learner_id", "l-1", "course_id", "c-algebra", "ts", T,
            "video_id", "c-algebra/v1", "action", "play", "position", 12.5);

    static final Rec V2_ATTEMPT = Rec.of(
            "schema_version", 2, "event_id", "e-attempt-1", "learner_id", "l-1", "course_id", "c-algebra", "ts", T,
            "type", "attempt", "question_id", "c-algebra/q1", "score", 7.5, "max_score", 10, "correct", false,
            "attempt_number", 2, "skill_ids", List.of("linear-equations", "fractions"));

    static final Rec V2_HINT = Rec.of(
            "schema_version", 2, "event_id", "e-hint-1", "learner_id", "l-1", "course_id", "c-algebra", "ts", T,
            "type", "hint", "question_id", "c-algebra/q1", "hint_index", 2, "skill_ids", List.of("linear-equations"));

    /** 2026-01-01T00:59:55.250+01:00 is T + 250 ms. */
    static final String V1_TIME = "2026-01-01T00:59:55.250+01:00";

    static final Rec V1_CLICK = Rec.of(
            "user_id", "l-1", "course_id", "c-algebra", "timestamp", V1_TIME,
            "page_id", "c-algebra/p2", "event_type", "click");

    static final Rec V1_VIDEO_SEEK = Rec.of(
            "user_id", "l-1", "course_id", "c-algebra", "timestamp", V1_TIME,
            "video_id", "c-algebra/v1", "action", "seek", "position", 300.0, "seek_from", 45.5);

    static final Rec V1_ATTEMPT = Rec.of(
            "user_id", "l-1", "course_id", "c-algebra", "timestamp", V1_TIME,
            "question_id", "c-algebra/q1", "score", 0.5, "max_score", 2, "attempt_number", 3,
            "skill_ids", List.of("linear-equations"));

    static final Rec V1_HINT = Rec.of(
            "user_id", "l-1", "course_id", "c-algebra", "timestamp", V1_TIME,
            "type", "hint", "question_id", "c-algebra/q1", "hint_index", 1);

    private Records() {}
}
