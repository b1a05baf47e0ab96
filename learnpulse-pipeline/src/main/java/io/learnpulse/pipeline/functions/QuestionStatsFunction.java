package io.learnpulse.pipeline.functions;

import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.state.QuestionState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Running statistics per question over deduplicated attempts: a speculative record on every attempt,
 * and at most one final record per question and minute of event time, once the watermark has passed
 * that minute. A late-but-allowed attempt is counted at once and produces a new final revision.
 */
public class QuestionStatsFunction extends KeyedProcessFunction<String, LearnerEvent, QuestionStats> {
    private static final long serialVersionUID = 1L;

    private final Duration stateTtl;
    private final long bucketMs;
    private transient ValueState<QuestionState> state;
    private transient MapState<Long, long[]> pending;

    public QuestionStatsFunction(Duration stateTtl, Duration bucket) {
        this.stateTtl = stateTtl;
        this.bucketMs = bucket.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
        ValueStateDescriptor<QuestionState> desc =
                new ValueStateDescriptor<>("question", TypeInformation.of(QuestionState.class));
        desc.enableTimeToLive(ttl);
        state = getRuntimeContext().getState(desc);
        MapStateDescriptor<Long, long[]> pendingDesc = new MapStateDescriptor<>("pending-minutes", Types.LONG,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
        pendingDesc.enableTimeToLive(ttl);
        pending = getRuntimeContext().getMapState(pendingDesc);
    }

    @Override
    public void processElement(LearnerEvent attempt, Context ctx, Collector<QuestionStats> out) throws Exception {
        QuestionState s = state.value();
        if (s == null) {
            s = new QuestionState();
            s.courseId = attempt.courseId;
        }
        boolean first = attempt.attemptNumber == 1;
        if (attempt.eventTime <= s.finalizedUpTo) {
            s.commit(attempt.eventTime, first, attempt.correct);
            out.collect(stats(ctx.getCurrentKey(), s, Status.FINAL, ++s.revision));
        } else {
            long end = Math.floorDiv(attempt.eventTime, bucketMs) * bucketMs + bucketMs;
            long[] bucket = pending.get(end);
            if (bucket == null) {
                bucket = QuestionState.bucket();
                ctx.timerService().registerEventTimeTimer(end - 1);
            }
            QuestionState.add(bucket, attempt.eventTime, first, attempt.correct);
            pending.put(end, bucket);
            s.addPending(attempt.eventTime, first, attempt.correct);
            out.collect(stats(ctx.getCurrentKey(), s, Status.SPECULATIVE, 0));
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QuestionStats> out) throws Exception {
        QuestionState s = state.value();
        long end = timestamp + 1;
        long[] bucket = pending.get(end);
        if (s == null || bucket == null) {
            return;
        }
        pending.remove(end);
        s.commit(bucket);
        s.finalizedUpTo = Math.max(s.finalizedUpTo, timestamp);
        out.collect(stats(ctx.getCurrentKey(), s, Status.FINAL, ++s.revision));
        state.update(s);
    }

    private static QuestionStats stats(String questionId, QuestionState s, String status, int revision) {
        boolean fin = status.equals(Status.FINAL);
        QuestionStats q = new QuestionStats();
        q.key = questionId;
        q.status = status;
        q.revision = revision;
        q.questionId = questionId;
        q.courseId = s.courseId;
        q.attempts = s.attempts + (fin ? 0 : s.pendingAttempts);
        q.firstAttempts = s.firstAttempts + (fin ? 0 : s.pendingFirstAttempts);
        q.firstAttemptsCorrect = s.firstAttemptsCorrect + (fin ? 0 : s.pendingFirstAttemptsCorrect);
        q.firstAttemptCorrectRate = q.firstAttempts == 0 ? Double.NaN : (double) q.firstAttemptsCorrect / q.firstAttempts;
        q.eventTime = fin ? s.committedUpTo : Math.max(s.committedUpTo, s.pendingMaxTime);
        return q;
    }
}
