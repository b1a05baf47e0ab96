package io.learnpulse.pipeline.serde;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A hand-written serializer for {@link LearnerEvent}: a presence bitmask, then only the fields that
 * are set. Used for keyed state, where the generic POJO serializer would spend most of its bytes on
 * the null markers and defaults of fields that do not apply to the event's kind. Strings other than the
 * event id are read through a {@link StringCache}; the bytes written are unchanged.
 */
public final class LearnerEventSerializer extends TypeSerializerSingleton<LearnerEvent> {
    private static final long serialVersionUID = 1L;
    public static final LearnerEventSerializer INSTANCE = new LearnerEventSerializer();

    private static final EventKind[] KINDS = EventKind.values();
    /** Values that repeat across events (channel, format, course, objects, skills) and learner ids. */
    private static final StringCache VALUES = new StringCache(4096);
    private static final StringCache LEARNERS = new StringCache(16384);
    private static final VideoAction[] ACTIONS = VideoAction.values();

    private static final int F_SOURCE = 1;
    private static final int F_FORMAT = 1 << 1;
    private static final int F_KIND = 1 << 2;
    private static final int F_LEARNER = 1 << 3;
    private static final int F_COURSE = 1 << 4;
    private static final int F_OBJECT = 1 << 5;
    private static final int F_QUESTION = 1 << 6;
    private static final int F_SCORE = 1 << 7;
    private static final int F_MAX_SCORE = 1 << 8;
    private static final int F_CORRECT = 1 << 9;
    private static final int F_ATTEMPT = 1 << 10;
    private static final int F_SKILLS = 1 << 11;
    private static final int F_HINT = 1 << 12;
    private static final int F_VIDEO = 1 << 13;
    private static final int F_ACTION = 1 << 14;
    private static final int F_POSITION = 1 << 15;
    private static final int F_SEEK_FROM = 1 << 16;
    private static final int F_PAGE = 1 << 17;
    private static final int F_CLICK_TYPE = 1 << 18;
    private static final int F_EVENT_ID = 1 << 19;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public LearnerEvent createInstance() {
        return new LearnerEvent();
    }

    @Override
    public LearnerEvent copy(LearnerEvent from) {
        return from.copy();
    }

    @Override
    public LearnerEvent copy(LearnerEvent from, LearnerEvent reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(LearnerEvent e, DataOutputView out) throws IOException {
        int mask = 0;
        if (e.eventId != null) mask |= F_EVENT_ID;
        if (e.source != null) mask |= F_SOURCE;
        if (e.format != null) mask |= F_FORMAT;
        if (e.kind != null) mask |= F_KIND;
        if (e.learnerId != null) mask |= F_LEARNER;
        if (e.courseId != null) mask |= F_COURSE;
        if (e.objectId != null) mask |= F_OBJECT;
        if (e.questionId != null) mask |= F_QUESTION;
        if (!Double.isNaN(e.score)) mask |= F_SCORE;
        if (!Double.isNaN(e.maxScore)) mask |= F_MAX_SCORE;
        if (e.correct) mask |= F_CORRECT;
        if (e.attemptNumber != 0) mask |= F_ATTEMPT;
        if (e.skillIds != null) mask |= F_SKILLS;
        if (e.hintIndex != 0) mask |= F_HINT;
        if (e.videoId != null) mask |= F_VIDEO;
        if (e.videoAction != null) mask |= F_ACTION;
        if (!Double.isNaN(e.position)) mask |= F_POSITION;
        if (!Double.isNaN(e.seekFrom)) mask |= F_SEEK_FROM;
        if (e.pageId != null) mask |= F_PAGE;
        if (e.clickType != null) mask |= F_CLICK_TYPE;

        out.writeInt(mask);
        out.writeLong(e.eventTime);
        out.writeLong(e.ingestTime);
        if ((mask & F_EVENT_ID) != 0) out.writeUTF(e.eventId);
        if ((mask & F_SOURCE) != 0) out.writeUTF(e.source);
        if ((mask & F_FORMAT) != 0) out.writeUTF(e.format);
        if ((mask & F_KIND) != 0) out.writeByte(e.kind.ordinal());
        if ((mask & F_LEARNER) != 0) out.writeUTF(e.learnerId);
        if ((mask & F_COURSE) != 0) out.writeUTF(e.courseId);
        if ((mask & F_OBJECT) != 0) out.writeUTF(e.objectId);
        if ((mask & F_QUESTION) != 0) out.writeUTF(e.questionId);
        if ((mask & F_SCORE) != 0) out.writeDouble(e.score);
        if ((mask & F_MAX_SCORE) != 0) out.writeDouble(e.maxScore);
        if ((mask & F_ATTEMPT) != 0) out.writeInt(e.attemptNumber);
        if ((mask & F_SKILLS) != 0) {
            out.writeShort(e.skillIds.length);
            for (String s : e.skillIds) {
                out.writeUTF(s);
            }
        }
        if ((mask & F_HINT) != 0) out.writeInt(e.hintIndex);
        if ((mask & F_VIDEO) != 0) out.writeUTF(e.videoId);
        if ((mask & F_ACTION) != 0) out.writeByte(e.videoAction.ordinal());
        if ((mask & F_POSITION) != 0) out.writeDouble(e.position);
        if ((mask & F_SEEK_FROM) != 0) out.writeDouble(e.seekFrom);
        if ((mask & F_PAGE) != 0) out.writeUTF(e.pageId);
        if ((mask & F_CLICK_TYPE) != 0) out.writeUTF(e.clickType);
    }

    @Override
    public LearnerEvent deserialize(DataInputView in) throws IOException {
        LearnerEvent e = new LearnerEvent();
        StringCache.Scratch scratch = new StringCache.Scratch();
        int mask = in.readInt();
        e.eventTime = in.readLong();
        e.ingestTime = in.readLong();
        if ((mask & F_EVENT_ID) != 0) e.eventId = in.readUTF();
        if ((mask & F_SOURCE) != 0) e.source = VALUES.read(in, scratch);
        if ((mask & F_FORMAT) != 0) e.format = VALUES.read(in, scratch);
        if ((mask & F_KIND) != 0) e.kind = KINDS[in.readByte()];
        if ((mask & F_LEARNER) != 0) e.learnerId = LEARNERS.read(in, scratch);
        if ((mask & F_COURSE) != 0) e.courseId = VALUES.read(in, scratch);
        if ((mask & F_OBJECT) != 0) e.objectId = VALUES.read(in, scratch);
        if ((mask & F_QUESTION) != 0) e.questionId = VALUES.read(in, scratch);
        if ((mask & F_SCORE) != 0) e.score = in.readDouble();
        if ((mask & F_MAX_SCORE) != 0) e.maxScore = in.readDouble();
        e.correct = (mask & F_CORRECT) != 0;
        if ((mask & F_ATTEMPT) != 0) e.attemptNumber = in.readInt();
        if ((mask & F_SKILLS) != 0) {
            String[] skills = new String[in.readShort()];
            for (int i = 0; i < skills.length; i++) {
                skills[i] = VALUES.read(in, scratch);
            }
            e.skillIds = skills;
        }
        if ((mask & F_HINT) != 0) e.hintIndex = in.readInt();
        if ((mask & F_VIDEO) != 0) e.videoId = VALUES.read(in, scratch);
        if ((mask & F_ACTION) != 0) e.videoAction = ACTIONS[in.readByte()];
        if ((mask & F_POSITION) != 0) e.position = in.readDouble();
        if ((mask & F_SEEK_FROM) != 0) e.seekFrom = in.readDouble();
        if ((mask & F_PAGE) != 0) e.pageId = VALUES.read(in, scratch);
        if ((mask & F_CLICK_TYPE) != 0) e.clickType = VALUES.read(in, scratch);
        return e;
    }

    @Override
    public LearnerEvent deserialize(LearnerEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<LearnerEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot; the class must stay public with a no-arg constructor for restore. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LearnerEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
