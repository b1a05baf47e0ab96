package io.learnpulse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.core.json.LatestFinals;
import io.learnpulse.pipeline.sink.OutputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code replay --format assistments} and {@code fit} on ASSISTments-shaped CSV files written here. */
class AssistmentsCommandsTest {
    private static final String HEADER = ",order_id,assignment_id,user_id,assistment_id,problem_id,original,correct,"
            + "attempt_count,ms_first_response,tutor_mode,answer_type,sequence_id,student_class_id,position,type,"
            + "base_sequence_id,skill_id,skill_name,teacher_id,school_id,hint_count,hint_total,overlap_time,"
            + "template_id,answer_id,answer_text,first_action,bottom_hint,opportunity,opportunity_original";

    @TempDir
    Path dir;

    private static String row(int index, long order, String user, String problem, int correct, String skill, int hints) {
        return index + "," + order + ",1," + user + ",1," + problem + ",1," + correct + ",1,1000,tutor,algebra,1,9,1,"
                + "MasteryRection,1," + skill + ",Skill " + skill + ",1,1," + hints + ",3,1000,1,,x,0,,1,1.0";
    }

    @Test
    void replayMapsRowsToAttemptsAndTracesMasteryRaisingALowMasteryAlert() throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        // Learner 7 answers six problems of skill 1 wrong, one a minute (order_id gives the order).
        for (int i = 0; i < 6; i++) {
            lines.add(row(i, 100 + i, "7", "p" + i, 0, "1.0", 0));
        }
        // Learner 8 answers one problem of skills 1 and 2 right: two rows, one order_id, one attempt.
        lines.add(row(6, 200, "8", "p9", 1, "1.0", 2));
        lines.add(row(7, 200, "8", "p9", 1, "2.0", 2));
        Path csv = dir.resolve("as.csv");
        Files.write(csv, lines);

        Path out = dir.resolve("out");
        assertThat(LearnPulse.commandLine().execute("replay", "--format", "assistments", "--input", csv.toString(),
                "--out", out.toString())).isZero();

        Map<String, String> mastery = LatestFinals.of(out.resolve(OutputFiles.MASTERY));
        assertThat(mastery).containsOnlyKeys("7@1", "8@1", "8@2");
        assertThat(mastery.get("7@1")).contains("\"attempts\":6").contains("\"trigger_event_id\":\"as09-105\"");
        // A right first answer from 0.2: 0.2*0.9 / (0.2*0.9 + 0.8*0.2) = 0.5294..., + (1 - 0.5294...) * 0.15 = 0.6
        assertThat(new ObjectMapper().readTree(mastery.get("8@2")).get("p_mastery").asDouble()).isCloseTo(0.6, within(1e-12));

        List<JsonNode> interventions = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve(OutputFiles.INTERVENTIONS))) {
            interventions.add(new ObjectMapper().readTree(l));
        }
        // Mastery of skill 1 is below 0.3 after the fifth first attempt: one alert, the sixth is in its cooldown.
        List<JsonNode> low = interventions.stream().filter(i -> i.get("rule").asText().equals("low_mastery")).toList();
        assertThat(low).hasSize(1);
        assertThat(low.get(0).get("learner_id").asText()).isEqualTo("7");
        assertThat(low.get(0).get("object_id").asText()).isEqualTo("1");
        assertThat(low.get(0).get("trigger_event_ids").get(0).asText()).isEqualTo("as09-104");
        assertThat(interventions).noneMatch(i -> i.get("learner_id").asText().equals("8"));

        Map<String, String> items = LatestFinals.of(out.resolve(OutputFiles.QUESTION_STATS));
        assertThat(items).hasSize(7);
        assertThat(items.get("p9")).contains("\"attempts\":1").contains("\"hints\":2");
    }

    @Test
    void fitRecoversTheParametersTheDataWasSimulatedWith() throws IOException {
        // 300 learners x 20 first attempts on one skill, simulated with p_init 0.3, p_learn 0.1, guess 0.25, slip 0.08.
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>(List.of(HEADER));
        long order = 1;
        for (int learner = 0; learner < 300; learner++) {
            boolean known = random.nextDouble() < 0.3;
            for (int k = 0; k < 20; k++) {
                boolean correct = known ? random.nextDouble() >= 0.08 : random.nextDouble() < 0.25;
                lines.add(row((int) order, order, "u" + learner, "p" + k, correct ? 1 : 0, "3.0", 0));
                order++;
                if (!known && random.nextDouble() < 0.1) {
                    known = true;
                }
            }
        }
        Path csv = dir.resolve("sim.csv");
        Files.write(csv, lines);
        Path params = dir.resolve("params.json");
        assertThat(LearnPulse.commandLine().execute("fit", "--format", "assistments", "--input", csv.toString(),
                "--out", params.toString(), "--quiet")).isZero();

        JsonNode skill = new ObjectMapper().readTree(params.toFile()).get("skills").get("3");
        assertThat(skill.get("p_init").asDouble()).isCloseTo(0.3, within(0.06));
        assertThat(skill.get("p_learn").asDouble()).isCloseTo(0.1, within(0.04));
        assertThat(skill.get("p_guess").asDouble()).isCloseTo(0.25, within(0.05));
        assertThat(skill.get("p_slip").asDouble()).isCloseTo(0.08, within(0.04));

        assertThat(LearnPulse.commandLine().execute("fit", "--format", "dkt", "--input", csv.toString())).isEqualTo(2);
    }
}
