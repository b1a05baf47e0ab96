package io.learnpulse.pipeline.functions;

import io.learnpulse.core.event.LearnerEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Stamps each parsed event with its own event time and passes watermarks through unchanged: the step after
 * parsing for inputs whose watermarks are generated at the source. A parsed event otherwise carries the
 * timestamp of the record it came from, which is the earliest event time of the record's events (an xAPI
 * array's first statement, say) or none at all. Flink's {@code assignTimestampsAndWatermarks} cannot do this:
 * it drops the watermarks that arrive from upstream.
 */
public final class EventTimestamps extends AbstractStreamOperator<LearnerEvent>
        implements OneInputStreamOperator<LearnerEvent, LearnerEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<LearnerEvent> element) {
        output.collect(element.replace(element.getValue(), element.getValue().eventTime));
    }
}
