package io.learnpulse.pipeline.functions;

import io.learnpulse.core.profile.LearnerProfile;
import io.learnpulse.core.profile.ProfileParser;
import io.learnpulse.core.profile.ProfileSummary;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.rules.Rule;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileEnrichmentTest {

    private static final ProfileEnrichment.Access<Intervention> ACCESS = new ProfileEnrichment.Access<>() {
        @Override
        public String learnerId(Intervention r) {
            return r.learnerId;
        }

        @Override
        public void attach(Intervention r, ProfileSummary p) {
            r.profile = p;
        }
    };

    private static LearnerProfile profile(String learner, String cohort, String locale, String... instructors) {
        LearnerProfile p = new LearnerProfile();
        p.learnerId = learner;
        p.cohort = cohort;
        p.locale = locale;
        p.instructors = instructors;
        p.courses = new String[] {"c1"};
        return p;
    }

    private static Intervention intervention(String learner, long t) {
        return new Intervention(Rule.REPEATED_FAILURE, learner, "c1", "q1", "m", new String[] {"e" + t}, t);
    }

    private static List<ProfileSummary> attached(BroadcastOperatorTestHarness<Intervention, LearnerProfile, Intervention> h) {
        return h.extractOutputValues().stream().map(i -> i.profile).toList();
    }

    @Test
    void profilesApplyFromTheMomentTheyArriveAndDeletionsHideThem() throws Exception {
        LearnerProfile initial = profile("ada", "2026-fall", "en-GB", "t-1");
        try (BroadcastOperatorTestHarness<Intervention, LearnerProfile, Intervention> h =
                     ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                             new ProfileEnrichment<>(ACCESS, Map.of("ada", initial)), ProfileEnrichment.PROFILES)) {
            h.processElement(intervention("ada", 1), 1);
            h.processElement(intervention("bob", 2), 2);
            LearnerProfile updated = profile("ada", "2026-fall", "fr-FR", "t-2");
            h.processBroadcastElement(updated, 3);
            h.processBroadcastElement(profile("bob", "2025-fall", "de-DE"), 3);
            h.processElement(intervention("ada", 4), 4);
            h.processElement(intervention("bob", 5), 5);
            h.processBroadcastElement(ProfileParser.tombstone("ada"), 6);
            h.processBroadcastElement(ProfileParser.tombstone("bob"), 6);
            h.processElement(intervention("ada", 7), 7);
            h.processElement(intervention("bob", 8), 8);

            assertThat(attached(h)).containsExactly(ProfileSummary.of(initial), null, ProfileSummary.of(updated),
                    ProfileSummary.of(profile("bob", "2025-fall", "de-DE")), null, null);
            assertThat(attached(h).get(2).locale).isEqualTo("fr-FR");
            assertThat(attached(h).get(2).instructors).containsExactly("t-2");
        }
    }

    @Test
    void broadcastProfilesSurviveARestoreFromASnapshot() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (BroadcastOperatorTestHarness<Intervention, LearnerProfile, Intervention> h =
                     ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                             new ProfileEnrichment<>(ACCESS), ProfileEnrichment.PROFILES)) {
            h.processBroadcastElement(profile("ada", "2026-fall", "en-GB"), 1);
            snapshot = h.snapshot(1, 2);
        }
        try (BroadcastOperatorTestHarness<Intervention, LearnerProfile, Intervention> h =
                     new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(
                             new ProfileEnrichment<>(ACCESS), List.of(ProfileEnrichment.PROFILES)), 1, 1, 0)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.processElement(intervention("ada", 3), 3);
            assertThat(attached(h)).containsExactly(ProfileSummary.of(profile("ada", "2026-fall", "en-GB")));
        }
    }
}
