package io.learnpulse.core.catalog;

import java.util.List;

/** An assessment item, the skills it exercises and the video segment that teaches it (may be null). */
public final class Question implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public final String questionId;
    public final String courseId;
    public final List<String> skillIds;
    public final String videoId;
    public final String segmentId;

    public Question(String questionId, String courseId, List<String> skillIds, String videoId, String segmentId) {
        this.questionId = questionId;
        this.courseId = courseId;
        this.skillIds = List.copyOf(skillIds);
        this.videoId = videoId;
        this.segmentId = segmentId;
    }
}
