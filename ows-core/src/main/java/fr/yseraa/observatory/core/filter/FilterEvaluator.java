package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.filter.Expression.Arithmetic;
import fr.yseraa.observatory.core.filter.Expression.GeometryLiteral;
import fr.yseraa.observatory.core.filter.Expression.Literal;
import fr.yseraa.observatory.core.filter.Expression.Property;
import fr.yseraa.observatory.core.ows.OwsException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;

/**
 * Evaluates a filter on a feature in memory (rule matching in the renderer), with the semantics of the SQL the
 * {@link FilterSqlCompiler} writes: SQL's three-valued logic (a comparison with a missing or null value is
 * unknown, and NOT unknown is still unknown), text values converted to the type of the property they meet.
 * Spatial predicates use JTS on the feature's geometry; literal geometries must be in the feature's CRS (or carry
 * no CRS), distances in metres assume a projected CRS in metres and distances in degrees a geographic one.
 * Properties the feature does not carry are null.
 */
public final class FilterEvaluator {

    private static final String LOCATOR = "filter";
    private static final int MAX_CACHED_PATTERNS = 1000;
    /** Compiled Like patterns: rule matching evaluates the same few filters on every feature. */
    private static final Map<Filter.Like, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private FilterEvaluator() {
    }

    /** Whether the feature matches the filter (unknown counts as no, as in a SQL WHERE). */
    public static boolean matches(Filter filter, Feature feature) {
        return Boolean.TRUE.equals(evaluate(filter, feature));
    }

    /** TRUE, FALSE or null for unknown. */
    static Boolean evaluate(Filter f, Feature feature) {
        if (f instanceof Filter.Include) {
            return true;
        }
        if (f instanceof Filter.Exclude) {
            return false;
        }
        if (f instanceof Filter.And a) {
            return combine(a.operands(), feature, false);
        }
        if (f instanceof Filter.Or o) {
            return combine(o.operands(), feature, true);
        }
        if (f instanceof Filter.Not n) {
            Boolean b = evaluate(n.operand(), feature);
            return b == null ? null : !b;
        }
        if (f instanceof Filter.Comparison c) {
            Integer order = compare(value(c.left(), feature), value(c.right(), feature), c.matchCase());
            return order == null ? null : c.operator().test(order);
        }
        if (f instanceof Filter.Like l) {
            Object v = value(l.expression(), feature);
            return v == null ? null : regex(l).matcher(text(v)).matches();
        }
        if (f instanceof Filter.Between b) {
            Object v = value(b.expression(), feature);
            Integer low = compare(v, value(b.lower(), feature), true);
            Integer high = compare(v, value(b.upper(), feature), true);
            return low == null || high == null ? null : low >= 0 && high <= 0;
        }
        if (f instanceof Filter.IsNull n) {
            return value(n.expression(), feature) == null;
        }
        if (f instanceof Filter.Spatial s) {
            return spatial(s, feature);
        }
        if (f instanceof Filter.Distance d) {
            Geometry g = feature.geometry();
            if (g == null) {
                return null;
            }
            boolean within = g.isWithinDistance(literal(d.geometry(), g),
                    d.unit() == DistanceUnit.DEGREE ? d.distance() : d.unit().toMetres(d.distance()));
            return within != d.beyond();
        }
        if (f instanceof Filter.ResourceId r) {
            return r.ids().stream().anyMatch(id -> id.equals(feature.id()) || id.endsWith(":" + feature.id()));
        }
        return temporal((Filter.Temporal) f, feature);
    }

    private static Pattern regex(Filter.Like like) {
        Pattern p = PATTERNS.get(like);
        if (p == null) {
            if (PATTERNS.size() >= MAX_CACHED_PATTERNS) {
                PATTERNS.clear();
            }
            p = like.pattern().toRegex(like.matchCase());
            PATTERNS.put(like, p);
        }
        return p;
    }

    private static Boolean combine(List<Filter> operands, Feature feature, boolean or) {
        boolean unknown = false;
        for (Filter operand : operands) {
            Boolean b = evaluate(operand, feature);
            if (b == null) {
                unknown = true;
            } else if (b == or) {
                return or;
            }
        }
        return unknown ? null : !or;
    }

    private static Boolean spatial(Filter.Spatial s, Feature feature) {
        Geometry g = feature.geometry();
        if (g == null) {
            return null;
        }
        Geometry other = literal(s.geometry(), g);
        return switch (s.operator()) {
            case BBOX, INTERSECTS -> g.intersects(other);
            case EQUALS -> g.equalsTopo(other);
            case DISJOINT -> g.disjoint(other);
            case TOUCHES -> g.touches(other);
            case WITHIN -> g.within(other);
            case OVERLAPS -> g.overlaps(other);
            case CROSSES -> g.crosses(other);
            case CONTAINS -> g.contains(other);
        };
    }

    private static Geometry literal(GeometryLiteral literal, Geometry featureGeometry) {
        int srid = featureGeometry.getSRID();
        if (literal.srid() != 0 && srid != 0 && literal.srid() != srid) {
            throw OwsException.invalidParameter(LOCATOR, "a geometry in EPSG:" + literal.srid()
                    + " cannot be compared in memory with features in EPSG:" + srid);
        }
        return literal.geometry();
    }

    private static Boolean temporal(Filter.Temporal t, Feature feature) {
        Object v = normalize(feature.attributes().get(t.property().name()));
        if (v == null) {
            return null;
        }
        if (!(v instanceof java.time.temporal.Temporal)) {
            throw OwsException.invalidParameter(LOCATOR, "Property " + t.property().name() + " is not a date or a timestamp");
        }
        TimeValue.Instant first = t.value() instanceof TimeValue.Period p ? p.begin() : (TimeValue.Instant) t.value();
        TimeValue.Instant last = t.value() instanceof TimeValue.Period p ? p.end() : first;
        boolean period = t.value() instanceof TimeValue.Period;
        // a date meets times of day as the whole day it is, as in SQL: its end is the next day's start, excluded
        LocalDateTime dayEnd = v instanceof LocalDate d
                && !(first.value() instanceof LocalDate && last.value() instanceof LocalDate)
                ? d.plusDays(1).atStartOfDay() : null;
        return switch (t.operator()) {
            case AFTER -> compare(v, last.value(), true) > 0;
            case BEFORE -> dayEnd != null ? compare(dayEnd, first.value(), true) <= 0
                    : compare(v, first.value(), true) < 0;
            case TEQUALS -> {
                if (period) {
                    throw OwsException.invalidParameter(LOCATOR, "TEquals needs an instant, not a period");
                }
                yield compare(v, first.value(), true) == 0;
            }
            case DURING -> {
                if (!period) {
                    throw OwsException.invalidParameter(LOCATOR, "During needs a period, not an instant");
                }
                boolean endsInside = dayEnd != null ? compare(dayEnd, last.value(), true) <= 0
                        : compare(v, last.value(), true) < 0;
                yield compare(v, first.value(), true) > 0 && endsInside;
            }
        };
    }

    // values

    private static Object value(Expression e, Feature feature) {
        if (e instanceof Property p) {
            return normalize(feature.attributes().get(p.name()));
        }
        if (e instanceof Literal l) {
            return normalize(l.value());
        }
        if (e instanceof Arithmetic a) {
            BigDecimal left = number(value(a.left(), feature));
            BigDecimal right = number(value(a.right(), feature));
            if (left == null || right == null) {
                return null;
            }
            return switch (a.operator()) {
                case ADD -> left.add(right);
                case SUBTRACT -> left.subtract(right);
                case MULTIPLY -> left.multiply(right);
                case DIVIDE -> right.signum() == 0 ? null : left.divide(right, MathContext.DECIMAL64);
            };
        }
        throw OwsException.invalidParameter(LOCATOR, "a geometry can only be used in a spatial operator");
    }

    /** Database values as the few Java types compared here. */
    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(v.toString());
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        return v;
    }

    private static BigDecimal number(Object v) {
        if (v == null) {
            return null;
        }
        try {
            return (BigDecimal) ValueType.NUMERIC.convert(v);
        } catch (IllegalArgumentException e) {
            throw OwsException.invalidParameter(LOCATOR, "'" + v + "' is not a number");
        }
    }

    /** The texts a boolean literal is read from as they are written (others go through {@link ValueType#convert}). */
    private static final Map<String, Boolean> BOOLEAN_TEXTS = Map.of("true", true, "t", true, "1", true,
            "false", false, "f", false, "0", false);
    /** Integers a long holds, as they are written (without sign or spaces around). */
    private static final Pattern PLAIN_INTEGER = Pattern.compile("-?[0-9]{1,18}");

    /** A text that is a boolean as written ("true", "f", "1"...), or null. */
    static Boolean booleanText(Object v) {
        return v instanceof String t ? BOOLEAN_TEXTS.get(t) : null;
    }

    /** A text that is an integer a long holds as written (no sign or spaces around), or null. */
    static Long plainInteger(Object v) {
        return v instanceof String t && PLAIN_INTEGER.matcher(t).matches() ? Long.parseLong(t) : null;
    }

    /** The order of two values, the second converted to the type of the first (or of the non-text one). */
    private static Integer compare(Object a, Object b, boolean matchCase) {
        if (a == null || b == null) {
            return null;
        }
        // what rule filters compare on every feature, answered as the conversions below would, without them
        if (a instanceof String s && b instanceof String t && matchCase && s.indexOf('\0') < 0 && t.indexOf('\0') < 0) {
            return s.compareTo(t);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        // a literal of an SLD filter is text: "true", "1"
        Boolean bool = a instanceof Boolean ? booleanText(b) : null;
        if (bool != null) {
            return Boolean.compare((Boolean) a, bool);
        }
        Long integer = a instanceof Long ? plainInteger(b) : null;
        if (integer != null) {
            return Long.compare((Long) a, integer);
        }
        ValueType type = kind(a);
        if (type.isTextual() && !kind(b).isTextual()) {
            type = kind(b);
        }
        if (type == ValueType.INTEGER) {
            type = ValueType.NUMERIC;
        }
        if (type == ValueType.DATE && (!(temporal(a) instanceof LocalDate) || !(temporal(b) instanceof LocalDate))) {
            type = ValueType.TIMESTAMP;
        }
        try {
            Object x = type.convert(a);
            Object y = type.convert(b);
            if (type.isTextual()) {
                String s = (String) x;
                String t = (String) y;
                return matchCase ? s.compareTo(t) : s.toLowerCase(Locale.ROOT).compareTo(t.toLowerCase(Locale.ROOT));
            }
            if (x instanceof OffsetDateTime o) {
                return o.toInstant().compareTo(((OffsetDateTime) y).toInstant());
            }
            if (x instanceof UUID u) {
                return u.toString().compareTo(y.toString());
            }
            @SuppressWarnings("unchecked")
            Comparable<Object> comparable = (Comparable<Object>) x;
            return comparable.compareTo(y);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw OwsException.invalidParameter(LOCATOR, "'" + b + "' cannot be compared with '" + a + "'");
        }
    }

    private static Object temporal(Object v) {
        if (v instanceof String s) {
            try {
                return TimeValue.parseTemporal(s, LOCATOR);
            } catch (OwsException e) {
                return v;
            }
        }
        return v;
    }

    private static ValueType kind(Object v) {
        return v instanceof UUID ? ValueType.UUID_TYPE : ValueType.ofLiteral(v);
    }

    private static String text(Object v) {
        if (v instanceof BigDecimal d) {
            try {
                return (String) ValueType.TEXT.convert(d);
            } catch (IllegalArgumentException e) {
                throw OwsException.invalidParameter(LOCATOR, "number out of range");
            }
        }
        if (v instanceof LocalDateTime t) {
            return t.toString().replace('T', ' ');
        }
        return String.valueOf(v);
    }
}
