package io.learnpulse.pipeline.functions;

import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.pipeline.state.QuestionState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Running statistics per question over deduplicated attempts: a speculative record on every attempt,
 * and a final record once the watermark has passed the attempts it counts. A late-but-allowed
 * attempt is counted at once and produces a new final revision.
 */
public class QuestionStatsFunction extends KeyedProcessFunction<String, LearnerEvent, QuestionStats> {
    private static final long serialVersionUID = 1L;

    private final Duration stateTtl;
    private transient ValueState<QuestionState> state;

    public QuestionStatsFunction(Duration stateTtl) {
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<QuestionState> desc =
                new ValueStateDescriptor<>("question", TypeInformation.of(QuestionState.class));
        desc.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        state = getRuntimeContext().getState(desc);
    }

    @Override
    public void processElement(LearnerEvent attempt, Context ctx, Collector<QuestionStats> out) throws Exception {
        QuestionState s = state.value();
        if (s == null) {
            s = new QuestionState();
            s.courseId = attempt.courseId;
        }
        byte flags = QuestionState.flags(attempt.attemptNumber == 1, attempt.correct);
        if (attempt.eventTime <= s.finalizedUpTo) {
            s.commit(attempt.eventTime, flags);
            out.collect(stats(ctx.getCurrentKey(), s, Status.FINAL, ++s.revision, 0, 0, 0));
        } else {
            s.addPending(attempt.eventTime, flags);
            ctx.timerService().registerEventTimeTimer(attempt.eventTime);
            long pFirst = 0;
            long pFirstCorrect = 0;
            for (byte f : s.pendingFlags) {
                if ((f & 1) != 0) {
                    pFirst++;
                    if ((f & 2) != 0) {
                        pFirstCorrect++;
                    }
                }
            }
            out.collect(stats(ctx.getCurrentKey(), s, Status.SPECULATIVE, 0, s.pendingTimes.length, pFirst,
                    pFirstCorrect));
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QuestionStats> out) throws Exception {
        QuestionState s = state.value();
        if (s == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        s.finalizedUpTo = Math.max(s.finalizedUpTo, watermark);
        if (s.commitUpTo(watermark) > 0) {
            out.collect(stats(ctx.getCurrentKey(), s, Status.FINAL, ++s.revision, 0, 0, 0));
        }
        state.update(s);
    }

    private static QuestionStats stats(String questionId, QuestionState s, String status, int revision,
            long extraAttempts, long extraFirst, long extraFirstCorrect) {
        QuestionStats q = new QuestionStats();
        q.key = questionId;
        q.status = status;
        q.revision = revision;
        q.questionId = questionId;
        q.courseId = s.courseId;
        q.attempts = s.attempts + extraAttempts;
        q.firstAttempts = s.firstAttempts + extraFirst;
        q.firstAttemptsCorrect = s.firstAttemptsCorrect + extraFirstCorrect;
        q.firstAttemptCorrectRate = q.firstAttempts == 0 ? Double.NaN : (double) q.firstAttemptsCorrect / q.firstAttempts;
        q.eventTime = status.equals(Status.FINAL) ? s.committedUpTo : Math.max(s.committedUpTo, maxPending(s));
        return q;
    }

    private static long maxPending(QuestionState s) {
        long m = Long.MIN_VALUE;
        for (long t : s.pendingTimes) {
            m = Math.max(m, t);
        }
        return m;
    }
}
