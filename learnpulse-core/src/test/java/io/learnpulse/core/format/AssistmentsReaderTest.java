package io.learnpulse.core.format;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssistmentsReaderTest {

    /** The skill-builder header, with the leading unnamed pandas index column. */
    static final String HEADER = ",order_id,assignment_id,user_id,assistment_id,problem_id,original,correct,attempt_count,"
            + "ms_first_response,tutor_mode,answer_type,sequence_id,student_class_id,position,type,base_sequence_id,"
            + "skill_id,skill_name,teacher_id,school_id,hint_count,hint_total,overlap_time,template_id,answer_id,"
            + "answer_text,first_action,bottom_hint,opportunity,opportunity_original";

    /** A row in the header's column order; the columns the reader does not use get plausible filler. */
    static String row(int index, long order, String user, String problem, int correct, int attempts, String classId,
                      String skill, int hints, String answerText) {
        return index + "," + order + ",277618," + user + ",33139," + problem + ",1," + correct + "," + attempts
                + ",32454,tutor,algebra,5948," + classId + ",126,MasterySection,5948," + skill + ",Box and Whisker,22763,73,"
                + hints + ",3,32454,30799,," + answerText + ",0,,1,1.0";
    }

    static final long BASE = AssistmentsReader.DEFAULT_BASE_TIME;
    static final long MIN = 60_000L;

    @Test
    void mapsRowsToResponsesAndMergesMultiSkillRows() {
        String csv = String.join("\n",
                HEADER,
                row(0, 300, "u1", "p3", 1, 1, "c7", "1.0", 0, "26"),
                row(1, 100, "u1", "p1", 0, 3, "c7", "1.0", 2, "\"61,69\""),
                row(2, 100, "u1", "p1", 0, 3, "c7", "10.0", 2, "\"61,69\""),   // same order_id: one attempt, two skills
                row(3, 100, "u1", "p1", 0, 3, "c7", "1.0", 2, "\"61,69\""),    // the same skill again
                row(4, 200, "u2", "p1", 1, 1, "", "10.0", 0, "\"say \"\"hi\"\"\""),
                row(5, 150, "u1", "p2", 1, 1, "c7", "", 0, "1"),
                "");
        AssistmentsReader.Result r = AssistmentsReader.parse(csv);
        assertThat(r.rows).isEqualTo(6);
        assertThat(r.mergedRows).isEqualTo(2);
        assertThat(r.skippedRows).isZero();
        assertThat(r.responses).extracting(x -> x.orderId).containsExactly(100L, 150L, 200L, 300L);

        AssistmentsReader.Response first = r.responses.get(0);
        assertThat(first.userId).isEqualTo("u1");
        assertThat(first.problemId).isEqualTo("p1");
        assertThat(first.assignmentId).isEqualTo("277618");
        assertThat(first.studentClassId).isEqualTo("c7");
        assertThat(first.skillIds).containsExactly("1", "10");
        assertThat(first.correct).isFalse();
        assertThat(first.attemptCount).isEqualTo(3);
        assertThat(first.hintCount).isEqualTo(2);
        assertThat(first.line).isEqualTo(3);
        assertThat(r.responses.get(1).skillIds).isEmpty();
        assertThat(r.responses.get(2).studentClassId).isNull();
    }

    @Test
    void eventsGetPerLearnerTimesFromOrderAndHintsFollowTheAttempt() {
        String csv = String.join("\n",
                HEADER,
                row(0, 300, "u1", "p3", 1, 1, "c7", "1.0", 0, "26"),
                row(1, 100, "u1", "p1", 0, 3, "c7", "1.0", 2, "5"),
                row(2, 100, "u1", "p1", 0, 3, "c7", "10.0", 2, "5"),
                row(3, 200, "u2", "p1", 1, 1, "", "10.0", 0, "5"));
        List<LearnerEvent> events = AssistmentsReader.toEvents(AssistmentsReader.parse(csv).responses,
                AssistmentsReader.Mapping.defaults());
        // u1: order 100 -> rank 0, order 300 -> rank 1; u2: order 200 -> rank 0
        assertThat(events).extracting(e -> e.eventId + "@" + (e.eventTime - BASE))
                .containsExactly("as09-100@0", "as09-200@0", "as09-100-h1@1000", "as09-100-h2@2000", "as09-300@60000");

        LearnerEvent a = events.get(0);
        assertThat(a.kind).isEqualTo(EventKind.ATTEMPT);
        assertThat(a.source).isEqualTo("assessment");
        assertThat(a.format).isEqualTo("assistments-2009");
        assertThat(a.learnerId).isEqualTo("u1");
        assertThat(a.courseId).isEqualTo("as09-class-c7");
        assertThat(a.questionId).isEqualTo("p1");
        assertThat(a.objectId).isEqualTo("p1");
        assertThat(a.skillIds).containsExactly("1", "10");
        assertThat(a.attemptNumber).isEqualTo(1);
        assertThat(a.correct).isFalse();
        assertThat(a.score).isEqualTo(0.0);
        assertThat(a.maxScore).isEqualTo(1.0);
        assertThat(a.eventTime).isEqualTo(BASE);

        assertThat(events.get(1).courseId).isEqualTo("assistments-2009"); // no class
        assertThat(events.get(1).correct).isTrue();
        assertThat(events.get(1).score).isEqualTo(1.0);
        LearnerEvent h2 = events.get(3);
        assertThat(h2.kind).isEqualTo(EventKind.HINT);
        assertThat(h2.hintIndex).isEqualTo(2);
        assertThat(h2.questionId).isEqualTo("p1");
        assertThat(h2.skillIds).containsExactly("1", "10");
        assertThat(events.get(4).eventTime).isEqualTo(BASE + MIN);

        List<LearnerEvent> fixed = AssistmentsReader.toEvents(AssistmentsReader.parse(csv).responses,
                new AssistmentsReader.Mapping(0L, 10_000L, false, "course-x"));
        assertThat(fixed).extracting(e -> e.eventId + "@" + e.eventTime + "@" + e.courseId)
                .containsExactly("as09-100@0@course-x", "as09-200@0@course-x", "as09-300@10000@course-x");
    }

    @Test
    void theOriginalHeaderWithoutAnIndexColumnAndCrlfLineEnds() {
        String csv = "order_id,user_id,problem_id,correct,skill_id,hint_count\r\n"
                + "5,u9,p9,1,311.0,1\r\n"
                + "4,u9,p8,0,311,\r\n";
        AssistmentsReader.Result r = AssistmentsReader.parse(csv);
        assertThat(r.responses).extracting(x -> x.orderId + ":" + x.skillIds + ":" + x.hintCount + ":" + x.attemptCount)
                .containsExactly("4:[311]:0:1", "5:[311]:1:1");
    }

    @Test
    void invalidRowsAreSkippedAndReportedWithTheirLine() {
        String csv = String.join("\n",
                HEADER,
                row(0, 100, "u1", "p1", 1, 1, "c7", "1.0", 0, "5"),
                row(1, 100, "u1", "p1", 0, 1, "c7", "10.0", 0, "5"),   // repeats order 100 with another correct
                row(2, 101, "u1", "p2", 2, 1, "c7", "1.0", 0, "5"),     // correct must be 0/1
                row(3, 102, "", "p2", 1, 1, "c7", "1.0", 0, "5"),       // no user
                row(4, 103, "u1", "p3", 1, -1, "c7", "1.0", 0, "5"),    // negative attempt count
                "x,y");                                                  // order_id not a number
        AssistmentsReader.Result r = AssistmentsReader.parse(csv);
        assertThat(r.responses).hasSize(1);
        assertThat(r.responses.get(0).skillIds).containsExactly("1");
        assertThat(r.skippedRows).isEqualTo(5);
        assertThat(r.problems).containsExactly(
                "line 3: order_id 100 repeats line 2 with a different user_id, problem_id or correct",
                "line 4: correct must be 0 or 1 ('2')",
                "line 5: user_id is empty",
                "line 6: attempt_count is not a count ('-1')",
                "line 7: order_id is not an integer ('y')");
    }

    @Test
    void aHeaderWithoutARequiredColumnIsAnError() {
        assertThatThrownBy(() -> AssistmentsReader.parse("order_id,user_id,problem_id,correct\n1,u,p,1\n"))
                .hasMessageContaining("column 'skill_id' is missing");
        assertThatThrownBy(() -> AssistmentsReader.parse("")).hasMessageContaining("no header");
    }

    @Test
    void aQuotedFieldMayHoldALineBreak() {
        String csv = HEADER + "\n" + row(0, 1, "u1", "p1", 1, 1, "c", "1.0", 0, "\"a\nb\"") + "\n"
                + row(1, 2, "u1", "p2", 0, 1, "c", "1.0", 0, "x") + "\n";
        AssistmentsReader.Result r = AssistmentsReader.parse(csv);
        assertThat(r.responses).extracting(x -> x.line).containsExactly(2L, 4L);
    }

    @Test
    void skillIdNormalisation() {
        assertThat(AssistmentsReader.skill("1.0")).isEqualTo("1");
        assertThat(AssistmentsReader.skill("277")).isEqualTo("277");
        assertThat(AssistmentsReader.skill("1.5")).isEqualTo("1.5");
        assertThat(AssistmentsReader.skill("10_13")).isEqualTo("10_13");
        assertThat(AssistmentsReader.skill("")).isNull();
        assertThat(AssistmentsReader.skill("NaN")).isNull();
    }
}
