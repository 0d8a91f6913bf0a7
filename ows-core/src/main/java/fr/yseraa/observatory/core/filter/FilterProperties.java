package fr.yseraa.observatory.core.filter;

import java.util.LinkedHashSet;
import java.util.Set;

/** The property names a filter reads, e.g. so that a map fetches the attributes its style rules test. */
public final class FilterProperties {

    private FilterProperties() {
    }

    public static Set<String> of(Filter filter) {
        Set<String> names = new LinkedHashSet<>();
        collect(filter, names);
        return names;
    }

    private static void collect(Filter f, Set<String> names) {
        if (f instanceof Filter.And and) {
            and.operands().forEach(o -> collect(o, names));
        } else if (f instanceof Filter.Or or) {
            or.operands().forEach(o -> collect(o, names));
        } else if (f instanceof Filter.Not not) {
            collect(not.operand(), names);
        } else if (f instanceof Filter.Comparison c) {
            collect(c.left(), names);
            collect(c.right(), names);
        } else if (f instanceof Filter.Like like) {
            collect(like.expression(), names);
        } else if (f instanceof Filter.Between b) {
            collect(b.expression(), names);
            collect(b.lower(), names);
            collect(b.upper(), names);
        } else if (f instanceof Filter.IsNull n) {
            collect(n.expression(), names);
        } else if (f instanceof Filter.Spatial s && s.property() != null) {
            names.add(s.property().name());
        } else if (f instanceof Filter.Distance d && d.property() != null) {
            names.add(d.property().name());
        } else if (f instanceof Filter.Temporal t) {
            names.add(t.property().name());
        }
        // Include, Exclude and ResourceId read no property
    }

    private static void collect(Expression e, Set<String> names) {
        if (e instanceof Expression.Property p) {
            names.add(p.name());
        } else if (e instanceof Expression.Arithmetic a) {
            collect(a.left(), names);
            collect(a.right(), names);
        }
    }
}
