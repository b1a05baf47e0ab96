package io.learnpulse.core.event;

import java.util.List;

/** Names of the native input channels. */
public final class Sources {
    public static final String CLICKSTREAM = "clickstream";
    public static final String VIDEO = "video";
    public static final String ASSESSMENT = "assessment";

    public static final List<String> NATIVE = List.of(CLICKSTREAM, VIDEO, ASSESSMENT);

    private Sources() {}
}
