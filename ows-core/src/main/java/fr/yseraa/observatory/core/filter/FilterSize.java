package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.ows.OwsException;

/**
 * How big a filter one request may give, whatever its encoding (FES, CQL text, CQL2 JSON, an SLD rule's filter):
 * every parser checks its filter as it ends, so that nothing bigger reaches PostgreSQL (or the evaluator); beyond,
 * InvalidParameterValue names the parameter and the limit. The bounds leave room for any real use: an IN list of
 * tens of thousands of ids or values (compiled to one array), a département's outline, a long LIKE pattern. Long
 * disjunctions of other conditions meet a tighter bound when compiled ({@link FilterSqlCompiler}).
 */
public final class FilterSize {

    /** Nodes of one filter: predicates, logical operators, expressions, ids (an IN list of n values is 3n + 1). */
    public static final int MAX_NODES = 200_000;
    /** Vertices of one filter's geometries, all together (a detailed département has about 50 000). */
    public static final int MAX_VERTICES = 200_000;
    /** Characters of one text literal or LIKE pattern. */
    public static final int MAX_TEXT = 10_000;

    private int nodes;
    private int vertices;
    private final String locator;

    private FilterSize(String locator) {
        this.locator = locator;
    }

    /** The filter, once known to be within the bounds; else InvalidParameterValue on the locator. */
    public static Filter check(Filter filter, String locator) {
        new FilterSize(locator).filter(filter);
        return filter;
    }

    /** Fails when a list of ids or values given outside a filter (WFS RESOURCEID) is longer than a filter may be. */
    public static void checkCount(int items, String locator) {
        if (items > MAX_NODES) {
            throw tooBig(locator, "more than " + MAX_NODES + " nodes (conditions, operators, values, ids)");
        }
    }

    /** Fails early on a geometry with too many vertices (before its validity, which costs more, is checked). */
    static void checkVertices(int count, String locator) {
        if (count > MAX_VERTICES) {
            throw tooBig(locator, "geometries with more than " + MAX_VERTICES + " vertices");
        }
    }

    private void filter(Filter f) {
        node();
        if (f instanceof Filter.And a) {
            a.operands().forEach(this::filter);
        } else if (f instanceof Filter.Or o) {
            o.operands().forEach(this::filter);
        } else if (f instanceof Filter.Not n) {
            filter(n.operand());
        } else if (f instanceof Filter.Comparison c) {
            expression(c.left());
            expression(c.right());
        } else if (f instanceof Filter.Like l) {
            expression(l.expression());
            text(l.pattern().pattern());
        } else if (f instanceof Filter.Between b) {
            expression(b.expression());
            expression(b.lower());
            expression(b.upper());
        } else if (f instanceof Filter.IsNull i) {
            expression(i.expression());
        } else if (f instanceof Filter.Spatial s) {
            expression(s.geometry());
        } else if (f instanceof Filter.Distance d) {
            expression(d.geometry());
        } else if (f instanceof Filter.ResourceId r) {
            for (String id : r.ids()) {
                node();
                text(id);
            }
        } // Include, Exclude and Temporal (a property and an instant or period) are one node
    }

    private void expression(Expression e) {
        node();
        if (e instanceof Expression.Property p) {
            text(p.name());
        } else if (e instanceof Expression.Literal l && l.value() instanceof String text) {
            text(text);
        } else if (e instanceof Expression.GeometryLiteral g) {
            vertices += g.geometry().getNumPoints();
            checkVertices(vertices, locator);
        } else if (e instanceof Expression.Arithmetic a) {
            expression(a.left());
            expression(a.right());
        }
    }

    private void node() {
        checkCount(++nodes, locator);
    }

    private void text(String s) {
        if (s.length() > MAX_TEXT) {
            throw tooBig(locator, "a text of more than " + MAX_TEXT + " characters");
        }
    }

    private static OwsException tooBig(String locator, String what) {
        return OwsException.invalidParameter(locator, "The filter is too big for this server: it has " + what
                + "; narrow it, or split the request");
    }
}
