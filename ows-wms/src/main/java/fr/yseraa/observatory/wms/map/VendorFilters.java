package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.filter.CqlParser;
import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vendor parameters that filter a map's layers, one filter per layer as GeoServer has them: {@code CQL_FILTER}
 * (CQL texts separated by {@code ;}) and {@code FILTER} (FES documents, each in parentheses when there are several).
 * Both may be given: a layer then shows the features both keep.
 */
final class VendorFilters {

    private VendorFilters() {
    }

    /** The parameter filters come from, for error reports: {@code cql_filter} when given, else {@code filter}. */
    static String locator(KvpParameters kvp) {
        return kvp.get("CQL_FILTER").isPresent() ? "cql_filter" : "filter";
    }

    /** The filter of each of {@code layers} layers (null where none is given). */
    static List<Filter> parse(KvpParameters kvp, int layers) {
        Filter[] filters = new Filter[layers];
        kvp.get("CQL_FILTER").ifPresent(text -> {
            List<String> parts = splitCql(text);
            checkCount(parts.size(), layers, "cql_filter");
            for (int i = 0; i < layers; i++) {
                filters[i] = and(filters[i], CqlParser.parse(parts.get(i), "cql_filter"));
            }
        });
        kvp.get("FILTER").ifPresent(text -> {
            List<String> parts = splitFes(text.strip());
            checkCount(parts.size(), layers, "filter");
            for (int i = 0; i < layers; i++) {
                filters[i] = and(filters[i], FesParser.parse(parts.get(i), "filter"));
            }
        });
        return Arrays.asList(filters);
    }

    private static Filter and(Filter previous, Filter next) {
        return previous == null ? next : Filter.and(List.of(previous, next));
    }

    private static void checkCount(int given, int layers, String locator) {
        if (given != layers) {
            throw OwsException.invalidParameter(locator, locator.toUpperCase() + " gives " + given
                    + " filters for " + layers + " layers; give one per layer (INCLUDE for none)");
        }
    }

    /** CQL texts separated by semicolons outside quoted strings. */
    static List<String> splitCql(String text) {
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

    /** One FES document, or several each wrapped in parentheses: {@code (<Filter>..</Filter>)(<Filter>..</Filter>)}. */
    static List<String> splitFes(String text) {
        if (!text.startsWith("(")) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inTag = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            } else if (!inTag && c == '(') {
                if (depth++ == 0) {
                    start = i + 1;
                }
            } else if (!inTag && c == ')' && depth > 0 && --depth == 0) {
                parts.add(text.substring(start, i));
            }
        }
        if (depth != 0 || parts.isEmpty()) {
            throw OwsException.invalidParameter("filter", "FILTER has unbalanced parentheses");
        }
        return parts;
    }
}
