package fr.yseraa.observatory.core.filter;

import java.util.List;
import java.util.Set;

/**
 * A filter as SQL: a condition with {@code ?} placeholders, the values to bind to them in order, and the SRIDs
 * of literal geometries, which the caller checks against the database's {@code spatial_ref_sys} before running the
 * query (an unknown SRID is the client's mistake, not a server failure).
 */
public record CompiledFilter(String sql, List<Object> parameters, Set<Integer> literalSrids) {

    public CompiledFilter {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        literalSrids = Set.copyOf(literalSrids);
    }
}
