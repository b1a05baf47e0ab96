package io.learnpulse.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.CatalogJson;
import io.learnpulse.core.catalog.Course;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.catalog.Video;
import org.junit.jupiter.api.Test;

class CatalogGeneratorTest {

    @Test
    void isDeterministicPerSeed() {
        assertThat(CatalogJson.toJson(CatalogGenerator.generate(42L)))
                .isEqualTo(CatalogJson.toJson(CatalogGenerator.generate(42L)))
                .isNotEqualTo(CatalogJson.toJson(CatalogGenerator.generate(43L)));
    }

    @Test
    void aCourseDoesNotDependOnHowManyCoursesThereAre() {
        Catalog four = CatalogGenerator.generate(5L, 4);
        Catalog six = CatalogGenerator.generate(5L, 6);
        assertThat(six.courses()).hasSize(6);
        assertThat(CatalogJson.toJson(new Catalog(java.util.List.copyOf(six.courses()).subList(0, 4))))
                .isEqualTo(CatalogJson.toJson(four));
    }

    @Test
    void hasTheDocumentedShape() {
        for (long seed = 1; seed <= 20; seed++) {
            Catalog catalog = CatalogGenerator.generate(seed);
            assertThat(catalog.courses()).extracting(c -> c.courseId).containsExactly("c1", "c2", "c3", "c4");
            int questions = 0;
            int linked = 0;
            for (Course c : catalog.courses()) {
                assertThat(c.title).isNotBlank();
                assertThat(c.pages).hasSizeBetween(6, 12).allMatch(p -> p.matches(c.courseId + "/p\\d+"));
                assertThat(c.videos).hasSizeBetween(3, 6);
                for (Video v : c.videos) {
                    assertThat(v.videoId).matches(c.courseId + "/v\\d+");
                    assertThat(v.durationSeconds).isBetween(240.0, 900.0);
                    assertThat(v.segments).hasSizeBetween(4, 8);
                    double expectedStart = 0.0;
                    for (int i = 0; i < v.segments.size(); i++) {
                        Segment s = v.segments.get(i);
                        assertThat(s.segmentId).isEqualTo(v.videoId + "/s" + (i + 1));
                        assertThat(s.start).as("segments are contiguous").isEqualTo(expectedStart);
                        assertThat(s.end).isGreaterThan(s.start + 5.0);
                        expectedStart = s.end;
                    }
                    assertThat(expectedStart).as("segments cover the video").isEqualTo(v.durationSeconds);
                }
                for (int i = 0; i < c.questions.size(); i++) {
                    Question q = c.questions.get(i);
                    assertThat(q.questionId).isEqualTo(c.courseId + "/q" + (i + 1));
                    assertThat(q.skillIds).hasSizeBetween(1, 2).allMatch(s -> s.matches(c.courseId + "/skill-[1-8]"));
                    questions++;
                    if (q.segmentId != null) {
                        linked++;
                        Segment s = catalog.segment(q.segmentId);
                        assertThat(s).isNotNull();
                        assertThat(s.videoId).isEqualTo(q.videoId);
                        assertThat(catalog.video(q.videoId).courseId).isEqualTo(c.courseId);
                    } else {
                        assertThat(q.videoId).isNull();
                    }
                }
            }
            assertThat(linked).as("most questions are linked to a segment").isGreaterThan(questions * 3 / 4);
        }
    }
}
