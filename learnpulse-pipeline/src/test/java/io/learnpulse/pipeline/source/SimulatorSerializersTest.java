package io.learnpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorSerializersTest {

    private final SimulatorSplitSerializer splits = SimulatorSplitSerializer.INSTANCE;
    private final SimulatorEnumeratorStateSerializer states = SimulatorEnumeratorStateSerializer.INSTANCE;

    @Test
    void splitRoundTrips() throws IOException {
        for (SimulatorSplit split : List.of(
                new SimulatorSplit(0, 1, 0L, SimulatorSplit.UNLIMITED, 0),
                new SimulatorSplit(3, 4, 1772438400000L, 250_000L, 123_456L),
                new SimulatorSplit(6, 7, -5L, 10L, 10L))) {
            byte[] bytes = splits.serialize(split);
            assertThat(bytes).hasSize(32);
            SimulatorSplit back = splits.deserialize(splits.getVersion(), bytes);
            assertThat(back).isEqualTo(split);
            assertThat(back.splitId()).isEqualTo(split.splitId());
            assertThat(back.startTime()).isEqualTo(split.startTime());
            assertThat(back.limit()).isEqualTo(split.limit());
            assertThat(back.emitted()).isEqualTo(split.emitted());
        }
        assertThat(new SimulatorSplit(3, 4, 0, 1, 0).splitId()).isEqualTo("learners-3-of-4");
    }

    @Test
    void splitRejectsOtherVersionsAndCorruptBytes() throws IOException {
        byte[] bytes = splits.serialize(new SimulatorSplit(1, 2, 0, 5, 3));
        assertThatThrownBy(() -> splits.deserialize(2, bytes))
                .isInstanceOf(IOException.class).hasMessageContaining("unsupported simulator split serialization version 2");
        assertThatThrownBy(() -> splits.deserialize(1, Arrays.copyOf(bytes, 31)))
                .isInstanceOf(IOException.class).hasMessage("a simulator split is 32 bytes, got 31");
        byte[] badPartition = bytes.clone();
        badPartition[3] = 9; // partition 9 of 2
        assertThatThrownBy(() -> splits.deserialize(1, badPartition))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt simulator split: invalid partition 9 of 2");
    }

    @Test
    void enumeratorStateRoundTrips() throws IOException {
        SimulatorEnumeratorState empty = new SimulatorEnumeratorState(List.of());
        assertThat(states.deserialize(1, states.serialize(empty))).isEqualTo(empty);

        SimulatorEnumeratorState state = new SimulatorEnumeratorState(List.of(
                new SimulatorSplit(1, 4, 99L, SimulatorSplit.UNLIMITED, 7),
                new SimulatorSplit(3, 4, 99L, SimulatorSplit.UNLIMITED, 0)));
        byte[] bytes = states.serialize(state);
        assertThat(bytes).hasSize(4 + 2 * 32);
        assertThat(states.deserialize(states.getVersion(), bytes)).isEqualTo(state);

        assertThatThrownBy(() -> states.deserialize(0, bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported simulator enumerator state version 0");
        assertThatThrownBy(() -> states.deserialize(1, Arrays.copyOf(bytes, 40))).isInstanceOf(IOException.class)
                .hasMessage("corrupt simulator enumerator state: 2 splits in 40 bytes");
    }

    @Test
    void sourceUsesTheseSerializers() {
        SimulatorSource source = SimulatorSource.builder(new io.learnpulse.core.sim.SimulatorConfig()).asFastAsPossible(10).build();
        assertThat(source.getSplitSerializer()).isSameAs(splits);
        assertThat(source.getEnumeratorCheckpointSerializer()).isSameAs(states);
    }
}
