package io.learnpulse.pipeline.functions;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.profile.LearnerProfile;
import io.learnpulse.core.profile.ProfileParser;
import io.learnpulse.pipeline.Outputs;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses learner-profile records; invalid ones go to the dead-letter output like any other record. The
 * learner id is pseudonymized here, as ParseFunction does for events, so profiles join the events of the same
 * learner.
 */
public class ProfileParseFunction extends ProcessFunction<RawRecord, LearnerProfile> {
    private static final long serialVersionUID = 1L;

    private final int maxRecordBytes;
    private final Pseudonymizer pseudonymizer;

    private transient ProfileParser parser;
    private transient Counter profilesIn;
    private transient Counter deadLetters;

    public ProfileParseFunction(LearnPulseConfig config) {
        this.maxRecordBytes = config.maxRecordBytes();
        this.pseudonymizer = config.privacy().pseudonymizer();
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new ProfileParser(maxRecordBytes);
        var group = getRuntimeContext().getMetricGroup().addGroup("learnpulse");
        profilesIn = group.addGroup("source", ProfileParser.CHANNEL).counter("events_in");
        deadLetters = group.addGroup("reason", "invalid_profile").counter("dead_letters");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<LearnerProfile> out) {
        profilesIn.inc();
        ProfileParser.Result r = parser.parse(raw.payload, raw.ingestTime);
        if (r.profile == null) {
            deadLetters.inc();
            ctx.output(Outputs.DEAD_LETTERS, r.deadLetter);
            return;
        }
        r.profile.learnerId = pseudonymizer.apply(r.profile.learnerId);
        out.collect(r.profile);
    }
}
