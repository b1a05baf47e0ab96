package io.learnpulse.core.format.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.core.event.DeadLetterReason;
import io.learnpulse.core.format.FormatSupport;
import io.learnpulse.core.format.IsoDurations;
import io.learnpulse.core.format.IsoTimestamps;
import io.learnpulse.core.format.Rejection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The statement requirements of the xAPI specification (1.0.3, xAPI-Data.md part 2, and the additions of
 * xAPI 2.0), checked on a JSON tree. Throws a {@link Rejection} naming the first broken rule; the rules are
 * checked in a fixed order (object by object, properties in the order of the specification's tables), so
 * the reported rule does not depend on the order of the properties in the statement.
 *
 * <p>Rules (the message of each starts with {@code "xAPI: "} and names the property path):
 * <ul>
 *   <li>a statement is an object with {@code actor}, {@code verb} and {@code object}, and no properties
 *       but those of the specification (every object below is checked for unknown properties too);</li>
 *   <li>{@code null} is not allowed anywhere outside extensions;</li>
 *   <li>{@code id}, {@code context.registration} and StatementRef ids are UUIDs in standard string form;</li>
 *   <li>an Agent has exactly one inverse functional identifier (IFI): {@code mbox} (a {@code mailto:} IRI),
 *       {@code mbox_sha1sum} (40 hex digits), {@code openid} (a URI) or {@code account}
 *       ({@code homePage} IRL and {@code name}); an identified Group has exactly one IFI, an anonymous
 *       Group none and a {@code member} list; members are Agents, never Groups;</li>
 *   <li>verb, activity, activity type, extension keys, attachment usage types are IRIs;</li>
 *   <li>language maps ({@code display}, {@code name}, {@code description}) are objects whose keys are
 *       RFC 5646 tags and whose values are strings;</li>
 *   <li>{@code object.objectType} is Activity (default), Agent, Group, SubStatement or StatementRef; a
 *       SubStatement has no {@code id}, {@code stored}, {@code version} or {@code authority} and does not
 *       nest; an interaction activity has a valid {@code interactionType}, component lists that belong to
 *       it and distinct component ids;</li>
 *   <li>{@code result.score}: numbers, {@code scaled} in [-1, 1], {@code min <= raw <= max};
 *       {@code success} and {@code completion} booleans, {@code duration} an ISO 8601 duration;</li>
 *   <li>{@code contextActivities} keys are parent, grouping, category and other, each an Activity or an
 *       array of Activities; {@code revision} and {@code platform} only when the object is an Activity;</li>
 *   <li>{@code timestamp} and {@code stored} are ISO 8601 date-times; {@code version} starts with
 *       {@code 1.0.} or is {@code 2.0}/{@code 2.0.x} (else {@code unsupported_version});</li>
 *   <li>a voiding statement ({@code http://adlnet.gov/expapi/verbs/voided}) has a StatementRef object.</li>
 * </ul>
 *
 * <p>One deliberate exception for Open edX: the {@code objectType} {@code GroupActivity}, which Open edX's
 * event-routing backends put on multi-question problems (not an xAPI value), is read as {@code Activity}.
 */
final class XapiValidator {

    static final String P = "xAPI: ";

    static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";
    /** Open edX event-routing-backends' objectType for a problem with several inputs; read as Activity. */
    static final String OPENEDX_GROUP_ACTIVITY = "GroupActivity";

    private static final Set<String> STATEMENT = Set.of("id", "actor", "verb", "object", "result", "context",
            "timestamp", "stored", "authority", "version", "attachments");
    private static final Set<String> SUB_STATEMENT = Set.of("objectType", "actor", "verb", "object", "result",
            "context", "timestamp", "attachments");
    private static final Set<String> AGENT = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid",
            "account");
    private static final Set<String> GROUP = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid",
            "account", "member");
    private static final Set<String> ACCOUNT = Set.of("homePage", "name");
    private static final Set<String> VERB = Set.of("id", "display");
    private static final Set<String> ACTIVITY = Set.of("objectType", "id", "definition");
    private static final Set<String> DEFINITION = Set.of("name", "description", "type", "moreInfo", "extensions",
            "interactionType", "correctResponsesPattern", "choices", "scale", "source", "target", "steps");
    private static final Set<String> COMPONENT = Set.of("id", "description");
    private static final Set<String> STATEMENT_REF = Set.of("objectType", "id");
    private static final Set<String> RESULT = Set.of("score", "success", "completion", "response", "duration",
            "extensions");
    private static final Set<String> SCORE = Set.of("scaled", "raw", "min", "max");
    private static final Set<String> CONTEXT_1 = Set.of("registration", "instructor", "team", "contextActivities",
            "revision", "platform", "language", "statement", "extensions");
    private static final Set<String> CONTEXT_2 = Set.of("registration", "instructor", "team", "contextActivities",
            "revision", "platform", "language", "statement", "extensions", "contextAgents", "contextGroups");
    private static final Set<String> CONTEXT_ACTIVITIES = Set.of("parent", "grouping", "category", "other");
    private static final Set<String> CONTEXT_AGENT = Set.of("objectType", "agent", "relevantTypes");
    private static final Set<String> CONTEXT_GROUP = Set.of("objectType", "group", "relevantTypes");
    private static final Set<String> ATTACHMENT = Set.of("usageType", "display", "description", "contentType",
            "length", "sha2", "fileUrl");

    private static final String[] IFIS = {"mbox", "mbox_sha1sum", "openid", "account"};
    private static final String OBJECT_TYPES = "Activity, Agent, Group, SubStatement or StatementRef";
    private static final String INTERACTION_TYPES = "true-false, choice, fill-in, long-fill-in, matching, "
            + "performance, sequencing, likert, numeric or other";
    private static final String[] COMPONENT_LISTS = {"choices", "scale", "source", "target", "steps"};

    /** True when the statement's version is 2.0.x (or absent, which any version reads as its own). */
    private final boolean allows2;

    private XapiValidator(boolean allows2) {
        this.allows2 = allows2;
    }

    /** Validates a whole statement; returns normally when it is valid. */
    static void validate(JsonNode statement) {
        if (!statement.isObject()) {
            throw invalid("a statement must be a JSON object (was " + FormatSupport.show(statement) + ")");
        }
        String version = version(statement);
        new XapiValidator(version == null || version.startsWith("2.")).statement(statement, "", false);
    }

    /** The statement's version (null when absent); rejects one LearnPulse does not support. */
    private static String version(JsonNode st) {
        JsonNode v = st.get("version");
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid("version must be a string such as 1.0.3 or 2.0.0 (was " + FormatSupport.show(v) + ")");
        }
        String s = v.textValue();
        boolean ok = (s.startsWith("1.0.") && s.length() > 4) || s.equals("2.0") || s.startsWith("2.0.");
        if (!ok) {
            throw new Rejection(DeadLetterReason.UNSUPPORTED_VERSION, P + "unsupported version '"
                    + FormatSupport.shorten(s) + "' (supported: 1.0.x and 2.0.x)");
        }
        return s;
    }

    // ---- statement -------------------------------------------------------------------------------------------

    private void statement(JsonNode s, String prefix, boolean sub) {
        String where = prefix.isEmpty() ? "statement" : prefix;
        if (sub) {
            for (String forbidden : new String[] {"id", "stored", "version", "authority"}) {
                if (s.has(forbidden)) {
                    throw invalid(prefix + " is a SubStatement and must not have '" + forbidden + "'");
                }
            }
        }
        unknown(s, where, sub ? SUB_STATEMENT : STATEMENT);
        if (!sub) {
            JsonNode id = opt(s, "id", "id");
            if (id != null) {
                uuid(id, "id");
            }
        }
        actor(req(s, "actor", path(prefix, "actor")), path(prefix, "actor"));
        verb(req(s, "verb", path(prefix, "verb")), path(prefix, "verb"));
        JsonNode object = req(s, "object", path(prefix, "object"));
        String objectType = object(object, path(prefix, "object"), sub);
        JsonNode result = opt(s, "result", path(prefix, "result"));
        if (result != null) {
            result(result, path(prefix, "result"));
        }
        JsonNode context = opt(s, "context", path(prefix, "context"));
        if (context != null) {
            context(context, path(prefix, "context"), "Activity".equals(objectType));
        }
        JsonNode timestamp = opt(s, "timestamp", path(prefix, "timestamp"));
        if (timestamp != null) {
            dateTime(timestamp, path(prefix, "timestamp"));
        }
        if (!sub) {
            JsonNode stored = opt(s, "stored", "stored");
            if (stored != null) {
                dateTime(stored, "stored");
            }
            JsonNode authority = opt(s, "authority", "authority");
            if (authority != null) {
                agentOrGroup(authority, "authority", false);
            }
        }
        JsonNode attachments = opt(s, "attachments", path(prefix, "attachments"));
        if (attachments != null) {
            attachments(attachments, path(prefix, "attachments"));
        }
        String verbId = s.get("verb").get("id").textValue();
        if (VOIDED.equals(verbId) && !"StatementRef".equals(objectType)) {
            throw invalid("a voiding statement (verb " + VOIDED + ") must have a StatementRef object (was "
                    + objectType + ")");
        }
    }

    private static String path(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    // ---- actors ------------------------------------------------------------------------------------------------

    private void actor(JsonNode n, String path) {
        agentOrGroup(n, path, false);
    }

    /** Validates an Agent or a Group; returns "Agent" or "Group". */
    private String agentOrGroup(JsonNode n, String path, boolean objectTypeRequired) {
        object(n, path);
        JsonNode ot = opt(n, "objectType", path + ".objectType");
        String type;
        if (ot == null) {
            if (objectTypeRequired) {
                throw missing("missing required property '" + path + ".objectType' (Agent or Group)", false);
            }
            type = "Agent";
        } else {
            type = string(ot, path + ".objectType");
            if (!type.equals("Agent") && !type.equals("Group")) {
                throw invalid(path + ".objectType must be Agent or Group (was " + FormatSupport.show(ot) + ")");
            }
        }
        if (type.equals("Agent")) {
            agent(n, path);
        } else {
            group(n, path);
        }
        return type;
    }

    private void agent(JsonNode n, String path) {
        unknown(n, path, AGENT);
        optionalString(n, "name", path);
        List<String> ifis = ifis(n);
        if (ifis.size() != 1) {
            throw invalid(path + " must have exactly one inverse functional identifier (found "
                    + (ifis.isEmpty() ? "none" : String.join(", ", ifis)) + ")");
        }
        ifi(n, ifis.get(0), path);
    }

    private void group(JsonNode n, String path) {
        unknown(n, path, GROUP);
        optionalString(n, "name", path);
        List<String> ifis = ifis(n);
        if (ifis.size() > 1) {
            throw invalid(path + " must have exactly one inverse functional identifier (found "
                    + String.join(", ", ifis) + ")");
        }
        if (ifis.size() == 1) {
            ifi(n, ifis.get(0), path);
        }
        JsonNode member = opt(n, "member", path + ".member");
        if (member == null) {
            if (ifis.isEmpty()) {
                throw missing("missing required property '" + path + ".member': an anonymous Group (no inverse "
                        + "functional identifier) must list its members", false);
            }
            return;
        }
        array(member, path + ".member");
        for (int i = 0; i < member.size(); i++) {
            String mp = path + ".member[" + i + "]";
            JsonNode m = member.get(i);
            object(m, mp);
            JsonNode ot = opt(m, "objectType", mp + ".objectType");
            if (ot != null) {
                String t = string(ot, mp + ".objectType");
                if (t.equals("Group")) {
                    throw invalid(mp + " is a Group; the members of a Group must be Agents");
                }
                if (!t.equals("Agent")) {
                    throw invalid(mp + ".objectType must be Agent (was " + FormatSupport.show(ot) + ")");
                }
            }
            agent(m, mp);
        }
    }

    /** The IFI properties present (null counts as present, and is rejected by {@link #ifi}). */
    private static List<String> ifis(JsonNode n) {
        List<String> found = new ArrayList<>(1);
        for (String k : IFIS) {
            if (n.has(k)) {
                found.add(k);
            }
        }
        return found;
    }

    private void ifi(JsonNode n, String name, String path) {
        String p = path + "." + name;
        JsonNode v = opt(n, name, p);
        switch (name) {
            case "mbox": {
                String s = string(v, p);
                if (!isMailto(s)) {
                    throw invalid(p + " must be a mailto IRI, e.g. mailto:learner@example.com (was "
                            + FormatSupport.show(v) + ")");
                }
                break;
            }
            case "mbox_sha1sum": {
                String s = string(v, p);
                if (!isHex(s, 40)) {
                    throw invalid(p + " must be 40 hexadecimal digits, the SHA-1 of a mailto IRI (was "
                            + FormatSupport.show(v) + ")");
                }
                break;
            }
            case "openid":
                iri(v, p, "a URI");
                break;
            default: { // account
                object(v, p);
                unknown(v, p, ACCOUNT);
                iri(req(v, "homePage", p + ".homePage"), p + ".homePage", "an IRL");
                string(req(v, "name", p + ".name"), p + ".name");
                break;
            }
        }
    }

    static boolean isMailto(String s) {
        if (!s.startsWith("mailto:") || !FormatSupport.isIri(s)) {
            return false;
        }
        int at = s.indexOf('@', 7);
        return at > 7 && at < s.length() - 1 && s.indexOf('@', at + 1) < 0;
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!FormatSupport.isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ---- verb and object ------------------------------------------------------------------------------------

    private void verb(JsonNode n, String path) {
        object(n, path);
        unknown(n, path, VERB);
        iri(req(n, "id", path + ".id"), path + ".id", "an IRI");
        JsonNode display = opt(n, "display", path + ".display");
        if (display != null) {
            languageMap(display, path + ".display");
        }
    }

    /** Validates the statement's object; returns its objectType (Activity for Open edX's GroupActivity). */
    private String object(JsonNode n, String path, boolean inSubStatement) {
        object(n, path);
        JsonNode ot = opt(n, "objectType", path + ".objectType");
        String type = ot == null ? "Activity" : string(ot, path + ".objectType");
        switch (type) {
            case "Activity":
            case OPENEDX_GROUP_ACTIVITY:
                activity(n, path);
                return "Activity";
            case "Agent":
            case "Group":
                return agentOrGroup(n, path, true);
            case "StatementRef":
                statementRef(n, path);
                return type;
            case "SubStatement":
                if (inSubStatement) {
                    throw invalid(path + " must not be a SubStatement (SubStatements cannot be nested)");
                }
                statement(n, path, true);
                return type;
            default:
                throw invalid(path + ".objectType must be one of " + OBJECT_TYPES + " (was " + FormatSupport.show(ot)
                        + ")");
        }
    }

    private void activity(JsonNode n, String path) {
        unknown(n, path, ACTIVITY);
        iri(req(n, "id", path + ".id"), path + ".id", "an IRI");
        JsonNode def = opt(n, "definition", path + ".definition");
        if (def != null) {
            definition(def, path + ".definition");
        }
    }

    /** An activity in a context list: objectType, when present, must be Activity. */
    private void contextActivity(JsonNode n, String path) {
        object(n, path);
        JsonNode ot = opt(n, "objectType", path + ".objectType");
        if (ot != null) {
            String t = string(ot, path + ".objectType");
            if (!t.equals("Activity") && !t.equals(OPENEDX_GROUP_ACTIVITY)) {
                throw invalid(path + ".objectType must be Activity (was " + FormatSupport.show(ot) + ")");
            }
        }
        activity(n, path);
    }

    private void definition(JsonNode d, String path) {
        object(d, path);
        unknown(d, path, DEFINITION);
        langMapOpt(d, "name", path);
        langMapOpt(d, "description", path);
        JsonNode type = opt(d, "type", path + ".type");
        if (type != null) {
            iri(type, path + ".type", "an IRI");
        }
        JsonNode moreInfo = opt(d, "moreInfo", path + ".moreInfo");
        if (moreInfo != null) {
            iri(moreInfo, path + ".moreInfo", "an IRL");
        }
        JsonNode ext = opt(d, "extensions", path + ".extensions");
        if (ext != null) {
            extensions(ext, path + ".extensions");
        }
        JsonNode it = opt(d, "interactionType", path + ".interactionType");
        String interactionType = null;
        if (it != null) {
            interactionType = string(it, path + ".interactionType");
            if (componentLists(interactionType) == null) {
                throw invalid(path + ".interactionType must be one of " + INTERACTION_TYPES + " (was "
                        + FormatSupport.show(it) + ")");
            }
        }
        JsonNode crp = opt(d, "correctResponsesPattern", path + ".correctResponsesPattern");
        if (crp != null) {
            if (interactionType == null) {
                throw missing("missing property '" + path + ".interactionType': an interaction activity "
                        + "(correctResponsesPattern) must have an interactionType", false);
            }
            array(crp, path + ".correctResponsesPattern");
            for (int i = 0; i < crp.size(); i++) {
                string(notNull(crp.get(i), path + ".correctResponsesPattern[" + i + "]"),
                        path + ".correctResponsesPattern[" + i + "]");
            }
        }
        for (String list : COMPONENT_LISTS) {
            JsonNode comps = opt(d, list, path + "." + list);
            if (comps == null) {
                continue;
            }
            if (interactionType == null) {
                throw missing("missing property '" + path + ".interactionType': an interaction activity ("
                        + list + ") must have an interactionType", false);
            }
            String allowed = componentLists(interactionType);
            if (!(" " + allowed + " ").contains(" " + list + " ")) {
                throw invalid(path + "." + list + " is not a component list of interactionType '" + interactionType
                        + "' (" + (allowed.isEmpty() ? "it has none" : "it has " + allowed.replace(' ', ',')
                        .replace(",", ", ")) + ")");
            }
            components(comps, path + "." + list);
        }
    }

    /** The component lists of an interaction type, space separated; null for an unknown type. */
    private static String componentLists(String interactionType) {
        switch (interactionType) {
            case "choice":
            case "sequencing":
                return "choices";
            case "likert":
                return "scale";
            case "matching":
                return "source target";
            case "performance":
                return "steps";
            case "true-false":
            case "fill-in":
            case "long-fill-in":
            case "numeric":
            case "other":
                return "";
            default:
                return null;
        }
    }

    private void components(JsonNode comps, String path) {
        array(comps, path);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < comps.size(); i++) {
            String cp = path + "[" + i + "]";
            JsonNode c = comps.get(i);
            object(c, cp);
            unknown(c, cp, COMPONENT);
            String id = string(req(c, "id", cp + ".id"), cp + ".id");
            langMapOpt(c, "description", cp);
            if (!ids.add(id)) {
                throw invalid(cp + ".id '" + FormatSupport.shorten(id) + "' appears more than once; the ids of "
                        + "interaction components must be distinct");
            }
        }
    }

    private void statementRef(JsonNode n, String path) {
        unknown(n, path, STATEMENT_REF);
        JsonNode id = req(n, "id", path + ".id");
        uuid(id, path + ".id");
    }

    // ---- result ---------------------------------------------------------------------------------------------

    private void result(JsonNode r, String path) {
        object(r, path);
        unknown(r, path, RESULT);
        JsonNode score = opt(r, "score", path + ".score");
        if (score != null) {
            score(score, path + ".score");
        }
        optionalBoolean(r, "success", path);
        optionalBoolean(r, "completion", path);
        optionalString(r, "response", path);
        JsonNode duration = opt(r, "duration", path + ".duration");
        if (duration != null) {
            String s = string(duration, path + ".duration");
            if (!IsoDurations.isValid(s)) {
                throw invalid(path + ".duration must be an ISO 8601 duration, e.g. PT1M30.5S (was "
                        + FormatSupport.show(duration) + ")");
            }
        }
        JsonNode ext = opt(r, "extensions", path + ".extensions");
        if (ext != null) {
            extensions(ext, path + ".extensions");
        }
    }

    private void score(JsonNode s, String path) {
        object(s, path);
        unknown(s, path, SCORE);
        double scaled = optionalNumber(s, "scaled", path);
        double raw = optionalNumber(s, "raw", path);
        double min = optionalNumber(s, "min", path);
        double max = optionalNumber(s, "max", path);
        if (!Double.isNaN(scaled) && (scaled < -1 || scaled > 1)) {
            throw invalid(path + ".scaled must be between -1 and 1 (was " + FormatSupport.show(s.get("scaled"))
                    + ")");
        }
        if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
            throw invalid(path + ".min must not be greater than max (min " + FormatSupport.show(s.get("min"))
                    + ", max " + FormatSupport.show(s.get("max")) + ")");
        }
        if (!Double.isNaN(raw)) {
            if (!Double.isNaN(min) && raw < min) {
                throw invalid(path + ".raw must not be less than min " + FormatSupport.show(s.get("min")) + " (was "
                        + FormatSupport.show(s.get("raw")) + ")");
            }
            if (!Double.isNaN(max) && raw > max) {
                throw invalid(path + ".raw must not be greater than max " + FormatSupport.show(s.get("max"))
                        + " (was " + FormatSupport.show(s.get("raw")) + ")");
            }
        }
    }

    // ---- context --------------------------------------------------------------------------------------------

    private void context(JsonNode c, String path, boolean objectIsActivity) {
        object(c, path);
        if (!allows2 && (c.has("contextAgents") || c.has("contextGroups"))) {
            throw invalid(path + "." + (c.has("contextAgents") ? "contextAgents" : "contextGroups")
                    + " is an xAPI 2.0 property; the statement's version is 1.0.x");
        }
        unknown(c, path, allows2 ? CONTEXT_2 : CONTEXT_1);
        JsonNode registration = opt(c, "registration", path + ".registration");
        if (registration != null) {
            uuid(registration, path + ".registration");
        }
        JsonNode instructor = opt(c, "instructor", path + ".instructor");
        if (instructor != null) {
            agentOrGroup(instructor, path + ".instructor", false);
        }
        JsonNode team = opt(c, "team", path + ".team");
        if (team != null) {
            object(team, path + ".team");
            JsonNode ot = team.get("objectType");
            if (ot == null || !"Group".equals(ot.textValue())) {
                throw invalid(path + ".team must be a Group (objectType 'Group')");
            }
            agentOrGroup(team, path + ".team", true);
        }
        JsonNode ca = opt(c, "contextActivities", path + ".contextActivities");
        if (ca != null) {
            contextActivities(ca, path + ".contextActivities");
        }
        JsonNode revision = opt(c, "revision", path + ".revision");
        if (revision != null) {
            string(revision, path + ".revision");
            if (!objectIsActivity) {
                throw invalid(path + ".revision may only be used when the statement's object is an Activity");
            }
        }
        JsonNode platform = opt(c, "platform", path + ".platform");
        if (platform != null) {
            string(platform, path + ".platform");
            if (!objectIsActivity) {
                throw invalid(path + ".platform may only be used when the statement's object is an Activity");
            }
        }
        JsonNode language = opt(c, "language", path + ".language");
        if (language != null) {
            String tag = string(language, path + ".language");
            if (!LanguageTags.isValid(tag)) {
                throw invalid(path + ".language must be an RFC 5646 language tag, e.g. en-US (was "
                        + FormatSupport.show(language) + ")");
            }
        }
        JsonNode st = opt(c, "statement", path + ".statement");
        if (st != null) {
            object(st, path + ".statement");
            JsonNode ot = st.get("objectType");
            if (ot == null || !"StatementRef".equals(ot.textValue())) {
                throw invalid(path + ".statement must be a StatementRef (objectType 'StatementRef')");
            }
            statementRef(st, path + ".statement");
        }
        JsonNode ext = opt(c, "extensions", path + ".extensions");
        if (ext != null) {
            extensions(ext, path + ".extensions");
        }
        if (allows2) {
            contextAgentsOrGroups(c, "contextAgents", "contextAgent", "agent", path);
            contextAgentsOrGroups(c, "contextGroups", "contextGroup", "group", path);
        }
    }

    private void contextActivities(JsonNode ca, String path) {
        object(ca, path);
        List<String> bad = unknownNames(ca, CONTEXT_ACTIVITIES);
        if (!bad.isEmpty()) {
            throw invalid(path + " has " + (bad.size() == 1 ? "an unknown property '" + bad.get(0) + "'"
                    : "unknown properties '" + String.join("', '", bad) + "'")
                    + " (allowed: parent, grouping, category, other)");
        }
        for (String key : new String[] {"parent", "grouping", "category", "other"}) {
            JsonNode v = opt(ca, key, path + "." + key);
            if (v == null) {
                continue;
            }
            if (v.isArray()) {
                for (int i = 0; i < v.size(); i++) {
                    contextActivity(notNull(v.get(i), path + "." + key + "[" + i + "]"),
                            path + "." + key + "[" + i + "]");
                }
            } else if (v.isObject()) {
                contextActivity(v, path + "." + key);
            } else {
                throw invalid(path + "." + key + " must be an Activity or an array of Activities (was "
                        + FormatSupport.show(v) + ")");
            }
        }
    }

    private void contextAgentsOrGroups(JsonNode c, String name, String objectType, String member, String path) {
        JsonNode list = opt(c, name, path + "." + name);
        if (list == null) {
            return;
        }
        array(list, path + "." + name);
        for (int i = 0; i < list.size(); i++) {
            String p = path + "." + name + "[" + i + "]";
            JsonNode e = list.get(i);
            object(e, p);
            unknown(e, p, member.equals("agent") ? CONTEXT_AGENT : CONTEXT_GROUP);
            JsonNode ot = req(e, "objectType", p + ".objectType");
            if (!objectType.equals(ot.textValue())) {
                throw invalid(p + ".objectType must be " + objectType + " (was " + FormatSupport.show(ot) + ")");
            }
            JsonNode who = req(e, member, p + "." + member);
            if (member.equals("agent")) {
                if (!"Agent".equals(agentOrGroup(who, p + ".agent", false))) {
                    throw invalid(p + ".agent must be an Agent");
                }
            } else {
                object(who, p + ".group");
                JsonNode got = who.get("objectType");
                if (got == null || !"Group".equals(got.textValue())) {
                    throw invalid(p + ".group must be a Group (objectType 'Group')");
                }
                agentOrGroup(who, p + ".group", true);
            }
            JsonNode types = opt(e, "relevantTypes", p + ".relevantTypes");
            if (types != null) {
                array(types, p + ".relevantTypes");
                if (types.isEmpty()) {
                    throw invalid(p + ".relevantTypes must not be empty when present");
                }
                for (int k = 0; k < types.size(); k++) {
                    iri(notNull(types.get(k), p + ".relevantTypes[" + k + "]"), p + ".relevantTypes[" + k + "]",
                            "an IRI");
                }
            }
        }
    }

    // ---- attachments ----------------------------------------------------------------------------------------

    private void attachments(JsonNode a, String path) {
        array(a, path);
        for (int i = 0; i < a.size(); i++) {
            String p = path + "[" + i + "]";
            JsonNode at = a.get(i);
            object(at, p);
            unknown(at, p, ATTACHMENT);
            iri(req(at, "usageType", p + ".usageType"), p + ".usageType", "an IRI");
            languageMap(req(at, "display", p + ".display"), p + ".display");
            langMapOpt(at, "description", p);
            String ct = string(req(at, "contentType", p + ".contentType"), p + ".contentType");
            if (ct.indexOf('/') <= 0 || ct.indexOf('/') == ct.length() - 1) {
                throw invalid(p + ".contentType must be an Internet Media Type such as application/pdf (was '"
                        + FormatSupport.shorten(ct) + "')");
            }
            JsonNode length = req(at, "length", p + ".length");
            if (!length.isIntegralNumber() || length.decimalValue().signum() < 0) {
                throw invalid(p + ".length must be an integer >= 0 (was " + FormatSupport.show(length) + ")");
            }
            String sha2 = string(req(at, "sha2", p + ".sha2"), p + ".sha2");
            int len = sha2.length();
            if (!(len == 56 || len == 64 || len == 96 || len == 128) || !isHex(sha2, len)) {
                throw invalid(p + ".sha2 must be a SHA-2 hash in hexadecimal (was '" + FormatSupport.shorten(sha2)
                        + "')");
            }
            JsonNode url = opt(at, "fileUrl", p + ".fileUrl");
            if (url != null) {
                iri(url, p + ".fileUrl", "an IRL");
            }
        }
    }

    // ---- value rules ----------------------------------------------------------------------------------------

    private static void dateTime(JsonNode v, String path) {
        String s = string(v, path);
        try {
            IsoTimestamps.parse(s);
        } catch (IsoTimestamps.InvalidTimestamp e) {
            if (e.problem == IsoTimestamps.Problem.NO_OFFSET) {
                return; // valid ISO 8601 without a time zone (xAPI: SHOULD include one)
            }
            if (e.problem == IsoTimestamps.Problem.OUT_OF_RANGE) {
                throw invalid(path + " is out of range (was " + FormatSupport.show(v) + ")");
            }
            throw invalid(path + " must be an ISO 8601 date-time, e.g. 2026-03-02T10:15:30.250Z (was "
                    + FormatSupport.show(v) + ")");
        }
    }

    private static void uuid(JsonNode v, String path) {
        String s = string(v, path);
        if (!FormatSupport.isUuid(s)) {
            throw invalid(path + " must be a UUID in standard string form, e.g. "
                    + "3f2c5b8e-1a4d-4c6b-9e7f-0a1b2c3d4e5f (was '" + FormatSupport.shorten(s) + "')");
        }
    }

    private static void iri(JsonNode v, String path, String what) {
        String s = string(v, path);
        if (!FormatSupport.isIri(s)) {
            throw invalid(path + " must be " + what + " (was '" + FormatSupport.shorten(s) + "')");
        }
    }

    private static void extensions(JsonNode e, String path) {
        object(e, path);
        String bad = null;
        Iterator<String> names = e.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!FormatSupport.isIri(k) && (bad == null || k.compareTo(bad) < 0)) {
                bad = k;
            }
        }
        if (bad != null) {
            throw invalid(path + " key '" + FormatSupport.shorten(bad) + "' must be an IRI");
        }
    }

    private static void langMapOpt(JsonNode o, String name, String path) {
        JsonNode v = opt(o, name, path + "." + name);
        if (v != null) {
            languageMap(v, path + "." + name);
        }
    }

    private static void languageMap(JsonNode m, String path) {
        if (!m.isObject()) {
            throw invalid(path + " must be a language map (an object) (was " + FormatSupport.show(m) + ")");
        }
        String badTag = null;
        String badValue = null;
        Iterator<java.util.Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
            java.util.Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            if (!LanguageTags.isValid(k)) {
                if (badTag == null || k.compareTo(badTag) < 0) {
                    badTag = k;
                }
            } else if (!f.getValue().isTextual() && (badValue == null || k.compareTo(badValue) < 0)) {
                badValue = k;
            }
        }
        if (badTag != null) {
            throw invalid(path + " key '" + FormatSupport.shorten(badTag) + "' must be an RFC 5646 language tag, "
                    + "e.g. en-US");
        }
        if (badValue != null) {
            throw invalid(path + "['" + badValue + "'] must be a string (was " + FormatSupport.show(m.get(badValue))
                    + ")");
        }
    }

    private static double optionalNumber(JsonNode o, String name, String path) {
        JsonNode v = opt(o, name, path + "." + name);
        if (v == null) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw invalid(path + "." + name + " must be a number (was " + FormatSupport.show(v) + ")");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw invalid(path + "." + name + " must be a finite number (was " + FormatSupport.show(v) + ")");
        }
        return d;
    }

    private static void optionalBoolean(JsonNode o, String name, String path) {
        JsonNode v = opt(o, name, path + "." + name);
        if (v != null && !v.isBoolean()) {
            throw invalid(path + "." + name + " must be a boolean (was " + FormatSupport.show(v) + ")");
        }
    }

    private static void optionalString(JsonNode o, String name, String path) {
        JsonNode v = opt(o, name, path + "." + name);
        if (v != null) {
            string(v, path + "." + name);
        }
    }

    private static String string(JsonNode v, String path) {
        if (!v.isTextual()) {
            throw invalid(path + " must be a string (was " + FormatSupport.show(v) + ")");
        }
        return v.textValue();
    }

    private static void object(JsonNode v, String path) {
        if (!v.isObject()) {
            throw invalid(path + " must be an object (was " + FormatSupport.show(v) + ")");
        }
    }

    private static void array(JsonNode v, String path) {
        if (!v.isArray()) {
            throw invalid(path + " must be an array (was " + FormatSupport.show(v) + ")");
        }
    }

    private static JsonNode notNull(JsonNode v, String path) {
        if (v.isNull()) {
            throw invalid(path + " must not be null");
        }
        return v;
    }

    /** An optional property: null when absent; rejected when JSON null. */
    private static JsonNode opt(JsonNode o, String name, String path) {
        JsonNode v = o.get(name);
        if (v == null) {
            return null;
        }
        if (v.isNull()) {
            throw invalid(path + " must not be null");
        }
        return v;
    }

    /** A required property: rejected as missing when absent or JSON null. */
    private static JsonNode req(JsonNode o, String name, String path) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw missing("missing required property '" + path + "'", v != null);
        }
        return v;
    }

    private static void unknown(JsonNode o, String where, Set<String> allowed) {
        if (o.size() <= allowed.size() && allKnown(o, allowed)) {
            return;
        }
        List<String> bad = unknownNames(o, allowed);
        if (!bad.isEmpty()) {
            throw invalid(where + " has " + (bad.size() == 1 ? "an unknown property '" + bad.get(0) + "'"
                    : "unknown properties '" + String.join("', '", bad) + "'"));
        }
    }

    private static boolean allKnown(JsonNode o, Set<String> allowed) {
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            if (!allowed.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> unknownNames(JsonNode o, Set<String> allowed) {
        List<String> bad = new ArrayList<>(0);
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                bad.add(FormatSupport.shorten(n));
            }
        }
        bad.sort(null);
        return bad;
    }

    static Rejection invalid(String message) {
        return new Rejection(DeadLetterReason.INVALID_FIELD, P + message);
    }

    static Rejection missing(String message, boolean wasNull) {
        return new Rejection(DeadLetterReason.MISSING_FIELD, P + message + (wasNull ? " (was null)" : ""));
    }
}
