package io.learnpulse.core.format.caliper;

import static io.learnpulse.core.format.Json.REMOVE;
import static io.learnpulse.core.format.Json.arr;
import static io.learnpulse.core.format.Json.obj;
import static io.learnpulse.core.format.Json.text;
import static io.learnpulse.core.format.Json.with;
import static io.learnpulse.core.format.caliper.Events.ATTEMPT;
import static io.learnpulse.core.format.caliper.Events.ID;
import static io.learnpulse.core.format.caliper.Events.INGEST;
import static io.learnpulse.core.format.caliper.Events.ITEM;
import static io.learnpulse.core.format.caliper.Events.LEARNER;
import static io.learnpulse.core.format.caliper.Events.PAGE;
import static io.learnpulse.core.format.caliper.Events.SECTION;
import static io.learnpulse.core.format.caliper.Events.T;
import static io.learnpulse.core.format.caliper.Events.V1P1;
import static io.learnpulse.core.format.caliper.Events.VIDEO;
import static io.learnpulse.core.format.caliper.Events.envelope;
import static io.learnpulse.core.format.caliper.Events.event;
import static io.learnpulse.core.format.caliper.Events.graded;
import static io.learnpulse.core.format.caliper.Events.itemCompleted;
import static io.learnpulse.core.format.caliper.Events.media;
import static io.learnpulse.core.format.caliper.Events.navigatedTo;
import static io.learnpulse.core.format.caliper.Events.webPage;
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

/** Valid Caliper events of each event type, envelopes, and how they map to canonical events. */
class CaliperMappingTest {

    private static final String SOURCE = "caliper";

    private final CaliperParser parser = new CaliperParser(ParserSettings.defaults());

    private List<ParseResult> parseAll(String payload) {
        List<ParseResult> out = new ArrayList<>();
        parser.parse(SOURCE, payload, INGEST, out::add);
        return out;
    }

    private LearnerEvent parsed(JsonNode e) {
        List<ParseResult> rs = parseAll(text(e));
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).deadLetter).as("dead letter").isNull();
        return rs.get(0).event;
    }

    private static LearnerEvent base(EventKind kind, String objectId) {
        LearnerEvent e = new LearnerEvent();
        e.eventId = ID;
        e.source = SOURCE;
        e.format = "caliper";
        e.kind = kind;
        e.learnerId = LEARNER;
        e.courseId = SECTION;
        e.objectId = objectId;
        e.eventTime = T;
        e.ingestTime = INGEST;
        return e;
    }

    private static LearnerEvent click(String pageId, String clickType) {
        LearnerEvent e = base(EventKind.CLICK, pageId);
        e.pageId = pageId;
        e.clickType = clickType;
        return e;
    }

    private static LearnerEvent video(VideoAction action, double position, double seekFrom) {
        LearnerEvent e = base(EventKind.VIDEO, VIDEO);
        e.videoId = VIDEO;
        e.videoAction = action;
        e.position = position;
        e.seekFrom = seekFrom;
        return e;
    }

    private static LearnerEvent attempt(String objectId, double score, double max, boolean correct, int n) {
        LearnerEvent e = base(EventKind.ATTEMPT, objectId);
        e.questionId = ITEM;
        e.score = score;
        e.maxScore = max;
        e.correct = correct;
        e.attemptNumber = n;
        return e;
    }

    @Nested
    class PageViews {

        @Test
        void navigatedToIsAPageView() {
            assertThat(parsed(navigatedTo())).isEqualTo(click(PAGE, "page_view"));
        }

        @Test
        void viewedIsAPageView() {
            ObjectNode doc = obj("id", "https://example.edu/etexts/201.epub", "type", "Document");
            assertThat(parsed(event("ViewEvent", "Viewed", doc)))
                    .isEqualTo(click("https://example.edu/etexts/201.epub", "page_view"));
        }

        @Test
        void aThinnedEventRefersToEntitiesByIri() {
            ObjectNode thinned = with(with(with(with(with(navigatedTo(), "actor", LEARNER), "object", PAGE),
                    "group", SECTION), "membership", SECTION + "/rosters/1"), "edApp", "https://example.edu");
            assertThat(parsed(thinned)).isEqualTo(click(PAGE, "page_view"));
        }
    }

    @Nested
    class Media {

        @Test
        void playbackActionsAreVideoEventsAtTheCurrentTime() {
            assertThat(parsed(media("Started", "PT0S"))).isEqualTo(video(VideoAction.PLAY, 0, Double.NaN));
            assertThat(parsed(media("Resumed", "PT5M21S"))).isEqualTo(video(VideoAction.PLAY, 321, Double.NaN));
            assertThat(parsed(media("Restarted", "PT0S"))).isEqualTo(video(VideoAction.PLAY, 0, Double.NaN));
            assertThat(parsed(media("Paused", "PT05M21.5S"))).isEqualTo(video(VideoAction.PAUSE, 321.5, Double.NaN));
            assertThat(parsed(media("Ended", "PT20M20S"))).isEqualTo(video(VideoAction.ENDED, 1220, Double.NaN));
        }

        @Test
        void jumpedToIsASeekToTheCurrentTimeFromAnUnknownPosition() {
            assertThat(parsed(media("JumpedTo", "PT1H2M3.25S"))).isEqualTo(video(VideoAction.SEEK, 3723.25, Double.NaN));
            assertThat(parsed(media("ForwardedTo", "PT30S"))).isEqualTo(video(VideoAction.SEEK, 30, Double.NaN));
        }

        @Test
        void withoutATargetThePositionIsUnknown() {
            assertThat(parsed(media("Paused", null))).isEqualTo(video(VideoAction.PAUSE, Double.NaN, Double.NaN));
        }

        @Test
        void otherMediaActionsAreClicksNamedByTheAction() {
            assertThat(parsed(media("ChangedSpeed", "PT3S"))).isEqualTo(click(VIDEO, "changed_speed"));
            assertThat(parsed(media("EnabledClosedCaptioning", null)))
                    .isEqualTo(click(VIDEO, "enabled_closed_captioning"));
        }

        @Test
        void anAudioObjectIsPlayedLikeAVideo() {
            ObjectNode audio = with(media("Resumed", "PT10S"), "object.type", "AudioObject");
            assertThat(parsed(audio)).isEqualTo(video(VideoAction.PLAY, 10, Double.NaN));
        }
    }

    @Nested
    class Assessment {

        @Test
        void aCompletedItemIsAnAttemptNumberedByItsAttemptCount() {
            assertThat(parsed(itemCompleted())).isEqualTo(attempt(ITEM, Double.NaN, Double.NaN, false, 2));
        }

        @Test
        void withoutAnAttemptItIsTheFirst() {
            assertThat(parsed(with(itemCompleted(), "generated", REMOVE)))
                    .isEqualTo(attempt(ITEM, Double.NaN, Double.NaN, false, 1));
        }

        @Test
        void startedAndSkippedItemsAreOther() {
            ObjectNode started = with(with(itemCompleted(), "action", "Started"), "generated", REMOVE);
            assertThat(parsed(started)).isEqualTo(base(EventKind.OTHER, ITEM));
            ObjectNode skipped = with(started, "action", "Skipped");
            assertThat(parsed(skipped)).isEqualTo(base(EventKind.OTHER, ITEM));
        }

        @Test
        void aGradedAttemptIsAnAttemptOfTheAssigneeWithTheScore() {
            assertThat(parsed(graded())).isEqualTo(attempt(ATTEMPT, 10, 15, false, 2));
        }

        @Test
        void aFullScoreIsCorrect() {
            assertThat(parsed(with(graded(), "generated.scoreGiven", 15))).isEqualTo(attempt(ATTEMPT, 15, 15, true, 2));
        }

        @Test
        void withoutScoreOrMaximumThereIsNoUsableScore() {
            assertThat(parsed(with(graded(), "generated.maxScore", REMOVE)))
                    .isEqualTo(attempt(ATTEMPT, Double.NaN, Double.NaN, false, 2));
            assertThat(parsed(with(graded(), "generated", REMOVE)))
                    .isEqualTo(attempt(ATTEMPT, Double.NaN, Double.NaN, false, 2));
        }

        @Test
        void aPersonActorIsTheLearnerWhenTheAttemptNamesNoAssignee() {
            ObjectNode byLearner = with(with(graded(), "actor", obj("id", LEARNER, "type", "Person")),
                    "object.assignee", REMOVE);
            assertThat(parsed(byLearner)).isEqualTo(attempt(ATTEMPT, 10, 15, false, 2));
        }

        @Test
        void assessmentLevelEventsAreOther() {
            ObjectNode quiz = obj("id", SECTION + "/assess/1", "type", "Assessment");
            assertThat(parsed(event("AssessmentEvent", "Submitted", quiz)))
                    .isEqualTo(base(EventKind.OTHER, SECTION + "/assess/1"));
        }
    }

    @Nested
    class OtherEvents {

        @Test
        void toolUseSessionAnnotationAndGenericEventsAreOther() {
            ObjectNode tool = obj("id", "https://example.edu/tool", "type", "SoftwareApplication");
            assertThat(parsed(event("ToolUseEvent", "Used", tool))).isEqualTo(base(EventKind.OTHER,
                    "https://example.edu/tool"));
            assertThat(parsed(event("SessionEvent", "LoggedIn", tool))).isEqualTo(base(EventKind.OTHER,
                    "https://example.edu/tool"));
            ObjectNode doc = obj("id", "https://example.edu/doc", "type", "Document");
            assertThat(parsed(event("AnnotationEvent", "Bookmarked", doc))).isEqualTo(base(EventKind.OTHER,
                    "https://example.edu/doc"));
            assertThat(parsed(event("Event", "Created", doc))).isEqualTo(base(EventKind.OTHER,
                    "https://example.edu/doc"));
        }

        @Test
        void aTimedOutSessionIsTheSessionUsersEvent() {
            ObjectNode timedOut = event("SessionEvent", "TimedOut", obj("id", "https://example.edu/sessions/1",
                    "type", "Session", "user", LEARNER));
            timedOut.set("actor", obj("id", "https://example.edu", "type", "SoftwareApplication"));
            assertThat(parsed(timedOut)).isEqualTo(base(EventKind.OTHER, "https://example.edu/sessions/1"));
        }

        @Test
        void typesOfAnotherContextAreAcceptedAsEntities() {
            ObjectNode e = with(with(event("Event", "Submitted", obj("id", "https://example.edu/theses/1",
                    "type", "Thesis")), "@context", arr("https://schema.org/docs/jsonldcontext.json",
                    Events.V1P2)), "object.isPartOf", REMOVE);
            assertThat(parsed(e)).isEqualTo(base(EventKind.OTHER, "https://example.edu/theses/1"));
        }
    }

    @Nested
    class Courses {

        @Test
        void theMembershipOrganizationWhenThereIsNoGroup() {
            ObjectNode e = with(navigatedTo(), "group", REMOVE);
            assertThat(parsed(e).courseId).isEqualTo(SECTION);
        }

        @Test
        void anOfferingGroupOrAnyOtherGroup() {
            ObjectNode offering = with(navigatedTo(), "group", obj("id", "https://example.edu/courses/7",
                    "type", "CourseOffering"));
            assertThat(parsed(offering).courseId).isEqualTo("https://example.edu/courses/7");
            ObjectNode studyGroup = with(with(navigatedTo(), "membership", REMOVE), "group",
                    obj("id", "https://example.edu/groups/g1", "type", "Group"));
            assertThat(parsed(studyGroup).courseId).isEqualTo("https://example.edu/groups/g1");
        }

        @Test
        void theObjectOrWhatItIsPartOf() {
            ObjectNode enrolled = with(with(event("Event", "Activated", obj("id", SECTION, "type",
                    "CourseSection")), "group", REMOVE), "membership", REMOVE);
            assertThat(parsed(enrolled).courseId).isEqualTo(SECTION);
            ObjectNode partOf = with(with(with(navigatedTo(), "group", REMOVE), "membership", REMOVE),
                    "object.isPartOf", obj("id", "https://example.edu/courses/9", "type", "CourseOffering"));
            assertThat(parsed(partOf).courseId).isEqualTo("https://example.edu/courses/9");
        }
    }

    @Nested
    class Envelopes {

        @Test
        void eachEventOfAnEnvelopeIsParsedOnItsOwnInOrder() {
            ObjectNode bad = with(media("Paused", "PT1S"), "action", "Viewed");
            ObjectNode entity = obj("@context", Events.V1P2, "id", LEARNER, "type", "Person");
            String payload = text(envelope(navigatedTo(), bad, entity, itemCompleted()));

            List<ParseResult> rs = parseAll(payload);

            assertThat(rs).hasSize(4);
            assertThat(rs.get(0).event).isEqualTo(click(PAGE, "page_view"));
            assertThat(rs.get(1).deadLetter.reason).isEqualTo("invalid_field");
            assertThat(rs.get(1).deadLetter.error).isEqualTo("Caliper: action 'Viewed' is not allowed for MediaEvent "
                    + "(allowed: Started, Ended, Paused, Resumed, Restarted, ForwardedTo, JumpedTo, ChangedResolution, "
                    + "ChangedSize, ChangedSpeed, ChangedVolume, EnabledClosedCaptioning, DisabledClosedCaptioning, "
                    + "EnteredFullScreen, ExitedFullScreen, Muted, Unmuted, OpenedPopout, ClosedPopout) "
                    + "(event 2 of 4 in the envelope)");
            assertThat(rs.get(1).deadLetter.raw).isEqualTo(text(bad));
            assertThat(rs.get(2).deadLetter.error).isEqualTo("Caliper: 'Person' is an entity type, not an event; "
                    + "LearnPulse ingests Caliper events only (event 3 of 4 in the envelope)");
            assertThat(rs.get(2).deadLetter.raw).isEqualTo(text(entity));
            assertThat(rs.get(3).event.kind).isEqualTo(EventKind.ATTEMPT);
        }

        @Test
        void caliper11EnvelopesAndEventsAreAccepted() {
            ObjectNode e = with(navigatedTo(), "@context", V1P1);
            ObjectNode env = with(envelope(e), "dataVersion", V1P1);
            List<ParseResult> rs = parseAll(text(env));
            assertThat(rs).hasSize(1);
            assertThat(rs.get(0).event).isEqualTo(click(PAGE, "page_view"));
        }

        @Test
        void profileExtensionContextsAreCaliperContexts() {
            ObjectNode e = with(navigatedTo(), "@context", V1P1 + "/SurveyProfile-extension");
            assertThat(parsed(e)).isEqualTo(click(PAGE, "page_view"));
        }
    }

    @Nested
    class Ids {

        @Test
        void theEventIdIsTheUuidUrnLowerCased() {
            ObjectNode e = with(navigatedTo(), "id", "URN:UUID:" + Events.UUID.toUpperCase());
            assertThat(parsed(e).eventId).isEqualTo(ID);
        }

        @Test
        void theEventTimeMayHaveAnOffset() {
            ObjectNode e = with(navigatedTo(), "eventTime", "2026-03-02T11:15:30.250+01:00");
            assertThat(parsed(e).eventTime).isEqualTo(T);
        }

        @Test
        void webPageIsWrittenWebpageByOpenEdx() {
            ObjectNode e = with(navigatedTo(), "object", with(webPage(), "type", "Webpage"));
            assertThat(parsed(e)).isEqualTo(click(PAGE, "page_view"));
        }
    }
}
