package io.learnpulse.pipeline.state;

import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.fusion.LearnerTimeline;
import io.learnpulse.core.fusion.SeenEvents;
import io.learnpulse.core.session.SessionBuilder;
import io.learnpulse.pipeline.serde.LearnerEventSerializer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Serializer for {@link LearnerState}: the events in time order, then the final-result fingerprints. */
public final class LearnerStateSerializer extends TypeSerializerSingleton<LearnerState> {
    private static final long serialVersionUID = 1L;
    public static final LearnerStateSerializer INSTANCE = new LearnerStateSerializer();
    private static final LearnerEventSerializer EVENTS = LearnerEventSerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public LearnerState createInstance() {
        return new LearnerState();
    }

    @Override
    public LearnerState copy(LearnerState from) {
        // Copies are made of live state (checkpoints copy on write): keep the owner's choice.
        LearnerTimeline t = new LearnerTimeline(from.timeline.rejectsRepeatedIds());
        for (LearnerEvent e : from.timeline.events()) {
            t.add(e.copy());
        }
        Map<String, LearnerState.FinalMark> finals = new HashMap<>();
        for (Map.Entry<String, LearnerState.FinalMark> f : from.finals.entrySet()) {
            LearnerState.FinalMark m = f.getValue();
            finals.put(f.getKey(), new LearnerState.FinalMark(m.revision, m.hash, m.eventTime));
        }
        SessionBuilder session = new SessionBuilder();
        copySession(from.session, session);
        SeenEvents seen = new SeenEvents();
        for (int k = 0; k < from.seen.size(); k++) {
            seen.restore(from.seen.idHashAt(k), from.seen.contentHashAt(k), from.seen.eventTimeAt(k));
        }
        LearnerState s = new LearnerState(t, finals, session, seen);
        s.finalizedUpTo = from.finalizedUpTo;
        s.committedBefore = from.committedBefore;
        s.mastery = ModelCodecs.copy(from.mastery);
        s.rules = ModelCodecs.copy(from.rules);
        s.lastEventTime = from.lastEventTime;
        return s;
    }

    @Override
    public LearnerState copy(LearnerState from, LearnerState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(LearnerState s, DataOutputView out) throws IOException {
        out.writeLong(s.finalizedUpTo);
        List<LearnerEvent> events = s.timeline.events();
        out.writeInt(events.size());
        for (LearnerEvent e : events) {
            EVENTS.serialize(e, out);
        }
        out.writeInt(s.finals.size());
        for (Map.Entry<String, LearnerState.FinalMark> f : s.finals.entrySet()) {
            out.writeUTF(f.getKey());
            out.writeInt(f.getValue().revision);
            out.writeLong(f.getValue().hash);
            out.writeLong(f.getValue().eventTime);
        }
        out.writeLong(s.committedBefore);
        SessionBuilder b = s.session;
        out.writeBoolean(b.isOpen());
        if (b.isOpen()) {
            out.writeUTF(b.learnerId);
            out.writeUTF(b.courseId == null ? "" : b.courseId);
            out.writeLong(b.start);
            out.writeLong(b.last);
            out.writeInt(b.events);
            out.writeInt(b.clicks);
            out.writeInt(b.videoEvents);
            out.writeInt(b.attempts);
            out.writeInt(b.hints);
            out.writeInt(b.otherEvents);
            out.writeLong(b.activeMs);
        }
        out.writeInt(s.seen.size());
        for (int k = 0; k < s.seen.size(); k++) {
            out.writeLong(s.seen.idHashAt(k));
            out.writeLong(s.seen.contentHashAt(k));
            out.writeLong(s.seen.eventTimeAt(k));
        }
        ModelCodecs.writeMastery(s.mastery, out);
        ModelCodecs.writeRules(s.rules, out);
        out.writeLong(s.lastEventTime);
    }

    private static void copySession(SessionBuilder from, SessionBuilder to) {
        to.learnerId = from.learnerId;
        to.courseId = from.courseId;
        to.start = from.start;
        to.last = from.last;
        to.events = from.events;
        to.clicks = from.clicks;
        to.videoEvents = from.videoEvents;
        to.attempts = from.attempts;
        to.hints = from.hints;
        to.otherEvents = from.otherEvents;
        to.activeMs = from.activeMs;
    }

    @Override
    public LearnerState deserialize(DataInputView in) throws IOException {
        long finalizedUpTo = in.readLong();
        int n = in.readInt();
        LearnerTimeline t = new LearnerTimeline();
        for (int i = 0; i < n; i++) {
            t.add(EVENTS.deserialize(in));
        }
        int f = in.readInt();
        Map<String, LearnerState.FinalMark> finals = new HashMap<>(Math.max(4, f * 2));
        for (int i = 0; i < f; i++) {
            String key = in.readUTF();
            finals.put(key, new LearnerState.FinalMark(in.readInt(), in.readLong(), in.readLong()));
        }
        long committedBefore = in.readLong();
        SessionBuilder b = new SessionBuilder();
        if (in.readBoolean()) {
            b.learnerId = in.readUTF();
            String course = in.readUTF();
            b.courseId = course.isEmpty() ? null : course;
            b.start = in.readLong();
            b.last = in.readLong();
            b.events = in.readInt();
            b.clicks = in.readInt();
            b.videoEvents = in.readInt();
            b.attempts = in.readInt();
            b.hints = in.readInt();
            b.otherEvents = in.readInt();
            b.activeMs = in.readLong();
        }
        SeenEvents seen = new SeenEvents();
        int seenCount = in.readInt();
        for (int k = 0; k < seenCount; k++) {
            seen.restore(in.readLong(), in.readLong(), in.readLong());
        }
        LearnerState s = new LearnerState(t, finals, b, seen);
        s.finalizedUpTo = finalizedUpTo;
        s.committedBefore = committedBefore;
        s.mastery = ModelCodecs.readMastery(in);
        s.rules = ModelCodecs.readRules(in);
        s.lastEventTime = in.readLong();
        return s;
    }

    @Override
    public LearnerState deserialize(LearnerState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<LearnerState> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LearnerState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
