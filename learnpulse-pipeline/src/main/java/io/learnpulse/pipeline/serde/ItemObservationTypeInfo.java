package io.learnpulse.pipeline.serde;

import io.learnpulse.core.result.ItemObservation;

/** Type information that makes Flink use {@link ItemObservationSerializer} between the learner and question operators. */
public final class ItemObservationTypeInfo extends SerializerTypeInfo<ItemObservation> {
    private static final long serialVersionUID = 1L;
    public static final ItemObservationTypeInfo INSTANCE = new ItemObservationTypeInfo();

    public ItemObservationTypeInfo() {
        super(ItemObservation.class, () -> ItemObservationSerializer.INSTANCE);
    }
}
