package io.learnpulse.core.format.caliper;

import static io.learnpulse.core.format.Json.REMOVE;
import static io.learnpulse.core.format.Json.arr;
import static io.learnpulse.core.format.Json.obj;
import static io.learnpulse.core.format.Json.text;
import static io.learnpulse.core.format.Json.with;
import static io.learnpulse.core.format.caliper.Events.INGEST;
import static io.learnpulse.core.format.caliper.Events.LEARNER;
import static io.learnpulse.core.format.caliper.Events.envelope;
import static io.learnpulse.core.format.caliper.Events.event;
import static io.learnpulse.core.format.caliper.Events.graded;
import static io.learnpulse.core.format.caliper.Events.itemCompleted;
import static io.learnpulse.core.format.caliper.Events.media;
import static io.learnpulse.core.format.caliper.Events.navigatedTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One invalid event or envelope per Caliper rule: the reason code and the exact message. */
class CaliperValidationTest {

    private static final String INVALID = "invalid_field";
    private static final String MISSING = "missing_field";

    private final CaliperParser parser = new CaliperParser(ParserSettings.defaults());

    private static Arguments c(String name, ObjectNode record, String reason, String error) {
        return Arguments.of(name, text(record), reason, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"requiredProperties", "eventTypesAndActions", "entities", "formats", "envelopes",
        "learnPulseRules"})
    void rejected(String name, String payload, String reason, String error) {
        List<ParseResult> rs = new ArrayList<>();
        parser.parse("caliper", payload, INGEST, rs::add);

        assertThat(rs).hasSize(1);
        ParseResult r = rs.get(0);
        assertThat(r.ok()).as("accepted %s", payload).isFalse();
        assertThat(r.deadLetter.reason).isEqualTo(reason);
        assertThat(r.deadLetter.error).isEqualTo(error);
        assertThat(r.deadLetter.raw).isEqualTo(payload);
        assertThat(r.deadLetter.source).isEqualTo("caliper");
        assertThat(r.deadLetter.receivedAt).isEqualTo(INGEST);
    }

    static Stream<Arguments> requiredProperties() {
        ObjectNode e = navigatedTo();
        Stream.Builder<Arguments> b = Stream.builder();
        for (String p : new String[] {"@context", "id", "type", "actor", "action", "object", "eventTime"}) {
            b.add(c("no " + p, with(e, p, REMOVE), MISSING, "Caliper: missing required property '" + p + "'"));
            b.add(c("null " + p, with(e, p, null), MISSING,
                    "Caliper: missing required property '" + p + "' (was null)"));
        }
        return b.build();
    }

    static Stream<Arguments> eventTypesAndActions() {
        ObjectNode e = navigatedTo();
        return Stream.of(
                c("unknown event type", with(e, "type", "ClickEvent"), INVALID,
                        "Caliper: type 'ClickEvent' is not a Caliper event type"),
                c("an entity instead of an event", obj("@context", Events.V1P2, "id", LEARNER, "type", "Person",
                        "name", "Ada"), INVALID,
                        "Caliper: 'Person' is an entity type, not an event; LearnPulse ingests Caliper events only"),
                c("unknown action", with(e, "action", "Clicked"), INVALID,
                        "Caliper: action 'Clicked' is not a Caliper action"),
                c("action of another event type", with(e, "action", "Viewed"), INVALID,
                        "Caliper: action 'Viewed' is not allowed for NavigationEvent (allowed: NavigatedTo)"),
                c("assessment item deleted", with(itemCompleted(), "action", "Deleted"), INVALID,
                        "Caliper: action 'Deleted' is not allowed for AssessmentItemEvent (allowed: Started, Skipped, "
                                + "Completed)"),
                c("grade submitted", with(graded(), "action", "Submitted"), INVALID,
                        "Caliper: action 'Submitted' is not allowed for GradeEvent (allowed: Graded)"),
                c("unknown profile", with(e, "profile", "ClickProfile"), INVALID,
                        "Caliper: profile 'ClickProfile' is not a Caliper profile"),
                c("unknown event property", with(e, "duration", "PT1S"), INVALID,
                        "Caliper: event has an unknown property 'duration' (custom data belongs in 'extensions')"),
                c("extensions not an object", with(e, "extensions", "https://example.edu/ext"), INVALID,
                        "Caliper: extensions must be an object (was 'https://example.edu/ext')"),
                c("tool launch without federated session", event("ToolLaunchEvent", "Launched",
                        obj("id", "https://tool.example.com", "type", "SoftwareApplication")), MISSING,
                        "Caliper: missing required property 'federatedSession' (a ToolLaunchEvent carries the "
                                + "platform's LtiSession)"));
    }

    static Stream<Arguments> entities() {
        ObjectNode e = navigatedTo();
        return Stream.of(
                c("actor not an entity or IRI", with(e, "actor", "Ada Lovelace"), INVALID,
                        "Caliper: actor must be an entity object or an IRI (was 'Ada Lovelace')"),
                c("actor a number", with(e, "actor", 554433), INVALID,
                        "Caliper: actor must be an entity object or an IRI (was 554433)"),
                c("actor of the wrong type", with(e, "actor", obj("id", "https://example.edu/s/1", "type", "Session")),
                        INVALID, "Caliper: actor must be a Person (was a Session)"),
                c("generic event actor must be an agent", with(event("Event", "Created", obj("id",
                        "https://example.edu/doc", "type", "Document")), "actor", obj("id", "https://example.edu/d2",
                        "type", "Document")), INVALID, "Caliper: actor must be an Agent (was a Document)"),
                c("entity without id", with(e, "actor.id", REMOVE), MISSING,
                        "Caliper: missing required property 'actor.id'"),
                c("entity id not an IRI", with(e, "object.id", "page 2"), INVALID,
                        "Caliper: object.id must be an IRI (was 'page 2')"),
                c("entity without type", with(e, "object.type", REMOVE), MISSING,
                        "Caliper: missing required property 'object.type'"),
                c("unknown entity type", with(e, "object.type", "Slide"), INVALID,
                        "Caliper: object.type 'Slide' is not a Caliper entity type"),
                c("object of the wrong type", with(e, "object", obj("id", LEARNER, "type", "Person")), INVALID,
                        "Caliper: object must be a DigitalResource or a SoftwareApplication (was a Person)"),
                c("media object not media", with(media("Paused", "PT1S"), "object.type", "WebPage"), INVALID,
                        "Caliper: object must be a MediaObject (was a WebPage)"),
                c("media target not a location", with(media("Paused", "PT1S"), "target.type", "Frame"), INVALID,
                        "Caliper: target must be a MediaLocation (was a Frame)"),
                c("generated of the wrong type", with(itemCompleted(), "generated.type", "Score"), INVALID,
                        "Caliper: generated must be an Attempt or a Response (was a Score)"),
                c("referrer of the wrong type", with(e, "referrer", obj("id", LEARNER, "type", "Person")), INVALID,
                        "Caliper: referrer must be a DigitalResource or a SoftwareApplication (was a Person)"),
                c("edApp of the wrong type", with(e, "edApp.type", "Person"), INVALID,
                        "Caliper: edApp must be a SoftwareApplication (was a Person)"),
                c("group not an organization", with(e, "group", obj("id", LEARNER, "type", "Person")), INVALID,
                        "Caliper: group must be an Organization (was a Person)"),
                c("membership of the wrong type", with(e, "membership.type", "CourseSection"), INVALID,
                        "Caliper: membership must be a Membership (was a CourseSection)"),
                c("session of the wrong type", with(e, "session.type", "Person"), INVALID,
                        "Caliper: session must be a Session (was a Person)"),
                c("federated session not an LTI session", with(e, "federatedSession", obj("id",
                        "https://example.edu/s/2", "type", "Session")), INVALID,
                        "Caliper: federatedSession must be an LtiSession (was a Session)"),
                c("session logged in with a session object", event("SessionEvent", "LoggedIn",
                        obj("id", "https://example.edu/s/3", "type", "Session")), INVALID,
                        "Caliper: object must be a SoftwareApplication (was a Session)"),
                c("entity name not a string", with(e, "object.name", 7), INVALID,
                        "Caliper: object.name must be a string (was 7)"),
                c("entity date not a date-time", with(e, "object.dateCreated", "2016-08-01"), INVALID,
                        "Caliper: object.dateCreated must be an ISO 8601 date-time, e.g. 2026-03-02T10:15:30.250Z "
                                + "(was '2016-08-01')"));
    }

    static Stream<Arguments> formats() {
        ObjectNode e = navigatedTo();
        return Stream.of(
                c("id not a UUID URN", with(e, "id", "c51570e4-f8ed-4c18-bb3a-dfe51b2cc594"), INVALID,
                        "Caliper: id must be a UUID URN, e.g. urn:uuid:3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f (was "
                                + "'c51570e4-f8ed-4c18-bb3a-dfe51b2cc594')"),
                c("eventTime not a date-time", with(e, "eventTime", "15 Nov 2016"), INVALID,
                        "Caliper: eventTime must be an ISO 8601 date-time, e.g. 2026-03-02T10:15:30.250Z "
                                + "(was '15 Nov 2016')"),
                c("eventTime without a time zone", with(e, "eventTime", "2016-11-15T10:15:00.000"), INVALID,
                        "Caliper: eventTime must include a time zone (Caliper: YYYY-MM-DDTHH:mm:ss.SSSZ in UTC) "
                                + "(was '2016-11-15T10:15:00.000')"),
                c("context of another vocabulary only", with(e, "@context", "https://schema.org/"), INVALID,
                        "Caliper: @context must include a Caliper context such as "
                                + "http://purl.imsglobal.org/ctx/caliper/v1p2 (was 'https://schema.org/')"),
                c("Caliper 1.0 context", with(e, "@context", "http://purl.imsglobal.org/ctx/caliper/v1/Context"),
                        "unsupported_version", "Caliper: unsupported Caliper version in @context "
                                + "'http://purl.imsglobal.org/ctx/caliper/v1/Context' (supported: v1p1 and v1p2)"),
                c("media current time not a duration", media("Paused", "321"), INVALID,
                        "Caliper: target.currentTime must be an ISO 8601 duration in days, hours, minutes and "
                                + "seconds, e.g. PT5M21.5S (was '321')"),
                c("attempt count zero", with(graded(), "object.count", 0), INVALID,
                        "Caliper: object.count (the attempt number) must be an integer between 1 and 2147483647 "
                                + "(was 0)"),
                c("score not a number", with(graded(), "generated.scoreGiven", "10"), INVALID,
                        "Caliper: generated.scoreGiven must be a finite number (was '10')"));
    }

    static Stream<Arguments> envelopes() {
        ObjectNode env = envelope(navigatedTo());
        return Stream.of(
                c("envelope without sendTime", with(env, "sendTime", REMOVE), MISSING,
                        "Caliper: missing required property 'sendTime'"),
                c("envelope without dataVersion", with(env, "dataVersion", REMOVE), MISSING,
                        "Caliper: missing required property 'dataVersion'"),
                c("sensor not an IRI", with(env, "sensor", "sensor 1"), INVALID,
                        "Caliper: sensor must be an IRI (was 'sensor 1')"),
                c("dataVersion of another version", with(env, "dataVersion",
                        "http://purl.imsglobal.org/ctx/caliper/v1p3"), "unsupported_version",
                        "Caliper: unsupported Caliper version in dataVersion "
                                + "'http://purl.imsglobal.org/ctx/caliper/v1p3' (supported: v1p1 and v1p2)"),
                c("data not an array", with(env, "data", navigatedTo()), INVALID,
                        "Caliper: data must be an array of events (was an object)"),
                c("empty data", with(env, "data", arr()), MISSING,
                        "Caliper: the envelope's data array holds no events"),
                c("unknown envelope property", with(env, "format", "json"), INVALID,
                        "Caliper: envelope has an unknown property 'format'"));
    }

    static Stream<Arguments> learnPulseRules() {
        ObjectNode e = navigatedTo();
        return Stream.of(
                c("no course", with(with(e, "group", REMOVE), "membership", REMOVE), MISSING,
                        "Caliper: no course: the event needs a group (a CourseSection or CourseOffering), a "
                                + "membership organization, or an object that is or is part of a CourseOffering "
                                + "(LearnPulse fuses a learner's events within a course)"),
                c("graded by software for nobody", with(graded(), "object.assignee", REMOVE), MISSING,
                        "Caliper: no learner: the actor is a SoftwareApplication and the graded Attempt names no "
                                + "assignee; LearnPulse attributes events to a Person"),
                c("graded attempt at nothing", with(graded(), "object.assignable", REMOVE), MISSING,
                        "Caliper: missing 'object.assignable': the graded Attempt must name the item it is an attempt "
                                + "at (LearnPulse needs the question)"),
                c("future dated", with(e, "eventTime", "2026-03-02T10:25:32.251Z"), "future_dated",
                        "Caliper: eventTime is 600001 ms ahead of the receive time (event time "
                                + "2026-03-02T10:25:32.251Z, received 2026-03-02T10:15:32.250Z; at most 600000 ms "
                                + "allowed)"),
                c("before 1970", with(e, "eventTime", "1969-07-20T20:17:40Z"), INVALID,
                        "Caliper: eventTime must not be before 1970-01-01T00:00:00Z (was '1969-07-20T20:17:40Z')"));
    }
}
