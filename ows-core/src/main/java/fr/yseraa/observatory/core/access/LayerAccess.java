package fr.yseraa.observatory.core.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a caller may see of a layer, as SQL the feature access layer applies to every query. The expressions come
 * from the policy and the catalog, never from the request.
 *
 * @param readable whether the caller may see the layer at all
 * @param geometryExpression the geometry the caller sees (a column or an expression over columns)
 * @param rowPredicate a condition rows must meet to be seen, or null for all rows
 * @param attributeExpressions the attributes the caller sees, each with the expression that gives its value
 * @param accessLevel a short name of this view of the layer: two callers with the same level see the same
 *     data, so caches may share what they compute for it
 * @param audited whether reads through this view are recorded in the audit trail (precise sensitive data)
 * @param indexedGeometries when the geometry is an expression over several geometry columns (a CASE), those columns:
 *     every geometry the expression gives is one of them, so a box test on them is a necessary condition that
 *     their spatial indexes can answer before the expression itself is tested; empty when the geometry is a column
 * @param sharedAreas the rows this caller sees as areas many rows share, kept once each elsewhere; null when none
 */
public record LayerAccess(boolean readable, String geometryExpression, String rowPredicate,
                          Map<String, String> attributeExpressions, String accessLevel, boolean audited,
                          List<String> indexedGeometries, SharedAreas sharedAreas) {

    public LayerAccess {
        attributeExpressions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeExpressions));
        indexedGeometries = List.copyOf(indexedGeometries);
    }

    /** A view without shared areas. */
    public LayerAccess(boolean readable, String geometryExpression, String rowPredicate,
                       Map<String, String> attributeExpressions, String accessLevel, boolean audited,
                       List<String> indexedGeometries) {
        this(readable, geometryExpression, rowPredicate, attributeExpressions, accessLevel, audited, indexedGeometries,
                null);
    }

    /** This view, its rows shown as shared areas described by {@code areas}. */
    public LayerAccess withSharedAreas(SharedAreas areas) {
        return new LayerAccess(readable, geometryExpression, rowPredicate, attributeExpressions, accessLevel, audited,
                indexedGeometries, areas);
    }

    /** A view whose geometry is a column or needs no index help. */
    public LayerAccess(boolean readable, String geometryExpression, String rowPredicate,
                       Map<String, String> attributeExpressions, String accessLevel, boolean audited) {
        this(readable, geometryExpression, rowPredicate, attributeExpressions, accessLevel, audited, List.of());
    }

    /** A view whose reads are not audited. */
    public LayerAccess(boolean readable, String geometryExpression, String rowPredicate,
                       Map<String, String> attributeExpressions, String accessLevel) {
        this(readable, geometryExpression, rowPredicate, attributeExpressions, accessLevel, false);
    }

    /**
     * The SQL condition "the caller's geometry meets the box", for a box given as SQL by {@code box} (called once per
     * use, so that each use may bind its own parameters, in the order of the text): the box test on each indexed
     * column first, then on the geometry itself.
     */
    public String boxTest(java.util.function.Supplier<String> box) {
        if (indexedGeometries.isEmpty()) {
            return geometryExpression + " && " + box.get();
        }
        StringBuilder sql = new StringBuilder("((");
        for (int i = 0; i < indexedGeometries.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append(indexedGeometries.get(i)).append(" && ").append(box.get());
        }
        return sql.append(") AND ").append(geometryExpression).append(" && ").append(box.get()).append(")").toString();
    }

    public static LayerAccess denied() {
        return new LayerAccess(false, null, null, Map.of(), "none");
    }
}
