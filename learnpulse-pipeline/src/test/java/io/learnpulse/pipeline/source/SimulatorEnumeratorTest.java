package io.learnpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.Test;

class SimulatorEnumeratorTest {

    /** Records what the enumerator tells the readers. */
    private static final class Context implements SplitEnumeratorContext<SimulatorSplit> {
        final int parallelism;
        final Map<Integer, ReaderInfo> registered = new HashMap<>();
        final Map<Integer, List<SimulatorSplit>> assigned = new HashMap<>();
        final List<Integer> noMoreSplits = new ArrayList<>();

        Context(int parallelism) {
            this.parallelism = parallelism;
        }

        void register(int subtask) {
            registered.put(subtask, new ReaderInfo(subtask, "localhost"));
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return null;
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {}

        @Override
        public int currentParallelism() {
            return parallelism;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return registered;
        }

        @Override
        public void assignSplits(SplitsAssignment<SimulatorSplit> assignment) {
            assignment.assignment().forEach((k, v) -> assigned.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            noMoreSplits.add(subtask);
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {}

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {}

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            runnable.run();
        }
    }

    private static List<SimulatorSplit> splits(int n) {
        List<SimulatorSplit> list = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            list.add(new SimulatorSplit(p, n, 1000L, SimulatorSource.limitOf(10, p, n), 0));
        }
        return list;
    }

    @Test
    void pushesSplitPToReaderPModParallelismOnRegistration() throws Exception {
        Context ctx = new Context(3);
        SimulatorEnumerator enumerator = new SimulatorEnumerator(ctx, splits(5));
        enumerator.start();

        ctx.register(1);
        enumerator.addReader(1);
        assertThat(ctx.assigned.get(1)).extracting(SimulatorSplit::partition).containsExactly(1, 4);
        assertThat(ctx.noMoreSplits).containsExactly(1);
        assertThat(enumerator.snapshotState(1).unassigned()).extracting(SimulatorSplit::partition).containsExactly(0, 2, 3);

        ctx.register(0);
        enumerator.addReader(0);
        ctx.register(2);
        enumerator.addReader(2);
        assertThat(ctx.assigned.get(0)).extracting(SimulatorSplit::partition).containsExactly(0, 3);
        assertThat(ctx.assigned.get(2)).extracting(SimulatorSplit::partition).containsExactly(2);
        assertThat(ctx.noMoreSplits).containsExactly(1, 0, 2);
        assertThat(enumerator.snapshotState(2).unassigned()).isEmpty();
    }

    @Test
    void reassignsSplitsHandedBackAfterAFailure() throws Exception {
        Context ctx = new Context(2);
        SimulatorEnumerator enumerator = new SimulatorEnumerator(ctx, splits(4));
        ctx.register(0);
        enumerator.addReader(0);
        ctx.assigned.clear();

        // Reader 0 failed: its splits come back; it has not re-registered yet, so they wait.
        ctx.registered.remove(0);
        SimulatorSplit progressed = new SimulatorSplit(2, 4, 1000L, 2, 1);
        enumerator.addSplitsBack(List.of(progressed, new SimulatorSplit(0, 4, 1000L, 3, 0)), 0);
        assertThat(ctx.assigned).isEmpty();
        assertThat(enumerator.snapshotState(3).unassigned()).extracting(SimulatorSplit::partition).containsExactly(0, 1, 2, 3);

        ctx.register(0);
        enumerator.addReader(0);
        assertThat(ctx.assigned.get(0)).extracting(SimulatorSplit::partition).containsExactly(0, 2);
        assertThat(ctx.assigned.get(0).get(1)).isEqualTo(progressed);
    }

    @Test
    void restoresFromItsState() throws Exception {
        Context ctx = new Context(1);
        SimulatorSource source = SimulatorSource.builder(new io.learnpulse.core.sim.SimulatorConfig()).asFastAsPossible(10).build();
        SimulatorEnumeratorState state = new SimulatorEnumeratorState(List.of(new SimulatorSplit(3, 4, 5L, 2, 1)));
        var enumerator = source.restoreEnumerator(ctx, state);
        ctx.register(0);
        enumerator.addReader(0);
        assertThat(ctx.assigned.get(0)).containsExactly(new SimulatorSplit(3, 4, 5L, 2, 1));
    }
}
