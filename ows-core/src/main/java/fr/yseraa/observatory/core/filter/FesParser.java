package fr.yseraa.observatory.core.filter;

import static fr.yseraa.observatory.core.filter.GmlGeometryReader.children;

import fr.yseraa.observatory.core.filter.Expression.ArithmeticOperator;
import fr.yseraa.observatory.core.filter.Expression.GeometryLiteral;
import fr.yseraa.observatory.core.filter.Expression.Literal;
import fr.yseraa.observatory.core.filter.Expression.Property;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.xml.SecureXml;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads Filter Encoding: FES 2.0 ({@code http://www.opengis.net/fes/2.0}, GML 3.2 geometries) and Filter 1.1 /
 * 1.0 ({@code http://www.opengis.net/ogc}, GML 3.1.1 or GML 2 geometries, as in SLD 1.0 {@code ogc:Filter}).
 * The element form serves SLD and WFS XML POST parsers, which hand over the {@code Filter} element; the text form
 * serves the KVP {@code FILTER} parameter.
 */
public final class FesParser {

    public static final String FES_20 = "http://www.opengis.net/fes/2.0";
    public static final String OGC = "http://www.opengis.net/ogc";

    private static final int MAX_DEPTH = 64;
    private static final Map<String, ComparisonOperator> COMPARISONS = Map.of(
            "PropertyIsEqualTo", ComparisonOperator.EQUAL,
            "PropertyIsNotEqualTo", ComparisonOperator.NOT_EQUAL,
            "PropertyIsLessThan", ComparisonOperator.LESS,
            "PropertyIsLessThanOrEqualTo", ComparisonOperator.LESS_OR_EQUAL,
            "PropertyIsGreaterThan", ComparisonOperator.GREATER,
            "PropertyIsGreaterThanOrEqualTo", ComparisonOperator.GREATER_OR_EQUAL);
    private static final Map<String, ArithmeticOperator> ARITHMETIC = Map.of("Add", ArithmeticOperator.ADD,
            "Sub", ArithmeticOperator.SUBTRACT, "Mul", ArithmeticOperator.MULTIPLY, "Div", ArithmeticOperator.DIVIDE);
    private static final Map<String, TemporalOperator> TEMPORAL = Map.of("After", TemporalOperator.AFTER,
            "Before", TemporalOperator.BEFORE, "During", TemporalOperator.DURING, "TEquals", TemporalOperator.TEQUALS);
    private static final Set<String> ID_ELEMENTS = Set.of("ResourceId", "FeatureId", "GmlObjectId");

    /** Reports parse errors by exception only (the default handler also prints them). */
    private static final org.xml.sax.ErrorHandler SILENT = new org.xml.sax.ErrorHandler() {
        @Override
        public void warning(org.xml.sax.SAXParseException e) {
        }

        @Override
        public void error(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private final String locator;
    private final GmlGeometryReader gml;
    private int depth;

    private FesParser(String locator) {
        this.locator = locator;
        this.gml = new GmlGeometryReader(locator);
    }

    /** Parses a Filter element (fes:Filter or ogc:Filter); errors answer InvalidParameterValue on the locator. */
    public static Filter parse(Element filter, String locator) {
        FesParser parser = new FesParser(locator);
        if (!parser.isFilterElement(filter) || !"Filter".equals(filter.getLocalName())) {
            throw parser.invalid("the filter must be a fes:Filter (FES 2.0) or ogc:Filter (Filter 1.1 / 1.0) element, not "
                    + filter.getNodeName());
        }
        return FilterSize.check(parser.filterContent(filter), locator);
    }

    /** Parses a filter document (the KVP FILTER parameter); malformed XML answers OperationParsingFailed. */
    public static Filter parse(String xml, String locator) {
        if (xml == null || xml.isBlank()) {
            throw OwsException.invalidParameter(locator, "the filter is empty");
        }
        Element root;
        try {
            var builder = SecureXml.documentBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new OwsException(OwsExceptionCode.OPERATION_PARSING_FAILED, locator,
                    "the filter is not well-formed XML: " + SecureXml.problem(e));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return parse(root, locator);
    }

    private Filter filterContent(Element filter) {
        List<Element> children = children(filter);
        if (children.isEmpty()) {
            throw invalid("the filter is empty");
        }
        if (ID_ELEMENTS.contains(children.get(0).getLocalName())) {
            return ids(children);
        }
        if (children.size() > 1) {
            throw invalid("a filter holds one operator; combine several with And or Or");
        }
        return operator(children.get(0));
    }

    private Filter ids(List<Element> elements) {
        List<String> ids = new ArrayList<>();
        for (Element e : elements) {
            String id = switch (e.getLocalName()) {
                case "ResourceId" -> e.getAttribute("rid");
                case "FeatureId" -> e.getAttribute("fid");
                case "GmlObjectId" -> gmlId(e);
                default -> throw invalid("ids cannot be mixed with " + e.getLocalName());
            };
            if (id.isBlank()) {
                throw invalid(e.getLocalName() + " has no id");
            }
            ids.add(id);
        }
        return new Filter.ResourceId(ids);
    }

    private static String gmlId(Element e) {
        for (String ns : GmlGeometryReader.GML_NAMESPACES) {
            if (e.hasAttributeNS(ns, "id")) {
                return e.getAttributeNS(ns, "id");
            }
        }
        return "";
    }

    private Filter operator(Element e) {
        if (!isFilterElement(e)) {
            throw invalid("unexpected element " + e.getNodeName() + " where a filter operator was expected");
        }
        if (++depth > MAX_DEPTH) {
            throw invalid("the filter is nested too deeply");
        }
        try {
            return switchOperator(e, e.getLocalName());
        } finally {
            depth--;
        }
    }

    private Filter switchOperator(Element e, String name) {
        if (COMPARISONS.containsKey(name)) {
            List<Element> operands = operands(e, 2);
            return new Filter.Comparison(COMPARISONS.get(name), expression(operands.get(0)), expression(operands.get(1)),
                    !"false".equals(e.getAttribute("matchCase")));
        }
        if (TEMPORAL.containsKey(name)) {
            return temporal(e, TEMPORAL.get(name));
        }
        return switch (name) {
            case "And", "Or" -> logical(e, name);
            case "Not" -> new Filter.Not(operator(operands(e, 1).get(0)));
            case "PropertyIsLike" -> like(e);
            // no value here carries a nil reason: a nil property is a null one
            case "PropertyIsNull", "PropertyIsNil" -> new Filter.IsNull(expression(operands(e, 1).get(0)));
            case "PropertyIsBetween" -> between(e);
            case "BBOX" -> bbox(e);
            case "Equals", "Disjoint", "Touches", "Within", "Overlaps", "Crosses", "Intersects", "Contains" ->
                    spatial(e, SpatialOperator.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
            case "DWithin", "Beyond" -> distance(e, name.equals("Beyond"));
            default -> throw invalid("unsupported filter operator " + name);
        };
    }

    private Filter logical(Element e, String name) {
        List<Element> children = children(e);
        if (children.size() < 2) {
            throw invalid(name + " needs at least two operands");
        }
        List<Filter> operands = new ArrayList<>();
        for (Element child : children) {
            operands.add(operator(child));
        }
        return name.equals("And") ? new Filter.And(operands) : new Filter.Or(operands);
    }

    private Filter like(Element e) {
        List<Element> operands = operands(e, 2);
        Expression value = expression(operands.get(0));
        if (!(expression(operands.get(1)) instanceof Literal literal) || !(literal.value() instanceof String pattern)) {
            throw invalid("PropertyIsLike needs a Literal pattern");
        }
        String escape = e.hasAttribute("escapeChar") ? e.getAttribute("escapeChar") : e.getAttribute("escape");
        char wildCard = oneChar(e, "wildCard", e.getAttribute("wildCard"));
        char singleChar = oneChar(e, "singleChar", e.getAttribute("singleChar"));
        char escapeChar = oneChar(e, "escapeChar", escape);
        try {
            return new Filter.Like(value, new LikePattern(pattern, wildCard, singleChar, escapeChar),
                    !"false".equals(e.getAttribute("matchCase")));
        } catch (IllegalArgumentException ex) {
            throw invalid("PropertyIsLike: " + ex.getMessage());
        }
    }

    private char oneChar(Element e, String attribute, String value) {
        if (value.length() != 1) {
            throw invalid(e.getLocalName() + " needs a single-character " + attribute);
        }
        return value.charAt(0);
    }

    private Filter between(Element e) {
        List<Element> children = children(e);
        if (children.size() != 3 || !children.get(1).getLocalName().equals("LowerBoundary")
                || !children.get(2).getLocalName().equals("UpperBoundary")) {
            throw invalid("PropertyIsBetween needs an expression, a LowerBoundary and an UpperBoundary");
        }
        return new Filter.Between(expression(children.get(0)), expression(operands(children.get(1), 1).get(0)),
                expression(operands(children.get(2), 1).get(0)));
    }

    private Filter bbox(Element e) {
        List<Element> children = children(e);
        if (children.isEmpty() || children.size() > 2) {
            throw invalid("BBOX needs an optional property and an envelope");
        }
        Property property = children.size() == 2 ? property(children.get(0)) : null;
        Element envelope = children.get(children.size() - 1);
        if (!GmlGeometryReader.isGml(envelope) || !Set.of("Envelope", "Box").contains(envelope.getLocalName())) {
            throw invalid("BBOX needs a gml:Envelope");
        }
        return new Filter.Spatial(SpatialOperator.BBOX, property, gml.read(envelope));
    }

    private Filter spatial(Element e, SpatialOperator operator) {
        List<Element> operands = operands(e, 2);
        return new Filter.Spatial(operator, property(operands.get(0)), geometry(operands.get(1)));
    }

    private Filter distance(Element e, boolean beyond) {
        List<Element> operands = operands(e, 3);
        Element d = operands.get(2);
        if (!d.getLocalName().equals("Distance")) {
            throw invalid(e.getLocalName() + " needs a Distance");
        }
        String unit = d.hasAttribute("uom") ? d.getAttribute("uom") : d.getAttribute("units");
        double distance;
        try {
            distance = Double.parseDouble(d.getTextContent().trim());
        } catch (NumberFormatException ex) {
            throw invalid("Distance '" + d.getTextContent().trim() + "' is not a number");
        }
        if (!(distance >= 0) || Double.isInfinite(distance)) {
            throw invalid("Distance must be a non-negative number");
        }
        return new Filter.Distance(beyond, property(operands.get(0)), geometry(operands.get(1)), distance,
                DistanceUnit.parse(unit, locator));
    }

    private Filter temporal(Element e, TemporalOperator operator) {
        List<Element> operands = operands(e, 2);
        Property property = property(operands.get(0));
        Element value = operands.get(1);
        TimeValue time;
        if (GmlGeometryReader.isGml(value) && value.getLocalName().equals("TimeInstant")) {
            time = timeInstant(value);
        } else if (GmlGeometryReader.isGml(value) && value.getLocalName().equals("TimePeriod")) {
            time = timePeriod(value);
        } else if (isFilterElement(value) && value.getLocalName().equals("Literal")) {
            List<Element> inner = children(value);
            time = inner.isEmpty() ? TimeValue.instant(value.getTextContent(), locator) : timeInstantOrPeriod(inner.get(0));
        } else {
            throw invalid(e.getLocalName() + " needs a gml:TimeInstant or gml:TimePeriod");
        }
        return new Filter.Temporal(operator, property, time);
    }

    private TimeValue timeInstantOrPeriod(Element e) {
        return e.getLocalName().equals("TimePeriod") ? timePeriod(e) : timeInstant(e);
    }

    private TimeValue.Instant timeInstant(Element e) {
        Element position = gmlChild(e, "timePosition");
        return TimeValue.instant(position.getTextContent(), locator);
    }

    private TimeValue.Period timePeriod(Element e) {
        TimeValue.Instant begin = periodEnd(e, "begin");
        TimeValue.Instant end = periodEnd(e, "end");
        return new TimeValue.Period(begin, end);
    }

    /** gml:beginPosition, or gml:begin/gml:TimeInstant (likewise for the end). */
    private TimeValue.Instant periodEnd(Element period, String which) {
        for (Element c : children(period)) {
            if (c.getLocalName().equals(which + "Position")) {
                return TimeValue.instant(c.getTextContent(), locator);
            }
            if (c.getLocalName().equals(which)) {
                return timeInstant(gmlChild(c, "TimeInstant"));
            }
        }
        throw invalid("gml:TimePeriod needs a " + which);
    }

    private Element gmlChild(Element e, String localName) {
        return children(e).stream().filter(c -> localName.equals(c.getLocalName())).findFirst()
                .orElseThrow(() -> invalid("gml:" + e.getLocalName() + " needs a gml:" + localName));
    }

    // expressions

    private Expression expression(Element e) {
        if (!isFilterElement(e)) {
            if (GmlGeometryReader.isGml(e)) {
                return gml.read(e);
            }
            throw invalid("unexpected element " + e.getNodeName() + " where an expression was expected");
        }
        String name = e.getLocalName();
        if (name.equals("ValueReference") || name.equals("PropertyName")) {
            return property(e);
        }
        if (name.equals("Literal")) {
            List<Element> inner = children(e);
            return inner.isEmpty() ? new Literal(e.getTextContent()) : geometry(inner.get(0));
        }
        if (ARITHMETIC.containsKey(name)) {
            if (++depth > MAX_DEPTH) {
                throw invalid("the filter is nested too deeply");
            }
            List<Element> operands = operands(e, 2);
            Expression arithmetic = new Expression.Arithmetic(ARITHMETIC.get(name), expression(operands.get(0)),
                    expression(operands.get(1)));
            depth--;
            return arithmetic;
        }
        throw invalid("unsupported expression " + name);
    }

    /** A property name; XPath steps and namespace prefixes are dropped ({@code t:places/t:name} is {@code name}). */
    private Property property(Element e) {
        if (!isFilterElement(e) || !(e.getLocalName().equals("ValueReference") || e.getLocalName().equals("PropertyName"))) {
            throw invalid("expected a " + (FES_20.equals(e.getNamespaceURI()) ? "ValueReference" : "PropertyName")
                    + " instead of " + e.getNodeName());
        }
        String path = e.getTextContent().trim();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String name = last.substring(last.indexOf(':') + 1);
        if (name.isEmpty() || name.startsWith("@")) {
            throw invalid("'" + path + "' is not a property name");
        }
        String namespace = last.indexOf(':') > 0 ? e.lookupNamespaceURI(last.substring(0, last.indexOf(':'))) : null;
        return GmlProperties.of(namespace, name);
    }

    private GeometryLiteral geometry(Element e) {
        if (isFilterElement(e) && e.getLocalName().equals("Literal") && children(e).size() == 1) {
            return geometry(children(e).get(0));
        }
        if (!GmlGeometryReader.isGml(e)) {
            throw invalid("expected a GML geometry instead of " + e.getNodeName());
        }
        return gml.read(e);
    }

    private List<Element> operands(Element e, int count) {
        List<Element> children = children(e);
        if (children.size() != count) {
            throw invalid(e.getLocalName() + " needs " + count + " operand" + (count > 1 ? "s" : "") + ", not "
                    + children.size());
        }
        return children;
    }

    private boolean isFilterElement(Element e) {
        return FES_20.equals(e.getNamespaceURI()) || OGC.equals(e.getNamespaceURI());
    }

    private OwsException invalid(String message) {
        return OwsException.invalidParameter(locator, "Invalid filter: " + message);
    }
}
