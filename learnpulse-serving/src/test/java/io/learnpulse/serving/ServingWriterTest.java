package io.learnpulse.serving;

import static io.learnpulse.core.json.JsonLines.toJson;
import static io.learnpulse.serving.Fixtures.T0;
import static io.learnpulse.serving.Fixtures.fin;
import static io.learnpulse.serving.Fixtures.questionStats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.core.privacy.Pseudonymizer;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ServingWriterTest {

    /** Records the size of every write and fails on demand; the data goes to a memory store. */
    static final class RecordingStore implements ServingStore {
        final MemoryServingStore delegate = new MemoryServingStore(StoreSettings.defaults());
        final List<Integer> batches = new ArrayList<>();
        boolean fail;

        @Override
        public StoreSettings settings() {
            return delegate.settings();
        }

        @Override
        public int write(List<ServingUpdate> updates) {
            batches.add(updates.size());
            if (fail) {
                throw new ServingStoreException("backend down");
            }
            return delegate.write(updates);
        }

        @Override
        public boolean isEnrolled(String learnerId, String courseId) {
            return delegate.isEnrolled(learnerId, courseId);
        }

        @Override
        public Optional<LearnerView> learner(String learnerId) {
            return delegate.learner(learnerId);
        }

        @Override
        public CourseOverview course(String courseId, int maxLearners, int maxInterventions) {
            return delegate.course(courseId, maxLearners, maxInterventions);
        }

        @Override
        public List<String> interventions(String courseId, int limit) {
            return delegate.interventions(courseId, limit);
        }

        @Override
        public Subscription subscribe(String courseId, Consumer<String> listener) {
            return delegate.subscribe(courseId, listener);
        }

        @Override
        public boolean isHealthy() {
            return !fail;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void flushWritesTheBufferInBatchesOfAtMostMaxBatchAndCounts() {
        RecordingStore store = new RecordingStore();
        ServingWriter w = new ServingWriter(store, 3, Pseudonymizer.identity());
        for (int i = 0; i < 7; i++) {
            w.add(fin("a" + i, "L1", "c1", T0 + i, 1));
        }
        w.add(fin("a0", "L1", "c1", T0, 1));
        assertThat(w.buffered()).isEqualTo(8);
        assertThat(store.batches).isEmpty();
        assertThat(w.flush()).isEqualTo(7);
        assertThat(store.batches).containsExactly(3, 3, 2);
        assertThat(w.buffered()).isZero();
        assertThat(w.written()).isEqualTo(8);
        assertThat(w.applied()).isEqualTo(7);
        assertThat(w.flush()).isZero();
        assertThat(store.batches).hasSize(3);
    }

    @Test
    void aRecordTheStoreCannotHoldIsSkippedAndCountedButAForeignTypeIsAnError() {
        RecordingStore store = new RecordingStore();
        ServingWriter w = new ServingWriter(store);
        FusedAttempt noLearner = fin("a1", null, "c1", T0, 1);
        QuestionStats noCourse = questionStats("q1", null, 3, T0, Status.FINAL, 1);
        FusedAttempt ok = fin("a2", "L1", "c1", T0, 1);
        assertThat(w.write(List.of(noLearner, noCourse, ok))).isEqualTo(1);
        assertThat(w.skipped()).isEqualTo(2);
        assertThat(store.learner("L1").orElseThrow().recentAttempts()).containsExactly(toJson(ok));

        assertThatThrownBy(() -> w.add("a string"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the serving store takes FusedAttempt, MasteryRecord, LearnerAggregate, QuestionStats, "
                        + "LearnerSession, Intervention and Enrollment records, not java.lang.String");
        assertThatThrownBy(() -> w.add(null)).isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("not null");
    }

    @Test
    void enrollmentIdsArePseudonymizedAndPipelineIdsAreKeptAsTheyAre() {
        Pseudonymizer p = Pseudonymizer.keyed("a-secret-of-sixteen-chars");
        RecordingStore store = new RecordingStore();
        ServingWriter w = new ServingWriter(store, 10, p);
        String pseudonym = p.apply("ada@example.org");
        w.write(List.of(new Enrollment("ada@example.org", "c1"), new Enrollment(pseudonym, "c2"),
                fin("a1", "raw-as-given", "c3", T0, 1)));
        assertThat(store.learner(pseudonym).orElseThrow().courses()).extracting(LearnerView.CourseMembership::courseId)
                .containsExactly("c1", "c2");
        assertThat(store.learner("ada@example.org")).isEmpty();
        assertThat(store.learner("raw-as-given")).isPresent();
    }

    @Test
    void aFailedFlushEmptiesTheBufferAndPropagates() {
        RecordingStore store = new RecordingStore();
        store.fail = true;
        ServingWriter w = new ServingWriter(store);
        w.add(fin("a1", "L1", "c1", T0, 1));
        assertThatThrownBy(w::flush).isInstanceOf(ServingStoreException.class).hasMessage("backend down");
        // The job restarts from its checkpoint and sends the records again; keeping them would write them twice.
        assertThat(w.buffered()).isZero();
        assertThat(w.written()).isZero();
    }
}
