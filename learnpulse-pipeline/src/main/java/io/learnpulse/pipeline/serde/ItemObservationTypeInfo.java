package io.learnpulse.pipeline.serde;

import io.learnpulse.core.result.ItemObservation;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information that makes Flink use {@link ItemObservationSerializer} between the learner and question operators. */
public final class ItemObservationTypeInfo extends TypeInformation<ItemObservation> {
    private static final long serialVersionUID = 1L;
    public static final ItemObservationTypeInfo INSTANCE = new ItemObservationTypeInfo();

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
    public Class<ItemObservation> getTypeClass() {
        return ItemObservation.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<ItemObservation> createSerializer(SerializerConfig config) {
        return ItemObservationSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "ItemObservation";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemObservationTypeInfo;
    }

    @Override
    public int hashCode() {
        return ItemObservationTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof ItemObservationTypeInfo;
    }
}
