package io.learnpulse.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BktFitRunnerTest {

    /** An ASSISTments-style CSV of simulated learners: skill 1 for 60 learners, skill 2 for 3 (too few). */
    static String assistmentsCsv() {
        StringBuilder sb = new StringBuilder("order_id,user_id,problem_id,correct,skill_id,hint_count\n");
        long order = 1000;
        List<SkillSequences.Sequence> s1 = BktFitterTest.simulate(BktParams.of(0.4, 0.2, 0.2, 0.1), 60, 8, 11);
        for (SkillSequences.Sequence s : s1) {
            for (int t = 0; t < s.length(); t++) {
                sb.append(order++).append(',').append(s.learnerId).append(",p").append(t).append(',')
                        .append(s.correct[t] ? 1 : 0).append(",1.0,0\n");
            }
        }
        for (int l = 0; l < 3; l++) {
            sb.append(order++).append(",X").append(l).append(",p99,1,2.0,1\n");
        }
        return sb.toString();
    }

    @Test
    void fitsWritesParamsJsonAndEvaluatesOnHeldOutLearners(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, assistmentsCsv());
        BktFitRunner.Options o = new BktFitRunner.Options();
        o.inputs.add(csv);
        o.out = dir.resolve("params.json");
        o.testFraction = 0.25;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        BktFitRunner.Summary s = BktFitRunner.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));

        assertThat(s.train.learners() + s.test.learners()).isEqualTo(63);
        assertThat(s.test.learners()).isPositive();
        assertThat(s.train.observations() + s.test.observations()).isEqualTo(60 * 8 + 3);
        // skill 1 is fitted; skill 2 (at most 3 observations) keeps the default
        assertThat(s.report.skills.get("1").fitted).isTrue();
        assertThat(s.report.parameters.skills().keySet()).containsExactly("1");
        assertThat(BktParameterSet.read(o.out)).isEqualTo(s.report.parameters);
        assertThat(s.testFitted.n).isEqualTo(s.test.observations());
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("held out, fitted", "held out, default", "wrote " + o.out);

        // the same run again writes the same bytes
        String first = Files.readString(o.out);
        BktFitRunner.run(o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(Files.readString(o.out)).isEqualTo(first);
    }

    @Test
    void dktTrainAndTestFiles(@TempDir Path dir) throws Exception {
        StringBuilder train = new StringBuilder();
        for (SkillSequences.Sequence s : BktFitterTest.simulate(BktParams.of(0.3, 0.2, 0.2, 0.1), 30, 6, 5)) {
            train.append(s.length()).append('\n');
            for (int t = 0; t < s.length(); t++) {
                train.append("7,");
            }
            train.append('\n');
            for (boolean c : s.correct) {
                train.append(c ? "1," : "0,");
            }
            train.append('\n');
        }
        Path trainFile = dir.resolve("builder_train.csv");
        Path testFile = dir.resolve("builder_test.csv");
        Files.writeString(trainFile, train.toString());
        Files.writeString(testFile, "3\n7,7,8,\n0,1,1,\n");
        BktFitRunner.Options o = new BktFitRunner.Options();
        o.inputs.add(trainFile);
        o.testInputs.add(testFile);
        o.perSkill = false;
        BktFitRunner.Summary s = BktFitRunner.run(o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(s.train.observations()).isEqualTo(180);
        assertThat(s.train.learners()).isEqualTo(30);
        assertThat(s.test.skills()).containsExactly("7", "8");
        assertThat(s.test.sequences("7").get(0).learnerId).isEqualTo("builder_test-0");
        assertThat(s.testFitted.n).isEqualTo(3);
        assertThat(s.report.skills.get("7").fitted).isTrue();
    }

    @Test
    void theLearnerSplitDependsOnlyOnSeedAndLearner() {
        int inTest = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean a = SkillSequences.isTestLearner("learner-" + i, 42, 0.2);
            assertThat(SkillSequences.isTestLearner("learner-" + i, 42, 0.2)).isEqualTo(a);
            inTest += a ? 1 : 0;
        }
        assertThat(inTest).isBetween(1900, 2100);
        assertThat(SkillSequences.isTestLearner("x", 42, 0.0)).isFalse();
        assertThat(SkillSequences.isTestLearner("x", 42, 1.0)).isTrue();
    }
}
