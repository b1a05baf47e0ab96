package io.learnpulse.pipeline.serde;

import io.learnpulse.core.result.ItemObservation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A hand-written serializer for {@link ItemObservation}, the records the learner operator sends to the
 * per-question statistics (two per attempt and hint): flags in one byte, then the fields. The generic POJO
 * serializer writes a null marker per field and goes through reflection.
 */
public final class ItemObservationSerializer extends TypeSerializerSingleton<ItemObservation> {
    private static final long serialVersionUID = 1L;
    public static final ItemObservationSerializer INSTANCE = new ItemObservationSerializer();

    private static final int F_COMMITTED = 1;
    private static final int F_HINT = 1 << 1;
    private static final int F_CORRECT = 1 << 2;
    private static final int F_QUESTION = 1 << 3;
    private static final int F_COURSE = 1 << 4;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ItemObservation createInstance() {
        return new ItemObservation();
    }

    @Override
    public ItemObservation copy(ItemObservation from) {
        ItemObservation o = new ItemObservation();
        o.questionId = from.questionId;
        o.courseId = from.courseId;
        o.committed = from.committed;
        o.hint = from.hint;
        o.attemptNumber = from.attemptNumber;
        o.correct = from.correct;
        o.learnerPriorRate = from.learnerPriorRate;
        o.eventTime = from.eventTime;
        return o;
    }

    @Override
    public ItemObservation copy(ItemObservation from, ItemObservation reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ItemObservation o, DataOutputView out) throws IOException {
        int flags = (o.committed ? F_COMMITTED : 0) | (o.hint ? F_HINT : 0) | (o.correct ? F_CORRECT : 0)
                | (o.questionId != null ? F_QUESTION : 0) | (o.courseId != null ? F_COURSE : 0);
        out.writeByte(flags);
        if (o.questionId != null) {
            out.writeUTF(o.questionId);
        }
        if (o.courseId != null) {
            out.writeUTF(o.courseId);
        }
        out.writeInt(o.attemptNumber);
        out.writeDouble(o.learnerPriorRate);
        out.writeLong(o.eventTime);
    }

    @Override
    public ItemObservation deserialize(DataInputView in) throws IOException {
        ItemObservation o = new ItemObservation();
        int flags = in.readByte();
        o.committed = (flags & F_COMMITTED) != 0;
        o.hint = (flags & F_HINT) != 0;
        o.correct = (flags & F_CORRECT) != 0;
        if ((flags & F_QUESTION) != 0) {
            o.questionId = in.readUTF();
        }
        if ((flags & F_COURSE) != 0) {
            o.courseId = in.readUTF();
        }
        o.attemptNumber = in.readInt();
        o.learnerPriorRate = in.readDouble();
        o.eventTime = in.readLong();
        return o;
    }

    @Override
    public ItemObservation deserialize(ItemObservation reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<ItemObservation> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot; the class must stay public with a no-arg constructor for restore. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ItemObservation> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
