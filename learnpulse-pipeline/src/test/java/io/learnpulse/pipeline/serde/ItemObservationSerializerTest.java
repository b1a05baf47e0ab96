package io.learnpulse.pipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.result.ItemObservation;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ItemObservationSerializerTest {

    private static ItemObservation roundTrip(ItemObservation o) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ItemObservationSerializer.INSTANCE.serialize(o, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        ItemObservation back = ItemObservationSerializer.INSTANCE.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }

    @Test
    void everyFieldSurvivesExactly() throws IOException {
        ItemObservation o = new ItemObservation();
        o.questionId = "q1";
        o.courseId = "c1";
        o.committed = true;
        o.correct = true;
        o.attemptNumber = 2;
        o.learnerPriorRate = 0.25;
        o.eventTime = 1_772_438_400_000L;
        assertThat(roundTrip(o)).usingRecursiveComparison().isEqualTo(o);
        assertThat(ItemObservationSerializer.INSTANCE.copy(o)).usingRecursiveComparison().isEqualTo(o);

        ItemObservation hint = new ItemObservation();
        hint.hint = true;
        hint.eventTime = -1;
        ItemObservation back = roundTrip(hint);
        assertThat(back.learnerPriorRate).isNaN();
        back.learnerPriorRate = hint.learnerPriorRate = 0; // NaN is not equal to itself in the comparison
        assertThat(back).usingRecursiveComparison().isEqualTo(hint);
        assertThat(back.questionId).isNull();
    }

    @Test
    void theTypeInformationUsesIt() {
        assertThat(ItemObservationTypeInfo.INSTANCE.createSerializer((org.apache.flink.api.common.serialization.SerializerConfig) null))
                .isSameAs(ItemObservationSerializer.INSTANCE);
        assertThat(ItemObservationTypeInfo.INSTANCE.getTypeClass()).isEqualTo(ItemObservation.class);
    }
}
