package io.learnpulse.core.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course catalog: what each question is about and which video segment teaches it. Immutable once
 * built; shipped to Flink operators as part of their (serializable) function objects.
 */
public final class Catalog implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Course> courses;
    private final Map<String, Question> questions = new HashMap<>();
    private final Map<String, Video> videos = new HashMap<>();
    private final Map<String, Segment> segments = new HashMap<>();

    public Catalog(List<Course> courseList) {
        Map<String, Course> byId = new LinkedHashMap<>();
        for (Course c : courseList) {
            byId.put(c.courseId, c);
            for (Question q : c.questions) {
                questions.put(q.questionId, q);
            }
            for (Video v : c.videos) {
                videos.put(v.videoId, v);
                for (Segment s : v.segments) {
                    segments.put(s.segmentId, s);
                }
            }
        }
        this.courses = byId;
    }

    public static Catalog empty() {
        return new Catalog(List.of());
    }

    public Collection<Course> courses() {
        return courses.values();
    }

    public Course course(String courseId) {
        return courses.get(courseId);
    }

    public Question question(String questionId) {
        return questionId == null ? null : questions.get(questionId);
    }

    public Video video(String videoId) {
        return videoId == null ? null : videos.get(videoId);
    }

    public Segment segment(String segmentId) {
        return segmentId == null ? null : segments.get(segmentId);
    }

    /** The segment that teaches a question, or null when the question or its link is unknown. */
    public Segment segmentFor(String questionId) {
        Question q = question(questionId);
        return q == null ? null : segment(q.segmentId);
    }
}
