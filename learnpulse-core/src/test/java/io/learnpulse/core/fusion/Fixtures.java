package io.learnpulse.core.fusion;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Course;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.catalog.Video;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.event.VideoAction;

import java.util.List;

/** Hand-made catalog and event builders for the fusion tests. */
final class Fixtures {

    /** 2026-01-01T00:00:00Z. */
    static final long T0 = 1_767_225_600_000L;
    static final String LEARNER = "L1";
    static final String COURSE = "C1";
    static final String OTHER_COURSE = "C2";

    /** 600 s long; segment s1 = [60, 120), segment s2 = [300, 400). */
    static final String V1 = "C1/v1";
    /** 100 s long; segment s1 = [80, 100), segment "empty" = [50, 50). */
    static final String V2 = "C1/v2";
    /** Not in the catalog: duration unknown. */
    static final String V_UNKNOWN = "C1/vx";
    /** In the other course, 300 s long. */
    static final String W1 = "C2/v1";

    /** Linked to V1 segment [60, 120), skills linear-equations + fractions. */
    static final String Q1 = "C1/q1";
    /** No video link, skill graphs. */
    static final String Q2 = "C1/q2";
    /** Linked to V1 but no segment. */
    static final String Q3 = "C1/q3";
    /** Linked to V2 segment [80, 100). */
    static final String Q4 = "C1/q4";
    /** Linked to the zero-length V2 segment [50, 50). */
    static final String Q5 = "C1/q5";
    /** Not in the catalog. */
    static final String Q_UNKNOWN = "C1/q-unknown";

    private Fixtures() {}

    static Catalog catalog() {
        Video v1 = new Video(V1, COURSE, 600.0, List.of(
                new Segment("C1/v1/s1", V1, 60.0, 120.0),
                new Segment("C1/v1/s2", V1, 300.0, 400.0)));
        Video v2 = new Video(V2, COURSE, 100.0, List.of(
                new Segment("C1/v2/s1", V2, 80.0, 100.0),
                new Segment("C1/v2/empty", V2, 50.0, 50.0)));
        Course c1 = new Course(COURSE, "Course one", List.of(v1, v2), List.of(
                new Question(Q1, COURSE, List.of("linear-equations", "fractions"), V1, "C1/v1/s1"),
                new Question(Q2, COURSE, List.of("graphs"), null, null),
                new Question(Q3, COURSE, List.of("slopes"), V1, null),
                new Question(Q4, COURSE, List.of("ratios"), V2, "C1/v2/s1"),
                new Question(Q5, COURSE, List.of(), V2, "C1/v2/empty")),
                List.of("C1/p1", "C1/p2"));
        Video w1 = new Video(W1, OTHER_COURSE, 300.0, List.of(new Segment("C2/v1/s1", W1, 0.0, 300.0)));
        Course c2 = new Course(OTHER_COURSE, "Course two", List.of(w1),
                List.of(new Question("C2/q1", OTHER_COURSE, List.of("history"), W1, "C2/v1/s1")),
                List.of("C2/p1"));
        return new Catalog(List.of(c1, c2));
    }

    /** Milliseconds in {@code s} seconds (s may be fractional). */
    static long sec(double s) {
        return Math.round(s * 1000.0);
    }

    private static LearnerEvent base(String id, long t, EventKind kind, String source) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = id;
        e.source = source;
        e.format = "native-v2";
        e.kind = kind;
        e.learnerId = LEARNER;
        e.courseId = COURSE;
        e.eventTime = t;
        e.ingestTime = t + 250;
        return e;
    }

    private static LearnerEvent video(String id, long t, String videoId, VideoAction action, double position) {
        LearnerEvent e = base(id, t, EventKind.VIDEO, Sources.VIDEO);
        e.objectId = videoId;
        e.videoId = videoId;
        e.videoAction = action;
        e.position = position;
        return e;
    }

    static LearnerEvent play(String id, long t, String videoId, double position) {
        return video(id, t, videoId, VideoAction.PLAY, position);
    }

    static LearnerEvent pause(String id, long t, String videoId, double position) {
        return video(id, t, videoId, VideoAction.PAUSE, position);
    }

    static LearnerEvent ended(String id, long t, String videoId, double position) {
        return video(id, t, videoId, VideoAction.ENDED, position);
    }

    static LearnerEvent seek(String id, long t, String videoId, double from, double to) {
        LearnerEvent e = video(id, t, videoId, VideoAction.SEEK, to);
        e.seekFrom = from;
        return e;
    }

    static LearnerEvent click(String id, long t, String clickType) {
        LearnerEvent e = base(id, t, EventKind.CLICK, Sources.CLICKSTREAM);
        e.pageId = "C1/p1";
        e.objectId = e.pageId;
        e.clickType = clickType;
        return e;
    }

    static LearnerEvent pageView(String id, long t) {
        return click(id, t, "page_view");
    }

    static LearnerEvent hint(String id, long t, String questionId) {
        LearnerEvent e = base(id, t, EventKind.HINT, Sources.ASSESSMENT);
        e.questionId = questionId;
        e.objectId = questionId;
        e.hintIndex = 1;
        return e;
    }

    static LearnerEvent attempt(String id, long t, String questionId, double score, double maxScore) {
        LearnerEvent e = base(id, t, EventKind.ATTEMPT, Sources.ASSESSMENT);
        e.questionId = questionId;
        e.objectId = questionId;
        e.score = score;
        e.maxScore = maxScore;
        e.correct = score >= maxScore;
        e.attemptNumber = 1;
        return e;
    }

    /** Moves an event to another course. */
    static LearnerEvent inCourse(String courseId, LearnerEvent e) {
        e.courseId = courseId;
        return e;
    }

    static LearnerTimeline timeline(LearnerEvent... events) {
        LearnerTimeline tl = new LearnerTimeline();
        for (LearnerEvent e : events) {
            tl.add(e);
        }
        return tl;
    }
}
