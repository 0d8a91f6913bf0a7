package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.filter.CqlParser;
import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.FilterLists;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
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
            List<String> parts = FilterLists.splitCql(text);
            checkCount(parts.size(), layers, "cql_filter");
            for (int i = 0; i < layers; i++) {
                filters[i] = and(filters[i], CqlParser.parse(parts.get(i), "cql_filter"));
            }
        });
        kvp.get("FILTER").ifPresent(text -> {
            List<String> parts = FilterLists.splitFes(text, "filter");
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
}
