package io.learnpulse.serving;

/**
 * A learner is enrolled in a course (from learner profiles): instructors of the course may then read the learner
 * before the learner's first event there. Written through {@link ServingWriter}, which maps the learner id to
 * its pseudonym, or with {@link ServingStore#enroll}.
 */
public record Enrollment(String learnerId, String courseId) {
}
