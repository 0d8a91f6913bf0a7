package fr.yseraa.observatory.core.xml;

/**
 * The characters XML 1.0 allows ({@code #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]}),
 * for the one check of request text at the door and for the writer, which never writes another, and how much of a
 * client's text a message may echo.
 */
public final class XmlChars {

    /** What a locator or a quoted value holds of a client's text at most, in characters. */
    public static final int ECHO_LIMIT = 300;
    /** What the writer puts in place of a character XML does not allow. */
    public static final char REPLACEMENT = '\uFFFD';

    private XmlChars() {
    }

    /** Whether XML 1.0 allows this UTF-16 unit outside a surrogate pair (surrogates are checked in pairs). */
    public static boolean allowed(char c) {
        return c >= 0x20 ? c < 0xFFFE && !Character.isSurrogate(c) : c == 0x9 || c == 0xA || c == 0xD;
    }

    /** The index of the first character XML 1.0 does not allow (a lone surrogate among them), or -1. */
    public static int firstForbidden(CharSequence s) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (allowed(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /**
     * Client text as a message may quote it: cut to {@code limit} characters (never inside a surrogate pair), with an
     * ellipsis and the full length when it was longer. Null stays null.
     */
    public static String cut(String s, int limit) {
        if (s == null || s.length() <= limit) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(limit - 1)) ? limit - 1 : limit;
        return s.substring(0, end) + "… (" + s.length() + " characters)";
    }

    /** The text with each character XML 1.0 does not allow replaced by {@link #REPLACEMENT}. */
    public static String allowedOnly(String s) {
        int first = firstForbidden(s);
        if (first < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(allowed(c) ? c : REPLACEMENT);
            }
        }
        return b.toString();
    }
}
