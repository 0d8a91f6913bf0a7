package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.filter.Expression.GeometryLiteral;
import fr.yseraa.observatory.core.filter.Expression.Literal;
import fr.yseraa.observatory.core.filter.Expression.Property;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.core.xml.SecureXml;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Filter Encoding 2.0 and Filter 1.1 / 1.0 documents, each valid against its official schema, into the model. */
class FesParserTest {

    static final List<String> FES_SCHEMA = List.of("http://schemas.opengis.net/filter/2.0/filterAll.xsd",
            "http://schemas.opengis.net/gml/3.2.1/gml.xsd");
    static final List<String> FILTER_11_SCHEMA = List.of("http://schemas.opengis.net/filter/1.1.0/filter.xsd");
    static final List<String> FILTER_10_SCHEMA = List.of("http://schemas.opengis.net/filter/1.0.0/filter.xsd");

    static final String FES2 = "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\" "
            + "xmlns:gml=\"http://www.opengis.net/gml/3.2\" xmlns:t=\"https://example.org/t\" "
            + ">";
    static final String OGC11 = "<ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\" "
            + "xmlns:gml=\"http://www.opengis.net/gml\">";

    private static Filter fes2(String body) throws Exception {
        return valid(FES_SCHEMA, FES2 + body + "</fes:Filter>");
    }

    private static Filter ogc11(String body) throws Exception {
        return valid(FILTER_11_SCHEMA, OGC11 + body + "</ogc:Filter>");
    }

    private static Filter ogc10(String body) throws Exception {
        return valid(FILTER_10_SCHEMA, OGC11 + body + "</ogc:Filter>");
    }

    /** Checks the example against the official schema, then parses it. */
    static Filter valid(List<String> schema, String xml) throws Exception {
        assertThat(OgcSchemas.validate(schema, new StreamSource(new StringReader(xml), "memory:filter.xml")))
                .as("schema validity of %s", xml).isEmpty();
        return FesParser.parse(xml, "filter");
    }

    private static Property p(String name) {
        return new Property(name);
    }

    private static Literal lit(Object value) {
        return new Literal(value);
    }

    @Test
    void fes20Comparisons() throws Exception {
        Filter f = fes2("""
                <fes:And>
                  <fes:PropertyIsEqualTo matchCase="false"><fes:ValueReference>t:name</fes:ValueReference>
                    <fes:Literal>Place 1</fes:Literal></fes:PropertyIsEqualTo>
                  <fes:PropertyIsNotEqualTo><fes:ValueReference>level</fes:ValueReference><fes:Literal>4</fes:Literal></fes:PropertyIsNotEqualTo>
                  <fes:PropertyIsLessThan><fes:ValueReference>level</fes:ValueReference><fes:Literal>4</fes:Literal></fes:PropertyIsLessThan>
                  <fes:PropertyIsGreaterThanOrEqualTo><fes:ValueReference>t:places/t:level</fes:ValueReference>
                    <fes:Literal>1</fes:Literal></fes:PropertyIsGreaterThanOrEqualTo>
                  <fes:Or>
                    <fes:PropertyIsNull><fes:ValueReference>note</fes:ValueReference></fes:PropertyIsNull>
                    <fes:Not><fes:PropertyIsBetween><fes:ValueReference>id</fes:ValueReference>
                      <fes:LowerBoundary><fes:Literal>10</fes:Literal></fes:LowerBoundary>
                      <fes:UpperBoundary><fes:Literal>20</fes:Literal></fes:UpperBoundary></fes:PropertyIsBetween></fes:Not>
                  </fes:Or>
                </fes:And>""");
        assertThat(f).isEqualTo(new Filter.And(List.of(
                new Filter.Comparison(ComparisonOperator.EQUAL, p("name"), lit("Place 1"), false),
                new Filter.Comparison(ComparisonOperator.NOT_EQUAL, p("level"), lit("4"), true),
                new Filter.Comparison(ComparisonOperator.LESS, p("level"), lit("4"), true),
                new Filter.Comparison(ComparisonOperator.GREATER_OR_EQUAL, p("level"), lit("1"), true),
                new Filter.Or(List.of(new Filter.IsNull(p("note")),
                        new Filter.Not(new Filter.Between(p("id"), lit("10"), lit("20"))))))));
    }

    @Test
    void fes20LikeAndIds() throws Exception {
        assertThat(fes2("""
                <fes:PropertyIsLike wildCard="*" singleChar="#" escapeChar="!">
                  <fes:ValueReference>name</fes:ValueReference><fes:Literal>place 1*</fes:Literal></fes:PropertyIsLike>"""))
                .isEqualTo(new Filter.Like(p("name"), new LikePattern("place 1*", '*', '#', '!'), true));
        assertThat(fes2("<fes:ResourceId rid=\"places.1\"/><fes:ResourceId rid=\"places.2\"/>"))
                .isEqualTo(new Filter.ResourceId(List.of("places.1", "places.2")));
    }

    @Test
    void fes20SpatialOperatorsWithAxisOrder() throws Exception {
        Filter bbox = fes2("""
                <fes:BBOX><fes:ValueReference>geom</fes:ValueReference>
                  <gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326">
                    <gml:lowerCorner>50.7 2.2</gml:lowerCorner><gml:upperCorner>50.8 2.3</gml:upperCorner></gml:Envelope>
                </fes:BBOX>""");
        Filter.Spatial s = (Filter.Spatial) bbox;
        assertThat(s.operator()).isEqualTo(SpatialOperator.BBOX);
        assertThat(s.geometry().srid()).isEqualTo(4326);
        assertThat(s.geometry().geometry().getEnvelopeInternal().getMinX()).isEqualTo(2.2); // longitude first
        assertThat(s.geometry().geometry().getEnvelopeInternal().getMaxY()).isEqualTo(50.8);

        Filter within = fes2("""
                <fes:Within><fes:ValueReference>geom</fes:ValueReference>
                  <gml:Polygon gml:id="p1" srsName="http://www.opengis.net/def/crs/EPSG/0/2154">
                    <gml:exterior><gml:LinearRing><gml:posList>700000 7000000 701000 7000000 701000 7001000 700000 7000000</gml:posList>
                    </gml:LinearRing></gml:exterior></gml:Polygon></fes:Within>""");
        GeometryLiteral g = ((Filter.Spatial) within).geometry();
        assertThat(g.srid()).isEqualTo(2154);
        assertThat(g.geometry()).isInstanceOf(Polygon.class);
        assertThat(g.geometry().getCoordinates()[1]).isEqualTo(new Coordinate(701000, 7000000)); // easting first

        Filter dwithin = fes2("""
                <fes:DWithin><fes:ValueReference>geom</fes:ValueReference>
                  <gml:Point gml:id="p2" srsName="EPSG:4326"><gml:pos>2.25 50.75</gml:pos></gml:Point>
                  <fes:Distance uom="km">1.5</fes:Distance></fes:DWithin>""");
        Filter.Distance d = (Filter.Distance) dwithin;
        assertThat(d.beyond()).isFalse();
        assertThat(d.distance()).isEqualTo(1.5);
        assertThat(d.unit()).isEqualTo(DistanceUnit.KILOMETRE);
        assertThat(d.geometry().geometry().getCoordinate()).isEqualTo(new Coordinate(2.25, 50.75)); // EPSG:n is lon/lat
    }

    @Test
    void fes20MultiSurfaceAndLiteralGeometry() throws Exception {
        Filter f = fes2("""
                <fes:Intersects><fes:ValueReference>geom</fes:ValueReference>
                  <gml:MultiSurface gml:id="m1" srsName="urn:ogc:def:crs:EPSG::2154"><gml:surfaceMember>
                    <gml:Polygon gml:id="m1.1"><gml:exterior><gml:LinearRing>
                      <gml:posList>0 0 10 0 10 10 0 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
                  </gml:surfaceMember></gml:MultiSurface></fes:Intersects>""");
        Geometry g = ((Filter.Spatial) f).geometry().geometry();
        assertThat(g).isInstanceOf(MultiPolygon.class);
        assertThat(g.getArea()).isEqualTo(50.0);
    }

    @Test
    void fes20TemporalOperators() throws Exception {
        Filter during = fes2("""
                <fes:During><fes:ValueReference>seen</fes:ValueReference>
                  <gml:TimePeriod gml:id="tp"><gml:beginPosition>2020-01-01</gml:beginPosition>
                    <gml:endPosition>2020-01-10</gml:endPosition></gml:TimePeriod></fes:During>""");
        assertThat(during).isEqualTo(new Filter.Temporal(TemporalOperator.DURING, p("seen"), new TimeValue.Period(
                new TimeValue.Instant(LocalDate.of(2020, 1, 1)), new TimeValue.Instant(LocalDate.of(2020, 1, 10)))));
        Filter after = fes2("""
                <fes:After><fes:ValueReference>seen</fes:ValueReference>
                  <gml:TimeInstant gml:id="ti"><gml:timePosition>2020-12-30T10:00:00Z</gml:timePosition></gml:TimeInstant>
                </fes:After>""");
        assertThat(after).isEqualTo(new Filter.Temporal(TemporalOperator.AFTER, p("seen"),
                new TimeValue.Instant(OffsetDateTime.parse("2020-12-30T10:00:00Z"))));
    }

    @Test
    void filter11() throws Exception {
        Filter f = ogc11("""
                <ogc:And>
                  <ogc:PropertyIsLike wildCard="%" singleChar="_" escapeChar="\\"><ogc:PropertyName>name</ogc:PropertyName>
                    <ogc:Literal>place 1%</ogc:Literal></ogc:PropertyIsLike>
                  <ogc:BBOX><ogc:PropertyName>geom</ogc:PropertyName>
                    <gml:Envelope srsName="EPSG:4326"><gml:lowerCorner>2.2 50.7</gml:lowerCorner>
                      <gml:upperCorner>2.3 50.8</gml:upperCorner></gml:Envelope></ogc:BBOX>
                  <ogc:Beyond><ogc:PropertyName>geom</ogc:PropertyName>
                    <gml:LineString srsName="urn:ogc:def:crs:EPSG::4326"><gml:posList>50.7 2.2 50.8 2.3</gml:posList></gml:LineString>
                    <ogc:Distance units="m">100</ogc:Distance></ogc:Beyond>
                  <ogc:PropertyIsGreaterThan><ogc:Add><ogc:PropertyName>level</ogc:PropertyName><ogc:Literal>1</ogc:Literal>
                    </ogc:Add><ogc:Literal>3</ogc:Literal></ogc:PropertyIsGreaterThan>
                </ogc:And>""");
        List<Filter> operands = ((Filter.And) f).operands();
        assertThat(operands.get(0)).isEqualTo(new Filter.Like(p("name"), new LikePattern("place 1%", '%', '_', '\\'), true));
        assertThat(((Filter.Spatial) operands.get(1)).geometry().geometry().getEnvelopeInternal().getMinX()).isEqualTo(2.2);
        Filter.Distance beyond = (Filter.Distance) operands.get(2);
        assertThat(beyond.beyond()).isTrue();
        assertThat(beyond.unit()).isEqualTo(DistanceUnit.METRE);
        assertThat(beyond.geometry().geometry().getCoordinates()[0]).isEqualTo(new Coordinate(2.2, 50.7));
        assertThat(operands.get(3)).isEqualTo(new Filter.Comparison(ComparisonOperator.GREATER,
                new Expression.Arithmetic(Expression.ArithmeticOperator.ADD, p("level"), lit("1")), lit("3"), true));
        assertThat(ogc11("<ogc:FeatureId fid=\"places.7\"/>")).isEqualTo(new Filter.ResourceId(List.of("places.7")));
        assertThat(ogc11("<ogc:GmlObjectId gml:id=\"places.8\"/>")).isEqualTo(new Filter.ResourceId(List.of("places.8")));
    }

    @Test
    void filter10WithGml2Geometries() throws Exception {
        Filter f = ogc10("""
                <ogc:Or>
                  <ogc:BBOX><ogc:PropertyName>geom</ogc:PropertyName>
                    <gml:Box srsName="http://www.opengis.net/gml/srs/epsg.xml#2154">
                      <gml:coordinates>700100,7000100 700900,7000900</gml:coordinates></gml:Box></ogc:BBOX>
                  <ogc:Contains><ogc:PropertyName>geom</ogc:PropertyName>
                    <gml:Polygon><gml:outerBoundaryIs><gml:LinearRing>
                      <gml:coordinates>0,0 10,0 10,10 0,0</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon>
                  </ogc:Contains>
                  <ogc:PropertyIsLike wildCard="*" singleChar="." escape="!"><ogc:PropertyName>name</ogc:PropertyName>
                    <ogc:Literal>a*</ogc:Literal></ogc:PropertyIsLike>
                </ogc:Or>""");
        List<Filter> operands = ((Filter.Or) f).operands();
        Filter.Spatial box = (Filter.Spatial) operands.get(0);
        assertThat(box.geometry().srid()).isEqualTo(2154);
        assertThat(box.geometry().geometry().getEnvelopeInternal().getMaxY()).isEqualTo(7000900);
        assertThat(((Filter.Spatial) operands.get(1)).geometry().srid()).isZero(); // no srsName: the layer's CRS
        assertThat(operands.get(2)).isEqualTo(new Filter.Like(p("name"), new LikePattern("a*", '*', '.', '!'), true));
    }

    @Test
    void theElementFormAcceptsAFilterInsideAnotherDocument() throws Exception {
        String sld = "<Rule xmlns=\"http://www.opengis.net/sld\">" + OGC11
                + "<ogc:PropertyIsEqualTo><ogc:PropertyName>level</ogc:PropertyName><ogc:Literal>2</ogc:Literal>"
                + "</ogc:PropertyIsEqualTo></ogc:Filter></Rule>";
        Element rule = SecureXml.documentBuilderFactory().newDocumentBuilder()
                .parse(new InputSource(new StringReader(sld))).getDocumentElement();
        Element filter = (Element) rule.getElementsByTagNameNS(FesParser.OGC, "Filter").item(0);
        assertThat(FesParser.parse(filter, "SLD_BODY")).isEqualTo(
                new Filter.Comparison(ComparisonOperator.EQUAL, p("level"), lit("2"), true));
    }

    @Test
    void malformedXmlIsAParsingFailure() {
        assertThatThrownBy(() -> FesParser.parse("<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\">", "filter"))
                .isInstanceOfSatisfying(OwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(OwsExceptionCode.OPERATION_PARSING_FAILED);
                    assertThat(e.locator()).isEqualTo("filter");
                });
        assertThatThrownBy(() -> FesParser.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                "filter")).isInstanceOfSatisfying(OwsException.class,
                        e -> assertThat(e.code()).isEqualTo(OwsExceptionCode.OPERATION_PARSING_FAILED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<x/>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0'/>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0'><fes:Nope/></fes:Filter>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0'><fes:PropertyIsEqualTo><fes:ValueReference>a"
                + "</fes:ValueReference></fes:PropertyIsEqualTo></fes:Filter>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0'><fes:And><fes:PropertyIsNull><fes:ValueReference>a"
                + "</fes:ValueReference></fes:PropertyIsNull></fes:And></fes:Filter>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0' xmlns:gml='http://www.opengis.net/gml/3.2'><fes:BBOX>"
                + "<fes:ValueReference>g</fes:ValueReference><gml:Envelope srsName='EPSG:x'><gml:lowerCorner>0 0"
                + "</gml:lowerCorner><gml:upperCorner>1 1</gml:upperCorner></gml:Envelope></fes:BBOX></fes:Filter>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0' xmlns:gml='http://www.opengis.net/gml/3.2'><fes:BBOX>"
                + "<fes:ValueReference>g</fes:ValueReference><gml:Envelope><gml:lowerCorner>2 2"
                + "</gml:lowerCorner><gml:upperCorner>1 1</gml:upperCorner></gml:Envelope></fes:BBOX></fes:Filter>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0' xmlns:gml='http://www.opengis.net/gml/3.2'>"
                + "<fes:Intersects><fes:ValueReference>g</fes:ValueReference><gml:Polygon><gml:exterior><gml:LinearRing>"
                + "<gml:posList>0 0 1 0 1 1</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"
                + "</fes:Intersects></fes:Filter>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0' xmlns:gml='http://www.opengis.net/gml/3.2'>"
                + "<fes:DWithin><fes:ValueReference>g</fes:ValueReference><gml:Point><gml:pos>1 x</gml:pos></gml:Point>"
                + "<fes:Distance uom='m'>5</fes:Distance></fes:DWithin></fes:Filter>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0' xmlns:gml='http://www.opengis.net/gml/3.2'>"
                + "<fes:DWithin><fes:ValueReference>g</fes:ValueReference><gml:Point><gml:pos>1 2</gml:pos></gml:Point>"
                + "<fes:Distance uom='furlong'>5</fes:Distance></fes:DWithin></fes:Filter>",
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0' xmlns:gml='http://www.opengis.net/gml/3.2'>"
                + "<fes:After><fes:ValueReference>d</fes:ValueReference><gml:TimeInstant><gml:timePosition>yesterday"
                + "</gml:timePosition></gml:TimeInstant></fes:After></fes:Filter>",
        "<ogc:Filter xmlns:ogc='http://www.opengis.net/ogc'><ogc:PropertyIsLike wildCard='**' singleChar='_' "
                + "escapeChar='\\'><ogc:PropertyName>a</ogc:PropertyName><ogc:Literal>x</ogc:Literal>"
                + "</ogc:PropertyIsLike></ogc:Filter>",
        "<ogc:Filter xmlns:ogc='http://www.opengis.net/ogc'><ogc:Function name='x'/></ogc:Filter>"
    })
    void invalidFiltersAreInvalidParameterValues(String xml) {
        assertThatThrownBy(() -> FesParser.parse(xml, "FILTER")).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code()).isEqualTo(OwsExceptionCode.INVALID_PARAMETER_VALUE);
            assertThat(e.locator()).isEqualTo("FILTER");
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String xml = "<ogc:Filter xmlns:ogc='http://www.opengis.net/ogc'>" + "<ogc:Not>".repeat(5000)
                + "<ogc:PropertyIsNull><ogc:PropertyName>a</ogc:PropertyName></ogc:PropertyIsNull>"
                + "</ogc:Not>".repeat(5000) + "</ogc:Filter>";
        assertThatThrownBy(() -> FesParser.parse(xml, "filter")).isInstanceOfSatisfying(OwsException.class,
                e -> assertThat(e.getMessage()).contains("nested too deeply"));
    }

    /** An element without namespace, or another element, where a literal or an expression is expected (issue 18). */
    @ParameterizedTest
    @ValueSource(strings = {
        "<fes:PropertyIsEqualTo><fes:ValueReference>name</fes:ValueReference><fes:Literal><x/></fes:Literal></fes:PropertyIsEqualTo>",
        "<fes:PropertyIsEqualTo><fes:ValueReference>name</fes:ValueReference><x>1</x></fes:PropertyIsEqualTo>",
        "<fes:Intersects><fes:ValueReference>geom</fes:ValueReference><fes:Literal><Point><pos>1 2</pos></Point></fes:Literal></fes:Intersects>",
        "<fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:Point><gml:pos>a b</gml:pos></gml:Point></fes:Intersects>",
        "<fes:BBOX><fes:ValueReference>geom</fes:ValueReference><Envelope/></fes:BBOX>",
        "<fes:PropertyIsLike wildCard=\"*\" singleChar=\".\" escapeChar=\"!\"><fes:ValueReference>name</fes:ValueReference>"
            + "<fes:Literal><fes:Literal/></fes:Literal></fes:PropertyIsLike>",
        "<fes:PropertyIsBetween><fes:ValueReference>n</fes:ValueReference><fes:LowerBoundary><y/></fes:LowerBoundary>"
            + "<fes:UpperBoundary><fes:Literal>2</fes:Literal></fes:UpperBoundary></fes:PropertyIsBetween>",
        "<fes:During><fes:ValueReference>d</fes:ValueReference><TimePeriod/></fes:During>"})
    void anUnexpectedElementIsTheClientsMistake(String body) {
        assertThatThrownBy(() -> FesParser.parse(FES2 + body + "</fes:Filter>", "filter"))
                .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.locator()).isEqualTo("filter"));
    }

    @Test
    void aFilterNestedDeeperThanTheParserAllowsIsRefusedWithoutTheParsersWords() {
        String deep = "<fes:And>".repeat(5000) + "</fes:And>".repeat(5000);
        assertThatThrownBy(() -> FesParser.parse(FES2 + deep + "</fes:Filter>", "filter"))
                .isInstanceOfSatisfying(OwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(OwsExceptionCode.OPERATION_PARSING_FAILED);
                    assertThat(e.getMessage()).contains("nested too deeply (more than " + SecureXml.MAX_DEPTH)
                            .doesNotContain("JAXP", "maxElementDepth");
                });
    }
}
