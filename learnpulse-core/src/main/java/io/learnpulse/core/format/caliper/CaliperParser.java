package io.learnpulse.core.format.caliper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.format.FormatSupport;
import io.learnpulse.core.format.IsoDurations;
import io.learnpulse.core.format.IsoTimestamps;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.format.Rejection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parses IMS Caliper 1.1 and 1.2 events into canonical {@link LearnerEvent}s, or dead letters naming the
 * broken rule. A payload is an envelope ({@code sensor}, {@code sendTime}, {@code dataVersion},
 * {@code data}) whose events are parsed one by one, or a single event.
 *
 * <p>Each event is validated (required properties, the event type, the action allowed for it, the entity
 * types of actor, object, generated, target, referrer, edApp, group, membership, session and
 * federatedSession, the id and time formats), then mapped: NavigationEvent NavigatedTo and ViewEvent Viewed
 * are page views, MediaEvent playback actions are video events, AssessmentItemEvent Completed and GradeEvent
 * Graded are attempts, other MediaEvent actions are clicks and everything else is OTHER. Events written by
 * Open edX's event-routing backends get a few rules of their own (learner ids shaped like xAPI's, the LMS's
 * verdict, one attempt per problem check). The full rules are in {@code docs/formats.md}, sections Caliper
 * and Open edX.
 *
 * <p>Never throws. Thread-safe. Does not check the record size or the channel ({@link
 * io.learnpulse.core.format.RecordParser} does) but does check that events are not future-dated.
 */
public final class CaliperParser implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final String FORMAT = "caliper";

    /** Prefix of every Caliper JSON-LD context IRI. */
    public static final String CONTEXT_PREFIX = "http://purl.imsglobal.org/ctx/caliper/";
    static final String P = "Caliper: ";

    private static final Set<String> EVENT_PROPERTIES = Set.of("@context", "id", "type", "profile", "actor",
            "action", "object", "eventTime", "edApp", "generated", "target", "referrer", "group", "membership",
            "session", "federatedSession", "extensions");
    private static final Set<String> ENVELOPE_PROPERTIES = Set.of("sensor", "sendTime", "dataVersion", "data");

    /** How Open edX's event-routing backends sign their events ({@code extensions.transformerVersion}). */
    static final String OPENEDX_TRANSFORMER = "event-routing-backends@";

    private final long maxFutureSkewMs;

    public CaliperParser(ParserSettings settings) {
        this.maxFutureSkewMs = Objects.requireNonNull(settings, "settings").maxFutureSkewMs;
    }

    /**
     * Parses an envelope or a single event received on channel {@code source}; emits one result per event
     * (one dead letter for a payload or envelope that cannot be read or is invalid). Never throws.
     */
    public void parse(String source, String payload, long ingestTime, Consumer<ParseResult> out) {
        ObjectNode top;
        List<FormatSupport.Element> data = null;
        try (JsonParser p = FormatSupport.strictParser(payload)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                out.accept(dead(payload, source, DeadLetterReason.MALFORMED_JSON, t == null ? "empty record"
                        : "a Caliper record must be an envelope or an event object (was " + FormatSupport.tokenKind(t)
                                + ")", ingestTime));
                return;
            }
            // read the top-level object field by field, keeping the exact text of each element of "data"
            top = JsonNodeFactory.instance.objectNode();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if (name.equals("data") && t == JsonToken.START_ARRAY) {
                    data = FormatSupport.readArrayElements(p, payload);
                    top.putArray("data");
                } else {
                    top.set(name, FormatSupport.readTree(p));
                }
            }
            FormatSupport.requireEnd(p);
        } catch (IOException | RuntimeException e) {
            out.accept(FormatSupport.readFailure(e, P, payload, source, ingestTime));
            return;
        }
        if (top.has("sensor") && top.has("data")) {
            try {
                envelope(top, data);
            } catch (Rejection r) {
                out.accept(dead(payload, source, r.reason, r.getMessage(), ingestTime));
                return;
            }
            int n = data.size();
            for (int i = 0; i < n; i++) {
                FormatSupport.Element el = data.get(i);
                out.accept(parse(source, el.node, el.raw, ingestTime, " (event " + (i + 1) + " of " + n
                        + " in the envelope)"));
            }
            return;
        }
        if (data != null) {
            top.set("data", JsonNodeFactory.instance.arrayNode()); // an event with a stray "data": reported as unknown
        }
        out.accept(parse(source, top, payload, ingestTime, ""));
    }

    /** Parses one event already read as a tree; {@code raw} is its text (kept in a dead letter). */
    public ParseResult parseEvent(String source, JsonNode event, String raw, long ingestTime) {
        return parse(source, event, raw, ingestTime, "");
    }

    private ParseResult parse(String source, JsonNode event, String raw, long ingestTime, String where) {
        try {
            return ParseResult.success(new EventReader(event).read(source, ingestTime, maxFutureSkewMs));
        } catch (Rejection r) {
            return dead(raw, source, r.reason, r.getMessage() + where, ingestTime);
        } catch (RuntimeException e) {
            return dead(raw, source, DeadLetterReason.INVALID_FIELD,
                    "event could not be parsed (internal error: " + e + ")" + where, ingestTime);
        }
    }

    private static ParseResult dead(String raw, String source, String reason, String error, long ingestTime) {
        return ParseResult.failure(new DeadLetter(raw, source, reason, error, ingestTime));
    }

    // ---- envelope ------------------------------------------------------------------------------------------------

    /**
     * Checks an envelope's own properties ({@code sensor}, {@code sendTime}, {@code dataVersion}, a non-empty
     * {@code data} array, nothing else), not its events: for callers that split an envelope into its events and
     * parse each on its own (the HTTP gateway). Throws the {@link Rejection} {@link #parse} would report for the
     * whole envelope.
     */
    public static void checkEnvelope(ObjectNode envelope) {
        JsonNode data = envelope.get("data");
        List<FormatSupport.Element> elements = null;
        if (data != null && data.isArray()) {
            elements = new ArrayList<>(data.size());
            for (JsonNode d : data) {
                elements.add(new FormatSupport.Element(d, null));
            }
        }
        envelope(envelope, elements);
    }

    private static void envelope(ObjectNode env, List<FormatSupport.Element> data) {
        unknown(env, "envelope", ENVELOPE_PROPERTIES, "");
        iriString(required(env, "sensor", "sensor"), "sensor");
        dateTime(required(env, "sendTime", "sendTime"), "sendTime");
        JsonNode dv = required(env, "dataVersion", "dataVersion");
        if (!dv.isTextual()) {
            throw invalid("dataVersion must be a Caliper context IRI (was " + FormatSupport.show(dv) + ")");
        }
        contextVersion(dv.textValue(), "dataVersion");
        if (data == null) {
            throw invalid("data must be an array of events (was " + FormatSupport.show(env.get("data")) + ")");
        }
        if (data.isEmpty()) {
            throw new Rejection(DeadLetterReason.MISSING_FIELD, P + "the envelope's data array holds no events");
        }
    }

    /** The Caliper version of a context IRI ("1.1" or "1.2"); rejects other Caliper versions. */
    static String contextVersion(String iri, String path) {
        String rest = iri.startsWith(CONTEXT_PREFIX) ? iri.substring(CONTEXT_PREFIX.length())
                : iri.startsWith("https://purl.imsglobal.org/ctx/caliper/")
                        ? iri.substring("https://purl.imsglobal.org/ctx/caliper/".length()) : null;
        if (rest == null) {
            throw invalid(path + " must be a Caliper context IRI such as " + CONTEXT_PREFIX + "v1p2 (was '"
                    + FormatSupport.shorten(iri) + "')");
        }
        if (rest.equals("v1p2") || rest.startsWith("v1p2/")) {
            return "1.2";
        }
        if (rest.equals("v1p1") || rest.startsWith("v1p1/")) {
            return "1.1";
        }
        throw new Rejection(DeadLetterReason.UNSUPPORTED_VERSION, P + "unsupported Caliper version in " + path + " '"
                + FormatSupport.shorten(iri) + "' (supported: v1p1 and v1p2)");
    }

    // ---- one event ---------------------------------------------------------------------------------------------

    /** Validates and maps one event. */
    private static final class EventReader {
        private final JsonNode ev;
        /** True when the @context adds vocabularies beyond Caliper's (unknown entity types are then allowed). */
        private boolean extendedVocabulary;
        private CaliperVocabulary.EventRule rule;
        private String action;

        EventReader(JsonNode ev) {
            this.ev = ev;
        }

        LearnerEvent read(String source, long ingestTime, long maxFutureSkewMs) {
            validate();
            LearnerEvent e = new LearnerEvent();
            e.source = source;
            e.format = FORMAT;
            e.ingestTime = ingestTime;
            e.eventId = ev.get("id").textValue().toLowerCase(Locale.ROOT);
            e.eventTime = eventTime();
            e.learnerId = learner();
            e.courseId = course();
            e.objectId = id(ev.get("object"));
            kind(e);
            String future = FormatSupport.futureDated(P + "eventTime", e.eventTime, ingestTime, maxFutureSkewMs);
            if (future != null) {
                throw new Rejection(DeadLetterReason.FUTURE_DATED, future);
            }
            return e;
        }

        // -- validation --

        private void validate() {
            if (!ev.isObject()) {
                throw invalid("an event must be a JSON object (was " + FormatSupport.show(ev) + ")");
            }
            context();
            JsonNode type = ev.get("type");
            if (type != null && type.isTextual() && isEntityTypeName(type.textValue())) {
                throw invalid("'" + type.textValue() + "' is an entity type, not an event; LearnPulse ingests "
                        + "Caliper events only");
            }
            unknown(ev, "event", EVENT_PROPERTIES, " (custom data belongs in 'extensions')");
            JsonNode id = required(ev, "id", "id");
            String ids = id.isTextual() ? id.textValue() : null;
            if (ids == null || !ids.regionMatches(true, 0, "urn:uuid:", 0, 9)
                    || !FormatSupport.isUuid(ids.substring(9))) {
                throw invalid("id must be a UUID URN, e.g. urn:uuid:3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f (was "
                        + FormatSupport.show(id) + ")");
            }
            String t = string(required(ev, "type", "type"), "type");
            rule = CaliperVocabulary.EVENTS.get(t);
            if (rule == null) {
                throw invalid("type '" + FormatSupport.shorten(t) + "' is not a Caliper event type");
            }
            JsonNode profile = optional(ev, "profile");
            if (profile != null && !CaliperVocabulary.PROFILES.contains(string(profile, "profile"))) {
                throw invalid("profile '" + FormatSupport.shorten(profile.textValue()) + "' is not a Caliper profile");
            }
            JsonNode actor = required(ev, "actor", "actor");
            action = string(required(ev, "action", "action"), "action");
            if (!CaliperVocabulary.ACTIONS.contains(action)) {
                throw invalid("action '" + FormatSupport.shorten(action) + "' is not a Caliper action");
            }
            if (rule.actions != null && !rule.actions.contains(action)) {
                throw invalid("action '" + action + "' is not allowed for " + rule.type + " (allowed: "
                        + String.join(", ", rule.actions) + ")");
            }
            String[] actorTypes = rule.actor;
            String[] objectTypes = rule.object;
            if (rule.type.equals("SessionEvent")) {
                boolean timedOut = action.equals("TimedOut");
                actorTypes = new String[] {timedOut ? "SoftwareApplication" : "Person"};
                objectTypes = new String[] {timedOut ? "Session" : "SoftwareApplication"};
            }
            entity(actor, "actor", actorTypes);
            entity(required(ev, "object", "object"), "object", objectTypes);
            dateTime(required(ev, "eventTime", "eventTime"), "eventTime");
            optionalEntity("edApp", "SoftwareApplication");
            JsonNode generated = optional(ev, "generated");
            if (generated != null) {
                entity(openEdxScore(generated), "generated", rule.generated);
            }
            optionalEntity("target", rule.target);
            optionalEntity("referrer", rule.referrer);
            optionalEntity("group", "Organization");
            optionalEntity("membership", "Membership");
            optionalEntity("session", "Session");
            JsonNode fed = optional(ev, "federatedSession");
            if (fed == null && rule.type.equals("ToolLaunchEvent")) {
                throw new Rejection(DeadLetterReason.MISSING_FIELD, P + "missing required property "
                        + "'federatedSession' (a ToolLaunchEvent carries the platform's LtiSession)");
            }
            if (fed != null) {
                entity(fed, "federatedSession", new String[] {"LtiSession"});
            }
            JsonNode ext = optional(ev, "extensions");
            if (ext != null && !ext.isObject()) {
                throw invalid("extensions must be an object (was " + FormatSupport.show(ext) + ")");
            }
        }

        /** @context: a Caliper 1.1 or 1.2 context, alone or in an array with other contexts. */
        private void context() {
            JsonNode c = required(ev, "@context", "@context");
            List<String> caliper = new ArrayList<>(1);
            if (c.isTextual()) {
                addContext(c.textValue(), caliper);
            } else if (c.isArray() && c.size() > 0) {
                for (JsonNode item : c) {
                    if (item.isTextual()) {
                        addContext(item.textValue(), caliper);
                    } else if (item.isObject()) {
                        extendedVocabulary = true;
                    } else {
                        throw invalid("@context items must be context IRIs or objects (was " + FormatSupport.show(item)
                                + ")");
                    }
                }
            } else if (!c.isObject()) {
                throw invalid("@context must be a Caliper context IRI or an array of contexts (was "
                        + FormatSupport.show(c) + ")");
            }
            if (caliper.isEmpty()) {
                throw invalid("@context must include a Caliper context such as " + CONTEXT_PREFIX + "v1p2 (was "
                        + FormatSupport.show(c) + ")");
            }
            for (String iri : caliper) {
                contextVersion(iri, "@context");
            }
        }

        private void addContext(String iri, List<String> caliper) {
            if (iri.contains("purl.imsglobal.org/ctx/caliper")) {
                caliper.add(iri);
            } else if (FormatSupport.isIri(iri)) {
                extendedVocabulary = true;
            } else {
                throw invalid("@context '" + FormatSupport.shorten(iri) + "' is not an IRI");
            }
        }

        private boolean isEntityTypeName(String t) {
            return CaliperVocabulary.isEntityType(t) || CaliperVocabulary.TYPE_ALIASES.containsKey(t);
        }

        private void optionalEntity(String name, String... types) {
            JsonNode v = optional(ev, name);
            if (v != null) {
                entity(v, name, types);
            }
        }

        /**
         * An entity: an IRI string (a reference whose type is unknown), or an object with an IRI (or blank
         * node) id and a Caliper type that is one of {@code types} or a subtype of one.
         */
        private void entity(JsonNode v, String path, String[] types) {
            if (v.isTextual()) {
                if (!isIriOrBlankNode(v.textValue())) {
                    throw invalid(path + " must be an entity object or an IRI (was " + FormatSupport.show(v) + ")");
                }
                return;
            }
            if (!v.isObject()) {
                throw invalid(path + " must be an entity object or an IRI (was " + FormatSupport.show(v) + ")");
            }
            JsonNode id = required(v, "id", path + ".id");
            if (!id.isTextual() || !isIriOrBlankNode(id.textValue())) {
                throw invalid(path + ".id must be an IRI (was " + FormatSupport.show(id) + ")");
            }
            String type = entityType(v, path);
            if (type != null && !isAny(type, types)) {
                throw invalid(path + " must be " + article(types) + " (was " + article(type) + ")");
            }
            for (String s : new String[] {"name", "description"}) {
                JsonNode x = optional(v, s);
                if (x != null && !x.isTextual()) {
                    throw invalid(path + "." + s + " must be a string (was " + FormatSupport.show(x) + ")");
                }
            }
            for (String s : new String[] {"dateCreated", "dateModified"}) {
                JsonNode x = optional(v, s);
                if (x != null) {
                    dateTime(x, path + "." + s);
                }
            }
            JsonNode ext = optional(v, "extensions");
            if (ext != null && !ext.isObject()) {
                throw invalid(path + ".extensions must be an object (was " + FormatSupport.show(ext) + ")");
            }
        }

        /** The entity's Caliper type (aliases resolved); null for a type of another vocabulary in @context. */
        private String entityType(JsonNode v, String path) {
            String type = string(required(v, "type", path + ".type"), path + ".type");
            String alias = CaliperVocabulary.TYPE_ALIASES.get(type);
            if (alias != null) {
                return alias;
            }
            if (CaliperVocabulary.isEntityType(type)) {
                return type;
            }
            if (extendedVocabulary) {
                return null;
            }
            throw invalid(path + ".type '" + FormatSupport.shorten(type) + "' is not a Caliper entity type");
        }

        private static boolean isAny(String type, String[] types) {
            for (String t : types) {
                if (CaliperVocabulary.isA(type, t)) {
                    return true;
                }
            }
            return false;
        }

        // -- mapping --

        private long eventTime() {
            return dateTime(ev.get("eventTime"), "eventTime");
        }

        /**
         * The learner: for a GradeEvent the Attempt's assignee (Open edX: in the Attempt's extensions), else
         * the actor; for a SessionEvent TimedOut the Session's user. It must be a Person (or an IRI).
         */
        private String learner() {
            JsonNode object = ev.get("object");
            JsonNode learner = null;
            String from = "actor";
            if (rule.type.equals("GradeEvent")) {
                learner = member(object, "assignee");
                from = "object.assignee";
                if (learner == null) {
                    learner = member(member(object, "extensions"), "assignee");
                    from = "object.extensions.assignee";
                }
            } else if (action.equals("TimedOut")) {
                learner = member(object, "user");
                from = "object.user";
            }
            if (learner != null) {
                entity(learner, from, new String[] {"Person"});
            } else {
                learner = ev.get("actor");
                from = "actor";
                if (learner.isObject()) {
                    String type = entityType(learner, "actor");
                    if (type != null && !CaliperVocabulary.isA(type, "Person")) {
                        throw new Rejection(DeadLetterReason.MISSING_FIELD, P + "no learner: the actor is "
                                + article(type) + (rule.type.equals("GradeEvent")
                                        ? " and the graded Attempt names no assignee" : "")
                                + "; LearnPulse attributes events to a Person");
                    }
                }
            }
            String id = id(learner);
            return isOpenEdx() ? openEdxLearnerId(id) : id;
        }

        /**
         * An event written by Open edX's event-routing backends: its {@code extensions.transformerVersion}
         * names them ({@code event-routing-backends@<version>}).
         */
        private boolean isOpenEdx() {
            JsonNode v = member(ev.get("extensions"), "transformerVersion");
            return v != null && v.isTextual() && v.textValue().startsWith(OPENEDX_TRANSFORMER);
        }

        /**
         * The course: {@code group} when it is a CourseSection or CourseOffering (or an IRI); else the
         * {@code membership}'s organization; else any other {@code group}; else the object when it is a
         * course; else the object's {@code isPartOf} course (Open edX: in the object's extensions).
         */
        private String course() {
            JsonNode group = ev.get("group");
            if (group != null && !group.isNull() && (group.isTextual() || isCourse(group))) {
                return id(group);
            }
            JsonNode membership = ev.get("membership");
            JsonNode org = member(membership, "organization");
            if (org != null && (org.isTextual() || isCourse(org))) {
                entity(org, "membership.organization", new String[] {"Organization"});
                return id(org);
            }
            if (group != null && !group.isNull()) {
                return id(group);
            }
            JsonNode object = ev.get("object");
            if (object.isObject() && isCourse(object)) {
                return id(object);
            }
            JsonNode partOf = member(object, "isPartOf");
            if (partOf != null && partOf.isObject() && isCourse(partOf)) {
                entity(partOf, "object.isPartOf", new String[] {"CourseOffering"});
                return id(partOf);
            }
            JsonNode edx = member(member(object, "extensions"), "isPartOf");
            if (edx != null && edx.isObject() && isCourse(edx)) {
                entity(edx, "object.extensions.isPartOf", new String[] {"CourseOffering"});
                return id(edx);
            }
            throw new Rejection(DeadLetterReason.MISSING_FIELD, P + "no course: the event needs a group (a "
                    + "CourseSection or CourseOffering), a membership organization, or an object that is or is part "
                    + "of a CourseOffering (LearnPulse fuses a learner's events within a course)");
        }

        private boolean isCourse(JsonNode entity) {
            JsonNode t = entity.get("type");
            return t != null && t.isTextual() && CaliperVocabulary.isA(t.textValue(), "CourseOffering");
        }

        private void kind(LearnerEvent e) {
            switch (rule.type) {
                case "NavigationEvent":
                case "ViewEvent":
                    click(e, "page_view");
                    return;
                case "MediaEvent":
                    media(e);
                    return;
                case "AssessmentItemEvent":
                    // Open edX's (proposed) edx.problem.completed is not a check: the check is its GradeEvent
                    if (action.equals("Completed") && !isOpenEdx()) {
                        e.kind = EventKind.ATTEMPT;
                        e.questionId = e.objectId;
                        e.attemptNumber = count(member(ev.get("generated"), "attempt"), "generated.attempt");
                        return;
                    }
                    break;
                case "GradeEvent":
                    graded(e);
                    return;
                default:
                    break;
            }
            e.kind = EventKind.OTHER;
        }

        private void media(LearnerEvent e) {
            VideoAction a;
            switch (action) {
                case "Started":
                case "Resumed":
                case "Restarted":
                    a = VideoAction.PLAY;
                    break;
                case "Paused":
                    a = VideoAction.PAUSE;
                    break;
                case "JumpedTo":
                case "ForwardedTo":
                    a = VideoAction.SEEK;
                    break;
                case "Ended":
                    a = VideoAction.ENDED;
                    break;
                default:
                    click(e, snakeCase(action));
                    return;
            }
            e.kind = EventKind.VIDEO;
            e.videoId = e.objectId;
            e.videoAction = a;
            JsonNode target = ev.get("target");
            double current = seconds(member(target, "currentTime"), "target.currentTime");
            if (a == VideoAction.SEEK) {
                // Open edX writes where the seek started in currentTime and where it ended in extensions.newTime
                double newTime = seconds(member(member(target, "extensions"), "newTime"), "target.extensions.newTime");
                if (!Double.isNaN(newTime)) {
                    e.seekFrom = current;
                    e.position = newTime;
                    return;
                }
            }
            e.position = current;
        }

        private void graded(LearnerEvent e) {
            e.kind = EventKind.ATTEMPT;
            JsonNode attempt = ev.get("object");
            JsonNode assignable = member(attempt, "assignable");
            String from = "object.assignable";
            JsonNode attemptExt = member(attempt, "extensions");
            if (assignable == null) {
                assignable = member(attemptExt, "assignable");
                from = "object.extensions.assignable";
            }
            if (assignable == null) {
                throw new Rejection(DeadLetterReason.MISSING_FIELD, P + "missing 'object.assignable': the graded "
                        + "Attempt must name the item it is an attempt at (LearnPulse needs the question)");
            }
            entity(assignable, from, new String[] {"DigitalResource"});
            e.questionId = id(assignable);
            JsonNode score = openEdxScore(ev.get("generated"));
            if (score != null && score.isObject()) {
                e.score = number(score.get("scoreGiven"), "generated.scoreGiven");
                e.maxScore = number(score.get("maxScore"), "generated.maxScore");
                if (Double.isNaN(e.score) || !(e.maxScore > 0)) {
                    e.score = Double.NaN; // no usable score without both a score and a positive maximum
                    e.maxScore = Double.NaN;
                }
            }
            Boolean success = openEdxSuccess(score);
            e.correct = success != null ? success : !Double.isNaN(e.score) && e.score >= e.maxScore;
            e.attemptNumber = attempt.has("count") ? count(attempt, "object")
                    : count(attemptExt, "object.extensions");
        }

        /**
         * Open edX's correctness of a check, which it writes on the Score as {@code extensions.success}
         * ({@code "True"} or {@code "False"}, the LMS's own verdict on the whole problem); null for other
         * events or when absent.
         */
        private Boolean openEdxSuccess(JsonNode score) {
            JsonNode v = isOpenEdx() ? member(member(score, "extensions"), "success") : null;
            if (v == null) {
                return null;
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isTextual() && (v.textValue().equals("True") || v.textValue().equals("False"))) {
                return v.textValue().equals("True");
            }
            throw invalid("the generated Score's extensions.success (Open edX's verdict) must be \"True\" or "
                    + "\"False\" (was " + FormatSupport.show(v) + ")");
        }

        /** {@code Attempt.count} as the attempt number (1 when absent); must be an integer >= 1. */
        private int count(JsonNode attempt, String path) {
            JsonNode c = member(attempt, "count");
            if (c == null) {
                return 1;
            }
            if (!c.isIntegralNumber() || c.decimalValue().signum() <= 0
                    || c.decimalValue().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw invalid(path + ".count (the attempt number) must be an integer between 1 and "
                        + Integer.MAX_VALUE + " (was " + FormatSupport.show(c) + ")");
            }
            return c.intValue();
        }

        private double number(JsonNode v, String path) {
            if (v == null || v.isNull()) {
                return Double.NaN;
            }
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw invalid(path + " must be a finite number (was " + FormatSupport.show(v) + ")");
            }
            return v.doubleValue() + 0.0;
        }

        /** An ISO 8601 duration in seconds (NaN when absent). */
        private double seconds(JsonNode v, String path) {
            if (v == null || v.isNull()) {
                return Double.NaN;
            }
            double s = v.isTextual() ? IsoDurations.toSeconds(v.textValue()) : Double.NaN;
            if (Double.isNaN(s) || Double.isInfinite(s)) {
                throw invalid(path + " must be an ISO 8601 duration in days, hours, minutes and seconds, e.g. "
                        + "PT5M21.5S (was " + FormatSupport.show(v) + ")");
            }
            return s;
        }

        private void click(LearnerEvent e, String clickType) {
            e.kind = EventKind.CLICK;
            e.pageId = e.objectId;
            e.clickType = clickType;
        }
    }

    // ---- shared rules ------------------------------------------------------------------------------------------

    /**
     * Open edX's event-routing backends write a GradeEvent's score as {@code "generated": {"score": {...}}};
     * that wrapper (an object without a type whose only property is {@code score}) is read as the Score.
     */
    static JsonNode openEdxScore(JsonNode generated) {
        if (generated != null && generated.isObject() && generated.size() == 1 && !generated.has("type")) {
            JsonNode score = generated.get("score");
            if (score != null && score.isObject()) {
                return score;
            }
        }
        return generated;
    }

    /**
     * The learner id of an Open edX user IRI, {@code <LMS root>/user/<anonymous id>}: {@code
     * account:<LMS root>|<anonymous id>}, the id the xAPI parser gives the account {@code {homePage: <LMS
     * root>, name: <anonymous id>}} Open edX writes for the same user. Other ids are returned unchanged.
     */
    static String openEdxLearnerId(String id) {
        int u = id.lastIndexOf("/user/");
        if (u <= 0) {
            return id;
        }
        String root = id.substring(0, u);
        String name = id.substring(u + 6);
        int scheme = root.indexOf("://");
        if (name.isEmpty() || scheme <= 0 || scheme + 3 >= root.length() || !FormatSupport.isIri(root)) {
            return id;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return id;
            }
        }
        return "account:" + root + "|" + name;
    }

    /** The id of an entity (object) or the IRI itself (string reference). */
    static String id(JsonNode entity) {
        return entity.isTextual() ? entity.textValue() : entity.get("id").textValue();
    }

    /** A property of an entity object, or null (also for a string reference, absent or null). */
    static JsonNode member(JsonNode entity, String name) {
        if (entity == null || !entity.isObject()) {
            return null;
        }
        JsonNode v = entity.get(name);
        return v == null || v.isNull() ? null : v;
    }

    static boolean isIriOrBlankNode(String s) {
        return (s.startsWith("_:") && s.length() > 2 && s.indexOf(' ') < 0) || FormatSupport.isIri(s);
    }

    /** "a Person", "an Attempt", "a Person or a SoftwareApplication". */
    static String article(String... types) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                sb.append(i == types.length - 1 ? " or " : ", ");
            }
            char c = Character.toUpperCase(types[i].charAt(0));
            boolean vowelSound = c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || types[i].startsWith("Lti");
            sb.append(vowelSound ? "an " : "a ").append(types[i]);
        }
        return sb.toString();
    }

    static String snakeCase(String term) {
        StringBuilder sb = new StringBuilder(term.length() + 4);
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A required property; JSON null counts as missing. */
    static JsonNode required(JsonNode o, String name, String path) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new Rejection(DeadLetterReason.MISSING_FIELD, P + "missing required property '" + path + "'"
                    + (v != null ? " (was null)" : ""));
        }
        return v;
    }

    /** An optional property: null when absent or JSON null (JSON-LD drops null values). */
    static JsonNode optional(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? null : v;
    }

    static String string(JsonNode v, String path) {
        if (!v.isTextual()) {
            throw invalid(path + " must be a string (was " + FormatSupport.show(v) + ")");
        }
        return v.textValue();
    }

    static void iriString(JsonNode v, String path) {
        if (!v.isTextual() || !FormatSupport.isIri(v.textValue())) {
            throw invalid(path + " must be an IRI (was " + FormatSupport.show(v) + ")");
        }
    }

    /** An ISO 8601 date-time with a time zone, in epoch milliseconds (>= 1970). */
    static long dateTime(JsonNode v, String path) {
        String s = string(v, path);
        long t;
        try {
            t = IsoTimestamps.parse(s);
        } catch (IsoTimestamps.InvalidTimestamp e) {
            throw invalid(path + (e.problem == IsoTimestamps.Problem.NO_OFFSET
                    ? " must include a time zone (Caliper: YYYY-MM-DDTHH:mm:ss.SSSZ in UTC)"
                    : e.problem == IsoTimestamps.Problem.OUT_OF_RANGE ? " is out of range"
                    : " must be an ISO 8601 date-time, e.g. 2026-03-02T10:15:30.250Z") + " (was " + FormatSupport.show(v)
                    + ")");
        }
        if (t < 0) {
            throw invalid(path + " must not be before 1970-01-01T00:00:00Z (was " + FormatSupport.show(v) + ")");
        }
        return t;
    }

    static void unknown(JsonNode o, String where, Set<String> allowed, String hint) {
        List<String> bad = null;
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                if (bad == null) {
                    bad = new ArrayList<>(1);
                }
                bad.add(FormatSupport.shorten(n));
            }
        }
        if (bad != null) {
            bad.sort(null);
            throw invalid(where + " has " + (bad.size() == 1 ? "an unknown property '" + bad.get(0) + "'"
                    : "unknown properties '" + String.join("', '", bad) + "'") + hint);
        }
    }

    static Rejection invalid(String message) {
        return new Rejection(DeadLetterReason.INVALID_FIELD, P + message);
    }
}
