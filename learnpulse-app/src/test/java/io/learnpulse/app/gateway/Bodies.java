package io.learnpulse.app.gateway;

import java.time.Instant;

/** Valid records of each format, a minute old, to send in the gateway tests. */
final class Bodies {
    static final String COURSE = "https://lms.example.org/courses/algebra";
    static final String VIDEO = "https://lms.example.org/videos/v1";
    static final String QUESTION = "https://lms.example.org/courses/algebra/q/1";

    private Bodies() {}

    static String time(long millisAgo) {
        return Instant.ofEpochMilli(System.currentTimeMillis() - millisAgo).toString();
    }

    /** "answered" on the question, with an id when {@code id} is not null. */
    static String answered(String id, boolean success, String timestamp) {
        return "{" + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"actor\":{\"objectType\":\"Agent\",\"mbox\":\"mailto:ann@example.com\"},"
                + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\",\"display\":{\"en-US\":\"answered\"}},"
                + "\"object\":{\"objectType\":\"Activity\",\"id\":\"" + QUESTION + "\",\"definition\":{\"type\":"
                + "\"http://adlnet.gov/expapi/activities/question\"}},"
                + "\"result\":{\"success\":" + success + ",\"score\":{\"raw\":" + (success ? 1 : 0) + ",\"max\":1}},"
                + "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"" + COURSE + "\",\"definition\":{\"type\":"
                + "\"http://adlnet.gov/expapi/activities/course\"}}]}},"
                + "\"timestamp\":\"" + timestamp + "\"}";
    }

    /** A native v2 video event. */
    static String video(String id, String learner, String action, double position, long ts) {
        return "{\"schema_version\":2,\"event_id\":\"" + id + "\",\"learner_id\":\"" + learner + "\",\"course_id\":\""
                + COURSE + "\",\"ts\":" + ts + ",\"video_id\":\"" + VIDEO + "\",\"action\":\"" + action
                + "\",\"position\":" + position + "}";
    }

    /** A native v2 attempt on the question. */
    static String attempt(String id, String learner, boolean correct, long ts) {
        return "{\"schema_version\":2,\"event_id\":\"" + id + "\",\"learner_id\":\"" + learner + "\",\"course_id\":\""
                + COURSE + "\",\"ts\":" + ts + ",\"question_id\":\"" + QUESTION + "\",\"score\":" + (correct ? 1 : 0)
                + ",\"max_score\":1,\"correct\":" + correct + ",\"attempt_number\":1}";
    }

    /** A Caliper 1.2 MediaEvent by Bob. */
    static String mediaEvent(String uuid, String action, String timestamp) {
        return "{\"@context\":\"http://purl.imsglobal.org/ctx/caliper/v1p2\",\"id\":\"urn:uuid:" + uuid + "\","
                + "\"type\":\"MediaEvent\",\"actor\":{\"id\":\"https://lms.example.org/users/bob\",\"type\":\"Person\"},"
                + "\"action\":\"" + action + "\",\"object\":{\"id\":\"" + VIDEO + "\",\"type\":\"VideoObject\"},"
                + "\"target\":{\"id\":\"" + VIDEO + "?t=60\",\"type\":\"MediaLocation\",\"currentTime\":\"PT1M\"},"
                + "\"eventTime\":\"" + timestamp + "\",\"group\":{\"id\":\"" + COURSE + "\",\"type\":\"CourseSection\"}}";
    }

    static String envelope(String... events) {
        return "{\"sensor\":\"https://lms.example.org/sensor\",\"sendTime\":\"" + time(0) + "\","
                + "\"dataVersion\":\"http://purl.imsglobal.org/ctx/caliper/v1p2\",\"data\":[" + String.join(",", events)
                + "]}";
    }
}
