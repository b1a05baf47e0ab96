package io.learnpulse.core.format;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 date-times with a mandatory offset, to epoch milliseconds. Shared by all the format parsers.
 *
 * <p>The common shape {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm)} is parsed by hand (java.time is
 * several times slower than the rest of a record). Anything else falls back to
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which is the authority on what is accepted: the fast
 * path only ever accepts strings java.time accepts, with the same result.
 */
public final class IsoTimestamps {

    /** Returned by {@link #parseFast} when the string is not in the fast shape (not necessarily invalid). */
    public static final long NOT_FAST = Long.MIN_VALUE;

    /** Why a timestamp was rejected. */
    public enum Problem { NO_OFFSET, UNPARSABLE, OUT_OF_RANGE }

    /** Thrown by {@link #parse} for an unacceptable timestamp. */
    public static final class InvalidTimestamp extends Exception {
        private static final long serialVersionUID = 1L;
        public final Problem problem;

        InvalidTimestamp(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }
    }

    private IsoTimestamps() {}

    /** Epoch milliseconds (fractions below a millisecond are truncated towards the past). */
    public static long parse(String s) throws InvalidTimestamp {
        long fast = parseFast(s);
        if (fast != NOT_FAST) {
            return fast;
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            throw new InvalidTimestamp(hasNoOffset(s) ? Problem.NO_OFFSET : Problem.UNPARSABLE);
        }
        try {
            return t.toInstant().toEpochMilli();
        } catch (ArithmeticException e) {
            throw new InvalidTimestamp(Problem.OUT_OF_RANGE);
        }
    }

    private static boolean hasNoOffset(String s) {
        try {
            LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm)}; {@link #NOT_FAST} for anything else,
     * including out-of-range fields (the slow path then explains the problem).
     */
    public static long parseFast(String s) {
        int n = s.length();
        if (n < 20 || n > 35) {
            return NOT_FAST;
        }
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return NOT_FAST;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return NOT_FAST;
        }
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return NOT_FAST;
        }
        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return NOT_FAST;
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        if (i >= n) {
            return NOT_FAST;
        }
        int offsetSeconds;
        char c = s.charAt(i);
        if (c == 'Z') {
            if (i + 1 != n) {
                return NOT_FAST;
            }
            offsetSeconds = 0;
        } else if (c == '+' || c == '-') {
            if (i + 6 != n || s.charAt(i + 3) != ':') {
                return NOT_FAST;
            }
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 18 || om > 59 || (oh == 18 && om != 0)) {
                return NOT_FAST;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
        } else {
            return NOT_FAST;
        }
        long epochDay = epochDay(year, month, day);
        long seconds = epochDay * 86400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000L + millis;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of {@code len} decimal digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                return isLeap(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (year 0..9999). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = (month + 9) % 12;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
