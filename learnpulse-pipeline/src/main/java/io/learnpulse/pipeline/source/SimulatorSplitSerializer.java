package io.learnpulse.pipeline.source;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Version 1: partition (int), numPartitions (int), startTime, limit, emitted (longs): 32 bytes. */
public final class SimulatorSplitSerializer implements SimpleVersionedSerializer<SimulatorSplit> {
    public static final SimulatorSplitSerializer INSTANCE = new SimulatorSplitSerializer();

    static final int VERSION = 1;
    static final int SIZE = 32;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(SimulatorSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(SIZE);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public SimulatorSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        if (serialized.length != SIZE) {
            throw new IOException("a simulator split is " + SIZE + " bytes, got " + serialized.length);
        }
        return read(new DataInputDeserializer(serialized));
    }

    static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("unsupported simulator split serialization version " + version
                    + " (this build reads version " + VERSION + ")");
        }
    }

    static void write(SimulatorSplit split, DataOutputView out) throws IOException {
        out.writeInt(split.partition());
        out.writeInt(split.numPartitions());
        out.writeLong(split.startTime());
        out.writeLong(split.limit());
        out.writeLong(split.emitted());
    }

    static SimulatorSplit read(DataInputView in) throws IOException {
        int partition = in.readInt();
        int numPartitions = in.readInt();
        long startTime = in.readLong();
        long limit = in.readLong();
        long emitted = in.readLong();
        try {
            return new SimulatorSplit(partition, numPartitions, startTime, limit, emitted);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt simulator split: " + e.getMessage(), e);
        }
    }
}
