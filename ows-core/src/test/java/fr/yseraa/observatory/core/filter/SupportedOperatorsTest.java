package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What capabilities will claim is what the parser reads. */
class SupportedOperatorsTest {

    private static final String OPEN = "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\" "
            + "xmlns:gml=\"http://www.opengis.net/gml/3.2\">";
    private static final String CLOSE = "</fes:Filter>";
    private static final String A = "<fes:ValueReference>a</fes:ValueReference>";
    private static final String ONE = "<fes:Literal>1</fes:Literal>";

    private static Filter parse(String body) {
        return FesParser.parse(OPEN + body + CLOSE, "filter");
    }

    @Test
    void everyClaimedComparisonParses() {
        for (String name : SupportedOperators.COMPARISON) {
            String body = switch (name) {
                case "PropertyIsLike" -> "<fes:PropertyIsLike wildCard='*' singleChar='.' escapeChar='!'>" + A + ONE
                        + "</fes:PropertyIsLike>";
                case "PropertyIsNull", "PropertyIsNil" -> "<fes:" + name + ">" + A + "</fes:" + name + ">";
                case "PropertyIsBetween" -> "<fes:PropertyIsBetween>" + A + "<fes:LowerBoundary>" + ONE
                        + "</fes:LowerBoundary><fes:UpperBoundary>" + ONE + "</fes:UpperBoundary></fes:PropertyIsBetween>";
                default -> "<fes:" + name + ">" + A + ONE + "</fes:" + name + ">";
            };
            assertThat(parse(body)).as(name).isInstanceOfAny(Filter.Comparison.class, Filter.Like.class,
                    Filter.IsNull.class, Filter.Between.class);
        }
    }

    @Test
    void everyClaimedSpatialOperatorAndOperandParses() {
        for (String name : SupportedOperators.SPATIAL) {
            String operand = name.equals("BBOX")
                    ? "<gml:Envelope><gml:lowerCorner>0 0</gml:lowerCorner><gml:upperCorner>1 1</gml:upperCorner></gml:Envelope>"
                    : "<gml:Point><gml:pos>1 2</gml:pos></gml:Point>";
            String distance = name.equals("DWithin") || name.equals("Beyond") ? "<fes:Distance uom='m'>5</fes:Distance>" : "";
            assertThat(parse("<fes:" + name + ">" + A + operand + distance + "</fes:" + name + ">")).as(name)
                    .isInstanceOfAny(Filter.Spatial.class, Filter.Distance.class);
        }
        String ring = "<gml:LinearRing><gml:posList>0 0 1 0 1 1 0 0</gml:posList></gml:LinearRing>";
        String polygon = "<gml:Polygon><gml:exterior>" + ring + "</gml:exterior></gml:Polygon>";
        String line = "<gml:LineString><gml:posList>0 0 1 1</gml:posList></gml:LineString>";
        for (String operand : SupportedOperators.GEOMETRY_OPERANDS) {
            String xml = switch (operand) {
                case "gml:Envelope" -> "<gml:Envelope><gml:lowerCorner>0 0</gml:lowerCorner>"
                        + "<gml:upperCorner>1 1</gml:upperCorner></gml:Envelope>";
                case "gml:Point" -> "<gml:Point><gml:pos>1 2</gml:pos></gml:Point>";
                case "gml:LineString" -> line;
                case "gml:Polygon" -> polygon;
                case "gml:LinearRing" -> ring;
                case "gml:MultiPoint" -> "<gml:MultiPoint><gml:pointMember><gml:Point><gml:pos>1 2</gml:pos></gml:Point>"
                        + "</gml:pointMember></gml:MultiPoint>";
                case "gml:MultiLineString" -> "<gml:MultiLineString><gml:lineStringMember>" + line
                        + "</gml:lineStringMember></gml:MultiLineString>";
                case "gml:MultiCurve" -> "<gml:MultiCurve><gml:curveMember>" + line + "</gml:curveMember></gml:MultiCurve>";
                case "gml:MultiPolygon" -> "<gml:MultiPolygon><gml:polygonMember>" + polygon
                        + "</gml:polygonMember></gml:MultiPolygon>";
                case "gml:MultiSurface" -> "<gml:MultiSurface><gml:surfaceMembers>" + polygon
                        + "</gml:surfaceMembers></gml:MultiSurface>";
                default -> throw new AssertionError("no example of " + operand);
            };
            Filter.Spatial s = (Filter.Spatial) parse("<fes:Intersects>" + A + xml + "</fes:Intersects>");
            assertThat(s.geometry().geometry().isEmpty()).as(operand).isFalse();
        }
    }

    @Test
    void everyClaimedTemporalOperatorParses() {
        for (String name : SupportedOperators.TEMPORAL) {
            String operand = name.equals("During")
                    ? "<gml:TimePeriod gml:id='p'><gml:begin><gml:TimeInstant gml:id='b'><gml:timePosition>2020-01-01"
                            + "</gml:timePosition></gml:TimeInstant></gml:begin><gml:end><gml:TimeInstant gml:id='e'>"
                            + "<gml:timePosition>2020-02-01</gml:timePosition></gml:TimeInstant></gml:end></gml:TimePeriod>"
                    : "<gml:TimeInstant gml:id='t'><gml:timePosition>2020-01-01</gml:timePosition></gml:TimeInstant>";
            assertThat(parse("<fes:" + name + ">" + A + operand + "</fes:" + name + ">")).as(name)
                    .isInstanceOf(Filter.Temporal.class);
        }
    }
}
