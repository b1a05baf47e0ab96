package io.learnpulse.core.event;

import java.util.Locale;

public enum VideoAction {
    PLAY,
    PAUSE,
    SEEK,
    ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name; returns null for an unknown action so callers can explain the error. */
    public static VideoAction fromWire(String s) {
        if (s == null) {
            return null;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "play": return PLAY;
            case "pause": return PAUSE;
            case "seek": return SEEK;
            case "ended": return ENDED;
            default: return null;
        }
    }
}
