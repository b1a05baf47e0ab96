package io.learnpulse.core.format.xapi;

import static io.learnpulse.core.format.Json.REMOVE;
import static io.learnpulse.core.format.Json.arr;
import static io.learnpulse.core.format.Json.obj;
import static io.learnpulse.core.format.Json.text;
import static io.learnpulse.core.format.Json.with;
import static io.learnpulse.core.format.xapi.Statements.ACT;
import static io.learnpulse.core.format.xapi.Statements.ADL;
import static io.learnpulse.core.format.xapi.Statements.INGEST;
import static io.learnpulse.core.format.xapi.Statements.QUESTION;
import static io.learnpulse.core.format.xapi.Statements.VIDEO;
import static io.learnpulse.core.format.xapi.Statements.activity;
import static io.learnpulse.core.format.xapi.Statements.answered;
import static io.learnpulse.core.format.xapi.Statements.course;
import static io.learnpulse.core.format.xapi.Statements.page;
import static io.learnpulse.core.format.xapi.Statements.statement;
import static io.learnpulse.core.format.xapi.Statements.video;
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

/** One invalid statement per rule of the xAPI statement requirements: the reason code and exact message. */
class XapiValidationTest {

    private static final String INVALID = "invalid_field";
    private static final String MISSING = "missing_field";

    private final XapiParser parser = new XapiParser(ParserSettings.defaults());

    private static Arguments c(String name, Object statement, String reason, String error) {
        return Arguments.of(name, statement instanceof String ? statement : text((ObjectNode) statement), reason,
                error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"statementRules", "actorRules", "verbAndObjectRules", "resultRules", "contextRules",
        "timeVersionAndAttachmentRules", "learnPulseRules"})
    void rejected(String name, String payload, String reason, String error) {
        List<ParseResult> rs = new ArrayList<>();
        parser.parse("xapi", payload, INGEST, rs::add);

        assertThat(rs).hasSize(1);
        ParseResult r = rs.get(0);
        assertThat(r.ok()).as("accepted %s", payload).isFalse();
        assertThat(r.deadLetter.reason).isEqualTo(reason);
        assertThat(r.deadLetter.error).isEqualTo(error);
        assertThat(r.deadLetter.raw).isEqualTo(payload);
        assertThat(r.deadLetter.source).isEqualTo("xapi");
        assertThat(r.deadLetter.receivedAt).isEqualTo(INGEST);
    }

    static Stream<Arguments> statementRules() {
        ObjectNode a = answered();
        String dup = "{\"actor\":{\"mbox\":\"mailto:ada@example.edu\"},\"verb\":{\"id\":\"" + ADL + "answered\"},"
                + "\"verb\":{\"id\":\"" + ADL + "asked\"},\"object\":{\"id\":\"" + QUESTION + "\"}}";
        return Stream.of(
                c("unknown top-level property", with(a, "score", 5), INVALID,
                        "xAPI: statement has an unknown property 'score'"),
                c("unknown top-level properties, sorted", with(with(a, "zeta", 1), "alpha", 2), INVALID,
                        "xAPI: statement has unknown properties 'alpha', 'zeta'"),
                c("a property twice", dup, INVALID,
                        "xAPI: property 'verb' appears more than once in the same object at column 106"),
                c("not a UUID", with(a, "id", "statement-1"), INVALID,
                        "xAPI: id must be a UUID in standard string form, e.g. 3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f "
                                + "(was 'statement-1')"),
                c("UUID without hyphens", with(a, "id", "3f2c5b8e1a4d4c6b9e7f0a1b2c3d4e5f"), INVALID,
                        "xAPI: id must be a UUID in standard string form, e.g. 3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f "
                                + "(was '3f2c5b8e1a4d4c6b9e7f0a1b2c3d4e5f')"),
                c("null id", with(a, "id", null), INVALID, "xAPI: id must not be null"),
                c("null actor", with(a, "actor", null), MISSING, "xAPI: missing required property 'actor' (was null)"),
                c("verb missing", with(a, "verb", REMOVE), MISSING, "xAPI: missing required property 'verb'"),
                c("object not an object", with(a, "object", QUESTION), INVALID,
                        "xAPI: object must be an object (was '" + QUESTION + "')"),
                c("null inside the result", with(a, "result.response", null), INVALID,
                        "xAPI: result.response must not be null"));
    }

    static Stream<Arguments> actorRules() {
        ObjectNode a = answered();
        return Stream.of(
                c("two identifiers", with(a, "actor.openid", "https://id.example.edu/ada"), INVALID,
                        "xAPI: actor must have exactly one inverse functional identifier (found mbox, openid)"),
                c("no identifier", with(a, "actor.mbox", REMOVE), INVALID,
                        "xAPI: actor must have exactly one inverse functional identifier (found none)"),
                c("mbox without mailto", with(a, "actor.mbox", "ada@example.edu"), INVALID,
                        "xAPI: actor.mbox must be a mailto IRI, e.g. mailto:learner@example.com (was 'ada@example.edu')"),
                c("mbox without address", with(a, "actor.mbox", "mailto:ada"), INVALID,
                        "xAPI: actor.mbox must be a mailto IRI, e.g. mailto:learner@example.com (was 'mailto:ada')"),
                c("sha1 of the wrong length",
                        with(with(a, "actor.mbox", REMOVE), "actor.mbox_sha1sum", "ebd31e95054c018b10727ccffd2ef2ec"),
                        INVALID, "xAPI: actor.mbox_sha1sum must be 40 hexadecimal digits, the SHA-1 of a mailto IRI "
                                + "(was 'ebd31e95054c018b10727ccffd2ef2ec')"),
                c("openid not a URI", with(with(a, "actor.mbox", REMOVE), "actor.openid", "ada at example"), INVALID,
                        "xAPI: actor.openid must be a URI (was 'ada at example')"),
                c("account without name",
                        with(with(a, "actor.mbox", REMOVE), "actor.account", obj("homePage", "https://lms.example.edu")),
                        MISSING, "xAPI: missing required property 'actor.account.name'"),
                c("account homePage not an IRL",
                        with(with(a, "actor.mbox", REMOVE), "actor.account", obj("homePage", "lms.example.edu",
                                "name", "ada")),
                        INVALID, "xAPI: actor.account.homePage must be an IRL (was 'lms.example.edu')"),
                c("account with an unknown property",
                        with(with(a, "actor.mbox", REMOVE), "actor.account", obj("homePage", "https://lms.example.edu",
                                "name", "ada", "id", 7)),
                        INVALID, "xAPI: actor.account has an unknown property 'id'"),
                c("actor of another objectType", with(a, "actor.objectType", "Person"), INVALID,
                        "xAPI: actor.objectType must be Agent or Group (was 'Person')"),
                c("agent with an unknown property", with(a, "actor.email", "ada@example.edu"), INVALID,
                        "xAPI: actor has an unknown property 'email'"),
                c("anonymous group without members", with(a, "actor", obj("objectType", "Group", "name", "Team")),
                        MISSING, "xAPI: missing required property 'actor.member': an anonymous Group (no inverse "
                                + "functional identifier) must list its members"),
                c("group containing a group", with(a, "actor", obj("objectType", "Group", "mbox",
                        "mailto:team@example.edu", "member", arr(obj("objectType", "Group", "mbox",
                                "mailto:sub@example.edu")))),
                        INVALID, "xAPI: actor.member[0] is a Group; the members of a Group must be Agents"),
                c("group member without identifier", with(a, "actor", obj("objectType", "Group", "member",
                        arr(obj("name", "Ada")))), INVALID,
                        "xAPI: actor.member[0] must have exactly one inverse functional identifier (found none)"));
    }

    static Stream<Arguments> verbAndObjectRules() {
        ObjectNode a = answered();
        return Stream.of(
                c("verb id not an IRI", with(a, "verb.id", "answered"), INVALID,
                        "xAPI: verb.id must be an IRI (was 'answered')"),
                c("verb id with a space", with(a, "verb.id", "http://example.com/my verb"), INVALID,
                        "xAPI: verb.id must be an IRI (was 'http://example.com/my verb')"),
                c("display not a language map", with(a, "verb.display", "answered"), INVALID,
                        "xAPI: verb.display must be a language map (an object) (was 'answered')"),
                c("display key not a language tag", with(a, "verb.display", obj("en_US", "answered")), INVALID,
                        "xAPI: verb.display key 'en_US' must be an RFC 5646 language tag, e.g. en-US"),
                c("display value not a string", with(a, "verb.display", obj("en-US", 1)), INVALID,
                        "xAPI: verb.display['en-US'] must be a string (was 1)"),
                c("unknown object type", with(a, "object.objectType", "Question"), INVALID,
                        "xAPI: object.objectType must be one of Activity, Agent, Group, SubStatement or StatementRef "
                                + "(was 'Question')"),
                c("activity id not an IRI", with(a, "object.id", "q7"), INVALID,
                        "xAPI: object.id must be an IRI (was 'q7')"),
                c("activity without id", with(a, "object.id", REMOVE), MISSING,
                        "xAPI: missing required property 'object.id'"),
                c("an agent object needs its objectType", with(a, "object", obj("mbox", "mailto:bo@example.edu")),
                        INVALID, "xAPI: object has an unknown property 'mbox'"),
                c("activity type not an IRI", with(a, "object.definition.type", "question"), INVALID,
                        "xAPI: object.definition.type must be an IRI (was 'question')"),
                c("name not a language map", with(a, "object.definition.name", "Q7"), INVALID,
                        "xAPI: object.definition.name must be a language map (an object) (was 'Q7')"),
                c("unknown definition property", with(a, "object.definition.points", 3), INVALID,
                        "xAPI: object.definition has an unknown property 'points'"),
                c("unknown interaction type", with(a, "object.definition.interactionType", "essay"), INVALID,
                        "xAPI: object.definition.interactionType must be one of true-false, choice, fill-in, "
                                + "long-fill-in, matching, performance, sequencing, likert, numeric or other "
                                + "(was 'essay')"),
                c("interaction properties without a type", with(a, "object.definition.interactionType", REMOVE),
                        MISSING, "xAPI: missing property 'object.definition.interactionType': an interaction activity "
                                + "(correctResponsesPattern) must have an interactionType"),
                c("a component list of another type", with(a, "object.definition.scale", arr(obj("id", "1"))),
                        INVALID, "xAPI: object.definition.scale is not a component list of interactionType 'choice' "
                                + "(it has choices)"),
                c("component ids repeat", with(a, "object.definition.choices[1].id", "a"), INVALID,
                        "xAPI: object.definition.choices[1].id 'a' appears more than once; the ids of interaction "
                                + "components must be distinct"),
                c("extension key not an IRI", with(a, "object.definition.extensions", obj("difficulty", 3)),
                        INVALID, "xAPI: object.definition.extensions key 'difficulty' must be an IRI"),
                c("statement reference without a UUID", with(statement(ADL + "voided", obj("objectType",
                        "StatementRef", "id", "42")), "context", obj("platform", "x")), INVALID,
                        "xAPI: object.id must be a UUID in standard string form, e.g. "
                                + "3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f (was '42')"),
                c("sub-statement with an id", statement("http://example.com/planned", obj("objectType", "SubStatement",
                        "id", Statements.ID, "actor", obj("mbox", "mailto:ada@example.edu"), "verb",
                        obj("id", "http://example.com/visited"), "object", page())), INVALID,
                        "xAPI: object is a SubStatement and must not have 'id'"),
                c("nested sub-statements", statement("http://example.com/planned", obj("objectType", "SubStatement",
                        "actor", obj("mbox", "mailto:ada@example.edu"), "verb", obj("id", "http://example.com/x"),
                        "object", obj("objectType", "SubStatement", "actor", obj("mbox", "mailto:ada@example.edu"),
                                "verb", obj("id", "http://example.com/y"), "object", page()))), INVALID,
                        "xAPI: object.object must not be a SubStatement (SubStatements cannot be nested)"),
                c("voiding an activity", statement(ADL + "voided", page()), INVALID,
                        "xAPI: a voiding statement (verb http://adlnet.gov/expapi/verbs/voided) must have a "
                                + "StatementRef object (was Activity)"));
    }

    static Stream<Arguments> resultRules() {
        ObjectNode a = answered();
        return Stream.of(
                c("scaled above 1", with(a, "result.score.scaled", 1.5), INVALID,
                        "xAPI: result.score.scaled must be between -1 and 1 (was 1.5)"),
                c("scaled below -1", with(a, "result.score.scaled", -1.25), INVALID,
                        "xAPI: result.score.scaled must be between -1 and 1 (was -1.25)"),
                c("raw above max", with(a, "result.score.raw", 12), INVALID,
                        "xAPI: result.score.raw must not be greater than max 10 (was 12)"),
                c("raw below min", with(a, "result.score.raw", -1), INVALID,
                        "xAPI: result.score.raw must not be less than min 0 (was -1)"),
                c("min above max", with(with(a, "result.score.min", 20), "result.score.raw", REMOVE), INVALID,
                        "xAPI: result.score.min must not be greater than max (min 20, max 10)"),
                c("raw as a string", with(a, "result.score.raw", "5"), INVALID,
                        "xAPI: result.score.raw must be a number (was '5')"),
                c("unknown score property", with(a, "result.score.percent", 50), INVALID,
                        "xAPI: result.score has an unknown property 'percent'"),
                c("success as a string", with(a, "result.success", "true"), INVALID,
                        "xAPI: result.success must be a boolean (was 'true')"),
                c("completion as a number", with(a, "result.completion", 1), INVALID,
                        "xAPI: result.completion must be a boolean (was 1)"),
                c("duration not ISO 8601", with(a, "result.duration", "90s"), INVALID,
                        "xAPI: result.duration must be an ISO 8601 duration, e.g. PT1M30.5S (was '90s')"),
                c("duration with seconds before T", with(a, "result.duration", "P16559.14S"), INVALID,
                        "xAPI: result.duration must be an ISO 8601 duration, e.g. PT1M30.5S (was 'P16559.14S')"),
                c("unknown result property", with(a, "result.points", 5), INVALID,
                        "xAPI: result has an unknown property 'points'"),
                c("video time negative", statement(VIDEO + "played", video()).set("result",
                        obj("extensions", obj("https://w3id.org/xapi/video/extensions/time", -1))), INVALID,
                        "xAPI: result.extensions['https://w3id.org/xapi/video/extensions/time'] must be a number of "
                                + "seconds >= 0 (was -1)"),
                c("attempt number zero", with(a, "result.extensions", obj("http://id.tincanapi.com/extension/"
                        + "attempt-id", 0)), INVALID,
                        "xAPI: result.extensions['http://id.tincanapi.com/extension/attempt-id'] (the attempt number) "
                                + "must be an integer between 1 and 2147483647 (was 0)"));
    }

    static Stream<Arguments> contextRules() {
        ObjectNode a = answered();
        return Stream.of(
                c("unknown context activity type", with(a, "context.contextActivities.course", arr(course())),
                        INVALID, "xAPI: context.contextActivities has an unknown property 'course' (allowed: parent, "
                                + "grouping, category, other)"),
                c("context activity not an object", with(a, "context.contextActivities.parent", "course-1"),
                        INVALID, "xAPI: context.contextActivities.parent must be an Activity or an array of "
                                + "Activities (was 'course-1')"),
                c("context activity of another type", with(a, "context.contextActivities.parent[0].objectType",
                        "Agent"), INVALID,
                        "xAPI: context.contextActivities.parent[0].objectType must be Activity (was 'Agent')"),
                c("context activity id not an IRI", with(a, "context.contextActivities.parent[0].id", "algebra"),
                        INVALID, "xAPI: context.contextActivities.parent[0].id must be an IRI (was 'algebra')"),
                c("registration not a UUID", with(a, "context.registration", "reg-1"), INVALID,
                        "xAPI: context.registration must be a UUID in standard string form, e.g. "
                                + "3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f (was 'reg-1')"),
                c("language not a language tag", with(a, "context.language", "en-US-"), INVALID,
                        "xAPI: context.language must be an RFC 5646 language tag, e.g. en-US (was 'en-US-')"),
                c("platform with an agent object", with(with(a, "object", obj("objectType", "Agent", "mbox",
                        "mailto:bo@example.edu")), "context.platform", "Algebra app"), INVALID,
                        "xAPI: context.platform may only be used when the statement's object is an Activity"),
                c("team that is an agent", with(a, "context.team", obj("mbox", "mailto:team@example.edu")), INVALID,
                        "xAPI: context.team must be a Group (objectType 'Group')"),
                c("context statement not a reference", with(a, "context.statement", obj("id", Statements.ID)),
                        INVALID, "xAPI: context.statement must be a StatementRef (objectType 'StatementRef')"),
                c("xAPI 2.0 property in a 1.0.3 statement", with(a, "context.contextAgents", arr()), INVALID,
                        "xAPI: context.contextAgents is an xAPI 2.0 property; the statement's version is 1.0.x"),
                c("context agent without objectType", with(with(a, "version", "2.0.0"), "context.contextAgents",
                        arr(obj("agent", obj("mbox", "mailto:t@example.edu")))), MISSING,
                        "xAPI: missing required property 'context.contextAgents[0].objectType'"),
                c("unknown context property", with(a, "context.course", "algebra"), INVALID,
                        "xAPI: context has an unknown property 'course'"));
    }

    static Stream<Arguments> timeVersionAndAttachmentRules() {
        ObjectNode a = answered();
        ObjectNode attachment = obj("usageType", "http://adlnet.gov/expapi/attachments/signature",
                "display", obj("en-US", "Signature"), "contentType", "application/octet-stream", "length", 4235,
                "sha2", "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634");
        return Stream.of(
                c("timestamp not a date-time", with(a, "timestamp", "yesterday"), INVALID,
                        "xAPI: timestamp must be an ISO 8601 date-time, e.g. 2026-03-02T10:15:30.250Z (was 'yesterday')"),
                c("timestamp as a number", with(a, "timestamp", Statements.T), INVALID,
                        "xAPI: timestamp must be a string (was " + Statements.T + ")"),
                c("stored not a date-time", with(a, "stored", "2026-02-30T10:00:00Z"), INVALID,
                        "xAPI: stored must be an ISO 8601 date-time, e.g. 2026-03-02T10:15:30.250Z "
                                + "(was '2026-02-30T10:00:00Z')"),
                c("version 0.95", with(a, "version", "0.95"), "unsupported_version",
                        "xAPI: unsupported version '0.95' (supported: 1.0.x and 2.0.x)"),
                c("version 1.0 without patch", with(a, "version", "1.0"), "unsupported_version",
                        "xAPI: unsupported version '1.0' (supported: 1.0.x and 2.0.x)"),
                c("version as a number", with(a, "version", 1), INVALID,
                        "xAPI: version must be a string such as 1.0.3 or 2.0.0 (was 1)"),
                c("authority that is not an agent", with(a, "authority", obj("name", "LRS")), INVALID,
                        "xAPI: authority must have exactly one inverse functional identifier (found none)"),
                c("attachment without sha2", with(a, "attachments", arr(with(attachment, "sha2", REMOVE))), MISSING,
                        "xAPI: missing required property 'attachments[0].sha2'"),
                c("attachment content type", with(a, "attachments", arr(with(attachment, "contentType", "pdf"))),
                        INVALID, "xAPI: attachments[0].contentType must be an Internet Media Type such as "
                                + "application/pdf (was 'pdf')"),
                c("attachments not an array", with(a, "attachments", attachment), INVALID,
                        "xAPI: attachments must be an array (was an object)"));
    }

    static Stream<Arguments> learnPulseRules() {
        ObjectNode a = answered();
        return Stream.of(
                c("no timestamp", with(a, "timestamp", REMOVE), MISSING,
                        "xAPI: missing 'timestamp': LearnPulse needs the time of the experience (the LRS's 'stored' "
                                + "time is not used instead)"),
                c("timestamp without a time zone", with(a, "timestamp", "2026-03-02T10:15:30.250"), INVALID,
                        "xAPI: timestamp must include a time zone (Z or ±hh:mm); LearnPulse needs an absolute time "
                                + "(was '2026-03-02T10:15:30.250')"),
                c("timestamp before 1970", with(a, "timestamp", "1969-12-31T23:59:59Z"), INVALID,
                        "xAPI: timestamp must not be before 1970-01-01T00:00:00Z (was '1969-12-31T23:59:59Z')"),
                c("anonymous group", with(a, "actor", obj("objectType", "Group", "member",
                        arr(obj("mbox", "mailto:ada@example.edu"), obj("mbox", "mailto:bo@example.edu")))), INVALID,
                        "xAPI: actor is an anonymous Group (no inverse functional identifier); LearnPulse attributes "
                                + "events to a single identified learner"),
                c("no course", with(a, "context", REMOVE), MISSING,
                        "xAPI: no course: the statement needs a course-typed or parent activity in "
                                + "context.contextActivities, or context.platform (LearnPulse fuses a learner's events "
                                + "within a course)"),
                c("only a grouping without a course type", with(a, "context", obj("contextActivities", obj("grouping",
                        arr(activity("https://lms.example.edu/programme", ACT + "module"))))), MISSING,
                        "xAPI: no course: the statement needs a course-typed or parent activity in "
                                + "context.contextActivities, or context.platform (LearnPulse fuses a learner's events "
                                + "within a course)"),
                c("future dated", with(a, "timestamp", "2026-03-02T10:25:32.251Z"), "future_dated",
                        "xAPI: timestamp is 600001 ms ahead of the receive time (event time 2026-03-02T10:25:32.251Z, "
                                + "received 2026-03-02T10:15:32.250Z; at most 600000 ms allowed)"));
    }
}
