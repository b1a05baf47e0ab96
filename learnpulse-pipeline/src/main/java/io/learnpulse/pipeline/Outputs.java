package io.learnpulse.pipeline;

import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.result.ItemObservation;
import io.learnpulse.core.result.MasteryRecord;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.LearnerSession;
import io.learnpulse.pipeline.serde.ItemObservationTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs of the topology's operators. */
public final class Outputs {
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late", TypeInformation.of(LateEvent.class));
    public static final OutputTag<LearnerAggregate> AGGREGATES =
            new OutputTag<>("aggregates", TypeInformation.of(LearnerAggregate.class));
    public static final OutputTag<LearnerSession> SESSIONS =
            new OutputTag<>("sessions", TypeInformation.of(LearnerSession.class));
    /** Deduplicated attempts and hints, on arrival and when committed, for the per-question statistics. */
    public static final OutputTag<ItemObservation> ITEMS =
            new OutputTag<>("item-observations", ItemObservationTypeInfo.INSTANCE);
    public static final OutputTag<MasteryRecord> MASTERY =
            new OutputTag<>("mastery", TypeInformation.of(MasteryRecord.class));
    public static final OutputTag<Intervention> INTERVENTIONS =
            new OutputTag<>("interventions", TypeInformation.of(Intervention.class));

    private Outputs() {}
}
