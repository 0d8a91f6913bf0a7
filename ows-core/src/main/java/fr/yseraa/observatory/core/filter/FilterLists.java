package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests naming several layers give one filter per layer in one parameter: CQL texts separated by {@code ;}
 * (outside quoted strings), FES documents each wrapped in parentheses, {@code (<Filter>..</Filter>)(<Filter>..)}.
 */
public final class FilterLists {

    private FilterLists() {
    }

    /** CQL texts separated by semicolons outside quoted strings. */
    public static List<String> splitCql(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** One FES document, or several each wrapped in parentheses. */
    public static List<String> splitFes(String text, String locator) {
        String t = text.strip();
        if (!t.startsWith("(")) {
            return List.of(t);
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inTag = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            } else if (!inTag && c == '(') {
                if (depth++ == 0) {
                    start = i + 1;
                }
            } else if (!inTag && c == ')' && depth > 0 && --depth == 0) {
                parts.add(t.substring(start, i));
            }
        }
        if (depth != 0 || parts.isEmpty()) {
            throw OwsException.invalidParameter(locator, locator.toUpperCase() + " has unbalanced parentheses");
        }
        return parts;
    }
}
