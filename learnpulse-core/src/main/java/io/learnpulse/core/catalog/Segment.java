package io.learnpulse.core.catalog;

/** A contiguous part of a video, in seconds from the start: [start, end). */
public final class Segment implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public final String segmentId;
    public final String videoId;
    public final double start;
    public final double end;

    public Segment(String segmentId, String videoId, double start, double end) {
        this.segmentId = segmentId;
        this.videoId = videoId;
        this.start = start;
        this.end = end;
    }

    public double length() {
        return end - start;
    }
}
