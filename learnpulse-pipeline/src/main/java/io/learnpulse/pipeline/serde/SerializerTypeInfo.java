package io.learnpulse.pipeline.serde;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Type information for a record type that has a hand-written serializer singleton. Each record type has its
 * own final subclass, and instances are equal exactly when they are of the same subclass, as Flink expects
 * when it compares the type information of two versions of a job.
 *
 * <p>The serializer is looked up through a supplier, not held in a field, so that a copy of this type
 * information deserialized on a task manager still hands out the serializer's singleton.
 *
 * @param <T> the record type
 */
public abstract class SerializerTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> typeClass;
    private final SerializableSupplier<TypeSerializer<T>> serializer;

    protected SerializerTypeInfo(Class<T> typeClass, SerializableSupplier<TypeSerializer<T>> serializer) {
        this.typeClass = typeClass;
        this.serializer = serializer;
    }

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
    public Class<T> getTypeClass() {
        return typeClass;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.get();
    }

    @Override
    public String toString() {
        return typeClass.getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        return canEqual(o);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o != null && o.getClass() == getClass();
    }
}
