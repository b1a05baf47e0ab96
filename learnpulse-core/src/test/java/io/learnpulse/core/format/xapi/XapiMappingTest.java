package io.learnpulse.core.format.xapi;

import static io.learnpulse.core.format.Json.REMOVE;
import static io.learnpulse.core.format.Json.arr;
import static io.learnpulse.core.format.Json.obj;
import static io.learnpulse.core.format.Json.text;
import static io.learnpulse.core.format.Json.with;
import static io.learnpulse.core.format.xapi.Statements.ACT;
import static io.learnpulse.core.format.xapi.Statements.ADL;
import static io.learnpulse.core.format.xapi.Statements.COURSE;
import static io.learnpulse.core.format.xapi.Statements.ID;
import static io.learnpulse.core.format.xapi.Statements.INGEST;
import static io.learnpulse.core.format.xapi.Statements.LEARNER;
import static io.learnpulse.core.format.xapi.Statements.PAGE;
import static io.learnpulse.core.format.xapi.Statements.QUESTION;
import static io.learnpulse.core.format.xapi.Statements.T;
import static io.learnpulse.core.format.xapi.Statements.VIDEO;
import static io.learnpulse.core.format.xapi.Statements.VIDEO_ID;
import static io.learnpulse.core.format.xapi.Statements.activity;
import static io.learnpulse.core.format.xapi.Statements.answered;
import static io.learnpulse.core.format.xapi.Statements.course;
import static io.learnpulse.core.format.xapi.Statements.page;
import static io.learnpulse.core.format.xapi.Statements.question;
import static io.learnpulse.core.format.xapi.Statements.statement;
import static io.learnpulse.core.format.xapi.Statements.video;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Valid statements of every verb family and how they map to canonical events. */
class XapiMappingTest {

    private static final String SOURCE = "xapi";
    private static final String TIME_EXT = "https://w3id.org/xapi/video/extensions/time";
    private static final String ATTEMPT_EXT = "http://id.tincanapi.com/extension/attempt-id";

    private final XapiParser parser = new XapiParser(ParserSettings.defaults());

    private List<ParseResult> parseAll(String payload) {
        List<ParseResult> out = new ArrayList<>();
        parser.parse(SOURCE, payload, INGEST, out::add);
        return out;
    }

    private LearnerEvent event(JsonNode statement) {
        List<ParseResult> rs = parseAll(text(statement));
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).deadLetter).as("dead letter").isNull();
        return rs.get(0).event;
    }

    /** The fields every event of the base statement has; the kind's fields are set by each test. */
    private static LearnerEvent base(EventKind kind, String objectId) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = ID;
        e.source = SOURCE;
        e.format = "xapi";
        e.kind = kind;
        e.learnerId = LEARNER;
        e.courseId = COURSE;
        e.objectId = objectId;
        e.eventTime = T;
        e.ingestTime = INGEST;
        return e;
    }

    private static LearnerEvent attempt(double score, double max, boolean correct, int attemptNumber) {
        LearnerEvent e = base(EventKind.ATTEMPT, QUESTION);
        e.questionId = QUESTION;
        e.score = score;
        e.maxScore = max;
        e.correct = correct;
        e.attemptNumber = attemptNumber;
        return e;
    }

    private static LearnerEvent click(String pageId, String clickType) {
        LearnerEvent e = base(EventKind.CLICK, pageId);
        e.pageId = pageId;
        e.clickType = clickType;
        return e;
    }

    private static LearnerEvent videoEvent(VideoAction action, double position, double seekFrom) {
        LearnerEvent e = base(EventKind.VIDEO, VIDEO_ID);
        e.videoId = VIDEO_ID;
        e.videoAction = action;
        e.position = position;
        e.seekFrom = seekFrom;
        return e;
    }

    private static ObjectNode withResult(ObjectNode st, JsonNode result) {
        return with(st, "result", result);
    }

    @Nested
    class Attempts {

        @Test
        void answeredIsAnAttemptScoredRawOfMax() {
            assertThat(event(answered())).isEqualTo(attempt(5, 10, false, 1));
        }

        @Test
        void answeredWithoutAResultIsAnAttemptWithoutAScore() {
            assertThat(event(statement(ADL + "answered", question())))
                    .isEqualTo(attempt(Double.NaN, Double.NaN, false, 1));
        }

        @Test
        void scaledScoreIsUsedOutOfOneWhenRawOrMaxIsMissing() {
            ObjectNode st = withResult(statement(ADL + "answered", question()),
                    obj("score", obj("scaled", 0.8, "raw", 4), "success", true));
            assertThat(event(st)).isEqualTo(attempt(0.8, 1, true, 1));
        }

        @Test
        void aMaximumOfZeroIsNoUsableRawScore() {
            ObjectNode st = withResult(statement(ADL + "answered", question()),
                    obj("score", obj("raw", 0, "min", 0, "max", 0)));
            assertThat(event(st)).isEqualTo(attempt(Double.NaN, Double.NaN, false, 1));
        }

        @Test
        void withoutSuccessCorrectIsScoreEqualToMax() {
            ObjectNode full = withResult(statement(ADL + "answered", question()), obj("score", obj("raw", 10,
                    "max", 10)));
            ObjectNode partial = withResult(statement(ADL + "answered", question()), obj("score", obj("raw", 9.5,
                    "max", 10)));
            assertThat(event(full)).isEqualTo(attempt(10, 10, true, 1));
            assertThat(event(partial)).isEqualTo(attempt(9.5, 10, false, 1));
        }

        @Test
        void successWinsOverTheScore() {
            ObjectNode st = withResult(statement(ADL + "answered", question()), obj("score", obj("raw", 3,
                    "max", 10), "success", true));
            assertThat(event(st)).isEqualTo(attempt(3, 10, true, 1));
        }

        @Test
        void attemptedCompletedPassedFailedOnAnAssessmentWithAnOutcomeAreAttempts() {
            ObjectNode result = obj("score", obj("raw", 1, "max", 1), "success", true);
            for (String verb : List.of("attempted", "completed", "passed", "failed")) {
                for (ObjectNode object : List.of(activity(QUESTION, ACT + "question"),
                        activity(QUESTION, ACT + "assessment"), activity(QUESTION, ACT + "interaction"),
                        activity(QUESTION, ACT + "cmi.interaction"), question())) {
                    ObjectNode st = withResult(statement(ADL + verb, object), result);
                    assertThat(event(st)).as(verb + " on " + object).isEqualTo(attempt(1, 1, true, 1));
                }
            }
        }

        @Test
        void anInteractionTypeMakesAnUntypedActivityAnAssessment() {
            ObjectNode object = obj("id", QUESTION, "definition", obj("interactionType", "true-false"));
            ObjectNode st = withResult(statement(ADL + "failed", object), obj("success", false));
            assertThat(event(st)).isEqualTo(attempt(Double.NaN, Double.NaN, false, 1));
        }

        @Test
        void assessmentVerbsWithoutAnOutcomeOrNotOnAnAssessmentAreOther() {
            // no result (Open edX's browser-side problem_check)
            assertThat(event(statement(ADL + "attempted", question()))).isEqualTo(base(EventKind.OTHER, QUESTION));
            // a result with completion only
            assertThat(event(withResult(statement(ADL + "completed", question()), obj("completion", true))))
                    .isEqualTo(base(EventKind.OTHER, QUESTION));
            // a course, not an assessment (Open edX's course grade)
            ObjectNode passedCourse = withResult(statement(ADL + "passed", course()), obj("success", true));
            assertThat(event(passedCourse)).isEqualTo(base(EventKind.OTHER, COURSE));
            // an untyped activity
            ObjectNode untyped = withResult(statement(ADL + "attempted", obj("id", QUESTION)), obj("success", true));
            assertThat(event(untyped)).isEqualTo(base(EventKind.OTHER, QUESTION));
        }

        @Test
        void evaluatedWithAResultIsAnAttemptAndWithoutIsOther() {
            String evaluated = "https://w3id.org/xapi/acrossx/verbs/evaluated";
            ObjectNode st = withResult(statement(evaluated, question()), obj("score", obj("raw", 2, "max", 4,
                    "min", 0, "scaled", 0.5), "success", false));
            assertThat(event(st)).isEqualTo(attempt(2, 4, false, 1));
            assertThat(event(statement(evaluated, question()))).isEqualTo(base(EventKind.OTHER, QUESTION));
        }

        @Test
        void aStatementOnOnePartOfAnInteractionThatRefersToTheWholesStatementIsOther() {
            String part = QUESTION + "/part-a";
            ObjectNode answeredPart = withResult(statement(ADL + "answered", activity(part, ACT + "cmi.interaction")),
                    obj("success", true));
            ObjectNode partOf = with(with(answeredPart, "context.statement", obj("objectType", "StatementRef",
                            "id", "9b2d4f60-1a3c-4e5f-8a7b-6c5d4e3f2a10")),
                    "context.contextActivities", obj("parent", arr(question()), "grouping", arr(course())));
            assertThat(event(partOf)).isEqualTo(base(EventKind.OTHER, part));

            // without the reference to the whole's statement, it is an attempt on its own
            LearnerEvent alone = event(with(partOf, "context.statement", REMOVE));
            assertThat(alone.kind).isEqualTo(EventKind.ATTEMPT);
            assertThat(alone.questionId).isEqualTo(part);
            // a question of a quiz (an assessment, not an interaction) is an attempt, whatever it refers to
            ObjectNode quizQuestion = with(partOf, "context.contextActivities.parent",
                    arr(activity(COURSE + "/quiz-1", ACT + "assessment")));
            assertThat(event(quizQuestion).kind).isEqualTo(EventKind.ATTEMPT);
        }

        @Test
        void aScaledScoreIsNotUsedWhenTheMaximumIsZero() {
            ObjectNode st = withResult(statement(ADL + "answered", question()),
                    obj("score", obj("raw", 0, "min", 0, "max", 0, "scaled", 0), "success", true));
            assertThat(event(st)).isEqualTo(attempt(Double.NaN, Double.NaN, true, 1));
            ObjectNode noRaw = withResult(statement(ADL + "answered", question()),
                    obj("score", obj("max", 0, "scaled", 0)));
            assertThat(event(noRaw)).isEqualTo(attempt(Double.NaN, Double.NaN, false, 1));
        }

        @Test
        void attemptNumberComesFromTheAttemptIdExtensionResultFirst() {
            ObjectNode inDefinition = with(answered(), "object.definition.extensions", obj(ATTEMPT_EXT, 3));
            assertThat(event(inDefinition)).isEqualTo(attempt(5, 10, false, 3));
            ObjectNode inContext = with(inDefinition, "context.extensions", obj(ATTEMPT_EXT, 4));
            assertThat(event(inContext)).isEqualTo(attempt(5, 10, false, 4));
            ObjectNode inResult = with(inContext, "result.extensions", obj(ATTEMPT_EXT, 5));
            assertThat(event(inResult)).isEqualTo(attempt(5, 10, false, 5));
        }
    }

    @Nested
    class Hints {

        private LearnerEvent hint(String objectId, String questionId, int index) {
            LearnerEvent e = base(EventKind.HINT, objectId);
            e.questionId = questionId;
            e.hintIndex = index;
            return e;
        }

        @Test
        void askedOnAQuestionIsAHintOnIt() {
            assertThat(event(statement(ADL + "asked", question()))).isEqualTo(hint(QUESTION, QUESTION, 0));
        }

        @Test
        void theQuestionIsTheAssessmentParentWhenThereIsOne() {
            String hintId = QUESTION + "/hints/first";
            ObjectNode st = with(statement(ADL + "asked", activity(hintId, "http://id.tincanapi.com/activitytype/"
                    + "resource")), "context.contextActivities.parent", arr(activity(QUESTION, ACT + "question"),
                    course()));
            assertThat(event(st)).isEqualTo(hint(hintId, QUESTION, 0));
        }

        @Test
        void openEdxHintAndAnswerIdsNameTheirProblem() {
            String problem = "https://lms.example.edu/xblock/block-v1:X+Y+Z+type@problem+block@abc";
            ObjectNode demandHint = statement(ADL + "asked",
                    activity(problem + "/hint/1", "https://w3id.org/xapi/acrossx/extensions/supplemental-info"));
            assertThat(event(demandHint)).isEqualTo(hint(problem + "/hint/1", problem, 2));
            ObjectNode showAnswer = statement(ADL + "asked",
                    activity(problem + "/answer", "http://id.tincanapi.com/activitytype/solution"));
            assertThat(event(showAnswer)).isEqualTo(hint(problem + "/answer", problem, 0));
        }
    }

    @Nested
    class Video {

        private ObjectNode videoStatement(String verb, JsonNode extensions) {
            ObjectNode st = statement(verb, video());
            return extensions == null ? st : withResult(st, obj("extensions", extensions));
        }

        @Test
        void playedPausedAndCompletedCarryTheTimeExtension() {
            assertThat(event(videoStatement(VIDEO + "played", obj(TIME_EXT, 12.5))))
                    .isEqualTo(videoEvent(VideoAction.PLAY, 12.5, Double.NaN));
            assertThat(event(videoStatement(VIDEO + "paused", obj(TIME_EXT, 40))))
                    .isEqualTo(videoEvent(VideoAction.PAUSE, 40, Double.NaN));
            assertThat(event(videoStatement(ADL + "completed", obj(TIME_EXT, 600))))
                    .isEqualTo(videoEvent(VideoAction.ENDED, 600, Double.NaN));
        }

        @Test
        void seekedGoesFromTimeFromToTimeTo() {
            ObjectNode ext = obj("https://w3id.org/xapi/video/extensions/time-from", 30.25,
                    "https://w3id.org/xapi/video/extensions/time-to", 95);
            assertThat(event(videoStatement(VIDEO + "seeked", ext)))
                    .isEqualTo(videoEvent(VideoAction.SEEK, 95, 30.25));
        }

        @Test
        void aSeekWithOnlyTheTimeExtensionHasAnUnknownStart() {
            assertThat(event(videoStatement(VIDEO + "seeked", obj(TIME_EXT, 95))))
                    .isEqualTo(videoEvent(VideoAction.SEEK, 95, Double.NaN));
        }

        @Test
        void withoutTheExtensionThePositionIsUnknown() {
            assertThat(event(videoStatement(VIDEO + "played", null)))
                    .isEqualTo(videoEvent(VideoAction.PLAY, Double.NaN, Double.NaN));
        }

        @Test
        void terminatedOnAVideoEndsPlaybackAndInitializedIsAClick() {
            assertThat(event(videoStatement(ADL + "terminated", obj(TIME_EXT, 194))))
                    .isEqualTo(videoEvent(VideoAction.ENDED, 194, Double.NaN));
            assertThat(event(videoStatement(ADL + "initialized", null))).isEqualTo(click(VIDEO_ID, "initialized"));
            assertThat(event(videoStatement(ADL + "interacted", obj(TIME_EXT, 3))))
                    .isEqualTo(click(VIDEO_ID, "interacted"));
        }

        @Test
        void completedOnAnythingButAVideoIsNotPlayback() {
            assertThat(event(statement(ADL + "completed", page()))).isEqualTo(base(EventKind.OTHER, PAGE));
        }
    }

    @Nested
    class Clicks {

        @Test
        void experiencedNavigatedAndViewedArePageViews() {
            for (String verb : List.of(ADL + "experienced", "https://w3id.org/xapi/dod-isd/verbs/navigated",
                    "http://id.tincanapi.com/verb/viewed")) {
                assertThat(event(statement(verb, page()))).as(verb).isEqualTo(click(PAGE, "page_view"));
            }
        }

        @Test
        void otherInteractionVerbsAreClicksNamedByTheVerb() {
            for (String verb : List.of("interacted", "initialized", "terminated", "progressed", "launched")) {
                assertThat(event(statement(ADL + verb, page()))).as(verb).isEqualTo(click(PAGE, verb));
            }
        }

        @Test
        void unknownVerbsAreOther() {
            assertThat(event(statement("http://example.com/xapi/verbs#sent-a-statement", page())))
                    .isEqualTo(base(EventKind.OTHER, PAGE));
        }
    }

    @Nested
    class ObjectsThatAreNotActivities {

        @Test
        void anAgentObjectIsOtherAboutThatAgent() {
            ObjectNode st = statement(ADL + "answered", obj("objectType", "Agent", "mbox", "mailto:bo@example.edu"));
            assertThat(event(st)).isEqualTo(base(EventKind.OTHER, "mailto:bo@example.edu"));
        }

        @Test
        void aVoidingStatementIsOtherAboutTheVoidedStatement() {
            String voided = "e05aa883-acaf-40ad-bf54-02c8ce485fb0";
            ObjectNode st = with(statement(ADL + "voided", obj("objectType", "StatementRef", "id", voided)),
                    "context", obj("contextActivities", obj("grouping", arr(course()))));
            assertThat(event(st)).isEqualTo(base(EventKind.OTHER, voided));
        }

        @Test
        void aSubStatementIsOther() {
            ObjectNode sub = obj("objectType", "SubStatement",
                    "actor", obj("mbox", LEARNER),
                    "verb", obj("id", "http://example.com/visited"),
                    "object", page(),
                    "timestamp", "2027-01-01T00:00:00Z"); // a SubStatement may be in the future
            ObjectNode st = with(statement("http://example.com/planned", sub), "context",
                    obj("contextActivities", obj("grouping", course())));
            assertThat(event(st)).isEqualTo(base(EventKind.OTHER, "substatement"));
        }
    }

    @Nested
    class Learners {

        private String learner(JsonNode actor) {
            return event(with(answered(), "actor", actor)).learnerId;
        }

        @Test
        void eachInverseFunctionalIdentifierGivesAStableId() {
            assertThat(learner(obj("mbox", "mailto:Ada.L@Example.EDU"))).isEqualTo("mailto:Ada.L@example.edu");
            assertThat(learner(obj("mbox_sha1sum", "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9")))
                    .isEqualTo("sha1:ebd31e95054c018b10727ccffd2ef2ec3a016ee9");
            assertThat(learner(obj("openid", "http://toby.openid.example.org/")))
                    .isEqualTo("openid:http://toby.openid.example.org/");
            assertThat(learner(obj("objectType", "Agent", "account", obj("homePage", "https://lms.example.edu",
                    "name", "1625378")))).isEqualTo("account:https://lms.example.edu|1625378");
        }

        @Test
        void anIdentifiedGroupIsIdentifiedByItsIdentifier() {
            assertThat(learner(obj("objectType", "Group", "mbox", "mailto:team@example.edu",
                    "member", arr(obj("mbox", "mailto:ada@example.edu"))))).isEqualTo("mailto:team@example.edu");
        }
    }

    @Nested
    class Courses {

        private String courseOf(JsonNode context) {
            return event(with(answered(), "context", context)).courseId;
        }

        @Test
        void aCourseTypedParentOrGroupingActivityIsTheCourse() {
            ObjectNode quiz = activity("https://lms.example.edu/quiz-1", ACT + "assessment");
            assertThat(courseOf(obj("contextActivities", obj("parent", arr(quiz, course()))))).isEqualTo(COURSE);
            assertThat(courseOf(obj("contextActivities", obj("parent", arr(quiz), "grouping", arr(course())))))
                    .isEqualTo(COURSE);
            ObjectNode cmi5Course = activity("https://lms.example.edu/c2", "https://w3id.org/xapi/cmi5/activitytype/course");
            assertThat(courseOf(obj("contextActivities", obj("grouping", cmi5Course))))
                    .isEqualTo("https://lms.example.edu/c2");
        }

        @Test
        void withoutACourseTypeTheFirstParentIsTheCourse() {
            ObjectNode quiz = activity("https://lms.example.edu/quiz-1", ACT + "assessment");
            assertThat(courseOf(obj("contextActivities", obj("parent", arr(quiz, obj("id", "https://x.example/p2")),
                    "grouping", arr(obj("id", "https://x.example/g")))))).isEqualTo("https://lms.example.edu/quiz-1");
        }

        @Test
        void theObjectIsTheCourseWhenItIsACourse() {
            ObjectNode st = with(statement(ADL + "registered", course()), "context", REMOVE);
            assertThat(event(st).courseId).isEqualTo(COURSE);
        }

        @Test
        void thePlatformIsTheLastResort() {
            assertThat(courseOf(obj("platform", "Algebra app"))).isEqualTo("Algebra app");
            assertThat(courseOf(obj("platform", "Algebra app", "contextActivities", obj("grouping",
                    arr(obj("id", "https://x.example/g")))))).isEqualTo("Algebra app");
        }
    }

    @Nested
    class TimesVersionsAndIds {

        @Test
        void theTimestampMayBeWrittenInAnyOffsetAndBelowMillisecondsIsDropped() {
            ObjectNode st = with(answered(), "timestamp", "2026-03-02T11:15:30.250999+01:00");
            assertThat(event(st).eventTime).isEqualTo(T);
        }

        @Test
        void statementIdsAreLowerCased() {
            assertThat(event(with(answered(), "id", ID.toUpperCase())).eventId).isEqualTo(ID);
        }

        @Test
        void xapi2StatementsWithContextAgentsAreAccepted() {
            ObjectNode st = with(with(answered(), "version", "2.0.0"), "context.contextAgents",
                    arr(obj("objectType", "contextAgent", "agent", obj("mbox", "mailto:teacher@example.edu"),
                            "relevantTypes", arr("https://example.edu/roles/instructor"))));
            assertThat(event(st)).isEqualTo(attempt(5, 10, false, 1));
        }

        @Test
        void aStatementWithoutVersionIsAccepted() {
            assertThat(event(with(answered(), "version", REMOVE))).isEqualTo(attempt(5, 10, false, 1));
        }

        @Test
        void openEdxGroupActivityIsReadAsAnActivity() {
            ObjectNode st = with(with(answered(), "object.objectType", "GroupActivity"),
                    "context.contextActivities.parent[0].objectType", "GroupActivity");
            assertThat(event(st)).isEqualTo(attempt(5, 10, false, 1));
        }

        @Test
        void nullIsAllowedInsideExtensions() {
            ObjectNode st = with(answered(), "result.extensions", obj("https://example.edu/ext/note", null));
            assertThat(event(st)).isEqualTo(attempt(5, 10, false, 1));
        }

        @Test
        void theSpecificationsLongExampleIsValid() {
            // xAPI-Data.md Appendix A, "a long example statement", with a course parent and an attempt verb
            ObjectNode st = obj(
                    "id", "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
                    "actor", obj("name", "Team PB", "mbox", "mailto:teampb@example.com", "objectType", "Group",
                            "member", arr(
                                    obj("name", "Andrew Downes", "account", obj("homePage", "http://www.example.com",
                                            "name", "13936749"), "objectType", "Agent"),
                                    obj("name", "Toby Nichols", "openid", "http://toby.openid.example.org/",
                                            "objectType", "Agent"),
                                    obj("name", "Ena Hills", "mbox_sha1sum",
                                            "ebd31e95054c018b10727ccffd2ef2ec3a016ee9", "objectType", "Agent"))),
                    "verb", obj("id", "http://adlnet.gov/expapi/verbs/attended", "display",
                            obj("en-GB", "attended", "en-US", "attended")),
                    "result", obj("extensions", obj("http://example.com/profiles/meetings/resultextensions/"
                                    + "minuteslocation", "X:\\meetings\\minutes\\examplemeeting.one"),
                            "success", true, "completion", true, "response", "We agreed on some example actions.",
                            "duration", "PT1H0M0S"),
                    "context", obj("registration", "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
                            "contextActivities", obj(
                                    "parent", arr(obj("id", "http://www.example.com/meetings/series/267",
                                            "objectType", "Activity")),
                                    "category", arr(obj("id", "http://www.example.com/meetings/categories/teammeeting",
                                            "objectType", "Activity", "definition", obj(
                                                    "name", obj("en", "team meeting"),
                                                    "description", obj("en", "A category of meeting used for "
                                                            + "regular team meetings."),
                                                    "type", "http://example.com/expapi/activities/meetingcategory"))),
                                    "other", arr(obj("id", "http://www.example.com/meetings/occurances/34257",
                                            "objectType", "Activity"))),
                            "instructor", obj("name", "Andrew Downes", "account", obj("homePage",
                                    "http://www.example.com", "name", "13936749"), "objectType", "Agent"),
                            "team", obj("name", "Team PB", "mbox", "mailto:teampb@example.com", "objectType", "Group"),
                            "platform", "Example virtual meeting software",
                            "language", "tlh",
                            "statement", obj("objectType", "StatementRef", "id",
                                    "6690e6c9-3ef0-4ed3-8b37-7f3964730bee")),
                    "timestamp", "2013-05-18T05:32:34.804+00:00",
                    "stored", "2013-05-18T05:32:34.804+00:00",
                    "authority", obj("account", obj("homePage", "http://cloud.scorm.com/", "name", "anonymous"),
                            "objectType", "Agent"),
                    "version", "1.0.0",
                    "object", obj("id", "http://www.example.com/meetings/occurances/34534",
                            "definition", obj(
                                    "extensions", obj("http://example.com/profiles/meetings/activitydefinitionextensions/"
                                            + "room", obj("name", "Kilby", "id", "http://example.com/rooms/342")),
                                    "name", obj("en-GB", "example meeting", "en-US", "example meeting"),
                                    "type", "http://adlnet.gov/expapi/activities/meeting",
                                    "moreInfo", "http://virtualmeeting.example.com/345256"),
                            "objectType", "Activity"));
            LearnerEvent e = event(st);
            assertThat(e.kind).isEqualTo(EventKind.OTHER);
            assertThat(e.learnerId).isEqualTo("mailto:teampb@example.com");
            assertThat(e.courseId).isEqualTo("http://www.example.com/meetings/series/267");
            assertThat(e.eventTime).isEqualTo(1368855154804L);
        }
    }
}
