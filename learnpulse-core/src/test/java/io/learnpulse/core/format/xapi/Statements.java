package io.learnpulse.core.format.xapi;

import static io.learnpulse.core.format.Json.arr;
import static io.learnpulse.core.format.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Valid xAPI statements written from the specification, to derive test cases from. */
final class Statements {

    static final String ADL = "http://adlnet.gov/expapi/verbs/";
    static final String VIDEO = "https://w3id.org/xapi/video/verbs/";
    static final String ACT = "http://adlnet.gov/expapi/activities/";
    static final String VIDEO_TYPE = "https://w3id.org/xapi/video/activity-type/video";

    static final String ID = "3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f";
    static final String TIMESTAMP = "2026-03-02T10:15:30.250Z";
    static final long T = Instant.parse(TIMESTAMP).toEpochMilli();
    static final long INGEST = T + 2_000;

    static final String COURSE = "https://lms.example.edu/courses/algebra-1";
    static final String QUESTION = "https://lms.example.edu/courses/algebra-1/quiz-1/q7";
    static final String PAGE = "https://lms.example.edu/courses/algebra-1/pages/intro";
    static final String VIDEO_ID = "https://lms.example.edu/courses/algebra-1/videos/v1";
    static final String LEARNER = "mailto:ada@example.edu";

    private Statements() {}

    /** An activity with a type. */
    static ObjectNode activity(String id, String type) {
        return obj("objectType", "Activity", "id", id, "definition", obj("type", type));
    }

    static ObjectNode course() {
        return activity(COURSE, ACT + "course");
    }

    static ObjectNode question() {
        return obj("objectType", "Activity", "id", QUESTION, "definition",
                obj("type", ACT + "cmi.interaction", "interactionType", "choice",
                        "correctResponsesPattern", arr("b"),
                        "choices", arr(obj("id", "a", "description", obj("en-US", "x = 1")),
                                obj("id", "b", "description", obj("en-US", "x = 2")))));
    }

    static ObjectNode video() {
        return activity(VIDEO_ID, VIDEO_TYPE);
    }

    static ObjectNode page() {
        return activity(PAGE, "http://activitystrea.ms/schema/1.0/page");
    }

    /** A complete valid statement: the verb with a display, the object, the course as parent. */
    static ObjectNode statement(String verb, ObjectNode object) {
        String display = verb.substring(Math.max(verb.lastIndexOf('/'), verb.lastIndexOf('#')) + 1);
        return obj(
                "id", ID,
                "actor", obj("objectType", "Agent", "name", "Ada", "mbox", LEARNER),
                "verb", obj("id", verb, "display", obj("en-US", display)),
                "object", object,
                "context", obj("contextActivities", obj("parent", arr(course()))),
                "timestamp", TIMESTAMP,
                "version", "1.0.3");
    }

    /** "answered" on the choice question with a full result. */
    static ObjectNode answered() {
        return (ObjectNode) statement(ADL + "answered", question())
                .set("result", obj("score", obj("scaled", 0.5, "raw", 5, "min", 0, "max", 10), "success", false,
                        "completion", true, "response", "a", "duration", "PT1M30.5S"));
    }
}
