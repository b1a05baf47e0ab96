package io.learnpulse.core.sim;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Course;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.catalog.Video;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic course catalog for the simulator.
 *
 * <p>Course {@code cN} (N = 1..courses) has 6-12 pages {@code cN/pK}, 4-8 skills {@code cN/skill-K},
 * 3-6 videos {@code cN/vK} of 240-900 s, each cut into 4-8 contiguous segments {@code cN/vK/sJ}
 * covering the whole video, and questions {@code cN/qK}. Each segment gets 0-2 questions linked to it
 * (70 % of segments have at least one) exercising the segment's main skill and sometimes a second
 * one; 2-4 further questions per course have no linked segment, so most questions are linked. Each
 * course is generated from its own stream derived from the seed, so course {@code c1} is the same
 * whatever the number of courses.
 */
public final class CatalogGenerator {
    public static final int DEFAULT_COURSES = 4;

    private static final long TAG_COURSE = 0x436f75727365L;

    private static final String[] TOPICS = {
        "Algebra I", "Introductory Statistics", "Programming in Python", "Cell Biology", "World History",
        "General Chemistry", "Classical Mechanics", "Microeconomics", "Linear Algebra", "Data Structures",
    };

    private CatalogGenerator() {}

    /** A catalog of {@value #DEFAULT_COURSES} courses. */
    public static Catalog generate(long seed) {
        return generate(seed, DEFAULT_COURSES);
    }

    public static Catalog generate(long seed, int courses) {
        if (courses < 1) {
            throw new IllegalArgumentException("courses must be >= 1 (was " + courses + ")");
        }
        List<Course> list = new ArrayList<>(courses);
        for (int n = 1; n <= courses; n++) {
            list.add(course(seed, n));
        }
        return new Catalog(list);
    }

    private static Course course(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(Rng.seed(seed, TAG_COURSE, n));
        String cid = "c" + n;
        String title = TOPICS[(n - 1) % TOPICS.length] + (n > TOPICS.length ? " (" + ((n - 1) / TOPICS.length + 1) + ")" : "");

        int nSkills = 4 + rnd.nextInt(5);
        List<String> skills = new ArrayList<>();
        for (int k = 1; k <= nSkills; k++) {
            skills.add(cid + "/skill-" + k);
        }
        int nPages = 6 + rnd.nextInt(7);
        List<String> pages = new ArrayList<>();
        for (int k = 1; k <= nPages; k++) {
            pages.add(cid + "/p" + k);
        }

        int nVideos = 3 + rnd.nextInt(4);
        List<Video> videos = new ArrayList<>();
        // Question drafts: {videoId, segmentId, skills}; numbered after shuffling.
        List<Object[]> drafts = new ArrayList<>();
        for (int v = 1; v <= nVideos; v++) {
            String vid = cid + "/v" + v;
            int duration = 240 + rnd.nextInt(661);
            int nSeg = 4 + rnd.nextInt(5);
            double[] weights = new double[nSeg];
            double total = 0;
            for (int s = 0; s < nSeg; s++) {
                weights[s] = 0.6 + 0.8 * rnd.nextDouble();
                total += weights[s];
            }
            List<Segment> segments = new ArrayList<>();
            double start = 0;
            double cum = 0;
            for (int s = 0; s < nSeg; s++) {
                cum += weights[s];
                double end = s == nSeg - 1 ? duration : Math.round(duration * cum / total * 10.0) / 10.0;
                String sid = vid + "/s" + (s + 1);
                segments.add(new Segment(sid, vid, start, end));
                String primary = skills.get(rnd.nextInt(nSkills));
                double r = rnd.nextDouble();
                int linked = r < 0.3 ? 0 : r < 0.8 ? 1 : 2;
                for (int q = 0; q < linked; q++) {
                    drafts.add(new Object[] {vid, sid, questionSkills(rnd, skills, primary)});
                }
                start = end;
            }
            videos.add(new Video(vid, cid, duration, segments));
        }
        int unlinked = 2 + rnd.nextInt(3);
        for (int q = 0; q < unlinked; q++) {
            drafts.add(new Object[] {null, null, questionSkills(rnd, skills, skills.get(rnd.nextInt(nSkills)))});
        }
        for (int i = drafts.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Object[] t = drafts.get(i);
            drafts.set(i, drafts.get(j));
            drafts.set(j, t);
        }
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Object[] d = drafts.get(i);
            @SuppressWarnings("unchecked")
            List<String> qs = (List<String>) d[2];
            questions.add(new Question(cid + "/q" + (i + 1), cid, qs, (String) d[0], (String) d[1]));
        }
        return new Course(cid, title, videos, questions, pages);
    }

    private static List<String> questionSkills(SplittableRandom rnd, List<String> skills, String primary) {
        List<String> qs = new ArrayList<>(2);
        qs.add(primary);
        if (rnd.nextDouble() < 0.3) {
            String second = skills.get(rnd.nextInt(skills.size()));
            if (!second.equals(primary)) {
                qs.add(second);
            }
        }
        return qs;
    }
}
