package io.learnpulse.pipeline.state;

import io.learnpulse.core.model.LearnerMastery;
import io.learnpulse.core.model.SkillMastery;
import io.learnpulse.core.rules.LearnerRules;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.Map;

/** Binary encodings of the learner-model state objects, for {@link LearnerStateSerializer}. */
final class ModelCodecs {
    private ModelCodecs() {}

    static void writeMastery(LearnerMastery m, DataOutputView out) throws IOException {
        out.writeLong(m.firstAttempts);
        out.writeLong(m.firstAttemptsCorrect);
        out.writeLong(m.lastEventTime);
        writeNullable(m.lastEventId, out);
        out.writeInt(m.skills.size());
        for (SkillMastery s : m.skills.values()) {
            out.writeUTF(s.skillId);
            out.writeDouble(s.pMastery);
            out.writeInt(s.firstAttempts);
            out.writeLong(s.lastEventTime);
            writeNullable(s.lastEventId, out);
        }
    }

    static LearnerMastery readMastery(DataInputView in) throws IOException {
        LearnerMastery m = new LearnerMastery();
        m.firstAttempts = in.readLong();
        m.firstAttemptsCorrect = in.readLong();
        m.lastEventTime = in.readLong();
        m.lastEventId = readNullable(in);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            SkillMastery s = new SkillMastery();
            s.skillId = in.readUTF();
            s.pMastery = in.readDouble();
            s.firstAttempts = in.readInt();
            s.lastEventTime = in.readLong();
            s.lastEventId = readNullable(in);
            m.skills.put(s.skillId, s);
        }
        return m;
    }

    static void writeRules(LearnerRules r, DataOutputView out) throws IOException {
        writeNullable(r.learnerId, out);
        out.writeLong(r.ignoreBefore);
        writeTimes(r.decided, out);
        writeTimes(r.lastFired, out);
        out.writeInt(r.wrongEventIds.size());
        for (int i = 0; i < r.wrongEventIds.size(); i++) {
            writeNullable(r.wrongQuestionIds.get(i), out);
            writeNullable(r.wrongEventIds.get(i), out);
            out.writeLong(r.wrongTimes.get(i));
        }
        out.writeLong(r.lastActivityTime);
        writeNullable(r.lastActivityId, out);
        writeNullable(r.pendingEventId, out);
        writeNullable(r.pendingCourseId, out);
        writeNullable(r.pendingQuestionId, out);
        out.writeLong(r.pendingTime);
        out.writeLong(r.pendingDeadline);
    }

    static LearnerRules readRules(DataInputView in) throws IOException {
        LearnerRules r = new LearnerRules();
        r.learnerId = readNullable(in);
        r.ignoreBefore = in.readLong();
        readTimes(r.decided, in);
        readTimes(r.lastFired, in);
        int wrong = in.readInt();
        for (int i = 0; i < wrong; i++) {
            r.wrongQuestionIds.add(readNullable(in));
            r.wrongEventIds.add(readNullable(in));
            r.wrongTimes.add(in.readLong());
        }
        r.lastActivityTime = in.readLong();
        r.lastActivityId = readNullable(in);
        r.pendingEventId = readNullable(in);
        r.pendingCourseId = readNullable(in);
        r.pendingQuestionId = readNullable(in);
        r.pendingTime = in.readLong();
        r.pendingDeadline = in.readLong();
        return r;
    }

    static LearnerMastery copy(LearnerMastery m) {
        LearnerMastery c = new LearnerMastery();
        c.firstAttempts = m.firstAttempts;
        c.firstAttemptsCorrect = m.firstAttemptsCorrect;
        c.lastEventTime = m.lastEventTime;
        c.lastEventId = m.lastEventId;
        for (Map.Entry<String, SkillMastery> e : m.skills.entrySet()) {
            c.skills.put(e.getKey(), e.getValue().copy());
        }
        return c;
    }

    static LearnerRules copy(LearnerRules r) {
        LearnerRules c = new LearnerRules();
        c.learnerId = r.learnerId;
        c.ignoreBefore = r.ignoreBefore;
        c.decided.putAll(r.decided);
        c.lastFired.putAll(r.lastFired);
        c.wrongQuestionIds.addAll(r.wrongQuestionIds);
        c.wrongEventIds.addAll(r.wrongEventIds);
        c.wrongTimes.addAll(r.wrongTimes);
        c.lastActivityTime = r.lastActivityTime;
        c.lastActivityId = r.lastActivityId;
        c.pendingEventId = r.pendingEventId;
        c.pendingCourseId = r.pendingCourseId;
        c.pendingQuestionId = r.pendingQuestionId;
        c.pendingTime = r.pendingTime;
        c.pendingDeadline = r.pendingDeadline;
        return c;
    }

    private static void writeTimes(Map<String, Long> m, DataOutputView out) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, Long> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static void readTimes(Map<String, Long> m, DataInputView in) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            m.put(in.readUTF(), in.readLong());
        }
    }

    static void writeNullable(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

}
