package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.feature.AttributeColumns;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.RowAttributes;
import fr.yseraa.observatory.core.filter.Expression.Literal;
import fr.yseraa.observatory.core.filter.Expression.Property;
import java.util.List;

/**
 * A filter compiled once for evaluation on many features (the renderer's rules): the same answers as
 * {@link FilterEvaluator#matches}, SQL's three-valued logic included, without walking the filter model at each
 * feature. And, Or and Not are compiled to their operands; a comparison of a property with a literal has the literal
 * read once as text, integer and boolean, and compares the values a rule filter usually meets (texts case-sensitively,
 * integers, booleans) without converting anything; the property of a query's rows ({@link RowAttributes}) is read by
 * its column's index; every other comparison, value and operator is handed to the evaluator.
 */
public final class FilterPredicate {

    /** One node of the compiled filter: TRUE, FALSE or null for unknown. */
    private interface Node {
        Boolean evaluate(Feature feature);
    }

    private final Node root;

    private FilterPredicate(Node root) {
        this.root = root;
    }

    public static FilterPredicate of(Filter filter) {
        return new FilterPredicate(compile(filter));
    }

    /** Whether the feature matches (unknown counts as no, as in a SQL WHERE). */
    public boolean matches(Feature feature) {
        return Boolean.TRUE.equals(root.evaluate(feature));
    }

    private static Node compile(Filter f) {
        if (f instanceof Filter.And a) {
            return combination(a.operands(), false);
        }
        if (f instanceof Filter.Or o) {
            return combination(o.operands(), true);
        }
        if (f instanceof Filter.Not n) {
            Node operand = compile(n.operand());
            return feature -> {
                Boolean b = operand.evaluate(feature);
                return b == null ? null : !b;
            };
        }
        if (f instanceof Filter.Comparison c && c.left() instanceof Property p && c.right() instanceof Literal l) {
            return new PropertyComparison(c, p.name(), l.value());
        }
        return feature -> FilterEvaluator.evaluate(f, feature);
    }

    private static Node combination(List<Filter> operands, boolean or) {
        Node[] nodes = operands.stream().map(FilterPredicate::compile).toArray(Node[]::new);
        return feature -> {
            boolean unknown = false;
            for (Node node : nodes) {
                Boolean b = node.evaluate(feature);
                if (b == null) {
                    unknown = true;
                } else if (b == or) {
                    return or;
                }
            }
            return unknown ? null : !or;
        };
    }

    /**
     * {@code property op literal}: the cases {@link FilterEvaluator} answers without conversion, answered the same
     * way with the literal read once; any other pair of values goes to the evaluator.
     */
    private static final class PropertyComparison implements Node {

        private final Filter.Comparison comparison;
        private final ComparisonOperator operator;
        private final String name;
        /** The literal as a text compared case-sensitively, or null when it is not one. */
        private final String text;
        private final Long integer;
        private final Boolean bool;

        PropertyComparison(Filter.Comparison comparison, String name, Object literal) {
            this.comparison = comparison;
            this.operator = comparison.operator();
            this.name = name;
            Object value = FilterEvaluator.normalize(literal);
            this.text = value instanceof String s && comparison.matchCase() && s.indexOf('\0') < 0 ? s : null;
            this.integer = value instanceof Long x ? x : FilterEvaluator.plainInteger(value);
            this.bool = value instanceof Boolean b ? b : FilterEvaluator.booleanText(value);
        }

        /** The property's column in the rows last read, or null before the first row. */
        private Column column;

        @Override
        public Boolean evaluate(Feature feature) {
            Object v = value(feature);
            if (v == null) {
                return null;
            }
            if (v instanceof String s && text != null && s.indexOf('\0') < 0) {
                return operator.test(s.compareTo(text));
            }
            if (v instanceof Boolean b && bool != null) {
                return operator.test(Boolean.compare(b, bool));
            }
            if ((v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) && integer != null) {
                return operator.test(Long.compare(((Number) v).longValue(), integer));
            }
            return FilterEvaluator.evaluate(comparison, feature);
        }

        /**
         * The property's value: the rows of one query share their columns, so the name is looked up once per query,
         * then each row's value read by its index.
         */
        private Object value(Feature feature) {
            if (!(feature.attributes() instanceof RowAttributes row)) {
                return feature.attributes().get(name);
            }
            // a map's threads may share this predicate: the column is replaced whole, never changed
            Column c = column;
            if (c == null || c.columns() != row.columns()) {
                c = new Column(row.columns(), row.columns().indexOf(name));
                column = c;
            }
            return c.index() < 0 ? null : row.value(c.index());
        }
    }

    private record Column(AttributeColumns columns, int index) {
    }
}
