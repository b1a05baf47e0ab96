package io.learnpulse.core.model;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fitting and evaluation data: per skill, each learner's first-attempt correctness on that skill in
 * order. Skills are sorted by id and each skill's sequences by learner id, so iteration order (and
 * everything computed from it) is deterministic. Immutable after construction.
 */
public final class SkillSequences {

    /** One learner's ordered first-attempt outcomes on one skill. */
    public static final class Sequence {
        public final String learnerId;
        public final boolean[] correct;

        public Sequence(String learnerId, boolean[] correct) {
            this.learnerId = learnerId;
            this.correct = correct;
        }

        public int length() {
            return correct.length;
        }
    }

    private final TreeMap<String, List<Sequence>> bySkill;

    private SkillSequences(TreeMap<String, List<Sequence>> bySkill) {
        this.bySkill = bySkill;
    }

    /** From explicit sequences (learner ids must be unique within a skill). */
    public static SkillSequences of(Map<String, List<Sequence>> bySkill) {
        TreeMap<String, List<Sequence>> m = new TreeMap<>();
        for (Map.Entry<String, List<Sequence>> e : bySkill.entrySet()) {
            List<Sequence> seqs = new ArrayList<>(e.getValue());
            seqs.removeIf(s -> s.length() == 0);
            seqs.sort((a, b) -> a.learnerId.compareTo(b.learnerId));
            if (!seqs.isEmpty()) {
                m.put(e.getKey(), Collections.unmodifiableList(seqs));
            }
        }
        return new SkillSequences(m);
    }

    /**
     * From canonical events: the ATTEMPT events with attempt number 1, per learner in event-time order
     * (time, then event id); an attempt on a question with several skills is an opportunity for each
     * distinct skill. Other events are ignored; so are attempts without skills.
     */
    public static SkillSequences fromEvents(Iterable<LearnerEvent> events) {
        Map<String, List<LearnerEvent>> byLearner = new HashMap<>();
        for (LearnerEvent e : events) {
            if (e.kind == EventKind.ATTEMPT && e.attemptNumber == 1 && e.skillIds != null && e.skillIds.length > 0) {
                byLearner.computeIfAbsent(e.learnerId, k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, List<Sequence>> bySkill = new HashMap<>();
        for (Map.Entry<String, List<LearnerEvent>> l : byLearner.entrySet()) {
            List<LearnerEvent> attempts = l.getValue();
            attempts.sort(LearnerEvent::compareByTime);
            Map<String, List<Boolean>> outcomes = new HashMap<>();
            for (LearnerEvent e : attempts) {
                for (String skill : new LinkedHashSet<>(List.of(e.skillIds))) {
                    outcomes.computeIfAbsent(skill, k -> new ArrayList<>()).add(e.correct);
                }
            }
            for (Map.Entry<String, List<Boolean>> o : outcomes.entrySet()) {
                bySkill.computeIfAbsent(o.getKey(), k -> new ArrayList<>()).add(new Sequence(l.getKey(), toArray(o.getValue())));
            }
        }
        return of(bySkill);
    }

    static boolean[] toArray(List<Boolean> list) {
        boolean[] a = new boolean[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    /** Skill ids, sorted. */
    public List<String> skills() {
        return List.copyOf(bySkill.keySet());
    }

    /** A skill's sequences sorted by learner id; empty for an unknown skill. */
    public List<Sequence> sequences(String skillId) {
        return bySkill.getOrDefault(skillId, List.of());
    }

    public Map<String, List<Sequence>> bySkill() {
        return Collections.unmodifiableMap(bySkill);
    }

    /** Observations (first attempts × skills) of one skill. */
    public long observations(String skillId) {
        long n = 0;
        for (Sequence s : sequences(skillId)) {
            n += s.length();
        }
        return n;
    }

    /** Observations over all skills. */
    public long observations() {
        long n = 0;
        for (String s : bySkill.keySet()) {
            n += observations(s);
        }
        return n;
    }

    /** Distinct learners over all skills. */
    public int learners() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (List<Sequence> seqs : bySkill.values()) {
            for (Sequence s : seqs) {
                ids.add(s.learnerId);
            }
        }
        return ids.size();
    }

    /**
     * Splits by learner: a learner is in the test part when {@link #isTestLearner} says so. All of a
     * learner's sequences go to the same side.
     *
     * @return {train, test}
     */
    public SkillSequences[] splitByLearner(long seed, double testFraction) {
        Map<String, List<Sequence>> train = new HashMap<>();
        Map<String, List<Sequence>> test = new HashMap<>();
        for (Map.Entry<String, List<Sequence>> e : bySkill.entrySet()) {
            for (Sequence s : e.getValue()) {
                (isTestLearner(s.learnerId, seed, testFraction) ? test : train)
                        .computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
            }
        }
        return new SkillSequences[] {of(train), of(test)};
    }

    /**
     * The seeded learner split: u = a uniform number in [0, 1) from SplitMix64 over the seed XOR a
     * 64-bit hash of the learner id; the learner is a test learner when u &lt; testFraction. Depends only
     * on (seed, learner id), not on the data's order or size.
     */
    public static boolean isTestLearner(String learnerId, long seed, double testFraction) {
        return Seeds.uniform(seed, learnerId) < testFraction;
    }
}
