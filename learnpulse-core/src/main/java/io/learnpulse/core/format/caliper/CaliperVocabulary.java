package io.learnpulse.core.format.caliper;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IMS Caliper 1.2 vocabulary LearnPulse validates against (1.1 events use the same terms; the 1.2
 * vocabulary is a superset of 1.1 and its profile extensions): entity types and their supertypes, actions,
 * profiles, and per event type the allowed actions and the types of actor, object, generated, target and
 * referrer. Transcribed from the Caliper 1.2 information model (1EdTech caliper-spec,
 * {@code model/caliper_v1p2.lines}) and the event descriptions of the specification.
 */
final class CaliperVocabulary {

    private CaliperVocabulary() {}

    /** Each entity type and its direct supertypes. */
    private static final Map<String, String[]> PARENTS = new HashMap<>();
    /** Each entity type and all its types (itself and every supertype). */
    private static final Map<String, Set<String>> ANCESTORS = new HashMap<>();

    private static void entity(String type, String... parents) {
        PARENTS.put(type, parents);
    }

    static {
        entity("Entity");
        entity("Agent", "Entity");
        entity("Person", "Agent");
        entity("SoftwareApplication", "Agent");
        entity("Organization", "Agent");
        entity("CourseOffering", "Organization");
        entity("CourseSection", "CourseOffering");
        entity("Group", "Organization");
        entity("DigitalResource", "Entity");
        entity("AssignableDigitalResource", "DigitalResource");
        entity("Collection", "Entity");
        entity("DigitalResourceCollection", "DigitalResource", "Collection");
        entity("Assessment", "AssignableDigitalResource", "DigitalResourceCollection");
        entity("AssessmentItem", "AssignableDigitalResource");
        for (String t : new String[] {"Chapter", "Document", "Page", "WebPage", "Frame", "MediaLocation", "LtiLink",
            "Message", "Question", "QuestionnaireItem", "SurveyInvitation", "MediaObject",
            // Caliper 1.0/1.1 EPUB types, still found in 1.1 data
            "EpubChapter", "EpubPart", "EpubSubChapter", "EpubVolume"}) {
            entity(t, "DigitalResource");
        }
        for (String t : new String[] {"AudioObject", "ImageObject", "VideoObject"}) {
            entity(t, "MediaObject");
        }
        for (String t : new String[] {"DateTimeQuestion", "MultiselectQuestion", "OpenEndedQuestion",
            "RatingScaleQuestion"}) {
            entity(t, "Question");
        }
        for (String t : new String[] {"Forum", "Thread", "Questionnaire"}) {
            entity(t, "DigitalResourceCollection");
        }
        entity("AggregateMeasureCollection", "Collection");
        entity("Survey", "Collection");
        for (String t : new String[] {"AggregateMeasure", "Annotation", "Attempt", "Response", "Comment", "Scale",
            "Rating", "Result", "Link", "Membership", "Score", "Query", "SearchResponse", "Session",
            "LearningObjective", "SystemIdentifier", "TextPositionSelector"}) {
            entity(t, "Entity");
        }
        for (String t : new String[] {"BookmarkAnnotation", "HighlightAnnotation", "SharedAnnotation",
            "TagAnnotation"}) {
            entity(t, "Annotation");
        }
        for (String t : new String[] {"DateTimeResponse", "FillinBlankResponse", "MultipleChoiceResponse",
            "MultipleResponseResponse", "MultiselectResponse", "OpenEndedResponse", "RatingScaleResponse",
            "SelectTextResponse", "TrueFalseResponse"}) {
            entity(t, "Response");
        }
        for (String t : new String[] {"LikertScale", "MultiselectScale", "NumericScale"}) {
            entity(t, "Scale");
        }
        entity("LtiSession", "Session");
        for (String t : PARENTS.keySet()) {
            Set<String> all = new LinkedHashSet<>();
            collect(t, all);
            ANCESTORS.put(t, Set.copyOf(all));
        }
    }

    private static void collect(String t, Set<String> out) {
        if (out.add(t)) {
            for (String p : PARENTS.get(t)) {
                collect(p, out);
            }
        }
    }

    /**
     * Misspelt types of known producers, read as the Caliper term: Open edX's event-routing backends write
     * {@code Webpage} for {@code WebPage}.
     */
    static final Map<String, String> TYPE_ALIASES = Map.of("Webpage", "WebPage");

    static boolean isEntityType(String type) {
        return PARENTS.containsKey(type);
    }

    /** True when entity type {@code type} is {@code target} or a subtype of it. */
    static boolean isA(String type, String target) {
        Set<String> a = ANCESTORS.get(type);
        return a != null && a.contains(target);
    }

    static final Set<String> ACTIONS = Set.of("Abandoned", "Accepted", "Activated", "Added", "Archived",
            "Attached", "Bookmarked", "ChangedResolution", "ChangedSize", "ChangedSpeed", "ChangedVolume",
            "Classified", "ClosedPopout", "Commented", "Completed", "Copied", "Created", "Deactivated", "Declined",
            "Deleted", "Described", "DisabledClosedCaptioning", "Disliked", "Downloaded", "EnabledClosedCaptioning",
            "Ended", "EnteredFullScreen", "ExitedFullScreen", "ForwardedTo", "Graded", "Hid", "Highlighted",
            "Identified", "JumpedTo", "Launched", "Liked", "Linked", "LoggedIn", "LoggedOut", "MarkedAsRead",
            "MarkedAsUnread", "Modified", "Muted", "NavigatedTo", "OpenedPopout", "OptedIn", "OptedOut", "Paused",
            "Posted", "Printed", "Published", "Questioned", "Ranked", "Recommended", "Removed", "Reset", "Restarted",
            "Restored", "Resumed", "Retrieved", "Returned", "Reviewed", "Rewound", "Saved", "Searched", "Sent",
            "Shared", "Showed", "Skipped", "Started", "Submitted", "Subscribed", "Tagged", "TimedOut", "Unmuted",
            "Unpublished", "Unsubscribed", "Uploaded", "Used", "Viewed");

    static final Set<String> PROFILES = Set.of("AnnotationProfile", "AssessmentProfile", "AssignableProfile",
            "FeedbackProfile", "ForumProfile", "GeneralProfile", "GradingProfile", "MediaProfile", "ReadingProfile",
            "ResourceManagementProfile", "SearchProfile", "SessionProfile", "SurveyProfile", "ToolLaunchProfile",
            "ToolUseProfile");

    /** The rules of one event type. A null action list means any Caliper action (the generic Event). */
    static final class EventRule {
        final String type;
        final List<String> actions;
        final String[] actor;
        final String[] object;
        final String[] generated;
        final String[] target;
        final String[] referrer;

        EventRule(String type, List<String> actions, String[] actor, String[] object, String[] generated,
                String[] target, String[] referrer) {
            this.type = type;
            this.actions = actions;
            this.actor = actor;
            this.object = object;
            this.generated = generated;
            this.target = target;
            this.referrer = referrer;
        }
    }

    static final Map<String, EventRule> EVENTS = new HashMap<>();

    private static final String[] ENTITY = {"Entity"};
    private static final String[] PERSON = {"Person"};

    private static String[] t(String... types) {
        return types;
    }

    private static void event(String type, List<String> actions, String[] actor, String[] object,
            String[] generated, String[] target, String[] referrer) {
        EVENTS.put(type, new EventRule(type, actions, actor, object, generated, target, referrer));
    }

    static {
        event("Event", null, t("Agent"), ENTITY, ENTITY, ENTITY, ENTITY);
        event("AnnotationEvent", List.of("Bookmarked", "Highlighted", "Shared", "Tagged"), PERSON,
                t("DigitalResource"), t("Annotation"), t("Frame"), ENTITY);
        event("AssessmentEvent", List.of("Started", "Paused", "Resumed", "Restarted", "Reset", "Submitted"), PERSON,
                t("Assessment"), t("Attempt"), ENTITY, ENTITY);
        event("AssessmentItemEvent", List.of("Started", "Skipped", "Completed"), PERSON, t("AssessmentItem"),
                t("Attempt", "Response"), ENTITY, t("AssessmentItem"));
        event("AssignableEvent", List.of("Activated", "Deactivated", "Started", "Completed", "Submitted",
                "Reviewed"), PERSON, t("AssignableDigitalResource"), t("Attempt"), t("Frame"), ENTITY);
        event("FeedbackEvent", List.of("Commented", "Ranked"), PERSON, ENTITY, t("Comment", "Rating"), t("Frame"),
                ENTITY);
        event("ForumEvent", List.of("Subscribed", "Unsubscribed"), PERSON, t("Forum"), ENTITY, ENTITY, ENTITY);
        event("GradeEvent", List.of("Graded"), t("Agent"), t("Attempt"), t("Score"), ENTITY, ENTITY);
        event("MediaEvent", List.of("Started", "Ended", "Paused", "Resumed", "Restarted", "ForwardedTo", "JumpedTo",
                "ChangedResolution", "ChangedSize", "ChangedSpeed", "ChangedVolume", "EnabledClosedCaptioning",
                "DisabledClosedCaptioning", "EnteredFullScreen", "ExitedFullScreen", "Muted", "Unmuted",
                "OpenedPopout", "ClosedPopout"), PERSON, t("MediaObject"), ENTITY, t("MediaLocation"), ENTITY);
        event("MessageEvent", List.of("MarkedAsRead", "MarkedAsUnread", "Posted"), PERSON, t("Message"), ENTITY,
                ENTITY, ENTITY);
        event("NavigationEvent", List.of("NavigatedTo"), PERSON, t("DigitalResource", "SoftwareApplication"), ENTITY,
                t("DigitalResource"), t("DigitalResource", "SoftwareApplication"));
        event("QuestionnaireEvent", List.of("Started", "Submitted"), PERSON, t("Questionnaire"), ENTITY, ENTITY,
                ENTITY);
        event("QuestionnaireItemEvent", List.of("Started", "Skipped", "Completed"), PERSON, t("QuestionnaireItem"),
                t("Response"), ENTITY, ENTITY);
        event("ResourceManagementEvent", List.of("Archived", "Copied", "Created", "Deleted", "Described",
                "Downloaded", "Modified", "Printed", "Published", "Restored", "Retrieved", "Saved", "Unpublished",
                "Uploaded"), PERSON, t("DigitalResource"), t("DigitalResource"), ENTITY, ENTITY);
        event("SearchEvent", List.of("Searched"), PERSON, ENTITY, t("SearchResponse"), ENTITY, ENTITY);
        // actor and object of SessionEvent depend on the action (see CaliperParser): Person/SoftwareApplication
        // for LoggedIn and LoggedOut, SoftwareApplication/Session for TimedOut
        event("SessionEvent", List.of("LoggedIn", "LoggedOut", "TimedOut"), t("Person", "SoftwareApplication"),
                t("SoftwareApplication", "Session"), ENTITY, t("DigitalResource"),
                t("DigitalResource", "SoftwareApplication"));
        event("SurveyEvent", List.of("OptedIn", "OptedOut"), PERSON, t("Survey"), ENTITY, ENTITY, ENTITY);
        event("SurveyInvitationEvent", List.of("Accepted", "Declined", "Sent"), PERSON, t("SurveyInvitation"), ENTITY,
                ENTITY, ENTITY);
        event("ThreadEvent", List.of("MarkedAsRead", "MarkedAsUnread"), PERSON, t("Thread"), ENTITY, ENTITY, ENTITY);
        event("ToolLaunchEvent", List.of("Launched", "Returned"), PERSON, t("SoftwareApplication"),
                t("DigitalResource"), t("Link", "DigitalResource"), ENTITY);
        event("ToolUseEvent", List.of("Used"), PERSON, t("SoftwareApplication"), t("AggregateMeasureCollection"),
                t("SoftwareApplication"), ENTITY);
        // the Grading Profile also views a Result
        event("ViewEvent", List.of("Viewed"), PERSON, t("DigitalResource", "Result"), ENTITY, ENTITY, ENTITY);
    }
}
