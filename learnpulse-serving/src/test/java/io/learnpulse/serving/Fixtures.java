package io.learnpulse.serving;

import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LearnerAggregate;
import io.learnpulse.core.result.LearnerSession;
import io.learnpulse.core.result.MasteryRecord;
import io.learnpulse.core.result.QuestionStats;
import io.learnpulse.core.result.Status;
import io.learnpulse.core.rules.Intervention;
import io.learnpulse.core.rules.Rule;

/** Pipeline records as the pipeline emits them, with content that differs per revision. */
final class Fixtures {
    /** 2026-01-05T10:00:00Z. */
    static final long T0 = 1_767_607_200_000L;
    static final long MINUTE = 60_000L;

    private Fixtures() {}

    static FusedAttempt attempt(String key, String learner, String course, long eventTime, String status, int revision) {
        FusedAttempt a = new FusedAttempt();
        a.key = key;
        a.eventId = key;
        a.status = status;
        a.revision = revision;
        a.learnerId = learner;
        a.courseId = course;
        a.questionId = course + "/q1";
        a.skillIds = new String[] {course + "/skill-1"};
        a.attemptNumber = 1;
        a.correct = revision % 2 == 1;
        a.score = a.correct ? 1 : 0;
        a.maxScore = 1;
        a.eventTime = eventTime;
        a.videoId = course + "/v1";
        a.segmentId = course + "/v1/s1";
        a.videoCoverage = 0.25 * (revision + 1) > 1 ? 1 : 0.25 * (revision + 1);
        a.videoSeconds = 10.0 * revision;
        a.pagesViewed = revision;
        a.ingestTime = 42;
        return a;
    }

    static FusedAttempt speculative(String key, String learner, String course, long eventTime) {
        return attempt(key, learner, course, eventTime, Status.SPECULATIVE, 0);
    }

    static FusedAttempt fin(String key, String learner, String course, long eventTime, int revision) {
        return attempt(key, learner, course, eventTime, Status.FINAL, revision);
    }

    static MasteryRecord mastery(String learner, String course, String skill, double p, int attempts, long eventTime,
                                 String status) {
        MasteryRecord m = new MasteryRecord();
        m.key = learner + "@" + skill;
        m.status = status;
        m.revision = status.equals(Status.FINAL) ? attempts : 0;
        m.learnerId = learner;
        m.courseId = course;
        m.skillId = skill;
        m.pMastery = p;
        m.attempts = attempts;
        m.eventTime = eventTime;
        m.triggerEventId = learner + "-a" + attempts;
        return m;
    }

    static LearnerAggregate aggregate(String learner, long windowEnd, int events) {
        LearnerAggregate g = new LearnerAggregate();
        g.key = learner + "@" + windowEnd;
        g.status = Status.FINAL;
        g.revision = 1;
        g.learnerId = learner;
        g.windowStart = windowEnd - 5 * MINUTE;
        g.windowEnd = windowEnd;
        g.events = events;
        g.attempts = events / 2;
        g.correct = events / 4;
        g.meanScore = 0.5;
        g.videoSeconds = 12.5;
        return g;
    }

    static LearnerSession session(String learner, String course, long start, long end) {
        LearnerSession s = new LearnerSession();
        s.key = learner + "@" + start;
        s.status = Status.FINAL;
        s.revision = 1;
        s.learnerId = learner;
        s.courseId = course;
        s.start = start;
        s.end = end;
        s.events = 7;
        s.clicks = 3;
        s.attempts = 4;
        s.activeSeconds = (end - start) / 1000.0;
        return s;
    }

    static QuestionStats questionStats(String question, String course, long attempts, long eventTime, String status,
                                       int revision) {
        QuestionStats q = new QuestionStats();
        q.key = question;
        q.status = status;
        q.revision = revision;
        q.questionId = question;
        q.courseId = course;
        q.attempts = attempts;
        q.firstAttempts = attempts;
        q.firstAttemptsCorrect = attempts / 2;
        q.firstAttemptCorrectRate = attempts == 0 ? Double.NaN : (attempts / 2) / (double) attempts;
        q.difficulty = q.firstAttemptCorrectRate;
        q.eventTime = eventTime;
        return q;
    }

    static Intervention intervention(Rule rule, String learner, String course, String object, String trigger,
                                     long eventTime, long emittedAt) {
        Intervention iv = new Intervention(rule, learner, course, object, rule.wireName() + " for " + object,
                new String[] {trigger}, eventTime);
        return iv.markEmitted(emittedAt, emittedAt - 5);
    }
}
