package io.learnpulse.pipeline.functions;

import io.learnpulse.core.model.ItemStatistics;
import io.learnpulse.core.result.ItemObservation;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
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
 * Item statistics per question: attempts, difficulty (first-attempt p-value), discrimination
 * (point-biserial correlation with the learner's earlier first-attempt rate) and mean hints.
 *
 * <p>The learner operator sends every attempt and hint twice: on arrival (a speculative record follows
 * at once, with counts including it) and when it is committed in the learner's event-time order, with
 * the learner's prior rate. Committed observations are exact, so final records — at most one per
 * question and slide interval of event time — are independent of arrival order.
 */
public class QuestionStatsFunction extends KeyedProcessFunction<String, ItemObservation, QuestionStats> {
    private static final long serialVersionUID = 1L;

    private final Duration stateTtl;
    private final long gridMs;
    private transient ValueState<QuestionState> state;

    public QuestionStatsFunction(Duration stateTtl, Duration grid) {
        this.stateTtl = stateTtl;
        this.gridMs = grid.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<QuestionState> desc =
                new ValueStateDescriptor<>("question", TypeInformation.of(QuestionState.class));
        desc.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).disableCleanupInBackground().build());
        state = getRuntimeContext().getState(desc);
    }

    @Override
    public void processElement(ItemObservation o, Context ctx, Collector<QuestionStats> out) throws Exception {
        QuestionState s = state.value();
        if (s == null) {
            s = new QuestionState();
            s.courseId = o.courseId;
            s.committed.questionId = ctx.getCurrentKey();
        }
        boolean first = o.attemptNumber == 1;
        if (!o.committed) {
            if (o.hint) {
                s.pendingHints++;
            } else {
                s.pendingAttempts++;
                if (first) {
                    s.pendingFirstAttempts++;
                    s.pendingFirstAttemptsCorrect += o.correct ? 1 : 0;
                }
                s.pendingMaxTime = Math.max(s.pendingMaxTime, o.eventTime);
                out.collect(stats(ctx.getCurrentKey(), s, Status.SPECULATIVE, 0));
            }
        } else {
            if (o.hint) {
                s.pendingHints--;
                s.committed.addHints(1);
            } else {
                s.pendingAttempts--;
                if (first) {
                    s.pendingFirstAttempts--;
                    s.pendingFirstAttemptsCorrect -= o.correct ? 1 : 0;
                }
                s.committed.addAttempt(o.attemptNumber, o.correct, o.learnerPriorRate);
                s.committedUpTo = Math.max(s.committedUpTo, o.eventTime);
            }
            if (!s.changed) {
                s.changed = true;
                // One final record per question and grid interval: at the next interval boundary the
                // watermark crosses (the observation is already behind the watermark).
                long wm = ctx.timerService().currentWatermark();
                long base = wm == Long.MIN_VALUE ? o.eventTime : Math.max(wm, o.eventTime);
                ctx.timerService().registerEventTimeTimer(Math.floorDiv(base, gridMs) * gridMs + gridMs - 1);
            }
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QuestionStats> out) throws Exception {
        QuestionState s = state.value();
        if (s == null || !s.changed) {
            return;
        }
        s.changed = false;
        out.collect(stats(ctx.getCurrentKey(), s, Status.FINAL, ++s.revision));
        state.update(s);
    }

    private static QuestionStats stats(String questionId, QuestionState s, String status, int revision) {
        boolean fin = status.equals(Status.FINAL);
        ItemStatistics c = s.committed;
        QuestionStats q = new QuestionStats();
        q.key = questionId;
        q.status = status;
        q.revision = revision;
        q.questionId = questionId;
        q.courseId = s.courseId;
        q.attempts = c.attempts + (fin ? 0 : s.pendingAttempts);
        q.firstAttempts = c.firstAttempts + (fin ? 0 : s.pendingFirstAttempts);
        q.firstAttemptsCorrect = c.firstAttemptsCorrect + (fin ? 0 : s.pendingFirstAttemptsCorrect);
        q.firstAttemptCorrectRate = q.firstAttempts == 0 ? Double.NaN : (double) q.firstAttemptsCorrect / q.firstAttempts;
        q.difficulty = q.firstAttemptCorrectRate;
        q.discrimination = c.discrimination();
        q.hints = c.hints + (fin ? 0 : s.pendingHints);
        q.meanHints = q.firstAttempts == 0 ? Double.NaN : (double) q.hints / q.firstAttempts;
        q.eventTime = fin ? s.committedUpTo : Math.max(s.committedUpTo, s.pendingMaxTime);
        return q;
    }
}
