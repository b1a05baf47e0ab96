package io.learnpulse.core.format;

import io.learnpulse.core.event.LearnerEvent;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** An independent implementation of the v1 event id as documented in docs/formats.md. */
final class V1Ids {
    private V1Ids() {}

    static String expected(LearnerEvent e) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        str(out, e.source);
        str(out, e.kind.name());
        str(out, e.learnerId);
        str(out, e.courseId);
        lng(out, e.eventTime);
        switch (e.kind) {
            case CLICK:
                str(out, e.pageId);
                str(out, e.clickType);
                break;
            case VIDEO:
                str(out, e.videoId);
                str(out, e.videoAction.name());
                dbl(out, e.position);
                dbl(out, e.seekFrom);
                break;
            case ATTEMPT:
                str(out, e.questionId);
                dbl(out, e.score);
                dbl(out, e.maxScore);
                lng(out, e.attemptNumber);
                strs(out, e.skillIds);
                break;
            case HINT:
                str(out, e.questionId);
                lng(out, e.hintIndex);
                strs(out, e.skillIds);
                break;
            default:
                throw new IllegalArgumentException(e.kind.name());
        }
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        StringBuilder id = new StringBuilder("v1-");
        for (int i = 0; i < 16; i++) {
            id.append(String.format("%02x", sha[i] & 0xff));
        }
        return id.toString();
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeByte('N');
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte('S');
        out.writeInt(b.length);
        out.write(b);
    }

    private static void strs(DataOutputStream out, String[] a) throws IOException {
        if (a == null) {
            out.writeByte('N');
            return;
        }
        out.writeByte('A');
        out.writeInt(a.length);
        for (String s : a) {
            str(out, s);
        }
    }

    private static void lng(DataOutputStream out, long v) throws IOException {
        out.writeByte('L');
        out.writeLong(v);
    }

    private static void dbl(DataOutputStream out, double v) throws IOException {
        out.writeByte('D');
        out.writeLong(Double.doubleToLongBits(v));
    }
}
