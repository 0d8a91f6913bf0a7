package fr.yseraa.observatory.core.access;

import java.util.LinkedHashMap;
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
 */
public record LayerAccess(boolean readable, String geometryExpression, String rowPredicate,
                          Map<String, String> attributeExpressions, String accessLevel, boolean audited) {

    public LayerAccess {
        attributeExpressions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeExpressions));
    }

    /** A view whose reads are not audited. */
    public LayerAccess(boolean readable, String geometryExpression, String rowPredicate,
                       Map<String, String> attributeExpressions, String accessLevel) {
        this(readable, geometryExpression, rowPredicate, attributeExpressions, accessLevel, false);
    }

    public static LayerAccess denied() {
        return new LayerAccess(false, null, null, Map.of(), "none");
    }
}
