package io.learnpulse.pipeline.serde;

import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.pipeline.TestEvents;
import io.learnpulse.pipeline.state.LearnerState;
import io.learnpulse.pipeline.state.LearnerStateSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.learnpulse.pipeline.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

class SerializerRoundTripTest {

    private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = s.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }

    @Test
    void everyKindOfEventSurvivesExactly() throws IOException {
        LearnerEvent attempt = TestEvents.attempt("a", "L1", at(1), "q1", true, 2);
        attempt.skillIds = new String[] {"k1", "k2"};
        attempt.format = "native-v1";
        List<LearnerEvent> events = List.of(
                attempt,
                TestEvents.hint("h", "L1", at(2), "q1"),
                TestEvents.seek("s", "L1", at(3), 12.5, 130.25),
                TestEvents.video("v", "L1", at(4), VideoAction.ENDED, 300),
                TestEvents.page("p", "L1", at(5)),
                new LearnerEvent());
        for (LearnerEvent e : events) {
            assertThat(roundTrip(LearnerEventSerializer.INSTANCE, e)).isEqualTo(e);
        }
    }

    @Test
    void learnerStateSurvivesWithItsTimelineAndFinalMarks() throws IOException {
        LearnerState s = new LearnerState();
        s.timeline.add(TestEvents.page("p", "L1", at(5)));
        s.timeline.add(TestEvents.attempt("a", "L1", at(1), "q1", false, 1));
        s.finalizedUpTo = at(3);
        s.finals.put("a", new LearnerState.FinalMark(2, 42L, at(1)));
        s.seen.check("a", 7L, at(1));
        s.seen.check("p", 8L, at(5));
        s.session.add(TestEvents.page("p", "L1", at(5)), 1_800_000L, 86_400_000L, 300_000L);
        s.committedBefore = at(6);
        s.mastery.onAttempt(new String[] {"k1", "k2"}, 1, true, at(1), "a", io.learnpulse.core.model.BktParameterSet.defaults());
        s.rules.wrongQuestionIds.add("q1");
        s.rules.wrongEventIds.add("a");
        s.rules.wrongTimes.add(at(1));
        s.rules.decided.put("iv-1", at(1));
        s.rules.pendingEventId = "a";
        s.rules.pendingDeadline = at(901);
        s.lastEventTime = at(5);

        LearnerState back = roundTrip(LearnerStateSerializer.INSTANCE, s);
        assertThat(back.timeline.events()).containsExactlyElementsOf(s.timeline.events());
        assertThat(back.finalizedUpTo).isEqualTo(at(3));
        assertThat(back.finals).containsOnlyKeys("a");
        assertThat(back.finals.get("a").revision).isEqualTo(2);
        assertThat(back.finals.get("a").hash).isEqualTo(42L);
        assertThat(back.seen.size()).isEqualTo(2);
        assertThat(back.seen.check("p", 8L, at(5))).isEqualTo(io.learnpulse.core.fusion.SeenEvents.DUPLICATE);
        assertThat(back.session.isOpen()).isTrue();
        assertThat(back.session.start).isEqualTo(at(5));
        assertThat(back.session.clicks).isEqualTo(1);
        assertThat(back.committedBefore).isEqualTo(at(6));
        assertThat(back.mastery.skills).containsOnlyKeys("k1", "k2");
        assertThat(back.mastery.skill("k1")).isEqualTo(s.mastery.skill("k1"));
        assertThat(back.mastery.firstAttempts).isEqualTo(1);
        assertThat(back.mastery.firstAttemptsCorrect).isEqualTo(1);
        assertThat(back.rules).usingRecursiveComparison().isEqualTo(s.rules);
        assertThat(back.lastEventTime).isEqualTo(at(5));

        LearnerState copy = LearnerStateSerializer.INSTANCE.copy(s);
        copy.timeline.add(TestEvents.page("p2", "L1", at(9)));
        assertThat(s.timeline.size()).isEqualTo(2);
    }

    @Test
    void snapshotsRestoreTheSameSerializer() {
        assertThat(LearnerStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(
                LearnerStateSerializer.INSTANCE.snapshotConfiguration()))
                .matches(TypeSerializerSchemaCompatibility::isCompatibleAsIs);
        assertThat(LearnerEventSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(LearnerEventSerializer.INSTANCE);
    }
}
