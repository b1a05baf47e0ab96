package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A FLIP-27 source of the records handed over through a named {@link RecordQueue}: the HTTP gateway's way
 * into a job on the embedded MiniCluster of the same JVM. Unbounded: it runs until the queue is closed and
 * drained (then ends its input) or the job is cancelled.
 *
 * <p>One split, read by subtask 0, so records enter the job in the order they were queued (all records of one
 * request together, in request order); the other subtasks emit nothing (their part of the job is idle) and, like
 * subtask 0, end once the queue is closed. Nothing is checkpointed but the split:
 * the queue lives in memory and cannot replay, so in embedded mode a job failure loses the records read since
 * the last checkpoint and a process crash loses what was queued (see {@link RecordQueue}).
 *
 * <p>The queue must exist (be {@linkplain RecordQueue#create created}) before the job starts.
 */
public final class QueueSource
        implements Source<RawRecord, QueueSplit, List<QueueSplit>>, ResultTypeQueryable<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final String queueName;

    public QueueSource(String queueName) {
        this.queueName = Objects.requireNonNull(queueName, "queueName");
    }

    public String queueName() {
        return queueName;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<QueueSplit, List<QueueSplit>> createEnumerator(SplitEnumeratorContext<QueueSplit> context) {
        return new QueueEnumerator(context, List.of(new QueueSplit(queueName)));
    }

    @Override
    public SplitEnumerator<QueueSplit, List<QueueSplit>> restoreEnumerator(SplitEnumeratorContext<QueueSplit> context,
            List<QueueSplit> checkpoint) {
        return new QueueEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<QueueSplit> getSplitSerializer() {
        return SplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<QueueSplit>> getEnumeratorCheckpointSerializer() {
        return StateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<RawRecord, QueueSplit> createReader(SourceReaderContext readerContext) {
        return new QueueSourceReader(queueName);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /** Version 1: the queue name (modified UTF-8). */
    static final class SplitSerializer implements SimpleVersionedSerializer<QueueSplit> {
        static final SplitSerializer INSTANCE = new SplitSerializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(QueueSplit split) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(32);
            out.writeUTF(split.queueName());
            return out.getCopyOfBuffer();
        }

        @Override
        public QueueSplit deserialize(int version, byte[] serialized) throws IOException {
            check(version);
            return new QueueSplit(new DataInputDeserializer(serialized).readUTF());
        }
    }

    /** Version 1: the number of unassigned splits (int), then each queue name (modified UTF-8). */
    static final class StateSerializer implements SimpleVersionedSerializer<List<QueueSplit>> {
        static final StateSerializer INSTANCE = new StateSerializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<QueueSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            out.writeInt(splits.size());
            for (QueueSplit s : splits) {
                out.writeUTF(s.queueName());
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<QueueSplit> deserialize(int version, byte[] serialized) throws IOException {
            check(version);
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            int n = in.readInt();
            if (n < 0 || n > 1) {
                throw new IOException("corrupt queue source state: " + n + " splits");
            }
            List<QueueSplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(new QueueSplit(in.readUTF()));
            }
            return splits;
        }
    }

    private static void check(int version) throws IOException {
        if (version != 1) {
            throw new IOException("unsupported queue source serialization version " + version
                    + " (this build reads version 1)");
        }
    }
}
