package io.learnpulse.core.sim;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Course;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.catalog.Video;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The catalog indexed for simulation: arrays instead of maps, times in milliseconds, and per-question
 * properties the catalog does not have (difficulty, maximum score), derived deterministically from the
 * seed and the question id.
 */
final class SimCatalog {
    private static final long TAG_QUESTION = 0x5175657374L;

    final CourseInfo[] courses;
    final QuestionInfo[] questions;
    final VideoInfo[] videos;
    final String[] skillIds;

    static final class CourseInfo {
        String id;
        String[] pages;
        VideoInfo[] videos;
        QuestionInfo[] questions;

        boolean hasContent() {
            return pages.length > 0 || videos.length > 0 || questions.length > 0;
        }
    }

    static final class VideoInfo {
        int index;
        String id;
        long durationMs;
        /** Segments sorted by start; a video without segments gets one covering it (id null). */
        long[] segStart;
        long[] segEnd;
        /** Skills taught by each segment: the skills of the questions linked to it. */
        int[][] segSkills;
        /** Questions linked to any segment of this video. */
        QuestionInfo[] linked;

        int segmentAt(long posMs) {
            for (int s = 0; s < segStart.length; s++) {
                if (posMs < segEnd[s]) {
                    return s;
                }
            }
            return segStart.length - 1;
        }
    }

    static final class QuestionInfo {
        int index;
        String id;
        int[] skills;
        String[] skillIds;
        /** The linked segment's video, or null. */
        VideoInfo video;
        long segStartMs;
        long segEndMs;
        double difficulty;
        int maxScore;
    }

    SimCatalog(Catalog catalog, long seed) {
        Map<String, Integer> skillIndex = new HashMap<>();
        List<String> skills = new ArrayList<>();
        List<VideoInfo> allVideos = new ArrayList<>();
        List<QuestionInfo> allQuestions = new ArrayList<>();
        Map<String, VideoInfo> videoById = new HashMap<>();
        List<CourseInfo> courseList = new ArrayList<>();
        for (Course c : catalog.courses()) {
            CourseInfo ci = new CourseInfo();
            ci.id = c.courseId;
            ci.pages = c.pages.toArray(new String[0]);
            ci.videos = new VideoInfo[c.videos.size()];
            for (int i = 0; i < c.videos.size(); i++) {
                Video v = c.videos.get(i);
                VideoInfo vi = new VideoInfo();
                vi.index = allVideos.size();
                vi.id = v.videoId;
                vi.durationMs = Math.max(1000L, Math.round(v.durationSeconds * 1000));
                List<Segment> segs = new ArrayList<>(v.segments);
                segs.sort((a, b) -> Double.compare(a.start, b.start));
                if (segs.isEmpty()) {
                    vi.segStart = new long[] {0};
                    vi.segEnd = new long[] {vi.durationMs};
                } else {
                    vi.segStart = new long[segs.size()];
                    vi.segEnd = new long[segs.size()];
                    for (int s = 0; s < segs.size(); s++) {
                        vi.segStart[s] = Math.round(segs.get(s).start * 1000);
                        vi.segEnd[s] = Math.min(vi.durationMs, Math.round(segs.get(s).end * 1000));
                    }
                }
                vi.segSkills = new int[vi.segStart.length][];
                ci.videos[i] = vi;
                allVideos.add(vi);
                videoById.put(vi.id, vi);
            }
            courseList.add(ci);
        }
        int ciIdx = 0;
        for (Course c : catalog.courses()) {
            CourseInfo ci = courseList.get(ciIdx++);
            ci.questions = new QuestionInfo[c.questions.size()];
            for (int i = 0; i < c.questions.size(); i++) {
                Question q = c.questions.get(i);
                QuestionInfo qi = new QuestionInfo();
                qi.index = allQuestions.size();
                qi.id = q.questionId;
                qi.skillIds = q.skillIds.toArray(new String[0]);
                qi.skills = new int[qi.skillIds.length];
                for (int k = 0; k < qi.skillIds.length; k++) {
                    qi.skills[k] = skillIndex.computeIfAbsent(qi.skillIds[k], id -> {
                        skills.add(id);
                        return skills.size() - 1;
                    });
                }
                Segment seg = catalog.segment(q.segmentId);
                if (seg != null && videoById.containsKey(seg.videoId)) {
                    qi.video = videoById.get(seg.videoId);
                    qi.segStartMs = Math.round(seg.start * 1000);
                    qi.segEndMs = Math.min(qi.video.durationMs, Math.round(seg.end * 1000));
                    if (qi.segEndMs <= qi.segStartMs) {
                        qi.video = null;
                    }
                }
                SplittableRandom r = new SplittableRandom(Rng.seed(seed, TAG_QUESTION, qi.id));
                qi.difficulty = 0.6 * Rng.gaussian(r);
                double m = r.nextDouble();
                qi.maxScore = m < 0.7 ? 1 : 2 + r.nextInt(4);
                ci.questions[i] = qi;
                allQuestions.add(qi);
            }
        }
        // Segment skills and linked questions per video.
        for (VideoInfo vi : allVideos) {
            List<Set<Integer>> segSkills = new ArrayList<>();
            for (int s = 0; s < vi.segStart.length; s++) {
                segSkills.add(new LinkedHashSet<>());
            }
            List<QuestionInfo> linked = new ArrayList<>();
            for (QuestionInfo qi : allQuestions) {
                if (qi.video != vi) {
                    continue;
                }
                linked.add(qi);
                for (int s = 0; s < vi.segStart.length; s++) {
                    if (vi.segStart[s] < qi.segEndMs && qi.segStartMs < vi.segEnd[s]) {
                        for (int k : qi.skills) {
                            segSkills.get(s).add(k);
                        }
                    }
                }
            }
            for (int s = 0; s < vi.segStart.length; s++) {
                vi.segSkills[s] = segSkills.get(s).stream().mapToInt(Integer::intValue).toArray();
            }
            vi.linked = linked.toArray(new QuestionInfo[0]);
        }
        this.courses = courseList.toArray(new CourseInfo[0]);
        this.videos = allVideos.toArray(new VideoInfo[0]);
        this.questions = allQuestions.toArray(new QuestionInfo[0]);
        this.skillIds = skills.toArray(new String[0]);
    }
}
