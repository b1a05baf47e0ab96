package io.learnpulse.pipeline.serde;

import io.learnpulse.core.event.LearnerEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information that makes Flink use {@link LearnerEventSerializer} for events between operators:
 * the generic POJO serializer reflects over every field and writes null markers for the many that do
 * not apply to an event's kind; events are the highest-volume records of the job.
 */
public final class LearnerEventTypeInfo extends TypeInformation<LearnerEvent> {
    private static final long serialVersionUID = 1L;
    public static final LearnerEventTypeInfo INSTANCE = new LearnerEventTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<LearnerEvent> getTypeClass() {
        return LearnerEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<LearnerEvent> createSerializer(SerializerConfig config) {
        return LearnerEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "LearnerEvent";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearnerEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return LearnerEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof LearnerEventTypeInfo;
    }
}
