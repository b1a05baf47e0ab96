package io.learnpulse.pipeline.sink;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes each record as one JSON line to a single local file, for bounded replays whose outputs a
 * person reads or diffs. Must run with parallelism 1 (the topology enforces it). Long-running jobs
 * write to Kafka instead, with transactions.
 */
public final class JsonLinesFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** Turns a record into one line of JSON (without the newline). */
    @FunctionalInterface
    public interface Encoder<T> extends Serializable {
        String encode(T record);
    }

    private final String path;
    private final Encoder<T> encoder;

    public JsonLinesFileSink(Path path, Encoder<T> encoder) {
        this.path = path.toAbsolutePath().toString();
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("JsonLinesFileSink must run with parallelism 1: " + path);
        }
        Path p = Paths.get(path);
        if (p.getParent() != null) {
            Files.createDirectories(p.getParent());
        }
        Writer<T> writer = new Writer<>(Files.newBufferedWriter(p, StandardCharsets.UTF_8), encoder,
                context.getProcessingTimeService());
        writer.scheduleFlush();
        return writer;
    }

    private static final class Writer<T> implements SinkWriter<T> {
        /** A running job's file is at most this far behind, even if it is cancelled rather than stopped. */
        private static final long FLUSH_INTERVAL_MS = 1000;

        private final BufferedWriter out;
        private final Encoder<T> encoder;
        private final ProcessingTimeService time;
        private boolean closed;

        Writer(BufferedWriter out, Encoder<T> encoder, ProcessingTimeService time) {
            this.out = out;
            this.encoder = encoder;
            this.time = time;
        }

        /** Flushes on a processing-time timer, which runs in the task's own thread, like write(). */
        void scheduleFlush() {
            time.registerTimer(time.getCurrentProcessingTime() + FLUSH_INTERVAL_MS, t -> {
                if (!closed) {
                    out.flush();
                    scheduleFlush();
                }
            });
        }

        @Override
        public void write(T element, Context context) throws IOException {
            out.write(encoder.encode(element));
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            out.close();
        }
    }
}
