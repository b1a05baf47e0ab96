package io.learnpulse.pipeline;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.Status;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.pipeline.sink.OutputFiles;
import io.learnpulse.pipeline.source.FileInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario of {@link FusionJobScenarioTest} replayed twice, with learner profiles and with pseudonymization
 * on and off: results are the same apart from the ids, no output but the dead letters names a learner, and the
 * profiles are attached to the fused attempts and interventions of the learners who have one.
 */
class ProfilesAndPseudonymsTest {
    private static final String SECRET = "scenario-secret-0123456789";
    private static final Pseudonymizer P = Pseudonymizer.keyed(SECRET);

    @TempDir
    static Path dir;
    static Path plain;
    static Path hidden;

    @BeforeAll
    static void runTheJobTwice() throws Exception {
        FusionJobScenarioTest.writeScenario(dir);
        Files.write(dir.resolve("profiles.jsonl"), List.of(
                "{\"learner_id\":\"A\",\"cohort\":\"2026-fall\",\"locale\":\"en-GB\",\"accommodations\":true,"
                        + "\"courses\":[\"c1\"],\"instructors\":[\"t-c1\"]}",
                "{\"learner_id\":\"C\",\"cohort\":\"2026-spring\",\"courses\":[\"c1\"]}"));
        plain = run(LearnPulseConfig.defaults().withoutIdleness(), "plain");
        hidden = run(LearnPulseConfig.fromYamlString("privacy: {pseudonymize: true, secret: " + SECRET + "}")
                .withoutIdleness(), "hidden");
    }

    private static Path run(LearnPulseConfig config, String name) throws Exception {
        Path out = dir.resolve(name);
        new FusionJob(config, TestEvents.catalog(), FileInputs.of(dir),
                new FusionJob.Profiles(FileInputs.profilesOf(dir, config.maxRecordBytes()), List.of()),
                OutputFiles.in(out)).execute(Engine.environment(config, Engine.Mode.BOUNDED), name);
        return out;
    }

    private static Map<String, FusedAttempt> finalFused(Path out) throws IOException {
        return Files.readAllLines(out.resolve(OutputFiles.FUSED)).stream().map(JsonLines::readFusedAttempt)
                .filter(f -> f.status.equals(Status.FINAL)).collect(Collectors.toMap(f -> f.key, f -> f));
    }

    @Test
    void profilesAreAttachedToTheLearnersWhoHaveOne() throws IOException {
        Map<String, FusedAttempt> fin = finalFused(plain);
        assertThat(fin.get("q-a1").profile.cohort).isEqualTo("2026-fall");
        assertThat(fin.get("q-a1").profile.locale).isEqualTo("en-GB");
        assertThat(fin.get("q-a1").profile.accommodations).isTrue();
        assertThat(fin.get("q-a1").profile.instructors).containsExactly("t-c1");
        assertThat(fin.get("q-b1").profile).isNull();
        List<Intervention> ivs = Files.readAllLines(plain.resolve(OutputFiles.INTERVENTIONS)).stream()
                .map(JsonLines::readIntervention).toList();
        assertThat(ivs).isNotEmpty();
        for (Intervention iv : ivs) {
            assertThat(iv.profile == null ? null : iv.profile.cohort).as(iv.toString())
                    .isEqualTo(iv.learnerId.equals("A") ? "2026-fall" : null);
        }
    }

    @Test
    void pseudonymizedRunHasTheSameResultsUnderKeyedHashes() throws IOException {
        Map<String, FusedAttempt> a = finalFused(plain);
        Map<String, FusedAttempt> b = finalFused(hidden);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String key : a.keySet()) {
            FusedAttempt expected = a.get(key);
            FusedAttempt actual = b.get(key);
            assertThat(actual.learnerId).isEqualTo(P.apply(expected.learnerId)).startsWith("lp-");
            actual.learnerId = expected.learnerId;
            assertThat(actual.sameResult(expected)).as(key).isTrue();
            assertThat(actual.profile).isEqualTo(expected.profile);
        }
    }

    @Test
    void noOutputButTheDeadLettersNamesALearner() throws IOException {
        Set<String> raw = Set.of("A", "B", "C");
        for (String file : OutputFiles.ALL) {
            if (file.equals(OutputFiles.DEAD_LETTERS)) {
                continue;
            }
            for (String line : Files.readAllLines(hidden.resolve(file))) {
                for (String id : raw) {
                    assertThat(line).as(file).doesNotContain("\"learner_id\":\"" + id + "\"")
                            .doesNotContain("\"user_id\":\"" + id + "\"");
                }
            }
        }
        // The late event is kept as its canonical (pseudonymized) event, not as the record that names the learner.
        List<LateEvent> late = Files.readAllLines(hidden.resolve(OutputFiles.LATE)).stream()
                .map(JsonLines::readLateEvent).toList();
        assertThat(late).extracting(l -> l.eventId).containsExactly("p-a-late");
        assertThat(late.get(0).learnerId).isEqualTo(P.apply("A"));
        assertThat(JsonLines.readLearnerEvent(late.get(0).raw).learnerId).isEqualTo(P.apply("A"));
    }
}
