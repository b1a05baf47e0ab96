package io.learnpulse.core.model;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Item statistics of a whole event stream in one pass: feed ATTEMPT and HINT events in event-time
 * order; it keeps each learner's first-attempt record (for the discrimination criterion) and each
 * question's {@link ItemStatistics}. Other kinds are ignored.
 */
public final class ItemStatisticsCalculator {
    private final Map<String, long[]> learners = new HashMap<>(); // learner → {first attempts, correct}
    private final Map<String, ItemStatistics> items = new TreeMap<>();

    public void accept(LearnerEvent e) {
        if (e.questionId == null) {
            return;
        }
        if (e.kind == EventKind.HINT) {
            item(e.questionId).addHints(1);
        } else if (e.kind == EventKind.ATTEMPT) {
            long[] l = learners.computeIfAbsent(e.learnerId, k -> new long[2]);
            double prior = l[0] == 0 ? Double.NaN : (double) l[1] / l[0];
            item(e.questionId).addAttempt(e.attemptNumber, e.correct, prior);
            if (e.attemptNumber == 1) {
                l[0]++;
                l[1] += e.correct ? 1 : 0;
            }
        }
    }

    public void acceptAll(Iterable<LearnerEvent> events) {
        for (LearnerEvent e : events) {
            accept(e);
        }
    }

    private ItemStatistics item(String questionId) {
        return items.computeIfAbsent(questionId, ItemStatistics::new);
    }

    /** Live statistics by question id, sorted. */
    public Map<String, ItemStatistics> items() {
        return items;
    }
}
