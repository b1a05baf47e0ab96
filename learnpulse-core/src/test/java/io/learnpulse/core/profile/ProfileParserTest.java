package io.learnpulse.core.profile;

import io.learnpulse.core.event.DeadLetterReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileParserTest {
    private final ProfileParser parser = new ProfileParser(1024);

    @Test
    void fullProfileIsRead() {
        ProfileParser.Result r = parser.parse("{\"learner_id\":\"ada\",\"cohort\":\"2026-fall\",\"locale\":\"en-gb\","
                + "\"accommodations\":true,\"courses\":[\"c1\",\"c2\",\"c1\"],\"instructors\":[\"t-1\"],"
                + "\"updated_at\":\"2026-09-01T08:00:00Z\"}", 5);
        assertThat(r.deadLetter).isNull();
        LearnerProfile p = r.profile;
        assertThat(p.learnerId).isEqualTo("ada");
        assertThat(p.cohort).isEqualTo("2026-fall");
        assertThat(p.locale).isEqualTo("en-GB");
        assertThat(p.accommodations).isTrue();
        assertThat(p.courses).containsExactly("c1", "c2");
        assertThat(p.instructors).containsExactly("t-1");
        assertThat(p.updatedAt).isEqualTo(1788249600000L);
        assertThat(p.deleted).isFalse();
        assertThat(p.enrolledIn("c2")).isTrue();
        assertThat(p.enrolledIn("c3")).isFalse();
    }

    @Test
    void onlyTheLearnerIdIsRequiredAndDeletedMarksATombstone() {
        LearnerProfile p = parser.parse("{\"learner_id\":\"bob\"}", 0).profile;
        assertThat(p.courses).isEmpty();
        assertThat(p.cohort).isNull();
        assertThat(p.accommodations).isFalse();
        assertThat(parser.parse("{\"learner_id\":\"bob\",\"deleted\":true}", 0).profile)
                .isEqualTo(ProfileParser.tombstone("bob"));
    }

    @Test
    void invalidProfilesBecomeDeadLettersWithTheirReason() {
        assertReject("{\"cohort\":\"x\"}", DeadLetterReason.MISSING_FIELD, "learner_id is required");
        assertReject("{\"learner_id\":7}", DeadLetterReason.INVALID_FIELD, "learner_id must be a non-empty string");
        assertReject("{\"learner_id\":\"a\",\"cohrt\":\"x\"}", DeadLetterReason.INVALID_FIELD, "unknown property 'cohrt'");
        assertReject("{\"learner_id\":\"a\",\"courses\":\"c1\"}", DeadLetterReason.INVALID_FIELD, "courses must be a list");
        assertReject("{\"learner_id\":\"a\",\"accommodations\":\"yes\"}", DeadLetterReason.INVALID_FIELD,
                "accommodations must be true or false");
        assertReject("{\"learner_id\":\"a\",\"updated_at\":\"yesterday\"}", DeadLetterReason.INVALID_FIELD,
                "updated_at is not an ISO-8601 timestamp");
        assertReject("{\"learner_id\":\"a\",\"locale\":\"\"}", DeadLetterReason.INVALID_FIELD, "BCP 47");
        assertReject("{\"learner_id\":", DeadLetterReason.MALFORMED_JSON, "");
        assertReject("[1]", DeadLetterReason.INVALID_FIELD, "must be a JSON object");
        assertReject("{\"learner_id\":\"" + "x".repeat(2000) + "\"}", DeadLetterReason.OVERSIZED, "larger than 1024 bytes");
    }

    private void assertReject(String payload, String reason, String message) {
        ProfileParser.Result r = parser.parse(payload, 42);
        assertThat(r.profile).as(payload).isNull();
        assertThat(r.deadLetter.reason).as(payload).isEqualTo(reason);
        assertThat(r.deadLetter.error).as(payload).contains(message);
        assertThat(r.deadLetter.source).isEqualTo(ProfileParser.CHANNEL);
        assertThat(r.deadLetter.raw).isEqualTo(payload);
        assertThat(r.deadLetter.receivedAt).isEqualTo(42);
    }

    @Test
    void writtenProfilesReadBackEqual() {
        LearnerProfile p = parser.parse("{\"learner_id\":\"ada\",\"cohort\":\"2026-fall\",\"locale\":\"en-GB\","
                + "\"accommodations\":true,\"courses\":[\"c1\"],\"instructors\":[\"t-1\"],"
                + "\"updated_at\":\"2026-09-01T08:00:00.250Z\"}", 0).profile;
        assertThat(parser.parse(io.learnpulse.core.json.JsonLines.toJson(p), 0).profile).isEqualTo(p);
        LearnerProfile gone = ProfileParser.tombstone("ada");
        assertThat(io.learnpulse.core.json.JsonLines.toJson(gone)).isEqualTo("{\"learner_id\":\"ada\",\"deleted\":true}");
        assertThat(parser.parse(io.learnpulse.core.json.JsonLines.toJson(gone), 0).profile).isEqualTo(gone);
    }

    @Test
    void simulatedLearnersHaveDeterministicProfilesOfTheirCourses() {
        io.learnpulse.core.sim.SimulatorConfig cfg = new io.learnpulse.core.sim.SimulatorConfig();
        cfg.learners = 50;
        cfg.seed = 11;
        io.learnpulse.core.catalog.Catalog catalog = io.learnpulse.core.sim.CatalogGenerator.generate(cfg.seed, cfg.courses);
        java.util.List<LearnerProfile> a = io.learnpulse.core.sim.LearnerSimulator.profiles(cfg, catalog);
        java.util.List<LearnerProfile> b = io.learnpulse.core.sim.LearnerSimulator.profiles(cfg, catalog);
        assertThat(a).hasSize(50).isEqualTo(b);
        java.util.Set<String> courseIds = new java.util.HashSet<>();
        catalog.courses().forEach(c -> courseIds.add(c.courseId));
        for (LearnerProfile p : a) {
            assertThat(p.courses).hasSizeBetween(1, 2);
            assertThat(courseIds).contains(p.courses);
            assertThat(p.instructors).containsExactly(java.util.Arrays.stream(p.courses).map(c -> "t-" + c).toArray(String[]::new));
            assertThat(p.locale).isNotNull();
        }
        assertThat(a.get(0).learnerId).isEqualTo("L000000");
    }
}
