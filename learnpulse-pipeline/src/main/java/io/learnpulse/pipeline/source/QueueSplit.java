package io.learnpulse.pipeline.source;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/** The one split of a {@link QueueSource}: the name of the {@link RecordQueue} it reads. No progress to keep. */
public final class QueueSplit implements SourceSplit {
    private final String queueName;

    public QueueSplit(String queueName) {
        this.queueName = Objects.requireNonNull(queueName, "queueName");
    }

    public String queueName() {
        return queueName;
    }

    @Override
    public String splitId() {
        return "queue-" + queueName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueSplit && ((QueueSplit) o).queueName.equals(queueName);
    }

    @Override
    public int hashCode() {
        return queueName.hashCode();
    }

    @Override
    public String toString() {
        return "QueueSplit{" + queueName + '}';
    }
}
