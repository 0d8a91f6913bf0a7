package fr.yseraa.observatory.wfs.storedquery;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.Filter;

/**
 * What a call of a stored query selects: the features of one type the filter matches, as the caller sees them (the
 * filter is compiled against the caller's view of the type, like a FILTER parameter).
 *
 * @param type one of the types the stored query's description returns
 */
public record StoredQueryExpression(LayerInfo type, Filter filter) {
}
