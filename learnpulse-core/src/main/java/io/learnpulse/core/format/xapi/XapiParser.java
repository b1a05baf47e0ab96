package io.learnpulse.core.format.xapi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.VideoAction;
import io.learnpulse.core.format.FormatSupport;
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
 * Parses xAPI statements (1.0.x and 2.0) into canonical {@link LearnerEvent}s, or dead letters naming the
 * broken rule. A payload is one statement or a JSON array of statements; each statement of an array is
 * parsed on its own (one bad statement is one dead letter, the others still become events).
 *
 * <p>Each statement is first validated against the xAPI statement requirements ({@link XapiValidator}),
 * then mapped (the mapping, its choices and the id rule are in {@code docs/formats.md}, section xAPI):
 * <ul>
 *   <li>actor → learner id: {@code mailto:<address>} (domain lower-cased), {@code sha1:<hex>},
 *       {@code openid:<uri>} or {@code account:<homePage>|<name>}; an anonymous Group is a dead letter;</li>
 *   <li>verb (and object) → kind: ATTEMPT, HINT, VIDEO, CLICK or OTHER; a statement on one part of an
 *       evaluated interaction, and Open edX's grade record of a problem, are OTHER (another statement of the
 *       same check is its attempt);</li>
 *   <li>course: a course-typed parent or grouping activity, the object when it is a course, the first
 *       parent, or {@code context.platform}; none is a {@code missing_field} dead letter;</li>
 *   <li>{@code timestamp} → event time (required, with a time zone); {@code id} → event id, or
 *       {@code xapi-} and 32 hex digits derived from the statement's content.</li>
 * </ul>
 *
 * <p>Never throws. Thread-safe. Does not check the record size or the channel ({@link
 * io.learnpulse.core.format.RecordParser} does) but does check that events are not future-dated.
 */
public final class XapiParser implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final String FORMAT = "xapi";

    // ---- vocabulary -------------------------------------------------------------------------------------------

    static final String ADL_VERBS = "http://adlnet.gov/expapi/verbs/";
    static final String VIDEO_VERBS = "https://w3id.org/xapi/video/verbs/";
    static final String EVALUATED = "https://w3id.org/xapi/acrossx/verbs/evaluated";
    static final String NAVIGATED = "https://w3id.org/xapi/dod-isd/verbs/navigated";
    static final String VIEWED = "http://id.tincanapi.com/verb/viewed";

    static final String VIDEO_ACTIVITY = "https://w3id.org/xapi/video/activity-type/video";
    static final String EXT_TIME = "https://w3id.org/xapi/video/extensions/time";
    static final String EXT_TIME_FROM = "https://w3id.org/xapi/video/extensions/time-from";
    static final String EXT_TIME_TO = "https://w3id.org/xapi/video/extensions/time-to";
    /** The TinCan registry's attempt number, which Open edX puts on problem checks. */
    static final String EXT_ATTEMPT = "http://id.tincanapi.com/extension/attempt-id";

    /** Activity types of an interaction (a question that may have several parts, or one of its parts). */
    static final Set<String> INTERACTION_TYPES = Set.of(
            "http://adlnet.gov/expapi/activities/interaction",
            "http://adlnet.gov/expapi/activities/cmi.interaction");

    /** Activity types an attempted/completed/passed/failed statement with a result is an ATTEMPT on. */
    static final Set<String> ASSESSMENT_TYPES = Set.of(
            "http://adlnet.gov/expapi/activities/assessment",
            "http://adlnet.gov/expapi/activities/question",
            "http://adlnet.gov/expapi/activities/interaction",
            "http://adlnet.gov/expapi/activities/cmi.interaction");

    private static final String PAGE_VIEW = "page_view";

    private final long maxFutureSkewMs;

    public XapiParser(ParserSettings settings) {
        this.maxFutureSkewMs = Objects.requireNonNull(settings, "settings").maxFutureSkewMs;
    }

    /**
     * Parses a payload that is one statement or an array of statements received on channel {@code source};
     * emits one result per statement (one dead letter for a payload that cannot be read at all, or an empty
     * array). Never throws.
     */
    public void parse(String source, String payload, long ingestTime, Consumer<ParseResult> out) {
        List<FormatSupport.Element> elements;
        boolean array;
        try (JsonParser p = FormatSupport.strictParser(payload)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                array = true;
                elements = FormatSupport.readArrayElements(p, payload);
            } else if (t == JsonToken.START_OBJECT) {
                array = false;
                elements = List.of(new FormatSupport.Element(FormatSupport.readTree(p), payload));
            } else {
                out.accept(dead(payload, source, DeadLetterReason.MALFORMED_JSON, t == null ? "empty record"
                        : "an xAPI record must be a statement object or an array of statements (was "
                                + FormatSupport.tokenKind(t) + ")", ingestTime));
                return;
            }
            FormatSupport.requireEnd(p);
        } catch (IOException | RuntimeException e) {
            out.accept(FormatSupport.readFailure(e, XapiValidator.P, payload, source, ingestTime));
            return;
        }
        if (elements.isEmpty()) {
            out.accept(dead(payload, source, DeadLetterReason.MISSING_FIELD,
                    XapiValidator.P + "the array holds no statements", ingestTime));
            return;
        }
        int n = elements.size();
        for (int i = 0; i < n; i++) {
            FormatSupport.Element el = elements.get(i);
            out.accept(parse(source, el.node, el.raw, ingestTime,
                    array ? " (statement " + (i + 1) + " of " + n + ")" : ""));
        }
    }

    /** Parses one statement already read as a tree; {@code raw} is its text (kept in a dead letter). */
    public ParseResult parseStatement(String source, JsonNode statement, String raw, long ingestTime) {
        return parse(source, statement, raw, ingestTime, "");
    }

    private ParseResult parse(String source, JsonNode statement, String raw, long ingestTime, String where) {
        try {
            XapiValidator.validate(statement);
            return ParseResult.success(map(source, statement, ingestTime));
        } catch (Rejection r) {
            return dead(raw, source, r.reason, r.getMessage() + where, ingestTime);
        } catch (RuntimeException e) {
            return dead(raw, source, DeadLetterReason.INVALID_FIELD,
                    "statement could not be parsed (internal error: " + e + ")" + where, ingestTime);
        }
    }

    private static ParseResult dead(String raw, String source, String reason, String error, long ingestTime) {
        return ParseResult.failure(new DeadLetter(raw, source, reason, error, ingestTime));
    }

    // ---- mapping (the statement is valid xAPI) ----------------------------------------------------------------

    private LearnerEvent map(String source, JsonNode st, long ingestTime) {
        LearnerEvent e = new LearnerEvent();
        e.source = source;
        e.format = FORMAT;
        e.ingestTime = ingestTime;
        e.eventTime = eventTime(st);
        e.learnerId = learnerId(st.get("actor"));

        JsonNode object = st.get("object");
        boolean activity = isActivity(object);
        String activityType = activity ? activityType(object) : null;
        JsonNode context = st.get("context");
        e.courseId = course(context, activity ? object : null);
        e.objectId = objectId(object);

        String verb = st.get("verb").get("id").textValue();
        JsonNode result = st.get("result");
        if (activity) {
            classify(e, verb, activityType, object, result, context);
        } else {
            e.kind = EventKind.OTHER;
        }

        String future = FormatSupport.futureDated(XapiValidator.P + "timestamp", e.eventTime, ingestTime,
                maxFutureSkewMs);
        if (future != null) {
            throw new Rejection(DeadLetterReason.FUTURE_DATED, future);
        }
        JsonNode id = st.get("id");
        e.eventId = id != null ? id.textValue().toLowerCase(Locale.ROOT) : derivedId(st, e.eventTime);
        return e;
    }

    private static long eventTime(JsonNode st) {
        JsonNode ts = st.get("timestamp");
        if (ts == null) {
            throw new Rejection(DeadLetterReason.MISSING_FIELD, XapiValidator.P + "missing 'timestamp': LearnPulse "
                    + "needs the time of the experience (the LRS's 'stored' time is not used instead)");
        }
        long t;
        try {
            t = IsoTimestamps.parse(ts.textValue());
        } catch (IsoTimestamps.InvalidTimestamp ex) {
            // the validator accepted it, so the only problem left is a missing offset
            throw XapiValidator.invalid("timestamp must include a time zone (Z or ±hh:mm); LearnPulse needs an "
                    + "absolute time (was " + FormatSupport.show(ts) + ")");
        }
        if (t < 0) {
            throw XapiValidator.invalid("timestamp must not be before 1970-01-01T00:00:00Z (was "
                    + FormatSupport.show(ts) + ")");
        }
        return t;
    }

    /** The learner id of an Agent or identified Group (the IFI), rejecting an anonymous Group. */
    static String learnerId(JsonNode actor) {
        String id = ifiId(actor);
        if (id == null) {
            throw XapiValidator.invalid("actor is an anonymous Group (no inverse functional identifier); LearnPulse "
                    + "attributes events to a single identified learner");
        }
        return id;
    }

    /** {@code mailto:..}, {@code sha1:..}, {@code openid:..}, {@code account:<homePage>|<name>}, or null. */
    private static String ifiId(JsonNode agent) {
        JsonNode v = agent.get("mbox");
        if (v != null) {
            String s = v.textValue();
            int at = s.indexOf('@');
            return s.substring(0, at + 1) + s.substring(at + 1).toLowerCase(Locale.ROOT);
        }
        v = agent.get("mbox_sha1sum");
        if (v != null) {
            return "sha1:" + v.textValue().toLowerCase(Locale.ROOT);
        }
        v = agent.get("openid");
        if (v != null) {
            return "openid:" + v.textValue();
        }
        v = agent.get("account");
        if (v != null) {
            return "account:" + v.get("homePage").textValue() + "|" + v.get("name").textValue();
        }
        return null;
    }

    private static boolean isActivity(JsonNode object) {
        JsonNode ot = object.get("objectType");
        return ot == null || "Activity".equals(ot.textValue())
                || XapiValidator.OPENEDX_GROUP_ACTIVITY.equals(ot.textValue());
    }

    private static String activityType(JsonNode activity) {
        JsonNode def = activity.get("definition");
        JsonNode type = def == null ? null : def.get("type");
        return type == null ? null : type.textValue();
    }

    private static String objectId(JsonNode object) {
        JsonNode ot = object.get("objectType");
        String type = ot == null ? "Activity" : ot.textValue();
        switch (type) {
            case "Agent":
            case "Group": {
                String id = ifiId(object);
                return id != null ? id : "anonymous-group";
            }
            case "SubStatement":
                return "substatement";
            default: // Activity, GroupActivity, StatementRef: their id
                return object.get("id").textValue();
        }
    }

    // ---- course ------------------------------------------------------------------------------------------------

    /**
     * The first course-typed activity among the parent then grouping context activities; else the object
     * when it is course-typed; else the first parent; else {@code context.platform}.
     */
    private static String course(JsonNode context, JsonNode activityObject) {
        List<JsonNode> parents = contextActivities(context, "parent");
        List<JsonNode> groupings = contextActivities(context, "grouping");
        for (JsonNode a : parents) {
            if (isCourseType(activityType(a))) {
                return a.get("id").textValue();
            }
        }
        for (JsonNode a : groupings) {
            if (isCourseType(activityType(a))) {
                return a.get("id").textValue();
            }
        }
        if (activityObject != null && isCourseType(activityType(activityObject))) {
            return activityObject.get("id").textValue();
        }
        if (!parents.isEmpty()) {
            return parents.get(0).get("id").textValue();
        }
        JsonNode platform = context == null ? null : context.get("platform");
        if (platform != null && !platform.textValue().isEmpty()) {
            return platform.textValue();
        }
        throw new Rejection(DeadLetterReason.MISSING_FIELD, XapiValidator.P + "no course: the statement needs a "
                + "course-typed or parent activity in context.contextActivities, or context.platform (LearnPulse "
                + "fuses a learner's events within a course)");
    }

    /** A type whose last path segment is "course" (ADL, cmi5 and similar vocabularies). */
    static boolean isCourseType(String type) {
        return type != null && "course".equalsIgnoreCase(lastSegment(type));
    }

    private static List<JsonNode> contextActivities(JsonNode context, String key) {
        JsonNode ca = context == null ? null : context.get("contextActivities");
        JsonNode v = ca == null ? null : ca.get(key);
        if (v == null) {
            return List.of();
        }
        if (v.isObject()) {
            return List.of(v);
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    // ---- kind --------------------------------------------------------------------------------------------------

    private static void classify(LearnerEvent e, String verb, String activityType, JsonNode object, JsonNode result,
            JsonNode context) {
        boolean video = VIDEO_ACTIVITY.equals(activityType);
        switch (verb) {
            case ADL_VERBS + "answered":
                attempt(e, verb, result, object, context);
                return;
            case ADL_VERBS + "completed":
                if (video) {
                    video(e, VideoAction.ENDED, result);
                    return;
                }
                assessed(e, verb, activityType, object, result, context);
                return;
            case ADL_VERBS + "attempted":
            case ADL_VERBS + "passed":
            case ADL_VERBS + "failed":
                assessed(e, verb, activityType, object, result, context);
                return;
            case EVALUATED:
                if (hasOutcome(result)) {
                    attempt(e, verb, result, object, context);
                } else {
                    e.kind = EventKind.OTHER;
                }
                return;
            case ADL_VERBS + "asked":
                hint(e, context);
                return;
            case VIDEO_VERBS + "played":
                video(e, VideoAction.PLAY, result);
                return;
            case VIDEO_VERBS + "paused":
                video(e, VideoAction.PAUSE, result);
                return;
            case VIDEO_VERBS + "seeked":
                video(e, VideoAction.SEEK, result);
                return;
            case ADL_VERBS + "terminated":
                if (video) {
                    video(e, VideoAction.ENDED, result);
                } else {
                    click(e, "terminated");
                }
                return;
            case ADL_VERBS + "experienced":
            case NAVIGATED:
            case VIEWED:
                click(e, PAGE_VIEW);
                return;
            case ADL_VERBS + "interacted":
            case ADL_VERBS + "initialized":
            case ADL_VERBS + "progressed":
            case ADL_VERBS + "launched":
                click(e, lastSegment(verb));
                return;
            default:
                e.kind = EventKind.OTHER;
        }
    }

    /** attempted/completed/passed/failed: an ATTEMPT on an assessment-like activity with an outcome. */
    private static void assessed(LearnerEvent e, String verb, String activityType, JsonNode object,
            JsonNode result, JsonNode context) {
        if (isAssessment(activityType, object) && hasOutcome(result)) {
            attempt(e, verb, result, object, context);
        } else {
            e.kind = EventKind.OTHER;
        }
    }

    /** An assessment, question or interaction activity (by type, or by having an interactionType). */
    private static boolean isAssessment(String activityType, JsonNode object) {
        if (activityType != null && ASSESSMENT_TYPES.contains(activityType)) {
            return true;
        }
        JsonNode def = object.get("definition");
        return def != null && def.has("interactionType");
    }

    /** A result with a score or a success flag. */
    private static boolean hasOutcome(JsonNode result) {
        return result != null && (result.has("score") || result.has("success"));
    }

    /** An interaction activity: typed as one, or with an {@code interactionType}. */
    private static boolean isInteraction(JsonNode activity) {
        String type = activityType(activity);
        if (type != null && INTERACTION_TYPES.contains(type)) {
            return true;
        }
        JsonNode def = activity.get("definition");
        return def != null && def.has("interactionType");
    }

    /**
     * An attempt-like statement that only reports on one part of a question: it refers to the statement
     * about the whole ({@code context.statement}) and names an interaction other than its object as its
     * parent. Open edX sends one for each input of a problem with several inputs, next to the statement
     * that evaluates the whole problem (which is the attempt).
     */
    private static boolean isPartOfAnEvaluation(JsonNode context, String objectId) {
        if (context == null || context.get("statement") == null) {
            return false;
        }
        for (JsonNode parent : contextActivities(context, "parent")) {
            if (isInteraction(parent) && !parent.get("id").textValue().equals(objectId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Open edX's {@code attempted} on a problem block ({@code edx.grades.problem.submitted}): the gradebook's
     * record of the score that the same check's {@code evaluated} statement ({@code problem_check}) already
     * carries with the check's correctness and attempt number. Other scored block types have no
     * {@code problem_check}, so their grade submission stays their attempt.
     */
    private static boolean isOpenEdxProblemGradeRecord(String verb, String objectId) {
        return verb.equals(ADL_VERBS + "attempted") && isOpenEdxProblemBlock(objectId);
    }

    /**
     * An id naming an Open edX problem block (capa, the block type whose checks emit {@code problem_check}):
     * a usage key {@code block-v1:...+type@problem+block@...} (or {@code ccx-block-v1:}), or an old
     * {@code i4x://org/course/problem/name} location.
     */
    static boolean isOpenEdxProblemBlock(String id) {
        if (id.contains("+type@problem+block@")) {
            return true;
        }
        int i4x = id.indexOf("i4x://");
        if (i4x < 0) {
            return false;
        }
        // i4x://<org>/<course>/problem/<name>
        int org = id.indexOf('/', i4x + 6);
        int course = org < 0 ? -1 : id.indexOf('/', org + 1);
        return course > 0 && id.startsWith("problem/", course + 1);
    }

    private static void attempt(LearnerEvent e, String verb, JsonNode result, JsonNode object, JsonNode context) {
        if (isPartOfAnEvaluation(context, e.objectId) || isOpenEdxProblemGradeRecord(verb, e.objectId)) {
            e.kind = EventKind.OTHER; // the attempt is another statement of the same check
            return;
        }
        e.kind = EventKind.ATTEMPT;
        e.questionId = e.objectId;
        JsonNode score = result == null ? null : result.get("score");
        double raw = number(score, "raw");
        double max = number(score, "max");
        double scaled = number(score, "scaled");
        if (!Double.isNaN(raw) && max > 0) {
            e.score = raw + 0.0;
            e.maxScore = max;
        } else if (!Double.isNaN(scaled) && max != 0) {
            // a maximum of 0 leaves nothing to scale against (Open edX writes scaled 0 for ungraded problems)
            e.score = scaled + 0.0;
            e.maxScore = 1.0;
        }
        JsonNode success = result == null ? null : result.get("success");
        boolean openEdxGroup = XapiValidator.OPENEDX_GROUP_ACTIVITY.equals(textOf(object.get("objectType")));
        if (openEdxGroup && !Double.isNaN(e.score)) {
            // Open edX sets a several-input problem's success from its first input only; the score is the whole's
            e.correct = e.score >= e.maxScore;
        } else if (success != null) {
            e.correct = success.booleanValue();
        } else {
            e.correct = !Double.isNaN(e.score) && e.score >= e.maxScore;
        }
        e.attemptNumber = attemptNumber(result, context, object);
    }

    private static String textOf(JsonNode v) {
        return v == null ? null : v.textValue();
    }

    private static double number(JsonNode o, String name) {
        JsonNode v = o == null ? null : o.get(name);
        return v == null ? Double.NaN : v.doubleValue();
    }

    /** The attempt-id extension of the result, the context or the activity definition (in that order); else 1. */
    private static int attemptNumber(JsonNode result, JsonNode context, JsonNode object) {
        String[] where = {"result.extensions", "context.extensions", "object.definition.extensions"};
        JsonNode def = object.get("definition");
        JsonNode[] maps = {
            result == null ? null : result.get("extensions"),
            context == null ? null : context.get("extensions"),
            def == null ? null : def.get("extensions")
        };
        for (int i = 0; i < maps.length; i++) {
            JsonNode v = maps[i] == null ? null : maps[i].get(EXT_ATTEMPT);
            if (v == null) {
                continue;
            }
            if (!v.isIntegralNumber() || v.decimalValue().signum() <= 0
                    || v.decimalValue().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw XapiValidator.invalid(where[i] + "['" + EXT_ATTEMPT + "'] (the attempt number) must be an "
                        + "integer between 1 and " + Integer.MAX_VALUE + " (was " + FormatSupport.show(v) + ")");
            }
            return v.intValue();
        }
        return 1;
    }

    /**
     * A hint on a question: the first assessment-like parent activity is the question; else, for an object id
     * ending in {@code /hint/<n>} (Open edX demand hints, n counted from 0) or {@code /answer} (Open edX
     * "show answer"), the id before that suffix, with hint index n + 1 (0 for an answer); else the object.
     */
    private static void hint(LearnerEvent e, JsonNode context) {
        e.kind = EventKind.HINT;
        for (JsonNode parent : contextActivities(context, "parent")) {
            String type = activityType(parent);
            if (type != null && ASSESSMENT_TYPES.contains(type)) {
                e.questionId = parent.get("id").textValue();
                return;
            }
        }
        String id = e.objectId;
        int h = id.lastIndexOf("/hint/");
        if (h > 0 && isDigits(id, h + 6)) {
            e.questionId = id.substring(0, h);
            long n = id.length() - (h + 6) <= 9 ? Long.parseLong(id.substring(h + 6)) : -1;
            e.hintIndex = n >= 0 && n < Integer.MAX_VALUE ? (int) n + 1 : 0;
            return;
        }
        if (id.endsWith("/answer") && id.length() > 7) {
            e.questionId = id.substring(0, id.length() - 7);
            return;
        }
        e.questionId = id;
    }

    private static boolean isDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Video Profile: position from the time extension; a seek from time-from to time-to. */
    private static void video(LearnerEvent e, VideoAction action, JsonNode result) {
        e.kind = EventKind.VIDEO;
        e.videoId = e.objectId;
        e.videoAction = action;
        JsonNode ext = result == null ? null : result.get("extensions");
        if (action == VideoAction.SEEK) {
            e.seekFrom = seconds(ext, EXT_TIME_FROM);
            double to = seconds(ext, EXT_TIME_TO);
            e.position = Double.isNaN(to) ? seconds(ext, EXT_TIME) : to;
        } else {
            e.position = seconds(ext, EXT_TIME);
        }
    }

    private static double seconds(JsonNode ext, String key) {
        JsonNode v = ext == null ? null : ext.get(key);
        if (v == null) {
            return Double.NaN;
        }
        double d = v.isNumber() ? v.doubleValue() : Double.NaN;
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw XapiValidator.invalid("result.extensions['" + key + "'] must be a number of seconds >= 0 (was "
                    + FormatSupport.show(v) + ")");
        }
        return d + 0.0;
    }

    private static void click(LearnerEvent e, String clickType) {
        e.kind = EventKind.CLICK;
        e.pageId = e.objectId;
        e.clickType = clickType;
    }

    /** The part of an IRI after its last '/' or '#'. */
    static String lastSegment(String iri) {
        int cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
        return iri.substring(cut + 1);
    }

    // ---- derived ids -------------------------------------------------------------------------------------------

    /**
     * {@code xapi-} and 32 hex digits of the SHA-256 of the statement's canonical JSON: every property except
     * {@code id}, {@code stored}, {@code authority} and {@code version} (which an LRS sets), with
     * {@code timestamp} replaced by the event time in epoch milliseconds, keys sorted, no whitespace and
     * numbers by value (see {@link FormatSupport#canonicalJson}).
     */
    /**
     * The content hash of a valid statement whose timestamp is {@code eventTime} (epoch ms): the id it would be
     * given without an {@code id} ({@code xapi-} and 32 hex digits). Two statements have the same hash when they
     * differ only in {@code id}, {@code stored}, {@code authority}, {@code version}, key order, whitespace, how
     * numbers are written or the offset of the timestamp: the differences xAPI's statement comparison ignores
     * (most of them). For detecting a statement re-sent under its id with different content.
     */
    public static String contentHash(JsonNode statement, long eventTime) {
        return derivedId(statement, eventTime);
    }

    static String derivedId(JsonNode st, long eventTime) {
        List<String> keys = new ArrayList<>(st.size());
        Iterator<String> names = st.fieldNames();
        while (names.hasNext()) {
            keys.add(names.next());
        }
        keys.sort(null);
        StringBuilder sb = new StringBuilder(512);
        sb.append('{');
        boolean first = true;
        for (String k : keys) {
            if (k.equals("id") || k.equals("stored") || k.equals("authority") || k.equals("version")) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(k).append("\":");
            if (k.equals("timestamp")) {
                sb.append(eventTime);
            } else {
                FormatSupport.canonicalJson(st.get(k), sb);
            }
        }
        sb.append('}');
        return FormatSupport.sha256Id("xapi-", sb.toString());
    }
}
