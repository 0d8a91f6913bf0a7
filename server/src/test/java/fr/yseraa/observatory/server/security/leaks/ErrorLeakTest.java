package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Errors and empty answers tell nothing hidden: a hidden occurrence answers exactly like an id that does not exist,
 * and an attribute hidden from the caller exactly like one the layer does not have, in every service.
 */
class ErrorLeakTest extends LeakTestBase {

    /** Requests naming an occurrence id. */
    private List<String> byId(String id) {
        return List.of(
                "/wfs?service=WFS&version=2.0.0&request=GetFeature&storedQuery_id=urn:ogc:def:query:OGC-WFS::GetFeatureById&id=occurrences." + id,
                "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&resourceId=occurrences." + id,
                "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&resultType=hits&resourceId=occurrences." + id,
                "/wfs?service=WFS&version=1.1.0&request=GetFeature&typeName=sinp:occurrences&outputFormat=application/json&featureId=occurrences." + id,
                "/wfs?service=WFS&version=2.0.0&request=GetPropertyValue&typeNames=sinp:occurrences&valueReference=id_sinp_occtax&resourceId=occurrences." + id,
                "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&outputFormat=text/csv&CQL_FILTER=" + enc("id_sinp_occtax = '" + id + "'"),
                "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=sinp:occurrences&QUERY_LAYERS=sinp:occurrences"
                    + "&STYLES=&CRS=EPSG:2154&BBOX=600000,7000000,700000,7100000&WIDTH=10&HEIGHT=10&I=5&J=5&FEATURE_COUNT=50"
                    + "&INFO_FORMAT=application/json&CQL_FILTER=" + enc("id_sinp_occtax = '" + id + "'"),
                "/wps?service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators&RawDataOutput=report"
                    + "&DataInputs=" + enc("geometry=@xlink:href=" + enc("http://localhost:" + port + "/wfs?service=WFS&version=2.0.0"
                    + "&request=GetFeature&typeNames=sinp:occurrences&resourceId=occurrences." + id)));
    }

    /** Requests naming an attribute. */
    private static List<String> byAttribute(String a) {
        return List.of(
                "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=1&CQL_FILTER=" + enc(a + " = 'x'"),
                "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=1&FILTER=" + enc(
                    "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\"><fes:PropertyIsLike wildCard=\"*\" singleChar=\".\" escapeChar=\"!\">"
                    + "<fes:ValueReference>" + a + "</fes:ValueReference><fes:Literal>D*</fes:Literal></fes:PropertyIsLike></fes:Filter>"),
                "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=1&propertyName=" + a,
                "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=1&sortBy=" + a,
                "/wfs?service=WFS&version=2.0.0&request=GetPropertyValue&typeNames=sinp:occurrences&count=1&valueReference=" + a,
                "/wfs?service=WFS&version=1.1.0&request=GetFeature&typeName=sinp:occurrences&maxFeatures=1&CQL_FILTER=" + enc(a + " LIKE 'D%'"),
                "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=sinp:occurrences&STYLES=&CRS=EPSG:2154"
                    + "&BBOX=600000,7000000,700000,7100000&WIDTH=64&HEIGHT=64&FORMAT=image/png&CQL_FILTER=" + enc(a + " = 'x'"),
                "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=sinp:occurrences&STYLES=&CRS=EPSG:2154"
                    + "&BBOX=600000,7000000,700000,7100000&WIDTH=64&HEIGHT=64&FORMAT=image/png&SLD_BODY=" + enc("""
                    <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc">
                      <NamedLayer><Name>sinp:occurrences</Name><UserStyle><FeatureTypeStyle><Rule>
                        <ogc:Filter><ogc:PropertyIsLike wildCard="*" singleChar="." escape="!"><ogc:PropertyName>%s</ogc:PropertyName>
                          <ogc:Literal>D*</ogc:Literal></ogc:PropertyIsLike></ogc:Filter>
                        <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName></Mark><Size>5</Size></Graphic></PointSymbolizer>
                      </Rule></FeatureTypeStyle></UserStyle></NamedLayer>
                    </StyledLayerDescriptor>""".formatted(a)));
    }

    /** An answer with what legitimately differs between two requests (the name asked for, the time) taken out. */
    private static String normalised(HttpResponse<byte[]> r, String asked) {
        String body = standalone(standalone(text(r), enc(asked)), asked)
                .replaceAll("timeStamp=\"[^\"]*\"", "").replaceAll("\"timeStamp\"\\s*:\\s*\"[^\"]*\"", "");
        return r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + "\n" + body;
    }

    /** Replaces {@code token} where it stands alone, not inside a longer word or number such as the server's port. */
    private static String standalone(String text, String token) {
        return text.replaceAll("(?<![\\w])" + Pattern.quote(token) + "(?![\\w])", "ASKED");
    }

    @TestFactory
    Stream<DynamicTest> aHiddenOccurrenceAnswersLikeOneThatDoesNotExist() {
        String missing = UUID.randomUUID().toString();
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM sinp.occurrence WHERE id_sinp_occtax = ?::uuid", Long.class, missing)).isZero();
        List<DynamicTest> tests = new ArrayList<>();
        for (Who who : Who.values()) {
            targets().values().stream().filter(t -> check.view(who, t) == LeakAssertions.View.HIDDEN).forEach(t -> {
                List<String> hiddenOnes = byId(t.uuid());
                List<String> absentOnes = byId(missing);
                for (int i = 0; i < hiddenOnes.size(); i++) {
                    String hiddenRequest = hiddenOnes.get(i);
                    String absentRequest = absentOnes.get(i);
                    tests.add(DynamicTest.dynamicTest(hiddenRequest + " for " + who, () -> {
                        HttpResponse<byte[]> hidden = get(who, hiddenRequest);
                        HttpResponse<byte[]> absent = get(who, absentRequest);
                        assertThat(hidden.statusCode()).as(text(hidden)).isLessThan(500);
                        assertThat(normalised(hidden, t.uuid()))
                                .isEqualTo(normalised(absent, missing));
                    }));
                }
            });
        }
        assertThat(tests).as("the suite has hidden occurrences for the public").isNotEmpty();
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> aHiddenAttributeAnswersLikeOneThatDoesNotExist() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String hiddenAttribute : List.of("observateur", "determinateur")) {
            List<String> hiddenOnes = byAttribute(hiddenAttribute);
            List<String> absentOnes = byAttribute("no_such_attribute");
            for (int i = 0; i < hiddenOnes.size(); i++) {
                String hiddenRequest = hiddenOnes.get(i);
                String absentRequest = absentOnes.get(i);
                tests.add(DynamicTest.dynamicTest(hiddenRequest, () -> {
                    HttpResponse<byte[]> hidden = get(Who.ANONYMOUS, hiddenRequest);
                    HttpResponse<byte[]> absent = get(Who.ANONYMOUS, absentRequest);
                    assertThat(hidden.statusCode()).as(text(hidden)).isLessThan(500);
                    assertThat(normalised(hidden, hiddenAttribute)).isEqualTo(normalised(absent, "no_such_attribute"));
                    HttpResponse<byte[]> partner = get(Who.PARTNER, hiddenRequest);
                    assertThat(partner.statusCode()).as("a partner may name it: " + text(partner)).isEqualTo(200);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> theUnpublishedSerialKeyAnswersLikeAnAttributeThatDoesNotExist() {
        // sinp:occurrences pages follow the table's serial key (its "order" column), which nobody may name
        List<DynamicTest> tests = new ArrayList<>();
        List<String> serialOnes = byAttribute("id");
        List<String> absentOnes = byAttribute("no_such_attribute");
        for (Who who : Who.values()) {
            for (int i = 0; i < serialOnes.size(); i++) {
                String serialRequest = serialOnes.get(i);
                String absentRequest = absentOnes.get(i);
                tests.add(DynamicTest.dynamicTest(serialRequest + " for " + who, () -> {
                    HttpResponse<byte[]> serial = get(who, serialRequest);
                    assertThat(serial.statusCode()).as(text(serial)).isLessThan(500);
                    assertThat(normalised(serial, "id")).isEqualTo(normalised(get(who, absentRequest), "no_such_attribute"));
                }));
            }
        }
        return tests.stream();
    }
}
