package io.learnpulse.pipeline.functions;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.json.JsonLines;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.Outputs;
import io.learnpulse.pipeline.TestEvents;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-phase contract of the learner operator as properties: for random event sets, any arrival
 * order whose disorder stays within allowed lateness, with the watermark following the newest event
 * minus the out-of-orderness bound, leaves the same latest final record per key as arrival in
 * event-time order; re-delivered duplicates change nothing.
 */
class ArrivalOrderPropertiesTest {
    private static final long OUT_OF_ORDERNESS = 5_000;
    private static final long ALLOWED_LATENESS = 120_000;

    @Provide
    Arbitrary<List<LearnerEvent>> events() {
        Arbitrary<LearnerEvent> event = Combinators.combine(
                Arbitraries.of("A", "B"),
                Arbitraries.longs().between(0, 1_800_000),
                Arbitraries.integers().between(0, 6),
                Arbitraries.doubles().between(0, 300).ofScale(1),
                Arbitraries.of("q1", "q2"),
                Arbitraries.of(true, false)).as((learner, t, kind, pos, q, ok) -> {
                    long time = TestEvents.T0 + t;
                    String id = learner + "-" + t + "-" + kind;
                    switch (kind) {
                        case 0: return TestEvents.page(id, learner, time);
                        case 1: return TestEvents.video(id, learner, time, VideoAction.PLAY, pos);
                        case 2: return TestEvents.video(id, learner, time, VideoAction.PAUSE, pos);
                        case 3: return TestEvents.seek(id, learner, time, pos, Math.min(300, pos + 60));
                        case 4: return TestEvents.hint(id, learner, time, q);
                        default: return TestEvents.attempt(id, learner, time, q, ok, kind == 5 ? 1 : 2);
                    }
                });
        return event.list().ofMinSize(1).ofMaxSize(60).uniqueElements(e -> e.eventId);
    }

    @Property(tries = 60, seed = "42")
    void latestFinalsDoNotDependOnArrivalOrder(@ForAll("events") List<LearnerEvent> events,
            @ForAll long shuffleSeed) throws Exception {
        List<LearnerEvent> inOrder = new ArrayList<>(events);
        inOrder.sort(LearnerEvent::compareByTime);

        // Arrival order: event time plus a random delay below the allowed lateness, re-delivering
        // some events a second time.
        Random random = new Random(shuffleSeed);
        List<long[]> keys = new ArrayList<>();
        List<LearnerEvent> arrivals = new ArrayList<>();
        for (LearnerEvent e : events) {
            int copies = random.nextInt(5) == 0 ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                keys.add(new long[] {e.eventTime + (long) (random.nextDouble() * (ALLOWED_LATENESS - 1)),
                        arrivals.size()});
                arrivals.add(e.copy());
            }
        }
        keys.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        List<LearnerEvent> shuffled = new ArrayList<>();
        for (long[] k : keys) {
            shuffled.add(arrivals.get((int) k[1]));
        }

        assertThat(latestFinals(shuffled)).isEqualTo(latestFinals(inOrder));
    }

    /** Runs the operator with the watermark trailing the newest event by the bound; returns key → final. */
    private static Map<String, String> latestFinals(List<LearnerEvent> arrivals) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, LearnerEvent, FusedAttempt> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new LearnerFunction(TestEvents.catalog(), LearnPulseConfig.defaults()), e -> e.learnerId,
                        Types.STRING);
        h.open();
        long maxTime = Long.MIN_VALUE;
        for (LearnerEvent e : arrivals) {
            h.processElement(new StreamRecord<>(e, e.eventTime));
            maxTime = Math.max(maxTime, e.eventTime);
            h.processWatermark(maxTime - OUT_OF_ORDERNESS - 1);
        }
        h.processWatermark(Long.MAX_VALUE);

        Map<String, String> latest = new TreeMap<>();
        Map<String, Integer> revisions = new TreeMap<>();
        for (FusedAttempt f : h.extractOutputValues()) {
            if (f.status.equals(Status.FINAL) && f.revision > revisions.getOrDefault(f.key, 0)) {
                revisions.put(f.key, f.revision);
                f.revision = 0;
                latest.put(f.key, JsonLines.toJson(f));
            }
        }
        if (h.getSideOutput(Outputs.AGGREGATES) != null) {
            h.getSideOutput(Outputs.AGGREGATES).forEach(r -> {
                var a = r.getValue();
                if (a.revision > revisions.getOrDefault(a.key, 0)) {
                    revisions.put(a.key, a.revision);
                    a.revision = 0;
                    latest.put(a.key, JsonLines.toJson(a));
                }
            });
        }
        if (h.getSideOutput(Outputs.SESSIONS) != null) {
            h.getSideOutput(Outputs.SESSIONS).forEach(r -> latest.put("session " + r.getValue().key,
                    JsonLines.toJson(r.getValue())));
        }
        assertThat(h.getSideOutput(Outputs.LATE)).as("no event is beyond allowed lateness").isNull();
        h.close();
        return latest;
    }
}
