package io.learnpulse.core.profile;

import java.util.Arrays;
import java.util.Objects;

/**
 * The profile fields attached to fused attempts and interventions: what a consumer acting on them needs
 * (who to notify, in which language, whether accommodations apply) without the learner's enrollments.
 */
public class ProfileSummary {
    public String cohort;
    public String locale;
    public boolean accommodations;
    public String[] instructors = new String[0];

    public ProfileSummary() {}

    public static ProfileSummary of(LearnerProfile p) {
        ProfileSummary s = new ProfileSummary();
        s.cohort = p.cohort;
        s.locale = p.locale;
        s.accommodations = p.accommodations;
        s.instructors = p.instructors;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProfileSummary)) {
            return false;
        }
        ProfileSummary p = (ProfileSummary) o;
        return accommodations == p.accommodations && Objects.equals(cohort, p.cohort)
                && Objects.equals(locale, p.locale) && Arrays.equals(instructors, p.instructors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cohort, locale, accommodations) * 31 + Arrays.hashCode(instructors);
    }

    @Override
    public String toString() {
        return "Profile{" + cohort + ' ' + locale + (accommodations ? " accommodations" : "") + ' '
                + Arrays.toString(instructors) + '}';
    }
}
