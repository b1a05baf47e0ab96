package io.learnpulse.core.catalog;

import java.util.List;

public final class Course implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public final String courseId;
    public final String title;
    public final List<Video> videos;
    public final List<Question> questions;
    public final List<String> pages;

    public Course(String courseId, String title, List<Video> videos, List<Question> questions, List<String> pages) {
        this.courseId = courseId;
        this.title = title;
        this.videos = List.copyOf(videos);
        this.questions = List.copyOf(questions);
        this.pages = List.copyOf(pages);
    }
}
