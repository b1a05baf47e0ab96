package io.learnpulse.core.format.caliper;

import static io.learnpulse.core.format.Json.arr;
import static io.learnpulse.core.format.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Valid Caliper 1.2 events written from the specification, to derive test cases from. */
final class Events {

    static final String V1P2 = "http://purl.imsglobal.org/ctx/caliper/v1p2";
    static final String V1P1 = "http://purl.imsglobal.org/ctx/caliper/v1p1";
    static final String UUID = "c51570e4-f8ed-4c18-bb3a-dfe51b2cc594";
    static final String ID = "urn:uuid:" + UUID;
    static final String EVENT_TIME = "2026-03-02T10:15:30.250Z";
    static final long T = Instant.parse(EVENT_TIME).toEpochMilli();
    static final long INGEST = T + 2_000;

    static final String LEARNER = "https://example.edu/users/554433";
    static final String SECTION = "https://example.edu/terms/201601/courses/7/sections/1";
    static final String PAGE = SECTION + "/pages/2";
    static final String VIDEO = "https://example.edu/videos/UQVK-dsU7-Y";
    static final String ITEM = SECTION + "/assess/1/items/3";
    static final String ATTEMPT = ITEM + "/users/554433/attempts/2";

    private Events() {}

    static ObjectNode person() {
        return obj("id", LEARNER, "type", "Person");
    }

    static ObjectNode section() {
        return obj("id", SECTION, "type", "CourseSection", "courseNumber", "CPS 435-01", "academicSession", "Fall 2016");
    }

    /** An event with the common properties; the caller supplies type, action and object. */
    static ObjectNode event(String type, String action, ObjectNode object) {
        return obj(
                "@context", V1P2,
                "id", ID,
                "type", type,
                "actor", person(),
                "action", action,
                "object", object,
                "eventTime", EVENT_TIME,
                "edApp", obj("id", "https://example.edu", "type", "SoftwareApplication"),
                "group", section(),
                "membership", obj("id", SECTION + "/rosters/1", "type", "Membership", "member", LEARNER,
                        "organization", SECTION, "roles", arr("Learner"), "status", "Active"),
                "session", obj("id", "https://example.edu/sessions/1f6442a4", "type", "Session"));
    }

    static ObjectNode webPage() {
        return obj("id", PAGE, "type", "WebPage", "name", "Learning Analytics Specifications");
    }

    static ObjectNode navigatedTo() {
        return event("NavigationEvent", "NavigatedTo", webPage());
    }

    static ObjectNode videoObject() {
        return obj("id", VIDEO, "type", "VideoObject", "name", "Welcome", "duration", "PT20M20S");
    }

    static ObjectNode media(String action, String currentTime) {
        ObjectNode e = event("MediaEvent", action, videoObject());
        if (currentTime != null) {
            e.set("target", obj("id", VIDEO + "?t=" + currentTime, "type", "MediaLocation", "currentTime",
                    currentTime));
        }
        return e;
    }

    static ObjectNode item() {
        return obj("id", ITEM, "type", "AssessmentItem", "name", "Assessment Item 3", "maxScore", 1,
                "isPartOf", obj("id", SECTION + "/assess/1", "type", "Assessment"));
    }

    static ObjectNode itemCompleted() {
        ObjectNode e = event("AssessmentItemEvent", "Completed", item());
        e.set("generated", obj("id", ITEM + "/users/554433/responses/1", "type", "FillinBlankResponse",
                "attempt", obj("id", ATTEMPT, "type", "Attempt", "assignee", LEARNER, "assignable", ITEM,
                        "count", 2),
                "values", arr("subject", "object", "predicate")));
        return e;
    }

    /** A GradeEvent by an autograder (a SoftwareApplication) on the learner's attempt. */
    static ObjectNode graded() {
        ObjectNode e = event("GradeEvent", "Graded", obj("id", ATTEMPT, "type", "Attempt",
                "assignee", person(), "assignable", item(), "count", 2));
        e.set("actor", obj("id", "https://example.edu/autograder", "type", "SoftwareApplication"));
        e.set("generated", obj("id", ATTEMPT + "/scores/1", "type", "Score", "attempt", ATTEMPT,
                "maxScore", 15, "scoreGiven", 10, "scoredBy", "https://example.edu/autograder"));
        return e;
    }

    static ObjectNode envelope(ObjectNode... events) {
        return obj("sensor", "https://example.edu/sensors/1", "sendTime", "2026-03-02T10:15:31.000Z",
                "dataVersion", V1P2, "data", arr((Object[]) events));
    }
}
