package io.learnpulse.core.sim;

import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.Sources;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.format.NativeEncoder;
import io.learnpulse.core.sim.SimCatalog.CourseInfo;
import io.learnpulse.core.sim.SimCatalog.QuestionInfo;
import io.learnpulse.core.sim.SimCatalog.VideoInfo;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One simulated learner: latent state, behaviour (generated lazily, one session at a time) and
 * delivery of its events. Everything random comes from two streams seeded from (seed, learner index)
 * only, so a learner behaves identically whichever partition simulates it.
 *
 * <p>Behaviour model. A session is on one device and in one enrolled course: a landing page view,
 * then 2-6 activities: browsing (page views, clicks, scrolls), watching a video (play, pauses, forward
 * seeks that skip segments, occasional rewinds, {@code ended}; sometimes abandoned and resumed later)
 * followed by practice on questions linked to it, or practice on any question of the course. An
 * attempt is correct with probability {@code sigmoid(1.2 (ability - difficulty) + 2.0 coverage + 0.4
 * hinted - 0.3)}, where ability is the learner's latent level of the question's skills and coverage
 * the fraction of the linked segment played within the fusion window. Latent skill rises by
 * 0.25 x coverage when a segment is played and by 0.05 per attempt. A wrong answer is retried (up to
 * three attempts in a row) with probability 0.75 then 0.55, preceded by a hint with probability 0.5
 * (0.08 before a first try) and sometimes by re-watching the linked segment.
 *
 * <p>Time. The learner's own clock (think time 2-90 s between actions, normal-speed playback,
 * 15 min + Exp(3.75 h) between sessions) is divided by the time scale to get event time, so at a
 * time scale above 1 videos also play faster than real time. Positions are unaffected, and every play
 * ends with a pause or {@code ended} before the learner does anything else, so the playback intervals
 * a consumer rebuilds from the events (position-based) do not depend on the time scale; only how much
 * of the behaviour falls into a fixed event-time window does.
 */
final class Learner {
    private static final long TAG_BEHAVIOUR = 0x4265686176L;
    private static final long TAG_DELIVERY = 0x44656c6976L;
    private static final long TAG_IDS = 0x496473L;
    private static final long TAG_PROFILE = 0x50726f66L;
    private static final String[] COHORTS = {"2025-fall", "2026-spring", "2026-fall"};
    private static final String[] LOCALES = {"en-US", "en-GB", "es-ES", "de-DE", "fr-FR", "pt-BR", "hi-IN"};
    /** Share of learners with accommodations (extra time, screen readers, ...). */
    private static final double ACCOMMODATIONS = 0.07;

    static final long SESSION_GAP_MIN_MS = 15 * 60_000L;
    static final double SESSION_GAP_EXTRA_MEAN_MS = 3.75 * 3_600_000d;
    /** Mean session length in learner time (measured: about 17 events, 625 s playback, 325 s thinking). */
    static final double TYPICAL_SESSION_MS = 950_000d;

    private static final ZoneOffset[] OFFSETS = {
        ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(2), ZoneOffset.ofHours(-5),
        ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8), ZoneOffset.ofHours(9),
    };

    static final class Device {
        final boolean mobile;
        final long skewMs;
        final ZoneOffset offset;

        Device(boolean mobile, long skewMs, ZoneOffset offset) {
            this.mobile = mobile;
            this.skewMs = skewMs;
            this.offset = offset;
        }
    }

    /** An event with its simulation metadata. */
    static final class SimEvent {
        final LearnerEvent event;
        final long trueTime;
        final ZoneOffset offset;
        final double coverage;
        /** Release time of the offline burst the event belongs to, or -1. */
        long release = -1;
        int burstOrder;

        SimEvent(LearnerEvent event, long trueTime, ZoneOffset offset, double coverage) {
            this.event = event;
            this.trueTime = trueTime;
            this.offset = offset;
            this.coverage = coverage;
        }
    }

    /** A played interval of a video, in position ms, with the time its play started. */
    private static final class Interval {
        final int video;
        final long from;
        final long to;
        final long openTime;

        Interval(int video, long from, long to, long openTime) {
            this.video = video;
            this.from = from;
            this.to = to;
            this.openTime = openTime;
        }
    }

    final int index;
    final String id;
    private final SimulatorConfig config;
    private final SimCatalog catalog;
    private final SplittableRandom rnd;
    private final SplittableRandom drnd;
    private final long idSeed;
    private final Device[] devices;
    private final CourseInfo[] enrolled;
    private final int[] nextVideo;
    private final double[] skill;
    private final int[] attempts;
    private final int[] hintsUsed;
    private final boolean[] solved;
    private final long[] resume;
    private final double pSkip;
    private final double pPause;

    private long nextSessionStart;
    private final ArrayDeque<SimEvent> buffer = new ArrayDeque<>();
    private final ArrayDeque<Interval> recent = new ArrayDeque<>();
    private long eventSeq;
    private long recordSeq;

    // Session being generated.
    private long t;
    private long lastEventTime = Long.MIN_VALUE;
    private Device device;
    private CourseInfo course;
    private int courseSlot;
    private List<SimEvent> out;

    // Statistics of the last generated session, without the gap after it (for rate estimation).
    int statEvents;
    long statPlaybackMs;
    long statGapMs;

    /**
     * The learner's profile: drawn from its own random stream, so that adding profiles changed no simulated
     * behaviour. Instructors are one per course ({@code t-<course id>}).
     */
    io.learnpulse.core.profile.LearnerProfile profile() {
        SplittableRandom r = new SplittableRandom(Rng.seed(config.seed, TAG_PROFILE, index));
        io.learnpulse.core.profile.LearnerProfile p = new io.learnpulse.core.profile.LearnerProfile();
        p.learnerId = id;
        p.cohort = COHORTS[r.nextInt(COHORTS.length)];
        p.locale = LOCALES[r.nextInt(LOCALES.length)];
        p.accommodations = r.nextDouble() < ACCOMMODATIONS;
        p.courses = new String[enrolled.length];
        p.instructors = new String[enrolled.length];
        for (int i = 0; i < enrolled.length; i++) {
            p.courses[i] = enrolled[i].id;
            p.instructors[i] = "t-" + enrolled[i].id;
        }
        p.updatedAt = config.startTime;
        return p;
    }

    Learner(int index, SimulatorConfig config, SimCatalog catalog, CourseInfo[] eligible) {
        this.index = index;
        this.id = LearnerSimulator.learnerId(index);
        this.config = config;
        this.catalog = catalog;
        this.rnd = new SplittableRandom(Rng.seed(config.seed, TAG_BEHAVIOUR, index));
        this.drnd = new SplittableRandom(Rng.seed(config.seed, TAG_DELIVERY, index));
        this.idSeed = Rng.seed(config.seed, TAG_IDS, index);

        boolean hasMobile = rnd.nextDouble() < config.mobileFraction;
        devices = new Device[hasMobile ? 2 : 1];
        devices[0] = newDevice(false);
        if (hasMobile) {
            devices[1] = newDevice(true);
        }
        int n = eligible.length > 1 && rnd.nextDouble() < 0.4 ? 2 : 1;
        int first = rnd.nextInt(eligible.length);
        enrolled = new CourseInfo[n];
        enrolled[0] = eligible[first];
        if (n == 2) {
            enrolled[1] = eligible[(first + 1 + rnd.nextInt(eligible.length - 1)) % eligible.length];
        }
        nextVideo = new int[n];

        double ability = -0.4 + 0.6 * Rng.gaussian(rnd);
        skill = new double[catalog.skillIds.length];
        for (int s = 0; s < skill.length; s++) {
            skill[s] = ability + 0.4 * Rng.gaussian(rnd);
        }
        attempts = new int[catalog.questions.length];
        hintsUsed = new int[catalog.questions.length];
        solved = new boolean[catalog.questions.length];
        resume = new long[catalog.videos.length];
        pSkip = 0.03 + 0.27 * rnd.nextDouble();
        pPause = 0.05 + 0.2 * rnd.nextDouble();

        // Start in the steady state: already in a session with probability (session length / cycle
        // length) -- its events before startTime are not delivered -- else at the residual of a gap.
        double sessionMs = TYPICAL_SESSION_MS;
        double gapMin = SESSION_GAP_MIN_MS;
        double gapExtra = SESSION_GAP_EXTRA_MEAN_MS;
        double uPhase = rnd.nextDouble();
        double uPart = rnd.nextDouble();
        double uWithin = rnd.nextDouble();
        double exp = Rng.exponential(rnd, gapExtra);
        double offset;
        if (uPhase < sessionMs / (sessionMs + gapMin + gapExtra)) {
            offset = -uWithin * sessionMs;
        } else if (uPart < gapMin / (gapMin + gapExtra)) {
            offset = uWithin * gapMin + exp;
        } else {
            offset = exp;
        }
        nextSessionStart = config.startTime + Math.round(offset / config.timeScale);
    }

    private Device newDevice(boolean mobile) {
        long skew = Rng.uniform(rnd, -config.clockSkewMs, config.clockSkewMs);
        ZoneOffset offset = OFFSETS[rnd.nextInt(OFFSETS.length)];
        return new Device(mobile, skew, offset);
    }

    /** A lower bound of the true time of every event this learner has not yet produced. */
    long nextTime() {
        SimEvent head = buffer.peekFirst();
        return head != null ? head.trueTime : nextSessionStart;
    }

    /** The next event in true-time order, generating the next session when needed. */
    SimEvent pollEvent() {
        while (buffer.isEmpty()) {
            generateSession();
        }
        return buffer.pollFirst();
    }

    // ------------------------------------------------------------------ delivery

    /** Turns an event into its delivered record(s) and hands them to the sink. */
    void deliver(SimEvent ev, Consumer<SimRecord> sink) {
        // Always the same draws, so one anomaly's setting does not shift the others.
        double uVersion = drnd.nextDouble();
        double uMalformed = drnd.nextDouble();
        double uLate = drnd.nextDouble();
        double uDuplicate = drnd.nextDouble();
        long delay = Rng.uniform(drnd, 0, config.maxDisorderMs);
        long lateMin = config.lateDelayMinMs();
        long lateDelay = Rng.uniform(drnd, lateMin, lateMin + 60_000L);
        long dupDelay = Rng.uniform(drnd, LearnerSimulator.DUPLICATE_DELAY_MIN_MS, LearnerSimulator.DUPLICATE_DELAY_MAX_MS);

        LearnerEvent e = ev.event;
        int version = uVersion < config.v1Fraction ? 1 : 2;
        e.format = version == 1 ? "native-v1" : "native-v2";
        String line = version == 1 ? NativeEncoder.encodeV1(e, ev.offset) : NativeEncoder.encodeV2(e);
        boolean malformed = uMalformed < config.malformedFraction;
        boolean late = !malformed && uLate < config.lateFraction;

        long arrival;
        SimRecord.Delivery delivery;
        if (malformed) {
            line = Corruptor.corrupt(line, e.source, version, drnd);
            arrival = ev.trueTime + delay;
            delivery = SimRecord.Delivery.MALFORMED;
        } else if (late) {
            arrival = ev.trueTime + lateDelay;
            delivery = SimRecord.Delivery.LATE;
        } else if (ev.release >= 0) {
            arrival = ev.release + Math.min(1_000L, 20L * ev.burstOrder);
            delivery = SimRecord.Delivery.OFFLINE_BURST;
        } else {
            arrival = ev.trueTime + delay;
            delivery = SimRecord.Delivery.NORMAL;
        }
        sink.accept(new SimRecord(e.source, line, arrival, e.eventTime, ev.trueTime, id, delivery, version, e,
                ev.coverage, index, recordSeq++));
        if (!malformed && uDuplicate < config.duplicateFraction) {
            sink.accept(new SimRecord(e.source, line, arrival + dupDelay, e.eventTime, ev.trueTime, id,
                    SimRecord.Delivery.DUPLICATE, version, e, ev.coverage, index, recordSeq++));
        }
    }

    // ------------------------------------------------------------------ sessions

    void generateSession() {
        out = new ArrayList<>();
        statPlaybackMs = 0;
        statGapMs = 0;
        t = nextSessionStart;
        device = devices.length > 1 && rnd.nextDouble() < 0.5 ? devices[1] : devices[0];
        courseSlot = enrolled.length > 1 && rnd.nextDouble() < 0.4 ? 1 : 0;
        course = enrolled[courseSlot];
        boolean burst = rnd.nextDouble() < config.offlineBurstFraction && device.mobile;

        if (course.pages.length > 0) {
            click(course.pages[0], "page_view");
        }
        int activities = 2 + rnd.nextInt(5);
        for (int a = 0; a < activities; a++) {
            double r = rnd.nextDouble();
            if (r < 0.3) {
                browse();
            } else if (r < 0.75) {
                watchAndPractice();
            } else {
                coldPractice();
            }
        }
        if (burst && !out.isEmpty()) {
            markOfflineStretch();
        }
        statEvents = out.size();
        long gap = SESSION_GAP_MIN_MS + Math.round(Rng.exponential(rnd, SESSION_GAP_EXTRA_MEAN_MS));
        nextSessionStart = t + scaled(gap);
        buffer.addAll(out);
        out = null;
    }

    private void markOfflineStretch() {
        SimEvent first = out.get(rnd.nextInt(out.size()));
        long offline = Rng.uniform(rnd, config.offlineBurstMaxDelayMs / 4, config.offlineBurstMaxDelayMs - 1_000L);
        long release = first.trueTime + offline;
        int order = 0;
        for (SimEvent ev : out) {
            if (ev.trueTime >= first.trueTime && ev.trueTime < release) {
                ev.release = release;
                ev.burstOrder = order++;
            }
        }
    }

    private long scaled(long gapMs) {
        return Math.max(1L, Math.round(gapMs / config.timeScale));
    }

    /** Think time: a gap in [min, max] ms (skewed to short), compressed by the time scale. */
    private void think(long minMs, long maxMs) {
        long raw = Rng.skewed(rnd, minMs, maxMs);
        statGapMs += raw;
        t += scaled(raw);
    }

    /** Playback of {@code ms} of video at normal speed in learner time. */
    private void play(long ms) {
        statPlaybackMs += ms;
        t += Math.round(ms / config.timeScale);
    }

    private void browse() {
        if (course.pages.length == 0) {
            return;
        }
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            think(3_000, 60_000);
            double r = rnd.nextDouble();
            String type = r < 0.7 ? "page_view" : r < 0.9 ? "click" : "scroll";
            click(course.pages[rnd.nextInt(course.pages.length)], type);
        }
    }

    private void watchAndPractice() {
        if (course.videos.length == 0) {
            coldPractice();
            return;
        }
        VideoInfo v = rnd.nextDouble() < 0.7
                ? course.videos[nextVideo[courseSlot] % course.videos.length]
                : course.videos[rnd.nextInt(course.videos.length)];
        long startPos = resume[v.index] > 0 && rnd.nextDouble() < 0.7 ? resume[v.index] : 0;
        think(2_000, 15_000);
        watch(v, startPos);
        if (v.linked.length > 0 && rnd.nextDouble() < 0.75) {
            int k = 1 + rnd.nextInt(3);
            for (int i = 0; i < k; i++) {
                practice(pick(v.linked));
            }
        }
    }

    private void coldPractice() {
        if (course.questions.length == 0) {
            browse();
            return;
        }
        int k = 1 + rnd.nextInt(2);
        for (int i = 0; i < k; i++) {
            practice(pick(course.questions));
        }
    }

    /** A question, preferring ones the learner has not solved yet. */
    private QuestionInfo pick(QuestionInfo[] qs) {
        QuestionInfo q = qs[rnd.nextInt(qs.length)];
        for (int i = 0; i < 2 && solved[q.index]; i++) {
            q = qs[rnd.nextInt(qs.length)];
        }
        return q;
    }

    private void watch(VideoInfo v, long startPos) {
        int last = v.segStart.length - 1;
        long pos = startPos;
        videoEvent(v, VideoAction.PLAY, pos, Double.NaN);
        long open = pos;
        long openTime = t;
        int seg = v.segmentAt(pos);
        while (true) {
            long segEnd = Math.max(pos, v.segEnd[seg]);
            double u = rnd.nextDouble();
            double skipHere = seg < last ? pSkip + (meanSkill(v.segSkills[seg]) > 0.8 ? 0.2 : 0.0) : 0.0;
            if (u < skipHere) {
                // Forward seek over the rest of this segment (and sometimes the next one).
                long w = Math.min(Rng.uniform(rnd, 1_000, 8_000), Math.max(0, segEnd - pos - 1));
                play(w);
                pos += w;
                int target = seg + 1 + (seg + 2 <= last && rnd.nextDouble() < 0.3 ? 1 : 0);
                long targetLen = v.segEnd[target] - v.segStart[target];
                long to = v.segStart[target] + Rng.uniform(rnd, 0, Math.min(2_000, targetLen / 4));
                videoEvent(v, VideoAction.SEEK, to, pos);
                closeInterval(v, open, pos, openTime);
                open = to;
                openTime = t;
                pos = to;
                seg = target;
                continue;
            }
            if (u < skipHere + pPause) {
                long w = Math.round((segEnd - pos) * (0.2 + 0.7 * rnd.nextDouble()));
                play(w);
                pos += w;
                videoEvent(v, VideoAction.PAUSE, pos, Double.NaN);
                closeInterval(v, open, pos, openTime);
                if (rnd.nextDouble() < 0.2) {
                    resume[v.index] = pos; // abandoned; may resume in a later session
                    return;
                }
                think(3_000, 40_000);
                videoEvent(v, VideoAction.PLAY, pos, Double.NaN);
                open = pos;
                openTime = t;
            } else if (u < skipHere + pPause + 0.05) {
                // Rewind: watch part of the segment, jump back 10-30 s and watch again.
                long w = Math.round((segEnd - pos) * (0.3 + 0.6 * rnd.nextDouble()));
                play(w);
                pos += w;
                long to = Math.max(0, pos - Rng.uniform(rnd, 10_000, 30_000));
                videoEvent(v, VideoAction.SEEK, to, pos);
                closeInterval(v, open, pos, openTime);
                open = to;
                openTime = t;
                pos = to;
            }
            play(segEnd - pos);
            pos = segEnd;
            if (seg == last) {
                play(v.durationMs - pos);
                pos = v.durationMs;
                videoEvent(v, VideoAction.ENDED, pos, Double.NaN);
                closeInterval(v, open, pos, openTime);
                resume[v.index] = 0;
                if (course.videos[nextVideo[courseSlot] % course.videos.length] == v) {
                    nextVideo[courseSlot]++;
                }
                return;
            }
            seg++;
        }
    }

    /** Re-watch the segment linked to a question: play at its start, pause at its end. */
    private void reviewSegment(QuestionInfo q) {
        VideoInfo v = q.video;
        videoEvent(v, VideoAction.PLAY, q.segStartMs, Double.NaN);
        long openTime = t;
        play(q.segEndMs - q.segStartMs);
        videoEvent(v, VideoAction.PAUSE, q.segEndMs, Double.NaN);
        closeInterval(v, q.segStartMs, q.segEndMs, openTime);
    }

    private void practice(QuestionInfo q) {
        think(8_000, 90_000);
        boolean hinted = false;
        if (rnd.nextDouble() < 0.08) {
            hint(q);
            hinted = true;
            think(5_000, 30_000);
        }
        for (int tries = 1; ; tries++) {
            attempts[q.index]++;
            double coverage = q.video == null ? Double.NaN : coverage(q);
            double logit = 1.2 * (meanSkill(q.skills) - q.difficulty)
                    + 2.0 * (Double.isNaN(coverage) ? 0.0 : coverage)
                    + (hinted ? 0.4 : 0.0) - 0.3;
            boolean correct = rnd.nextDouble() < 1.0 / (1.0 + Math.exp(-logit));
            int score = correct ? q.maxScore : q.maxScore == 1 ? 0 : rnd.nextInt(q.maxScore);
            boolean withSkills = rnd.nextBoolean();
            attempt(q, score, correct, attempts[q.index], withSkills, coverage);
            learn(q.skills, 0.05);
            if (correct) {
                solved[q.index] = true;
                return;
            }
            if (tries >= 3 || rnd.nextDouble() >= (tries == 1 ? 0.75 : 0.55)) {
                return;
            }
            if (q.video != null && rnd.nextDouble() < 0.25) {
                think(3_000, 10_000);
                reviewSegment(q);
            }
            if (rnd.nextDouble() < 0.5) {
                think(3_000, 20_000);
                hint(q);
                hinted = true;
            }
            think(8_000, 60_000);
        }
    }

    private double meanSkill(int[] skills) {
        if (skills.length == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int s : skills) {
            sum += skill[s];
        }
        return sum / skills.length;
    }

    private void learn(int[] skills, double amount) {
        for (int s : skills) {
            skill[s] = Math.min(3.0, skill[s] + amount);
        }
    }

    private void closeInterval(VideoInfo v, long from, long to, long openTime) {
        if (to <= from) {
            return;
        }
        recent.addLast(new Interval(v.index, from, to, openTime));
        for (int s = 0; s < v.segStart.length; s++) {
            long overlap = Math.min(to, v.segEnd[s]) - Math.max(from, v.segStart[s]);
            if (overlap > 0) {
                learn(v.segSkills[s], 0.25 * overlap / (double) (v.segEnd[s] - v.segStart[s]));
            }
        }
    }

    /** Fraction of q's linked segment covered by plays that started within the fusion window before now. */
    private double coverage(QuestionInfo q) {
        long windowStart = t - config.fusionWindowMs;
        while (!recent.isEmpty() && recent.peekFirst().openTime < windowStart) {
            recent.pollFirst();
        }
        long[][] parts = new long[recent.size()][];
        int n = 0;
        for (Iterator<Interval> it = recent.iterator(); it.hasNext(); ) {
            Interval i = it.next();
            if (i.video == q.video.index) {
                long a = Math.max(i.from, q.segStartMs);
                long b = Math.min(i.to, q.segEndMs);
                if (b > a) {
                    parts[n++] = new long[] {a, b};
                }
            }
        }
        Arrays.sort(parts, 0, n, (x, y) -> Long.compare(x[0], y[0]));
        long covered = 0;
        long curA = Long.MIN_VALUE;
        long curB = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (parts[i][0] > curB) {
                if (curB > curA) {
                    covered += curB - curA;
                }
                curA = parts[i][0];
                curB = parts[i][1];
            } else {
                curB = Math.max(curB, parts[i][1]);
            }
        }
        if (curB > curA) {
            covered += curB - curA;
        }
        return covered / (double) (q.segEndMs - q.segStartMs);
    }

    // ------------------------------------------------------------------ events

    private LearnerEvent base(String source, EventKind kind, String objectId) {
        if (t <= lastEventTime) {
            t = lastEventTime + 1; // strictly increasing true time per learner
        }
        lastEventTime = t;
        LearnerEvent e = new LearnerEvent();
        e.eventId = eventId(eventSeq++);
        e.source = source;
        e.kind = kind;
        e.learnerId = id;
        e.courseId = course.id;
        e.objectId = objectId;
        e.eventTime = t + device.skewMs;
        return e;
    }

    private void add(LearnerEvent e, double coverage) {
        out.add(new SimEvent(e, t, device.offset, coverage));
    }

    private void click(String page, String type) {
        LearnerEvent e = base(Sources.CLICKSTREAM, EventKind.CLICK, page);
        e.pageId = page;
        e.clickType = type;
        add(e, Double.NaN);
    }

    private void videoEvent(VideoInfo v, VideoAction action, long posMs, double seekFromMs) {
        LearnerEvent e = base(Sources.VIDEO, EventKind.VIDEO, v.id);
        e.videoId = v.id;
        e.videoAction = action;
        e.position = posMs / 1000.0;
        if (action == VideoAction.SEEK) {
            e.seekFrom = seekFromMs / 1000.0;
        }
        add(e, Double.NaN);
    }

    private void attempt(QuestionInfo q, int score, boolean correct, int attemptNumber, boolean withSkills,
                         double coverage) {
        LearnerEvent e = base(Sources.ASSESSMENT, EventKind.ATTEMPT, q.id);
        e.questionId = q.id;
        e.score = score;
        e.maxScore = q.maxScore;
        e.correct = correct;
        e.attemptNumber = attemptNumber;
        e.skillIds = withSkills ? q.skillIds.clone() : null;
        add(e, coverage);
    }

    private void hint(QuestionInfo q) {
        LearnerEvent e = base(Sources.ASSESSMENT, EventKind.HINT, q.id);
        e.questionId = q.id;
        e.hintIndex = ++hintsUsed[q.index];
        add(e, Double.NaN);
    }

    private String eventId(long seq) {
        long hi = Rng.mix64(idSeed + 0x9e3779b97f4a7c15L * (seq + 1));
        long lo = Rng.mix64(hi ^ idSeed);
        hi = (hi & ~0xF000L) | 0x4000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }
}
