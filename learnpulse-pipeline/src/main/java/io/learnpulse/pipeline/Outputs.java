package io.learnpulse.pipeline;

import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.LearnerSession;
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
    /** Deduplicated attempts, for the per-question statistics. */
    public static final OutputTag<LearnerEvent> ATTEMPTS =
            new OutputTag<>("attempts", TypeInformation.of(LearnerEvent.class));

    private Outputs() {}
}
