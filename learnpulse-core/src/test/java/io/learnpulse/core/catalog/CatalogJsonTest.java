package io.learnpulse.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnpulse.core.sim.CatalogGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogJsonTest {

    /** The example of docs/formats.md. */
    private static final String DOC_EXAMPLE = "{\n"
            + "  \"courses\": [\n"
            + "    {\n"
            + "      \"course_id\": \"c-algebra\",\n"
            + "      \"title\": \"Algebra I\",\n"
            + "      \"pages\": [\"c-algebra/p1\", \"c-algebra/p2\"],\n"
            + "      \"videos\": [\n"
            + "        {\"video_id\": \"c-algebra/v1\", \"duration\": 600.0,\n"
            + "         \"segments\": [{\"segment_id\": \"c-algebra/v1/s1\", \"start\": 0.0, \"end\": 120.0}]}\n"
            + "      ],\n"
            + "      \"questions\": [\n"
            + "        {\"question_id\": \"c-algebra/q1\", \"skill_ids\": [\"linear-equations\"],\n"
            + "         \"video_id\": \"c-algebra/v1\", \"segment_id\": \"c-algebra/v1/s1\"}\n"
            + "      ]\n"
            + "    }\n"
            + "  ]\n"
            + "}\n";

    @Test
    void readsTheDocumentedExample() {
        Catalog c = CatalogJson.parse(DOC_EXAMPLE);

        assertThat(c.courses()).hasSize(1);
        Course course = c.course("c-algebra");
        assertThat(course.title).isEqualTo("Algebra I");
        assertThat(course.pages).containsExactly("c-algebra/p1", "c-algebra/p2");
        Video v = c.video("c-algebra/v1");
        assertThat(v.courseId).isEqualTo("c-algebra");
        assertThat(v.durationSeconds).isEqualTo(600.0);
        Segment s = c.segment("c-algebra/v1/s1");
        assertThat(s.videoId).isEqualTo("c-algebra/v1");
        assertThat(s.start).isEqualTo(0.0);
        assertThat(s.end).isEqualTo(120.0);
        Question q = c.question("c-algebra/q1");
        assertThat(q.courseId).isEqualTo("c-algebra");
        assertThat(q.skillIds).containsExactly("linear-equations");
        assertThat(q.videoId).isEqualTo("c-algebra/v1");
        assertThat(c.segmentFor("c-algebra/q1")).isSameAs(s);
    }

    @Test
    void optionalPartsDefaultToEmptyAndAQuestionMayHaveNoSegment() {
        Catalog c = CatalogJson.parse("{\"courses\":[{\"course_id\":\"c\",\"questions\":["
                + "{\"question_id\":\"c/q1\",\"skill_ids\":[]}]}]}");
        Course course = c.course("c");
        assertThat(course.title).isNull();
        assertThat(course.pages).isEmpty();
        assertThat(course.videos).isEmpty();
        Question q = c.question("c/q1");
        assertThat(q.videoId).isNull();
        assertThat(q.segmentId).isNull();
        assertThat(c.segmentFor("c/q1")).isNull();
    }

    @Test
    void aSegmentWithoutVideoIdIsLinkedToItsVideo() {
        Catalog c = CatalogJson.parse("{\"courses\":[{\"course_id\":\"c\",\"videos\":[{\"video_id\":\"c/v1\","
                + "\"duration\":60,\"segments\":[{\"segment_id\":\"c/v1/s1\",\"start\":0,\"end\":60}]}],"
                + "\"questions\":[{\"question_id\":\"c/q1\",\"skill_ids\":[\"k\"],\"segment_id\":\"c/v1/s1\"}]}]}");
        assertThat(c.question("c/q1").videoId).isEqualTo("c/v1");
    }

    @Test
    void roundTripsAGeneratedCatalog() {
        Catalog original = CatalogGenerator.generate(7L);
        String json = CatalogJson.toJson(original);
        Catalog back = CatalogJson.parse(json);

        assertThat(CatalogJson.toJson(back)).isEqualTo(json);
        assertThat(back.courses()).extracting(c -> c.courseId).containsExactly("c1", "c2", "c3", "c4");
        for (Course c : original.courses()) {
            Course b = back.course(c.courseId);
            assertThat(b.title).isEqualTo(c.title);
            assertThat(b.pages).isEqualTo(c.pages);
            assertThat(b.videos).hasSameSizeAs(c.videos);
            for (int i = 0; i < c.videos.size(); i++) {
                Video v = c.videos.get(i);
                Video bv = b.videos.get(i);
                assertThat(bv.videoId).isEqualTo(v.videoId);
                assertThat(bv.durationSeconds).isEqualTo(v.durationSeconds);
                assertThat(bv.segments).extracting(s -> s.segmentId + "@" + s.start + "-" + s.end)
                        .isEqualTo(v.segments.stream().map(s -> s.segmentId + "@" + s.start + "-" + s.end).toList());
            }
            assertThat(b.questions).extracting(q -> q.questionId + " " + q.skillIds + " " + q.videoId + " " + q.segmentId)
                    .isEqualTo(c.questions.stream()
                            .map(q -> q.questionId + " " + q.skillIds + " " + q.videoId + " " + q.segmentId).toList());
        }
    }

    @Test
    void writesAndReadsFiles(@TempDir Path dir) throws IOException {
        Catalog original = CatalogJson.parse(DOC_EXAMPLE);
        Path file = dir.resolve("catalog.json");
        CatalogJson.write(original, file);
        assertThat(Files.readString(file)).endsWith("}\n").contains("\"course_id\" : \"c-algebra\"");
        assertThat(CatalogJson.toJson(CatalogJson.read(file))).isEqualTo(CatalogJson.toJson(original));
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"courses\": [{\"title\": \"x\"}]}");
        assertThatThrownBy(() -> CatalogJson.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": invalid catalog: courses[0].course_id is required");
    }

    @Test
    void syntaxErrorsGiveTheLocation() {
        assertThatThrownBy(() -> CatalogJson.parse("{\"courses\": [\n  {\"course_id\": \"c1\",,}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid catalog JSON at line 2, column ");
        assertThatThrownBy(() -> CatalogJson.parse("{\"courses\": [], \"courses\": []}"))
                .hasMessageContaining("Duplicate field 'courses'");
        assertThatThrownBy(() -> CatalogJson.parse(""))
                .hasMessage("invalid catalog: (document) is empty");
    }

    private static String course(String body) {
        return "{\"courses\":[{\"course_id\":\"c\"," + body + "}]}";
    }

    private static final String VIDEO = "{\"video_id\":\"c/v1\",\"duration\":100,\"segments\":["
            + "{\"segment_id\":\"c/v1/s1\",\"start\":0,\"end\":50},{\"segment_id\":\"c/v1/s2\",\"start\":50,\"end\":100}]}";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[]|(document) must be a JSON object (was an array)",
        "{}|courses is required",
        "{\"courses\":{}}|courses must be an array (was an object)",
        "{\"courses\":[1]}|courses[0] must be an object (was number 1)",
        "{\"courses\":[{\"course_id\":\"\"}]}|courses[0].course_id must not be empty",
        "{\"courses\":[{\"course_id\":7}]}|courses[0].course_id must be a string (was number 7)",
        "{\"courses\":[{\"course_id\":\"c\"},{\"course_id\":\"c\"}]}|courses[1].course_id duplicates the id 'c' used earlier in the catalog",
        "{\"courses\":[{\"course_id\":\"c\",\"title\":false}]}|courses[0].title must be a string (was boolean false)",
        "{\"courses\":[{\"course_id\":\"c\",\"pages\":\"c/p1\"}]}|courses[0].pages must be an array (was string 'c/p1')",
        "{\"courses\":[{\"course_id\":\"c\",\"pages\":[\"c/p1\",null]}]}|courses[0].pages[1] must be a string (was null)",
        "{\"courses\":[{\"course_id\":\"c\",\"videos\":[{\"video_id\":\"c/v1\",\"segments\":[]}]}]}|courses[0].videos[0].duration is required",
        "{\"courses\":[{\"course_id\":\"c\",\"videos\":[{\"video_id\":\"c/v1\",\"duration\":\"600\",\"segments\":[]}]}]}|courses[0].videos[0].duration must be a number (was string '600')",
        "{\"courses\":[{\"course_id\":\"c\",\"videos\":[{\"video_id\":\"c/v1\",\"duration\":0,\"segments\":[]}]}]}|courses[0].videos[0].duration must be > 0 (was 0.0)",
        "{\"courses\":[{\"course_id\":\"c\",\"videos\":[{\"video_id\":\"c/v1\",\"duration\":10}]}]}|courses[0].videos[0].segments is required",
        "{\"courses\":[{\"course_id\":\"c\",\"videos\":[{\"video_id\":\"c/v1\",\"duration\":10,\"segments\":[{\"segment_id\":\"s\",\"start\":5,\"end\":5}]}]}]}|courses[0].videos[0].segments[0].end must be > start 5.0 (was 5.0)",
        "{\"courses\":[{\"course_id\":\"c\",\"videos\":[{\"video_id\":\"c/v1\",\"duration\":10,\"segments\":[{\"segment_id\":\"s\",\"start\":0,\"end\":11}]}]}]}|courses[0].videos[0].segments[0].end must be <= the video duration 10.0 (was 11.0)",
        "{\"courses\":[{\"course_id\":\"c\",\"videos\":[{\"video_id\":\"c/v1\",\"duration\":10,\"segments\":[{\"segment_id\":\"s\",\"start\":-1,\"end\":5}]}]}]}|courses[0].videos[0].segments[0].start must be >= 0 (was -1.0)",
        "{\"courses\":[{\"course_id\":\"c\",\"questions\":[{\"question_id\":\"c/q1\"}]}]}|courses[0].questions[0].skill_ids is required",
        "{\"courses\":[{\"course_id\":\"c\",\"questions\":[{\"question_id\":\"c/q1\",\"skill_ids\":\"k\"}]}]}|courses[0].questions[0].skill_ids must be an array of strings (was string 'k')",
        "{\"courses\":[{\"course_id\":\"c\",\"questions\":[{\"question_id\":\"c/q1\",\"skill_ids\":[\"k\",3]}]}]}|courses[0].questions[0].skill_ids[1] must be a string (was number 3)",
        "{\"courses\":[{\"course_id\":\"c\",\"questions\":[{\"question_id\":\"c/q1\",\"skill_ids\":[],\"segment_id\":\"nope\"}]}]}|courses[0].questions[0].segment_id names an unknown segment 'nope'",
        "{\"courses\":[{\"course_id\":\"c\",\"questions\":[{\"question_id\":\"c/q1\",\"skill_ids\":[],\"video_id\":\"nope\"}]}]}|courses[0].questions[0].video_id names an unknown video 'nope'",
    })
    void rejectsInvalidCatalogsNamingThePath(String json, String message) {
        assertThatThrownBy(() -> CatalogJson.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid catalog: " + message);
    }

    @Test
    void rejectsASegmentOfAnotherVideoAndDuplicateSegmentIds() {
        String twoVideos = VIDEO + ",{\"video_id\":\"c/v2\",\"duration\":10,\"segments\":[]}";
        assertThatThrownBy(() -> CatalogJson.parse(course("\"videos\":[" + twoVideos + "],\"questions\":["
                + "{\"question_id\":\"c/q1\",\"skill_ids\":[],\"video_id\":\"c/v2\",\"segment_id\":\"c/v1/s2\"}]")))
                .hasMessage("invalid catalog: courses[0].questions[0].segment_id 'c/v1/s2' belongs to video 'c/v1', "
                        + "not to video_id 'c/v2'");
        String dupSegment = "{\"video_id\":\"c/v2\",\"duration\":10,\"segments\":[{\"segment_id\":\"c/v1/s1\",\"start\":0,\"end\":1}]}";
        assertThatThrownBy(() -> CatalogJson.parse(course("\"videos\":[" + VIDEO + "," + dupSegment + "]")))
                .hasMessage("invalid catalog: courses[0].videos[1].segments[0].segment_id duplicates the id 'c/v1/s1' "
                        + "used earlier in the catalog");
    }

    @Test
    void questionLinksMayPointToAVideoListedInALaterCourse() {
        Catalog c = CatalogJson.parse("{\"courses\":[{\"course_id\":\"a\",\"questions\":[{\"question_id\":\"a/q1\","
                + "\"skill_ids\":[],\"segment_id\":\"c/v1/s2\"}]},{\"course_id\":\"c\",\"videos\":[" + VIDEO + "]}]}");
        assertThat(c.segmentFor("a/q1").segmentId).isEqualTo("c/v1/s2");
        assertThat(List.copyOf(c.courses())).hasSize(2);
    }
}
