package io.learnpulse.pipeline.serde;

import io.learnpulse.core.event.LearnerEvent;

/**
 * Type information that makes Flink use {@link LearnerEventSerializer} for events between operators:
 * the generic POJO serializer reflects over every field and writes null markers for the many that do
 * not apply to an event's kind; events are the highest-volume records of the job.
 */
public final class LearnerEventTypeInfo extends SerializerTypeInfo<LearnerEvent> {
    private static final long serialVersionUID = 1L;
    public static final LearnerEventTypeInfo INSTANCE = new LearnerEventTypeInfo();

    public LearnerEventTypeInfo() {
        super(LearnerEvent.class, () -> LearnerEventSerializer.INSTANCE);
    }
}
