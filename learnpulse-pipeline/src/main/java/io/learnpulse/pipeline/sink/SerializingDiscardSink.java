package io.learnpulse.pipeline.sink;

import io.learnpulse.core.json.JsonLines;
import io.learnpulse.pipeline.FusionJob;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

import java.nio.charset.StandardCharsets;

/**
 * Encodes every record to its JSON line and UTF-8 bytes, as a file or message-queue sink does before it
 * writes, then drops the bytes. For benchmarks: the pipeline pays for serializing its outputs, but not for a
 * disk or a broker. Counts records and bytes ({@code learnpulse.sink_records}, {@code learnpulse.sink_bytes}),
 * which also keeps the encoding from being optimized away.
 */
public final class SerializingDiscardSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final JsonLinesFileSink.Encoder<T> encoder;

    public SerializingDiscardSink(JsonLinesFileSink.Encoder<T> encoder) {
        this.encoder = encoder;
    }

    /** Every output of the job (not the parsed events), each through its JSON writer. */
    public static FusionJob.Sinks forAllOutputs() {
        FusionJob.Sinks s = new FusionJob.Sinks();
        s.fused = new SerializingDiscardSink<>(JsonLines::toJson);
        s.aggregates = new SerializingDiscardSink<>(JsonLines::toJson);
        s.questionStats = new SerializingDiscardSink<>(JsonLines::toJson);
        s.sessions = new SerializingDiscardSink<>(JsonLines::toJson);
        s.mastery = new SerializingDiscardSink<>(JsonLines::toJson);
        s.interventions = new SerializingDiscardSink<>(JsonLines::toJson);
        s.deadLetters = new SerializingDiscardSink<>(JsonLines::toJson);
        s.late = new SerializingDiscardSink<>(JsonLines::toJson);
        return s;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        var group = context.metricGroup().addGroup("learnpulse");
        return new Writer<>(encoder, group.counter("sink_records"), group.counter("sink_bytes"));
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final JsonLinesFileSink.Encoder<T> encoder;
        private final Counter records;
        private final Counter bytes;

        Writer(JsonLinesFileSink.Encoder<T> encoder, Counter records, Counter bytes) {
            this.encoder = encoder;
            this.records = records;
            this.bytes = bytes;
        }

        @Override
        public void write(T element, Context context) {
            byte[] b = encoder.encode(element).getBytes(StandardCharsets.UTF_8);
            records.inc();
            bytes.inc(b.length + 1);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
