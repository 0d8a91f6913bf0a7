package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.filter.CqlLexer.Kind;
import fr.yseraa.observatory.core.filter.CqlLexer.Token;
import fr.yseraa.observatory.core.filter.Expression.ArithmeticOperator;
import fr.yseraa.observatory.core.filter.Expression.GeometryLiteral;
import fr.yseraa.observatory.core.filter.Expression.Literal;
import fr.yseraa.observatory.core.filter.Expression.Property;
import fr.yseraa.observatory.core.ows.OwsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A recursive-descent parser of CQL text filters, the ECQL dialect of {@code CQL_FILTER} and the common part of
 * OGC CQL2 text: comparisons, arithmetic, [NOT] LIKE / ILIKE, [NOT] BETWEEN, [NOT] IN, IS [NOT] NULL, AND / OR / NOT
 * with parentheses, INCLUDE / EXCLUDE, spatial functions (INTERSECTS, S_INTERSECTS... BBOX, DWITHIN, BEYOND) on WKT
 * or EWKT geometries, temporal AFTER / BEFORE / DURING / TEQUALS (and CQL2's T_AFTER...) on ISO dates, feature ids
 * ({@code IN ('layer.1', ...)}). Geometries without {@code SRID=} are in the layer's CRS.
 */
public final class CqlParser {

    private static final int MAX_DEPTH = 64;
    private static final String PREFIX = "CQL filter: ";
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "LIKE", "ILIKE", "BETWEEN", "IN", "IS",
            "NULL", "AFTER", "BEFORE", "DURING", "TEQUALS", "INCLUDE", "EXCLUDE");
    private static final Map<String, ComparisonOperator> COMPARISONS = Map.of("=", ComparisonOperator.EQUAL,
            "<>", ComparisonOperator.NOT_EQUAL, "!=", ComparisonOperator.NOT_EQUAL, "<", ComparisonOperator.LESS,
            "<=", ComparisonOperator.LESS_OR_EQUAL, ">", ComparisonOperator.GREATER,
            ">=", ComparisonOperator.GREATER_OR_EQUAL);
    private static final Map<String, TemporalOperator> TEMPORAL = Map.of("AFTER", TemporalOperator.AFTER,
            "BEFORE", TemporalOperator.BEFORE, "DURING", TemporalOperator.DURING, "TEQUALS", TemporalOperator.TEQUALS);

    private final List<Token> tokens;
    private final String locator;
    private final int defaultSrid;
    private int pos;
    private int depth;

    private CqlParser(List<Token> tokens, String locator, int defaultSrid) {
        this.tokens = tokens;
        this.locator = locator;
        this.defaultSrid = defaultSrid;
    }

    /**
     * Parses a CQL filter whose geometries without {@code SRID=} are in the layer's CRS (the {@code CQL_FILTER}
     * convention); any error answers InvalidParameterValue on the locator (e.g. "cql_filter").
     */
    public static Filter parse(String text, String locator) {
        return parse(text, locator, 0);
    }

    /**
     * Parses a CQL filter whose geometries without {@code SRID=} are in the given CRS: 4326 (longitude first) for
     * an OGC API {@code filter} without {@code filter-crs}; 0 for the layer's CRS.
     */
    public static Filter parse(String text, String locator, int defaultSrid) {
        if (text == null || text.isBlank()) {
            throw OwsException.invalidParameter(locator, "CQL filter is empty");
        }
        try {
            CqlParser parser = new CqlParser(CqlLexer.tokenize(text, locator), locator, defaultSrid);
            Filter filter = parser.orFilter();
            if (parser.peek().kind() != Kind.END) {
                throw parser.unexpected("AND, OR or the end of the filter");
            }
            return FilterSize.check(filter, locator);
        } catch (OwsException e) {
            // messages of the shared helpers (CRS names, units, dates) get the same prefix as the parser's own
            throw e.getMessage().startsWith(PREFIX) ? e
                    : OwsException.invalidParameter(locator, PREFIX + e.getMessage());
        }
    }

    static OwsException error(String locator, String message, int position) {
        return OwsException.invalidParameter(locator, PREFIX + message + " at character " + (position + 1));
    }

    // filters

    private Filter orFilter() {
        enter();
        List<Filter> operands = new ArrayList<>(List.of(andFilter()));
        while (peek().is("OR")) {
            pos++;
            operands.add(andFilter());
        }
        depth--;
        return Filter.or(operands);
    }

    private Filter andFilter() {
        List<Filter> operands = new ArrayList<>(List.of(notFilter()));
        while (peek().is("AND")) {
            pos++;
            operands.add(notFilter());
        }
        return Filter.and(operands);
    }

    private Filter notFilter() {
        if (peek().is("NOT")) {
            pos++;
            enter();
            Filter operand = notFilter();
            depth--;
            return new Filter.Not(operand);
        }
        return primary();
    }

    private Filter primary() {
        Token t = peek();
        if (t.isSymbol("(")) {
            Filter grouped = groupedFilter();
            if (grouped != null) {
                return grouped;
            }
        }
        if (t.kind() == Kind.WORD && peekAt(1).isSymbol("(")) {
            String name = t.text().toUpperCase(Locale.ROOT);
            String plain = name.startsWith("S_") || name.startsWith("T_") ? name.substring(2) : name;
            if (name.equals("BBOX") || name.equals("S_BBOX")) {
                return bbox();
            }
            if (plain.equals("DWITHIN") || plain.equals("BEYOND")) {
                return distance(plain.equals("BEYOND"));
            }
            if (!name.startsWith("T_") && isSpatial(plain)) {
                return spatial(SpatialOperator.valueOf(plain));
            }
            if (name.startsWith("T_") && TEMPORAL.containsKey(plain)) {
                return temporalFunction(TEMPORAL.get(plain));
            }
            if (name.equals("IN")) {
                return ids();
            }
        }
        if (t.is("INCLUDE")) {
            pos++;
            return new Filter.Include();
        }
        if (t.is("EXCLUDE")) {
            pos++;
            return new Filter.Exclude();
        }
        return predicate();
    }

    /** A parenthesised filter, or null (position restored) when the parenthesis opens an expression. */
    private Filter groupedFilter() {
        int start = pos;
        int startDepth = depth;
        try {
            pos++;
            Filter inner = orFilter();
            expectSymbol(")");
            Token after = peek();
            boolean continuesAsExpression = after.kind() == Kind.SYMBOL && !after.isSymbol(")")
                    || after.is("LIKE") || after.is("ILIKE") || after.is("BETWEEN") || after.is("IS")
                    || after.is("IN") || TEMPORAL.containsKey(after.text().toUpperCase(Locale.ROOT));
            if (!continuesAsExpression) {
                return inner;
            }
        } catch (OwsException e) {
            // not a filter: an arithmetic expression in parentheses
        }
        pos = start;
        depth = startDepth;
        return null;
    }

    private Filter predicate() {
        Expression left = expression();
        Token t = peek();
        if (t.kind() == Kind.SYMBOL && COMPARISONS.containsKey(t.text())) {
            pos++;
            return new Filter.Comparison(COMPARISONS.get(t.text()), left, expression(), true);
        }
        if (t.is("IS")) {
            pos++;
            boolean not = acceptWord("NOT");
            expectWord("NULL");
            Filter isNull = new Filter.IsNull(left);
            return not ? new Filter.Not(isNull) : isNull;
        }
        boolean not = acceptWord("NOT");
        Token op = peek();
        Filter filter;
        if (op.is("LIKE") || op.is("ILIKE")) {
            pos++;
            Token pattern = next();
            if (pattern.kind() != Kind.STRING) {
                throw error(locator, "LIKE needs a quoted pattern", pattern.position());
            }
            filter = new Filter.Like(left, LikePattern.sql((String) pattern.value()), op.is("LIKE"));
        } else if (op.is("BETWEEN")) {
            pos++;
            Expression lower = expression();
            expectWord("AND");
            filter = new Filter.Between(left, lower, expression());
        } else if (op.is("IN")) {
            pos++;
            List<Filter> equals = new ArrayList<>();
            for (Expression value : expressionList()) {
                equals.add(new Filter.Comparison(ComparisonOperator.EQUAL, left, value, true));
            }
            filter = Filter.or(equals);
        } else if (!not && op.kind() == Kind.WORD && TEMPORAL.containsKey(op.text().toUpperCase(Locale.ROOT))) {
            pos++;
            filter = new Filter.Temporal(TEMPORAL.get(op.text().toUpperCase(Locale.ROOT)), property(left, op),
                    timeValue());
        } else {
            throw unexpected(not ? "LIKE, ILIKE, BETWEEN or IN" : "a comparison operator, LIKE, BETWEEN, IN, IS NULL "
                    + "or a temporal operator");
        }
        return not ? new Filter.Not(filter) : filter;
    }

    private Filter spatial(SpatialOperator operator) {
        pos += 2;
        Property property = propertyArgument();
        expectSymbol(",");
        GeometryLiteral geometry = geometryArgument();
        expectSymbol(")");
        return new Filter.Spatial(operator, property, geometry);
    }

    private Filter bbox() {
        pos += 2;
        Property property = propertyArgument();
        expectSymbol(",");
        return new Filter.Spatial(SpatialOperator.BBOX, property, boxArguments());
    }

    /** x1, y1, x2, y2 [, 'crs'] ) as a box geometry: the arguments of BBOX after its property. */
    private GeometryLiteral boxArguments() {
        double[] c = new double[4];
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                expectSymbol(",");
            }
            c[i] = signedNumber().doubleValue();
        }
        int srid = defaultSrid;
        if (peek().isSymbol(",")) {
            pos++;
            Token crs = next();
            if (crs.kind() != Kind.STRING) {
                throw error(locator, "the CRS of BBOX must be a quoted name such as 'EPSG:4326'", crs.position());
            }
            CrsName srs = CrsName.parse((String) crs.value(), locator);
            srid = srs.srid();
            if (srs.axisOrder().northFirst()) {
                c = new double[] {c[1], c[0], c[3], c[2]};
            }
        }
        expectSymbol(")");
        if (c[0] > c[2] || c[1] > c[3]) {
            throw OwsException.invalidParameter(locator, PREFIX + "BBOX minimum corner is above its maximum corner");
        }
        var box = new GeometryFactory().toGeometry(new Envelope(c[0], c[2], c[1], c[3]));
        return new GeometryLiteral(box, srid);
    }

    private Filter distance(boolean beyond) {
        pos += 2;
        Property property = propertyArgument();
        expectSymbol(",");
        GeometryLiteral geometry = geometryArgument();
        expectSymbol(",");
        Token at = peek();
        double distance = signedNumber().doubleValue();
        if (!(distance >= 0) || Double.isInfinite(distance)) {
            throw error(locator, "the distance must be a finite, non-negative number", at.position());
        }
        expectSymbol(",");
        Token unit = next();
        if (unit.kind() != Kind.WORD && unit.kind() != Kind.STRING) {
            throw error(locator, "expected a distance unit (meters, kilometers, degrees)", unit.position());
        }
        expectSymbol(")");
        return new Filter.Distance(beyond, property, geometry, distance, DistanceUnit.parse(unit.text(), locator));
    }

    private Filter temporalFunction(TemporalOperator operator) {
        pos += 2;
        Token at = peek();
        Property property = property(expression(), at);
        expectSymbol(",");
        TimeValue value = timeValue();
        expectSymbol(")");
        return new Filter.Temporal(operator, property, value);
    }

    private Filter ids() {
        pos++;
        List<String> ids = new ArrayList<>();
        for (Expression e : expressionList()) {
            if (!(e instanceof Literal l) || !(l.value() instanceof String s)) {
                throw error(locator, "feature ids must be quoted strings", tokens.get(pos - 1).position());
            }
            ids.add(s);
        }
        return new Filter.ResourceId(ids);
    }

    // expressions

    private List<Expression> expressionList() {
        expectSymbol("(");
        List<Expression> values = new ArrayList<>(List.of(expression()));
        while (peek().isSymbol(",")) {
            pos++;
            values.add(expression());
        }
        expectSymbol(")");
        return values;
    }

    private Expression expression() {
        Expression left = term();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            ArithmeticOperator op = next().text().equals("+") ? ArithmeticOperator.ADD : ArithmeticOperator.SUBTRACT;
            left = new Expression.Arithmetic(op, left, term());
        }
        return left;
    }

    private Expression term() {
        Expression left = factor();
        while (peek().isSymbol("*") || peek().isSymbol("/")) {
            ArithmeticOperator op = next().text().equals("*") ? ArithmeticOperator.MULTIPLY : ArithmeticOperator.DIVIDE;
            left = new Expression.Arithmetic(op, left, factor());
        }
        return left;
    }

    private Expression factor() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER, STRING, TEMPORAL:
                return new Literal(t.value());
            case GEOMETRY:
                return (GeometryLiteral) t.value();
            case QUOTED_NAME:
                return new Property(t.text());
            case SYMBOL:
                if (t.isSymbol("(")) {
                    enter();
                    Expression inner = expression();
                    expectSymbol(")");
                    depth--;
                    return inner;
                }
                if (t.isSymbol("-")) {
                    enter();
                    Expression negated = factor();
                    depth--;
                    return negate(negated);
                }
                break;
            case WORD:
                if (t.is("TRUE") || t.is("FALSE")) {
                    return new Literal(t.is("TRUE"));
                }
                if ((t.is("DATE") || t.is("TIMESTAMP")) && peek().isSymbol("(")) {
                    return new Literal(quotedTemporal());
                }
                if (!RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
                    return new Property(t.text());
                }
                break;
            default:
                break;
        }
        pos--;
        throw unexpected("a property name or a value");
    }

    private static Expression negate(Expression e) {
        if (e instanceof Literal l && l.value() instanceof Long n) {
            return new Literal(-n);
        }
        if (e instanceof Literal l && l.value() instanceof BigDecimal d) {
            return new Literal(d.negate());
        }
        return new Expression.Arithmetic(ArithmeticOperator.SUBTRACT, new Literal(0L), e);
    }

    private BigDecimal signedNumber() {
        boolean negative = peek().isSymbol("-");
        if (negative) {
            pos++;
        }
        Token t = next();
        if (t.kind() != Kind.NUMBER) {
            pos--;
            throw unexpected("a number");
        }
        BigDecimal d = new BigDecimal(t.text());
        if (Double.isInfinite(d.doubleValue())) {
            throw error(locator, "number out of range", t.position());
        }
        return negative ? d.negate() : d;
    }

    private Property propertyArgument() {
        Token at = peek();
        return property(factor(), at);
    }

    private Property property(Expression e, Token at) {
        if (e instanceof Property p) {
            return p;
        }
        throw error(locator, "expected a property name", at.position());
    }

    /** A WKT / EWKT geometry, or a CQL2 BBOX(x1, y1, x2, y2) box. */
    private GeometryLiteral geometryArgument() {
        if (peek().is("BBOX") && peekAt(1).isSymbol("(")) {
            pos += 2;
            return boxArguments();
        }
        Token t = next();
        if (t.kind() != Kind.GEOMETRY) {
            pos--;
            throw unexpected("a WKT geometry such as POINT(x y)");
        }
        GeometryLiteral g = (GeometryLiteral) t.value();
        return g.srid() == 0 ? new GeometryLiteral(g.geometry(), defaultSrid) : g;
    }

    /** An instant (ISO date, DATE('...'), TIMESTAMP('...')) or a period (instant/instant, INTERVAL('...','...')). */
    private TimeValue timeValue() {
        if (peek().is("INTERVAL") && peekAt(1).isSymbol("(")) {
            pos += 2;
            TimeValue.Instant begin = new TimeValue.Instant(temporalString());
            expectSymbol(",");
            TimeValue.Instant end = new TimeValue.Instant(temporalString());
            expectSymbol(")");
            return new TimeValue.Period(begin, end);
        }
        TimeValue.Instant begin = instant();
        if (peek().isSymbol("/")) {
            pos++;
            return new TimeValue.Period(begin, instant());
        }
        return begin;
    }

    private TimeValue.Instant instant() {
        Token t = peek();
        if (t.kind() == Kind.TEMPORAL) {
            pos++;
            return new TimeValue.Instant(t.value());
        }
        if ((t.is("DATE") || t.is("TIMESTAMP")) && peekAt(1).isSymbol("(")) {
            pos++;
            return new TimeValue.Instant(quotedTemporal());
        }
        throw unexpected("an ISO 8601 date or timestamp");
    }

    /** ('...') after DATE or TIMESTAMP. */
    private Object quotedTemporal() {
        expectSymbol("(");
        Object value = temporalString();
        expectSymbol(")");
        return value;
    }

    private Object temporalString() {
        Token t = next();
        if (t.kind() != Kind.STRING) {
            pos--;
            throw unexpected("a quoted ISO 8601 date or timestamp");
        }
        return TimeValue.parseTemporal((String) t.value(), locator);
    }

    // tokens

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error(locator, "nested too deeply", peek().position());
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean acceptWord(String word) {
        if (peek().is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw unexpected(word);
        }
    }

    private void expectSymbol(String symbol) {
        if (!peek().isSymbol(symbol)) {
            throw unexpected("'" + symbol + "'");
        }
        pos++;
    }

    private OwsException unexpected(String expected) {
        Token t = peek();
        String found = t.kind() == Kind.END ? "the end of the filter" : "'" + abbreviate(t.text()) + "'";
        return error(locator, "expected " + expected + " but found " + found, t.position());
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static boolean isSpatial(String name) {
        for (SpatialOperator op : SpatialOperator.values()) {
            if (op != SpatialOperator.BBOX && op.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
