package io.learnpulse.core.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@code catalog.json} (the "Course catalog" section of docs/formats.md).
 *
 * <p>Reading validates the whole document and throws {@link IllegalArgumentException} whose message
 * names the JSON path of the first problem, e.g. {@code courses[0].videos[1].duration}. Rules:
 * <ul>
 *   <li>{@code courses} is a required array; {@code course_id} a required non-empty string;
 *       {@code title} an optional string; {@code pages}, {@code videos} and {@code questions} optional
 *       arrays (missing means empty).</li>
 *   <li>video: {@code video_id} non-empty string, {@code duration} a number &gt; 0, {@code segments} an
 *       array; segment: {@code segment_id} non-empty string, numbers {@code 0 <= start < end <= duration}.</li>
 *   <li>question: {@code question_id} non-empty string, {@code skill_ids} an array of non-empty
 *       strings; {@code video_id}/{@code segment_id} optional, but when given they must name a video /
 *       segment of the catalog, and the segment must belong to the video. A question with only a
 *       {@code segment_id} is linked to that segment's video.</li>
 *   <li>Course, page, video, segment and question ids are unique within the catalog; duplicate keys
 *       in one JSON object are rejected. Unknown fields are ignored.</li>
 * </ul>
 */
public final class CatalogJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private CatalogJson() {}

    /** Reads and validates a catalog file. */
    public static Catalog read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads and validates a catalog from a stream (not closed). */
    public static Catalog read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        }
        return fromTree(root);
    }

    /** Parses and validates catalog JSON text. */
    public static Catalog parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        }
        return fromTree(root);
    }

    /** The catalog as indented JSON text (courses in catalog order, everything else in list order). */
    public static String toJson(Catalog catalog) {
        try {
            return MAPPER.writeValueAsString(toTree(catalog));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize catalog", e);
        }
    }

    /** Writes the catalog as indented JSON, replacing the file. */
    public static void write(Catalog catalog, Path file) throws IOException {
        Files.writeString(file, toJson(catalog) + "\n");
    }

    /** Writes the catalog as indented JSON to a stream (not closed). */
    public static void write(Catalog catalog, OutputStream out) throws IOException {
        out.write((toJson(catalog) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- writing

    private static ObjectNode toTree(Catalog catalog) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode courses = root.putArray("courses");
        for (Course c : catalog.courses()) {
            ObjectNode cn = courses.addObject();
            cn.put("course_id", c.courseId);
            if (c.title != null) {
                cn.put("title", c.title);
            }
            ArrayNode pages = cn.putArray("pages");
            c.pages.forEach(pages::add);
            ArrayNode videos = cn.putArray("videos");
            for (Video v : c.videos) {
                ObjectNode vn = videos.addObject();
                vn.put("video_id", v.videoId);
                vn.put("duration", v.durationSeconds);
                ArrayNode segments = vn.putArray("segments");
                for (Segment s : v.segments) {
                    ObjectNode sn = segments.addObject();
                    sn.put("segment_id", s.segmentId);
                    sn.put("start", s.start);
                    sn.put("end", s.end);
                }
            }
            ArrayNode questions = cn.putArray("questions");
            for (Question q : c.questions) {
                ObjectNode qn = questions.addObject();
                qn.put("question_id", q.questionId);
                ArrayNode skills = qn.putArray("skill_ids");
                q.skillIds.forEach(skills::add);
                if (q.videoId != null) {
                    qn.put("video_id", q.videoId);
                }
                if (q.segmentId != null) {
                    qn.put("segment_id", q.segmentId);
                }
            }
        }
        return root;
    }

    // ---------------------------------------------------------------- reading

    private static IllegalArgumentException syntaxError(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return new IllegalArgumentException("invalid catalog JSON" + where + ": " + e.getOriginalMessage(), e);
    }

    private static IllegalArgumentException invalid(String path, String problem) {
        return new IllegalArgumentException("invalid catalog: " + path + " " + problem);
    }

    private static Catalog fromTree(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw invalid("(document)", "is empty");
        }
        if (!root.isObject()) {
            throw invalid("(document)", "must be a JSON object (was " + typeOf(root) + ")");
        }
        JsonNode coursesNode = root.get("courses");
        if (coursesNode == null) {
            throw invalid("courses", "is required");
        }
        if (!coursesNode.isArray()) {
            throw invalid("courses", "must be an array (was " + typeOf(coursesNode) + ")");
        }
        Set<String> ids = new HashSet<>();
        // Video and segment ids of the whole catalog, for checking question links after the first pass.
        Map<String, Set<String>> segmentsByVideo = new HashMap<>();
        Map<String, String> videoOfSegment = new HashMap<>();
        List<RawCourse> raw = new ArrayList<>();
        for (int ci = 0; ci < coursesNode.size(); ci++) {
            raw.add(readCourse(coursesNode.get(ci), "courses[" + ci + "]", ids, segmentsByVideo, videoOfSegment));
        }
        List<Course> courses = new ArrayList<>();
        for (RawCourse rc : raw) {
            List<Question> questions = new ArrayList<>();
            for (RawQuestion rq : rc.questions) {
                String videoId = rq.videoId;
                if (rq.segmentId != null) {
                    String owner = videoOfSegment.get(rq.segmentId);
                    if (owner == null) {
                        throw invalid(rq.path + ".segment_id", "names an unknown segment '" + rq.segmentId + "'");
                    }
                    if (videoId != null && !videoId.equals(owner)) {
                        throw invalid(rq.path + ".segment_id", "'" + rq.segmentId + "' belongs to video '" + owner
                                + "', not to video_id '" + videoId + "'");
                    }
                    videoId = owner;
                } else if (videoId != null && !segmentsByVideo.containsKey(videoId)) {
                    throw invalid(rq.path + ".video_id", "names an unknown video '" + videoId + "'");
                }
                questions.add(new Question(rq.questionId, rc.courseId, rq.skills, videoId, rq.segmentId));
            }
            courses.add(new Course(rc.courseId, rc.title, rc.videos, questions, rc.pages));
        }
        return new Catalog(courses);
    }

    private static final class RawCourse {
        String courseId;
        String title;
        List<String> pages = new ArrayList<>();
        List<Video> videos = new ArrayList<>();
        List<RawQuestion> questions = new ArrayList<>();
    }

    private static final class RawQuestion {
        String path;
        String questionId;
        List<String> skills;
        String videoId;
        String segmentId;
    }

    private static RawCourse readCourse(JsonNode node, String path, Set<String> ids,
                                        Map<String, Set<String>> segmentsByVideo, Map<String, String> videoOfSegment) {
        requireObject(node, path);
        RawCourse c = new RawCourse();
        c.courseId = requiredId(node, path, "course_id", ids);
        c.title = optionalString(node, path, "title");
        JsonNode pages = optionalArray(node, path, "pages");
        for (int i = 0; i < pages.size(); i++) {
            c.pages.add(uniqueId(pages.get(i), path + ".pages[" + i + "]", ids));
        }
        JsonNode videos = optionalArray(node, path, "videos");
        for (int vi = 0; vi < videos.size(); vi++) {
            String vpath = path + ".videos[" + vi + "]";
            JsonNode vn = videos.get(vi);
            requireObject(vn, vpath);
            String videoId = requiredId(vn, vpath, "video_id", ids);
            double duration = requiredNumber(vn, vpath, "duration");
            if (!(duration > 0)) {
                throw invalid(vpath + ".duration", "must be > 0 (was " + duration + ")");
            }
            JsonNode segs = vn.get("segments");
            if (segs == null) {
                throw invalid(vpath + ".segments", "is required");
            }
            if (!segs.isArray()) {
                throw invalid(vpath + ".segments", "must be an array (was " + typeOf(segs) + ")");
            }
            List<Segment> segments = new ArrayList<>();
            Set<String> segIds = new HashSet<>();
            for (int si = 0; si < segs.size(); si++) {
                String spath = vpath + ".segments[" + si + "]";
                JsonNode sn = segs.get(si);
                requireObject(sn, spath);
                String segmentId = requiredId(sn, spath, "segment_id", ids);
                double start = requiredNumber(sn, spath, "start");
                double end = requiredNumber(sn, spath, "end");
                if (start < 0) {
                    throw invalid(spath + ".start", "must be >= 0 (was " + start + ")");
                }
                if (!(end > start)) {
                    throw invalid(spath + ".end", "must be > start " + start + " (was " + end + ")");
                }
                if (end > duration) {
                    throw invalid(spath + ".end", "must be <= the video duration " + duration + " (was " + end + ")");
                }
                segments.add(new Segment(segmentId, videoId, start, end));
                segIds.add(segmentId);
                videoOfSegment.put(segmentId, videoId);
            }
            segmentsByVideo.put(videoId, segIds);
            c.videos.add(new Video(videoId, c.courseId, duration, segments));
        }
        JsonNode questions = optionalArray(node, path, "questions");
        for (int qi = 0; qi < questions.size(); qi++) {
            String qpath = path + ".questions[" + qi + "]";
            JsonNode qn = questions.get(qi);
            requireObject(qn, qpath);
            RawQuestion q = new RawQuestion();
            q.path = qpath;
            q.questionId = requiredId(qn, qpath, "question_id", ids);
            JsonNode skills = qn.get("skill_ids");
            if (skills == null) {
                throw invalid(qpath + ".skill_ids", "is required");
            }
            if (!skills.isArray()) {
                throw invalid(qpath + ".skill_ids", "must be an array of strings (was " + typeOf(skills) + ")");
            }
            q.skills = new ArrayList<>();
            for (int i = 0; i < skills.size(); i++) {
                q.skills.add(nonEmptyString(skills.get(i), qpath + ".skill_ids[" + i + "]"));
            }
            q.videoId = optionalNonEmpty(qn, qpath, "video_id");
            q.segmentId = optionalNonEmpty(qn, qpath, "segment_id");
            c.questions.add(q);
        }
        return c;
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path, "must be an object (was " + typeOf(node) + ")");
        }
    }

    private static String requiredId(JsonNode obj, String path, String field, Set<String> ids) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw invalid(path + "." + field, "is required");
        }
        return uniqueId(v, path + "." + field, ids);
    }

    private static String uniqueId(JsonNode v, String path, Set<String> ids) {
        String id = nonEmptyString(v, path);
        if (!ids.add(id)) {
            throw invalid(path, "duplicates the id '" + id + "' used earlier in the catalog");
        }
        return id;
    }

    private static String nonEmptyString(JsonNode v, String path) {
        if (!v.isTextual()) {
            throw invalid(path, "must be a string (was " + typeOf(v) + ")");
        }
        if (v.textValue().isEmpty()) {
            throw invalid(path, "must not be empty");
        }
        return v.textValue();
    }

    private static String optionalString(JsonNode obj, String path, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(path + "." + field, "must be a string (was " + typeOf(v) + ")");
        }
        return v.textValue();
    }

    private static String optionalNonEmpty(JsonNode obj, String path, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return nonEmptyString(v, path + "." + field);
    }

    private static JsonNode optionalArray(JsonNode obj, String path, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return MAPPER.createArrayNode();
        }
        if (!v.isArray()) {
            throw invalid(path + "." + field, "must be an array (was " + typeOf(v) + ")");
        }
        return v;
    }

    private static double requiredNumber(JsonNode obj, String path, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw invalid(path + "." + field, "is required");
        }
        if (!v.isNumber()) {
            throw invalid(path + "." + field, "must be a number (was " + typeOf(v) + ")");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw invalid(path + "." + field, "must be a finite number (was " + d + ")");
        }
        return d;
    }

    private static String typeOf(JsonNode v) {
        switch (v.getNodeType()) {
            case STRING:
                return "string '" + v.textValue() + "'";
            case NUMBER:
                return "number " + v.numberValue();
            case BOOLEAN:
                return "boolean " + v.booleanValue();
            case NULL:
                return "null";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            default:
                return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
