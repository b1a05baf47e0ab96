package io.learnpulse.serving;

import java.util.List;

/**
 * A bearer token of the {@link QueryApi} and what it may read.
 *
 * @param token   the secret sent as {@code Authorization: Bearer <token>}
 * @param courses the course ids it may read, or {@code ["*"]} for every course; learners only when they are
 *                enrolled in (or active in) one of these courses
 * @param name    who holds it, for logs (never the token itself)
 */
public record ApiToken(String token, List<String> courses, String name) {
    public static final String ALL_COURSES = "*";

    public ApiToken {
        if (token == null || token.isBlank() || !token.equals(token.strip()) || token.contains(" ")) {
            throw new IllegalArgumentException("an API token must be non-empty and contain no spaces");
        }
        if (courses == null || courses.isEmpty()) {
            throw new IllegalArgumentException("API token '" + name + "' lists no courses: give course ids or \"*\"");
        }
        courses = List.copyOf(courses);
        if (courses.contains(ALL_COURSES) && courses.size() > 1) {
            throw new IllegalArgumentException("API token '" + name + "': \"*\" already means every course; "
                    + "list it alone");
        }
        name = name == null || name.isBlank() ? "unnamed" : name;
    }

    /** A token for every course. */
    public static ApiToken allCourses(String token, String name) {
        return new ApiToken(token, List.of(ALL_COURSES), name);
    }

    public boolean coversAllCourses() {
        return courses.size() == 1 && courses.get(0).equals(ALL_COURSES);
    }

    public boolean allows(String courseId) {
        return coversAllCourses() || courses.contains(courseId);
    }

    /** Leaves the token out, so that logging a token never leaks it. */
    @Override
    public String toString() {
        return "ApiToken{" + name + ", courses=" + courses + '}';
    }
}
