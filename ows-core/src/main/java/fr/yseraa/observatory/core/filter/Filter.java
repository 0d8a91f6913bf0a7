package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.filter.Expression.GeometryLiteral;
import fr.yseraa.observatory.core.filter.Expression.Property;
import java.util.List;
import java.util.Objects;

/**
 * The one filter model every entry point shares (FES 2.0 / 1.1 / 1.0 XML, SLD {@code ogc:Filter}, CQL text): an
 * immutable tree that {@link FilterSqlCompiler} turns into SQL and {@link FilterEvaluator} evaluates in memory.
 */
public sealed interface Filter {

    /** Every feature. */
    record Include() implements Filter {
    }

    /** No feature. */
    record Exclude() implements Filter {
    }

    record And(List<Filter> operands) implements Filter {
        public And {
            operands = List.copyOf(operands);
            if (operands.isEmpty()) {
                throw new IllegalArgumentException("And needs operands");
            }
        }
    }

    record Or(List<Filter> operands) implements Filter {
        public Or {
            operands = List.copyOf(operands);
            if (operands.isEmpty()) {
                throw new IllegalArgumentException("Or needs operands");
            }
        }
    }

    record Not(Filter operand) implements Filter {
        public Not {
            Objects.requireNonNull(operand);
        }
    }

    /** {@code left op right}; matchCase false compares text case-insensitively. */
    record Comparison(ComparisonOperator operator, Expression left, Expression right, boolean matchCase)
            implements Filter {
        public Comparison {
            Objects.requireNonNull(operator);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** A text pattern: {@link LikePattern} says what its wildcard, single-character and escape characters are. */
    record Like(Expression expression, LikePattern pattern, boolean matchCase) implements Filter {
        public Like {
            Objects.requireNonNull(expression);
            Objects.requireNonNull(pattern);
        }
    }

    /** {@code lower <= expression <= upper}. */
    record Between(Expression expression, Expression lower, Expression upper) implements Filter {
        public Between {
            Objects.requireNonNull(expression);
            Objects.requireNonNull(lower);
            Objects.requireNonNull(upper);
        }
    }

    record IsNull(Expression expression) implements Filter {
        public IsNull {
            Objects.requireNonNull(expression);
        }
    }

    /**
     * A spatial predicate between the layer's geometry and a literal geometry.
     *
     * @param property the geometry property named by the request, or null for the layer's default geometry
     */
    record Spatial(SpatialOperator operator, Property property, GeometryLiteral geometry) implements Filter {
        public Spatial {
            Objects.requireNonNull(operator);
            Objects.requireNonNull(geometry);
        }
    }

    /** DWithin ({@code beyond} false) or Beyond ({@code beyond} true) a distance of a literal geometry. */
    record Distance(boolean beyond, Property property, GeometryLiteral geometry, double distance, DistanceUnit unit)
            implements Filter {
        public Distance {
            Objects.requireNonNull(geometry);
            Objects.requireNonNull(unit);
            if (!(distance >= 0) || Double.isInfinite(distance)) {
                throw new IllegalArgumentException("distance must be a finite, non-negative number");
            }
        }
    }

    /** The features with these ids ({@code layer.key}). */
    record ResourceId(List<String> ids) implements Filter {
        public ResourceId {
            ids = List.copyOf(ids);
        }
    }

    /** A temporal predicate between a date or timestamp property and an instant or a period. */
    record Temporal(TemporalOperator operator, Property property, TimeValue value) implements Filter {
        public Temporal {
            Objects.requireNonNull(operator);
            Objects.requireNonNull(property);
            Objects.requireNonNull(value);
        }
    }

    static Filter and(List<Filter> operands) {
        return operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    static Filter or(List<Filter> operands) {
        return operands.size() == 1 ? operands.get(0) : new Or(operands);
    }
}
