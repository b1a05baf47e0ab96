package io.learnpulse.core.format;

import java.math.BigDecimal;

/**
 * ISO 8601 durations in the format of ISO 8601:2004 section 4.4.3.2, as xAPI ({@code result.duration}) and
 * Caliper ({@code MediaLocation.currentTime}, {@code duration}) use them.
 *
 * <p>Accepted: {@code P} followed by {@code nW} alone, or by any of {@code nY nM nD} in this order and
 * optionally {@code T} with any of {@code nH nM nS} in this order; at least one component, and at least
 * one after {@code T}. Each {@code n} is one or more digits; only the last component may have a decimal
 * fraction ({@code .} or {@code ,} followed by at least one digit). Not accepted: a sign, the alternative
 * format ({@code P0003-02-01T...}), {@code W} combined with other components, an empty {@code P} or
 * {@code T}, hours/minutes/seconds without {@code T} ({@code P16559S}), lower-case designators.
 * Hand-written: no regular expressions on the hot path.
 */
public final class IsoDurations {

    private static final double INVALID = -1;
    private static final double CALENDAR = -2;

    private IsoDurations() {}

    /** True when {@code s} is a duration as described in the class comment. */
    public static boolean isValid(String s) {
        return parse(s, false) != INVALID;
    }

    /**
     * The duration in seconds; NaN when {@code s} is not a valid duration, or uses years or months (whose
     * length in seconds is not defined). Weeks are 7 days and days 86,400 seconds. Fractions are added
     * exactly: {@code PT3M14.381S} is the double closest to 194.381.
     */
    public static double toSeconds(String s) {
        double v = parse(s, true);
        return v == INVALID || v == CALENDAR ? Double.NaN : v;
    }

    /** True when {@code s} is valid but has a year or month component (so has no length in seconds). */
    public static boolean hasCalendarComponent(String s) {
        return parse(s, true) == CALENDAR;
    }

    private static double parse(String s, boolean wantSeconds) {
        int n = s == null ? 0 : s.length();
        if (n < 3 || s.charAt(0) != 'P') {
            return INVALID;
        }
        int i = 1;
        boolean inTime = false;
        boolean anyComponent = false;
        boolean anyTimeComponent = false;
        boolean calendar = false;
        boolean overflow = false;
        int lastOrder = -1;
        long whole = 0; // whole seconds of the integer parts
        int fracStart = -1; // the fraction of the last component, if any
        int fracEnd = -1;
        long fracUnit = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == 'T') {
                if (inTime) {
                    return INVALID;
                }
                inTime = true;
                i++;
                if (i == n) {
                    return INVALID; // "T" with nothing after it
                }
                continue;
            }
            if (fracStart >= 0) {
                return INVALID; // a fraction is only allowed on the last component
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return INVALID;
            }
            int intEnd = i;
            int fStart = -1;
            int fEnd = -1;
            if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                i++;
                fStart = i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == fStart) {
                    return INVALID;
                }
                fEnd = i;
            }
            if (i >= n) {
                return INVALID; // a number without a designator
            }
            char d = s.charAt(i++);
            int order;
            long unit;
            if (d == 'W') {
                if (inTime || anyComponent || i != n) {
                    return INVALID; // weeks stand alone: "PnW" and nothing else
                }
                order = 6;
                unit = 7 * 86400L;
            } else if (!inTime) {
                switch (d) {
                    case 'Y': order = 0; unit = 0; calendar = true; break;
                    case 'M': order = 1; unit = 0; calendar = true; break;
                    case 'D': order = 2; unit = 86400L; break;
                    default: return INVALID;
                }
            } else {
                switch (d) {
                    case 'H': order = 3; unit = 3600L; break;
                    case 'M': order = 4; unit = 60L; break;
                    case 'S': order = 5; unit = 1L; break;
                    default: return INVALID;
                }
                anyTimeComponent = true;
            }
            if (order <= lastOrder) {
                return INVALID; // out of order or repeated
            }
            lastOrder = order;
            anyComponent = true;
            if (fStart >= 0) {
                fracStart = fStart;
                fracEnd = fEnd;
                fracUnit = unit;
            }
            if (wantSeconds && unit > 0 && !overflow) {
                if (intEnd - start > 12) {
                    overflow = true;
                } else {
                    whole += unit * Long.parseLong(s, start, intEnd, 10);
                }
            }
        }
        if (!anyComponent || (inTime && !anyTimeComponent)) {
            return INVALID;
        }
        if (!wantSeconds) {
            return 0;
        }
        if (calendar) {
            return CALENDAR;
        }
        if (overflow) {
            return Double.POSITIVE_INFINITY;
        }
        if (fracStart < 0) {
            return whole;
        }
        return new BigDecimal(whole)
                .add(new BigDecimal("0." + s.substring(fracStart, fracEnd)).multiply(BigDecimal.valueOf(fracUnit)))
                .doubleValue();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
