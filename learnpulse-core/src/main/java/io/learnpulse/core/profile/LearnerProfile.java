package io.learnpulse.core.profile;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the platform knows about a learner beyond their events (docs/profiles.md): cohort, locale, whether
 * accommodations apply, the courses they are enrolled in and their instructors. Profiles arrive on their own
 * input (a compacted Kafka topic keyed by learner id, or {@code profiles*.jsonl} files) and are attached to
 * fused attempts and interventions from the moment they arrive. A deleted profile ({@link #deleted}) removes
 * the learner's profile.
 */
public class LearnerProfile implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String learnerId;
    public String cohort;
    public String locale;
    public boolean accommodations;
    /** Course ids the learner is enrolled in; never null. */
    public String[] courses = new String[0];
    /** Ids of the learner's instructors; never null. */
    public String[] instructors = new String[0];
    /** When the profile was last changed (epoch ms), or 0 when the record did not say. */
    public long updatedAt;
    /** A tombstone: the learner's profile is removed. */
    public boolean deleted;

    public LearnerProfile() {}

    public LearnerProfile copy() {
        LearnerProfile p = new LearnerProfile();
        p.learnerId = learnerId;
        p.cohort = cohort;
        p.locale = locale;
        p.accommodations = accommodations;
        p.courses = courses.clone();
        p.instructors = instructors.clone();
        p.updatedAt = updatedAt;
        p.deleted = deleted;
        return p;
    }

    public boolean enrolledIn(String courseId) {
        for (String c : courses) {
            if (c.equals(courseId)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LearnerProfile)) {
            return false;
        }
        LearnerProfile p = (LearnerProfile) o;
        return accommodations == p.accommodations && updatedAt == p.updatedAt && deleted == p.deleted
                && Objects.equals(learnerId, p.learnerId) && Objects.equals(cohort, p.cohort)
                && Objects.equals(locale, p.locale) && Arrays.equals(courses, p.courses)
                && Arrays.equals(instructors, p.instructors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learnerId, cohort, locale, accommodations, updatedAt, deleted);
    }

    @Override
    public String toString() {
        return "LearnerProfile{" + learnerId + (deleted ? " deleted" : " cohort=" + cohort + " locale=" + locale
                + " accommodations=" + accommodations + " courses=" + Arrays.toString(courses)) + '}';
    }
}
