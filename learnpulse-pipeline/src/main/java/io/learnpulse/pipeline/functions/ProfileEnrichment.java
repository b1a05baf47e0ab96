package io.learnpulse.pipeline.functions;

import io.learnpulse.core.profile.LearnerProfile;
import io.learnpulse.core.profile.ProfileSummary;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Attaches the learner's profile to each record (fused attempts, interventions) as the record passes: profiles
 * are broadcast to every parallel instance, so an update applies from the moment it arrives, in processing
 * time, without waiting for the learner's next event or for the watermark. A deleted profile removes it.
 *
 * <p>Profiles known before the job starts (replays, the demo) are given to the constructor instead: that
 * keeps a bounded replay deterministic, where a profile stream would race the events. Updates on the stream
 * take precedence over them.
 *
 * <p>Broadcast state has no TTL: it holds one entry per learner (what the compacted topic holds), bounded by
 * the platform's learner count; a deletion is kept as a tombstone entry so that it also hides an initial
 * profile.
 *
 * @param <T> the record type
 */
public class ProfileEnrichment<T> extends BroadcastProcessFunction<T, LearnerProfile, T> {
    private static final long serialVersionUID = 1L;

    /** The profiles by (pseudonymized) learner id, identical on every instance. */
    public static final MapStateDescriptor<String, LearnerProfile> PROFILES = new MapStateDescriptor<>(
            "learner-profiles", Types.STRING, TypeInformation.of(LearnerProfile.class));

    /** How to read the learner of a record and attach a profile to it. */
    public interface Access<T> extends Serializable {
        String learnerId(T record);

        void attach(T record, ProfileSummary profile);
    }

    private final Access<T> access;
    private final HashMap<String, LearnerProfile> initial;

    public ProfileEnrichment(Access<T> access) {
        this(access, Map.of());
    }

    public ProfileEnrichment(Access<T> access, Map<String, LearnerProfile> initial) {
        this.access = access;
        this.initial = new HashMap<>(initial);
    }

    @Override
    public void processElement(T record, ReadOnlyContext ctx, Collector<T> out) throws Exception {
        ReadOnlyBroadcastState<String, LearnerProfile> profiles = ctx.getBroadcastState(PROFILES);
        String learner = access.learnerId(record);
        LearnerProfile p = null;
        if (learner != null) {
            p = profiles.get(learner);
            if (p == null) {
                p = initial.get(learner);
            }
        }
        access.attach(record, p == null || p.deleted ? null : ProfileSummary.of(p));
        out.collect(record);
    }

    @Override
    public void processBroadcastElement(LearnerProfile profile, Context ctx, Collector<T> out) throws Exception {
        BroadcastState<String, LearnerProfile> profiles = ctx.getBroadcastState(PROFILES);
        if (profile.deleted && !initial.containsKey(profile.learnerId)) {
            profiles.remove(profile.learnerId);
        } else {
            profiles.put(profile.learnerId, profile);
        }
    }
}
