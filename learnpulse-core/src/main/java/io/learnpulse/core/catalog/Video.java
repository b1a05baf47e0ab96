package io.learnpulse.core.catalog;

import java.util.List;

public final class Video implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public final String videoId;
    public final String courseId;
    public final double durationSeconds;
    public final List<Segment> segments;

    public Video(String videoId, String courseId, double durationSeconds, List<Segment> segments) {
        this.videoId = videoId;
        this.courseId = courseId;
        this.durationSeconds = durationSeconds;
        this.segments = List.copyOf(segments);
    }
}
