package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.Epsg;
import fr.yseraa.observatory.core.filter.Expression.Arithmetic;
import fr.yseraa.observatory.core.filter.Expression.GeometryLiteral;
import fr.yseraa.observatory.core.filter.Expression.Literal;
import fr.yseraa.observatory.core.filter.Expression.Property;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * Compiles a filter into a SQL condition for one layer as one caller sees it. Property names resolve through the
 * caller's {@link LayerAccess}: a property the caller may not see is reported exactly like one that does not
 * exist, and spatial predicates apply to the geometry the caller sees. Every value is a bound parameter cast to
 * the property's type; literal geometries are bound as WKB and transformed to the layer's CRS.
 */
public final class FilterSqlCompiler {

    private static final int WGS84 = 4326;
    /**
     * The most operators and operands a filter may have (lists of values for one property count once): the
     * PostgreSQL planner's time grows faster than linearly with the arms of an OR, and it does not heed the statement
     * timeout while it plans.
     */
    static final int MAX_NODES = 1000;
    private static final double METRES_PER_DEGREE = 111_320;
    private static final Set<SpatialOperator> CLIP_SAFE = java.util.EnumSet.of(SpatialOperator.BBOX,
            SpatialOperator.INTERSECTS, SpatialOperator.DISJOINT, SpatialOperator.WITHIN);

    private final LayerInfo layer;
    private final LayerAccess access;
    private final String locator;
    private final List<Object> parameters = new ArrayList<>();
    private final Set<Integer> srids = new HashSet<>();
    private int nodes;

    private FilterSqlCompiler(LayerInfo layer, LayerAccess access, String locator) {
        this.layer = layer;
        this.access = access;
        this.locator = locator;
    }

    /**
     * The filter as SQL for the layer and the caller's view of it.
     *
     * @param locator the request parameter the filter came from, for error reports ("filter", "cql_filter"...)
     * @throws OwsException InvalidParameterValue when the filter names a property the caller cannot see or holds a
     *     value that does not fit its property
     */
    public static CompiledFilter compile(Filter filter, LayerInfo layer, LayerAccess access, String locator) {
        FilterSqlCompiler compiler = new FilterSqlCompiler(layer, access, locator);
        String sql = compiler.filter(filter);
        return new CompiledFilter(sql, compiler.parameters, compiler.srids);
    }

    private String filter(Filter f) {
        count();
        if (f instanceof Filter.Include) {
            return "TRUE";
        }
        if (f instanceof Filter.Exclude) {
            return "FALSE";
        }
        if (f instanceof Filter.And a) {
            return join(a.operands(), " AND ");
        }
        if (f instanceof Filter.Or o) {
            String any = anyOf(o);
            return any != null ? any : join(o.operands(), " OR ");
        }
        if (f instanceof Filter.Not n) {
            return "(NOT " + filter(n.operand()) + ")";
        }
        if (f instanceof Filter.Comparison c) {
            return comparison(c);
        }
        if (f instanceof Filter.Like l) {
            return like(l);
        }
        if (f instanceof Filter.Between b) {
            return between(b);
        }
        if (f instanceof Filter.IsNull n) {
            return isNull(n.expression());
        }
        if (f instanceof Filter.Spatial s) {
            return spatial(s);
        }
        if (f instanceof Filter.Distance d) {
            return distance(d);
        }
        if (f instanceof Filter.ResourceId r) {
            return resourceId(r);
        }
        return temporal((Filter.Temporal) f);
    }

    /**
     * PropertyIsNull of a value, of the geometry, or of a property every GML feature has but ours never carry
     * ({@code gml:name}, {@code gml:description}...): always null.
     */
    private String isNull(Expression e) {
        if (e instanceof Property p && GmlProperties.isStandard(p)) {
            if (GmlProperties.column(p, layer).isEmpty()) {
                return "TRUE";
            }
            e = new Property(GmlProperties.column(p, layer).get());
        }
        if (e instanceof Property p && !access.attributeExpressions().containsKey(p.name())
                && GeometryNames.isGeometry(p, layer)) {
            return "(" + geometryProperty(p) + " IS NULL)";
        }
        return "(" + expression(e, typeOf(e)).sql() + " IS NULL)";
    }

    private void count() {
        if (++nodes > MAX_NODES) {
            throw OwsException.invalidParameter(locator, "The filter is too complex: more than " + MAX_NODES
                    + " operators and values");
        }
    }

    /**
     * {@code p = a OR p = b OR ...} (an IN list) as {@code p = ANY(array)}: one bound value, and a plan as quick to
     * make for ten thousand values as for two. Null when the OR is not such a list or a value does not fit (the
     * general path then reports it).
     */
    private String anyOf(Filter.Or or) {
        Property property = null;
        List<Object> values = new ArrayList<>();
        for (Filter operand : or.operands()) {
            if (!(operand instanceof Filter.Comparison c) || c.operator() != ComparisonOperator.EQUAL) {
                return null;
            }
            Expression value = c.right() instanceof Property ? c.left() : c.right();
            Expression name = c.right() instanceof Property ? c.right() : c.left();
            if (!(name instanceof Property p) || !(value instanceof Literal l) || property != null && !property.equals(p)) {
                return null;
            }
            property = p;
            values.add(l.value());
        }
        ValueType type = propertyType(property);
        if (!((Filter.Comparison) or.operands().get(0)).matchCase() && type.isTextual()) {
            return null;
        }
        String sql = property(property, type).sql();
        String array = array(values, type);
        return array == null ? null : "(" + sql + " = ANY(" + array + "))";
    }

    /** Values converted to the type and bound as one text array cast to an array of that type; null if one misfits. */
    private String array(List<?> values, ValueType type) {
        String[] texts = new String[values.size()];
        for (int i = 0; i < texts.length; i++) {
            try {
                Object v = type.convert(values.get(i));
                texts[i] = v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        parameters.add(texts);
        return "CAST(? AS " + type.sqlCast() + "[])";
    }

    private String join(List<Filter> operands, String operator) {
        StringJoiner j = new StringJoiner(operator, "(", ")");
        operands.forEach(o -> j.add(filter(o)));
        return j.toString();
    }

    private String comparison(Filter.Comparison c) {
        for (Expression side : List.of(c.left(), c.right())) {
            if (side instanceof Property p) {
                refuseGmlProperty(p); // before a GML literal on the other side is refused as out of place
            }
        }
        ValueType type = commonType(c.left(), c.right());
        String left = expression(c.left(), type).sql();
        String right = expression(c.right(), type).sql();
        if (!c.matchCase() && type.isTextual()) {
            left = "lower(" + left + ")";
            right = "lower(" + right + ")";
        }
        return "(" + left + " " + c.operator().symbol() + " " + right + ")";
    }

    private String like(Filter.Like l) {
        String value = expression(l.expression(), ValueType.TEXT).sql();
        try {
            parameters.add(ValueType.text(l.pattern().toSqlLike()));
        } catch (IllegalArgumentException e) {
            throw OwsException.invalidParameter(locator, "the Like pattern cannot contain a NUL character");
        }
        return "(" + value + (l.matchCase() ? " LIKE" : " ILIKE") + " ? ESCAPE '\\')";
    }

    private String between(Filter.Between b) {
        ValueType type = commonType(b.expression(), commonTypeOrNull(b.lower(), b.upper()));
        return "(" + expression(b.expression(), type).sql() + " BETWEEN " + expression(b.lower(), type).sql()
                + " AND " + expression(b.upper(), type).sql() + ")";
    }

    private String spatial(Filter.Spatial s) {
        String geometry = geometryProperty(s.property());
        // clipping the literal to where the layer's CRS is defined changes none of these answers
        boolean clip = CLIP_SAFE.contains(s.operator());
        if (s.operator() == SpatialOperator.BBOX) {
            // && first, so that the planner uses the GiST index, then the exact test
            String box = access.boxTest(() -> literal(s.geometry(), layer.srid(), clip, 0));
            return "(" + box + " AND ST_Intersects(" + geometry + ", " + literal(s.geometry(), layer.srid(), clip, 0) + "))";
        }
        // every operator but Disjoint implies that the boxes meet: a test the indexes behind the geometry can answer
        String prefilter = s.operator() == SpatialOperator.DISJOINT || access.indexedGeometries().isEmpty() ? ""
                : access.boxTest(() -> literal(s.geometry(), layer.srid(), clip, 0)) + " AND ";
        return "(" + prefilter + s.operator().sqlFunction() + "(" + geometry + ", "
                + literal(s.geometry(), layer.srid(), clip, 0) + "))";
    }

    private String distance(Filter.Distance d) {
        String geometry = geometryProperty(d.property());
        boolean geographic = Epsg.isGeographic(layer.srid());
        String within;
        // the literal may be clipped to where the layer's CRS is defined, grown by the distance
        double margin = d.unit() == DistanceUnit.DEGREE ? d.distance() : d.unit().toMetres(d.distance()) / METRES_PER_DEGREE;
        if (d.unit() == DistanceUnit.DEGREE) {
            within = geographic
                    ? "ST_DWithin(" + geometry + ", " + literal(d.geometry(), layer.srid(), true, margin) + ", ?)"
                    : "ST_DWithin(ST_Transform(" + geometry + ", " + WGS84 + "), " + literal(d.geometry(), WGS84, true,
                            margin) + ", ?)";
            parameters.add(d.distance());
        } else if (geographic) {
            within = "ST_DWithin(CAST(" + geometry + " AS geography), CAST(" + literal(d.geometry(), layer.srid(), true,
                    margin) + " AS geography), ?)";
            parameters.add(d.unit().toMetres(d.distance()));
        } else {
            double metres = d.unit().toMetres(d.distance());
            // within the distance implies that the boxes meet once one is grown by it: the indexes can answer that
            String prefilter = d.beyond() || access.indexedGeometries().isEmpty() ? "" : access.boxTest(() -> {
                String grown = "ST_Expand(" + literal(d.geometry(), layer.srid(), true, margin) + ", ?)";
                parameters.add(metres);
                return grown;
            }) + " AND ";
            within = "(" + prefilter + "ST_DWithin(" + geometry + ", " + literal(d.geometry(), layer.srid(), true, margin)
                    + ", ?))";
            parameters.add(metres);
        }
        return d.beyond() ? "(NOT " + within + ")" : within;
    }

    private String resourceId(Filter.ResourceId r) {
        ValueType type = layer.attribute(layer.idColumn()).map(a -> ValueType.of(a.sqlType())).orElse(ValueType.OTHER);
        String id = SqlNames.quote(layer.idColumn());
        if (type == ValueType.OTHER) {
            id = "CAST(" + id + " AS text)";
        }
        List<String> keys = new ArrayList<>();
        for (String rid : r.ids()) {
            String key = FeatureIds.key(rid, layer);
            if (key == null) {
                continue; // an id of another layer
            }
            try {
                type.convert(key);
            } catch (IllegalArgumentException e) {
                throw OwsException.invalidParameter(locator, "'" + rid + "' is not a feature id of layer "
                        + layer.qualifiedName());
            }
            keys.add(key);
        }
        return keys.isEmpty() ? "FALSE" : "(" + id + " = ANY(" + array(keys, type) + "))";
    }

    private String temporal(Filter.Temporal t) {
        ValueType type = propertyType(t.property());
        if (!type.isTemporal()) {
            throw OwsException.invalidParameter(locator, "Property " + t.property().name() + " of layer "
                    + layer.qualifiedName() + " is not a date or a timestamp");
        }
        TimeValue.Instant first = t.value() instanceof TimeValue.Period p ? p.begin() : (TimeValue.Instant) t.value();
        TimeValue.Instant last = t.value() instanceof TimeValue.Period p ? p.end() : first;
        // a date meets times of day as the whole day it is: from its start to the next day's, excluded
        boolean wholeDay = type == ValueType.DATE
                && !(first.value() instanceof LocalDate && last.value() instanceof LocalDate);
        if (wholeDay) {
            type = ValueType.TIMESTAMP;
        }
        String property = expression(t.property(), type).sql();
        String end = wholeDay ? "(" + property + " + interval '1 day')" : null;
        boolean period = t.value() instanceof TimeValue.Period;
        return switch (t.operator()) {
            case AFTER -> "(" + property + " > " + expression(new Literal(last.value()), type).sql() + ")";
            case BEFORE -> wholeDay ? "(" + end + " <= " + expression(new Literal(first.value()), type).sql() + ")"
                    : "(" + property + " < " + expression(new Literal(first.value()), type).sql() + ")";
            case TEQUALS -> {
                if (period) {
                    throw OwsException.invalidParameter(locator, "TEquals needs an instant, not a period");
                }
                yield "(" + property + " = " + expression(new Literal(first.value()), type).sql() + ")";
            }
            case DURING -> {
                if (!period) {
                    throw OwsException.invalidParameter(locator, "During needs a period, not an instant");
                }
                yield "(" + property + " > " + expression(new Literal(first.value()), type).sql() + " AND "
                        + (wholeDay ? end + " <= " : property + " < ") + expression(new Literal(last.value()), type).sql()
                        + ")";
            }
        };
    }

    // expressions

    private record Sql(String sql, ValueType type) {
    }

    /** The SQL of an expression; literals are bound as the given type, properties are cast to it if need be. */
    private Sql expression(Expression e, ValueType target) {
        count();
        if (e instanceof Property p) {
            return property(p, target);
        }
        if (e instanceof Literal l) {
            ValueType type = target == null ? ValueType.ofLiteral(l.value()) : target;
            try {
                parameters.add(type.convert(l.value()));
            } catch (IllegalArgumentException ex) {
                throw OwsException.invalidParameter(locator, "'" + l.value() + "' is not a valid "
                        + type.name().toLowerCase(java.util.Locale.ROOT).replace("_type", "") + " value here");
            }
            return new Sql("CAST(? AS " + type.sqlCast() + ")", type);
        }
        if (e instanceof Arithmetic a) {
            String left = expression(a.left(), ValueType.NUMERIC).sql();
            String right = expression(a.right(), ValueType.NUMERIC).sql();
            // division by zero gives NULL (unknown) instead of a query failure
            String op = a.operator() == Expression.ArithmeticOperator.DIVIDE
                    ? left + " / NULLIF(" + right + ", 0)" : left + " " + a.operator().symbol() + " " + right;
            return new Sql("(" + op + ")", ValueType.NUMERIC);
        }
        throw geometryOutOfPlace();
    }

    private Sql property(Property named, ValueType target) {
        Property p = GmlProperties.column(named, layer).map(Property::new).orElse(named);
        String sql = access.attributeExpressions().get(p.name());
        if (sql == null) {
            throw noSuchProperty(p);
        }
        ValueType type = propertyType(p);
        if (target == null || target == type) {
            return new Sql(type == ValueType.OTHER ? "CAST(" + sql + " AS text)" : sql, type);
        }
        boolean numbers = (type == ValueType.INTEGER || type == ValueType.NUMERIC)
                && (target == ValueType.INTEGER || target == ValueType.NUMERIC);
        if (numbers || type.isTemporal() && target.isTemporal() || target.isTextual()) {
            return new Sql("CAST(" + sql + " AS " + target.sqlCast() + ")", target);
        }
        throw OwsException.invalidParameter(locator, "Property " + p.name() + " of layer " + layer.qualifiedName()
                + " cannot be compared with a value of type " + target.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A property every GML feature has (gml:boundedBy...) that the layer maps to no column: understood, but its
     * features carry no value to compare.
     */
    private void refuseGmlProperty(Property p) {
        if (GmlProperties.isStandard(p) && GmlProperties.column(p, layer).isEmpty()) {
            throw new OwsException(OwsExceptionCode.OPERATION_PROCESSING_FAILED, locator, "Property " + p.name()
                    + " of layer " + layer.qualifiedName() + " has no value this server can compare");
        }
    }

    private ValueType propertyType(Property named) {
        Property p = GmlProperties.column(named, layer).map(Property::new).orElse(named);
        refuseGmlProperty(p);
        if (!access.attributeExpressions().containsKey(p.name())) {
            throw noSuchProperty(p);
        }
        return layer.attribute(p.name()).map(AttributeInfo::sqlType).map(ValueType::of).orElse(ValueType.OTHER);
    }

    /** The type both sides are compared as: a property's (or arithmetic's) type, else the literal's own. */
    private ValueType commonType(Expression a, Object other) {
        ValueType first = typeOf(a);
        ValueType second = other instanceof Expression e ? typeOf(e) : (ValueType) other;
        ValueType type = first != null ? first : second;
        if (type == null) {
            return ValueType.ofLiteral(((Literal) a).value());
        }
        Expression literalSide = first == null ? a : other instanceof Literal l ? l : null;
        if (type == ValueType.DATE && literalSide instanceof Literal l && !isDate(l.value())) {
            return ValueType.TIMESTAMP; // a date property compared with a timestamp
        }
        if (type == ValueType.INTEGER && (second == ValueType.NUMERIC || literalSide instanceof Literal l
                && !(l.value() instanceof Long) && looksDecimal(l.value()))) {
            return ValueType.NUMERIC; // an integer property compared with a decimal number
        }
        return type;
    }

    private ValueType commonTypeOrNull(Expression a, Expression b) {
        ValueType t = typeOf(a);
        return t != null ? t : typeOf(b);
    }

    private static boolean isDate(Object value) {
        if (value instanceof String s) {
            try {
                return TimeValue.parseTemporal(s, null) instanceof LocalDate;
            } catch (OwsException e) {
                return true; // not temporal at all: reported when converted as a date
            }
        }
        return !(value instanceof java.time.temporal.Temporal) || value instanceof LocalDate;
    }

    private static boolean looksDecimal(Object value) {
        if (value instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().scale() > 0 || d.precision() - d.scale() > 18;
        }
        String s = String.valueOf(value).trim();
        return s.matches("[+-]?\\d*\\.\\d*([eE][+-]?\\d+)?|[+-]?\\d+[eE][+-]?\\d+");
    }

    /** The type of a property or an arithmetic expression; null for literals, which adapt to the other side. */
    private ValueType typeOf(Expression e) {
        if (e instanceof Property p) {
            return propertyType(p);
        }
        if (e instanceof Arithmetic) {
            return ValueType.NUMERIC;
        }
        if (e instanceof Literal) {
            return null;
        }
        throw geometryOutOfPlace();
    }

    private OwsException geometryOutOfPlace() {
        return OwsException.invalidParameter(locator, "a geometry can only be used in a spatial operator");
    }

    private String geometryProperty(Property p) {
        if (!GeometryNames.isGeometry(p, layer)) {
            throw OwsException.invalidParameter(locator, "Layer " + layer.qualifiedName() + " has no geometry property "
                    + p.name());
        }
        return access.geometryExpression();
    }

    /** A literal geometry, bound as WKB, in the target SRID (see {@link ReprojectableGeometry}). */
    private String literal(GeometryLiteral g, int targetSrid, boolean clip, double marginDegrees) {
        int srid = g.srid() == 0 ? layer.srid() : g.srid();
        Geometry geometry = ReprojectableGeometry.prepare(g.geometry(), srid, targetSrid, clip, marginDegrees, locator);
        parameters.add(new WKBWriter(2).write(geometry));
        srids.add(srid);
        String wkb = "ST_GeomFromWKB(?, " + srid + ")";
        return srid == targetSrid ? wkb : "ST_Transform(" + wkb + ", " + targetSrid + ")";
    }

    private OwsException noSuchProperty(Property p) {
        return OwsException.invalidParameter(locator, "Layer " + layer.qualifiedName() + " has no property " + p.name());
    }
}
