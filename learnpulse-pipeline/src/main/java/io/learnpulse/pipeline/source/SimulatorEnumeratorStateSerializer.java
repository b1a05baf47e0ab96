package io.learnpulse.pipeline.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Version 1: the number of splits (int), then each split in the split serializer's 32-byte layout. */
public final class SimulatorEnumeratorStateSerializer implements SimpleVersionedSerializer<SimulatorEnumeratorState> {
    public static final SimulatorEnumeratorStateSerializer INSTANCE = new SimulatorEnumeratorStateSerializer();

    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(SimulatorEnumeratorState state) throws IOException {
        List<SimulatorSplit> splits = state.unassigned();
        DataOutputSerializer out = new DataOutputSerializer(4 + splits.size() * SimulatorSplitSerializer.SIZE);
        out.writeInt(splits.size());
        for (SimulatorSplit s : splits) {
            SimulatorSplitSerializer.write(s, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public SimulatorEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unsupported simulator enumerator state version " + version
                    + " (this build reads version " + VERSION + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int n = in.readInt();
        if (n < 0 || serialized.length != 4 + (long) n * SimulatorSplitSerializer.SIZE) {
            throw new IOException("corrupt simulator enumerator state: " + n + " splits in " + serialized.length + " bytes");
        }
        List<SimulatorSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            splits.add(SimulatorSplitSerializer.read(in));
        }
        return new SimulatorEnumeratorState(splits);
    }
}
