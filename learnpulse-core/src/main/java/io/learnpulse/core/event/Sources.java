package io.learnpulse.core.event;

import java.util.List;

/** Names of the input channels. */
public final class Sources {
    public static final String CLICKSTREAM = "clickstream";
    public static final String VIDEO = "video";
    public static final String ASSESSMENT = "assessment";

    /** The channel for xAPI statements (any channel may carry any format; this one is named for xAPI). */
    public static final String XAPI = "xapi";
    /** The channel for IMS Caliper envelopes and events. */
    public static final String CALIPER = "caliper";

    /** The channels native records are accepted on; their channel decides the event kind. */
    public static final List<String> NATIVE = List.of(CLICKSTREAM, VIDEO, ASSESSMENT);
    /** Every channel {@link io.learnpulse.core.format.RecordParser} accepts. */
    public static final List<String> ALL = List.of(CLICKSTREAM, VIDEO, ASSESSMENT, XAPI, CALIPER);

    private Sources() {}
}
