package io.learnpulse.pipeline;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Course;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.catalog.Video;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.event.VideoAction;

import java.time.Instant;
import java.util.List;

/** Canonical events and a small catalog for pipeline tests. */
public final class TestEvents {
    /** 2026-01-05T10:00:00Z, on a minute boundary so window ends are easy to read. */
    public static final long T0 = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();

    private TestEvents() {}

    /** Course c1: video v1 (300 s) whose segment s1 [60, 120) teaches question q1 (skill k1); q2 has no segment. */
    public static Catalog catalog() {
        Video v1 = new Video("v1", "c1", 300.0, List.of(new Segment("s1", "v1", 60.0, 120.0)));
        Question q1 = new Question("q1", "c1", List.of("k1"), "v1", "s1");
        Question q2 = new Question("q2", "c1", List.of("k2"), null, null);
        return new Catalog(List.of(new Course("c1", "Course 1", List.of(v1), List.of(q1, q2), List.of("p1"))));
    }

    public static LearnerEvent base(String id, String source, EventKind kind, String learner, long t) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = id;
        e.source = source;
        e.format = "native-v2";
        e.kind = kind;
        e.learnerId = learner;
        e.courseId = "c1";
        e.eventTime = t;
        e.ingestTime = t;
        return e;
    }

    public static LearnerEvent page(String id, String learner, long t) {
        LearnerEvent e = base(id, Sources.CLICKSTREAM, EventKind.CLICK, learner, t);
        e.pageId = "p1";
        e.objectId = "p1";
        e.clickType = "page_view";
        return e;
    }

    public static LearnerEvent video(String id, String learner, long t, VideoAction action, double position) {
        LearnerEvent e = base(id, Sources.VIDEO, EventKind.VIDEO, learner, t);
        e.videoId = "v1";
        e.objectId = "v1";
        e.videoAction = action;
        e.position = position;
        return e;
    }

    public static LearnerEvent seek(String id, String learner, long t, double from, double to) {
        LearnerEvent e = video(id, learner, t, VideoAction.SEEK, to);
        e.seekFrom = from;
        return e;
    }

    public static LearnerEvent attempt(String id, String learner, long t, String question, boolean correct, int n) {
        LearnerEvent e = base(id, Sources.ASSESSMENT, EventKind.ATTEMPT, learner, t);
        e.questionId = question;
        e.objectId = question;
        e.correct = correct;
        e.score = correct ? 1.0 : 0.0;
        e.maxScore = 1.0;
        e.attemptNumber = n;
        return e;
    }

    public static LearnerEvent hint(String id, String learner, long t, String question) {
        LearnerEvent e = base(id, Sources.ASSESSMENT, EventKind.HINT, learner, t);
        e.questionId = question;
        e.objectId = question;
        e.hintIndex = 1;
        return e;
    }

    public static long at(long seconds) {
        return T0 + seconds * 1000L;
    }
}
