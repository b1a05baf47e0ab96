package io.learnpulse.core.format.xapi;

/**
 * A best-effort check of RFC 5646 language tags, as the keys of xAPI language maps and
 * {@code context.language}: the sequence of subtag kinds and lengths is validated, registry membership is
 * not (xAPI 2.2.s4.b2: "the LRS MUST at least validate that the sequence of token lengths for language map
 * keys matches the RFC 5646 standard").
 *
 * <p>{@code language ["-" extlang{0,3}] ["-" script] ["-" region] *("-" variant) *("-" extension)
 * ["-" privateuse]}, or a private-use tag {@code x-...}, or a grandfathered {@code i-...} tag. Case is not
 * significant.
 */
final class LanguageTags {

    private LanguageTags() {}

    static boolean isValid(String tag) {
        if (tag == null || tag.isEmpty()) {
            return false;
        }
        String[] p = split(tag);
        if (p == null) {
            return false;
        }
        int n = p.length;
        String first = p[0];
        if (first.equalsIgnoreCase("x")) {
            return privateUse(p, 0);
        }
        if (first.equalsIgnoreCase("i")) {
            // grandfathered irregular tags such as i-klingon, i-default
            return n == 2 && p[1].length() >= 2 && isAlnum(p[1]);
        }
        if (first.length() < 2 || !isAlpha(first)) {
            return false;
        }
        int i = 1;
        if (first.length() <= 3) {
            int ext = 0;
            while (i < n && ext < 3 && p[i].length() == 3 && isAlpha(p[i])) {
                i++;
                ext++;
            }
        }
        if (i < n && p[i].length() == 4 && isAlpha(p[i])) {
            i++; // script
        }
        if (i < n && ((p[i].length() == 2 && isAlpha(p[i])) || (p[i].length() == 3 && isDigits(p[i])))) {
            i++; // region
        }
        while (i < n && isVariant(p[i])) {
            i++;
        }
        while (i < n && p[i].length() == 1 && !p[i].equalsIgnoreCase("x")) {
            i++; // extension singleton, then one or more subtags of 2..8
            int k = 0;
            while (i < n && p[i].length() >= 2) {
                i++;
                k++;
            }
            if (k == 0) {
                return false;
            }
        }
        if (i < n && p[i].equalsIgnoreCase("x")) {
            return privateUse(p, i);
        }
        return i == n;
    }

    private static boolean privateUse(String[] p, int x) {
        return p.length > x + 1; // "x" followed by one or more subtags of 1..8 (checked by split)
    }

    private static boolean isVariant(String s) {
        int n = s.length();
        return (n >= 5 && n <= 8) || (n == 4 && s.charAt(0) >= '0' && s.charAt(0) <= '9');
    }

    /** The subtags; null when one is empty, longer than 8 or not alphanumeric. */
    private static String[] split(String tag) {
        int count = 1;
        for (int i = 0; i < tag.length(); i++) {
            if (tag.charAt(i) == '-') {
                count++;
            }
        }
        String[] out = new String[count];
        int start = 0;
        int k = 0;
        for (int i = 0; i <= tag.length(); i++) {
            if (i == tag.length() || tag.charAt(i) == '-') {
                if (i == start || i - start > 8) {
                    return null;
                }
                String sub = tag.substring(start, i);
                if (!isAlnum(sub)) {
                    return null;
                }
                out[k++] = sub;
                start = i + 1;
            }
        }
        return out;
    }

    private static boolean isAlpha(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
