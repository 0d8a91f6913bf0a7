package fr.yseraa.observatory.ogcapi.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.ogcapi.Links;
import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Execute requests of OGC API - Processes read against a process description into the WPS's input values, and the
 * description's JSON Schemas written from it.
 */
class ExecutionRequestTest {

    static final ProcessDescription PROCESS = new ProcessDescription("test:Buffer", "Tampon", "Un tampon", "1.0.0",
            List.of(new InputDescription.Literal("width", "Largeur", null, 0, 1, LiteralType.DOUBLE, List.of(), "50",
                            "m", 1.0, 500.0),
                    new InputDescription.Literal("kind", "Sorte", null, 1, 1, LiteralType.STRING,
                            List.of("round", "flat"), null, null, null, null),
                    new InputDescription.Complex("geometry", "Géométrie", null, 0, 2,
                            List.of(Format.GEOJSON, Format.WKT)),
                    new InputDescription.BoundingBox("area", "Zone", null, 0, 1, List.of("EPSG:2154"))),
            List.of(new OutputDescription.Literal("area_ha", "Surface", null, LiteralType.DOUBLE, "ha"),
                    new OutputDescription.Complex("shape", "Forme", null, List.of(Format.GEOJSON, Format.CSV))),
            List.of());

    static ExecutionRequest read(String json) {
        return ExecutionRequest.read(json.getBytes(StandardCharsets.UTF_8), PROCESS);
    }

    @Test
    void valuesBecomeTheWpsInputValues() {
        ExecutionRequest r = read("""
                {"inputs": {"width": 12.5, "kind": {"value": "flat"},
                  "geometry": [{"type": "Point", "coordinates": [1, 2]}, {"value": "POINT(1 2)", "mediaType": "application/wkt"}],
                  "area": {"bbox": [1, 2, 3, 4], "crs": "EPSG:2154"}},
                 "outputs": {"shape": {"format": {"mediaType": "text/csv"}}}, "response": "raw"}""");
        assertThat(r.inputs().get("width")).containsExactly(new InputValue.Literal("12.5", null));
        assertThat(r.inputs().get("kind")).containsExactly(new InputValue.Literal("flat", null));
        assertThat(r.inputs().get("geometry")).containsExactly(
                new InputValue.Complex("{\"type\":\"Point\",\"coordinates\":[1,2]}", "application/geo+json"),
                new InputValue.Complex("POINT(1 2)", "application/wkt"));
        assertThat(r.inputs().get("area")).containsExactly(new InputValue.BoundingBox(1, 2, 3, 4, "EPSG:2154"));
        assertThat(r.raw()).isTrue();
        assertThat(r.outputs()).hasSize(1);
        assertThat(r.outputs().get(0).mediaType()).isEqualTo("text/csv");
        ProcessInputs bound = ProcessInputs.bind(PROCESS, r.inputs());
        assertThat(bound.number("width")).contains(12.5);
        assertThat(bound.all("geometry")).hasSize(2);
    }

    @Test
    void withoutOutputsEveryOutputComesInItsDefaultFormatAsADocument() {
        ExecutionRequest r = read("");
        assertThat(r.raw()).isFalse();
        assertThat(r.outputs()).extracting(o -> o.description().identifier() + " " + o.mediaType())
                .containsExactly("area_ha text/plain", "shape application/geo+json");
        // the checks that follow are the WPS's: a mandatory input missing, a value out of its range
        assertThatThrownBy(() -> ProcessInputs.bind(PROCESS, r.inputs())).isInstanceOf(OwsException.class)
                .extracting(e -> ((OwsException) e).locator()).isEqualTo("kind");
        assertThatThrownBy(() -> ProcessInputs.bind(PROCESS, read("{\"inputs\": {\"kind\": \"flat\", \"width\": 900}}")
                .inputs())).extracting(e -> ((OwsException) e).locator()).isEqualTo("width");
    }

    @Test
    void mistakesNameTheInputOrTheMember() {
        assertLocator("{\"inputs\": {\"height\": 1}}", "height");
        assertLocator("{\"inputs\": {\"width\": {\"a\": 1}}}", "width");
        assertLocator("{\"inputs\": {\"geometry\": {\"href\": \"http://elsewhere/x\"}}}", "geometry");
        assertLocator("{\"inputs\": {\"geometry\": 12}}", "geometry");
        assertLocator("{\"inputs\": {\"area\": {\"bbox\": [1, 2, 3]}}}", "area");
        assertLocator("{\"inputs\": []}", "inputs");
        assertLocator("{\"outputs\": {\"volume\": {}}}", "volume");
        assertLocator("{\"outputs\": {\"shape\": {\"format\": {\"mediaType\": \"image/png\"}}}}", "shape");
        assertLocator("{\"outputs\": {\"shape\": {\"transmissionMode\": \"reference\"}}}", "shape");
        assertLocator("{\"response\": \"raw\"}", "outputs");
        assertLocator("{\"response\": \"zip\"}", "response");
        assertLocator("{\"subscriber\": {\"successUri\": \"http://elsewhere\"}}", "subscriber");
        assertLocator("{\"inputs\": ", ExecutionRequest.BODY);
        assertLocator("[]", ExecutionRequest.BODY);
    }

    /** Beyond the JSON parser's limits (no location in its exception): a refusal naming the body, not a fault. */
    @Test
    void aBodyBeyondTheParsersLimitsIsRefused() {
        assertLocator("{\"inputs\": {\"width\": " + "[".repeat(5000) + "1" + "]".repeat(5000) + "}}", "body");
        assertLocator("{\"inputs\": {\"kind\": " + "{\"a\": ".repeat(3000) + "1" + "}".repeat(3000) + "}}", "body");
        assertLocator("{\"inputs\": {\"width\": " + "9".repeat(2000) + "}}", "body");
    }

    private static void assertLocator(String json, String locator) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(OwsException.class)
                .extracting(e -> ((OwsException) e).locator()).isEqualTo(locator);
    }

    @Test
    void theDescriptionGivesAJsonSchemaPerInputAndOutput() throws Exception {
        String doc = new ObjectMapper().writeValueAsString(ProcessDocuments.description(PROCESS,
                new Links("http://host/ogcapi")));
        assertThat(doc).contains(
                "\"width\":{\"title\":\"Largeur\",\"minOccurs\":0,\"maxOccurs\":1,\"schema\":{\"type\":\"number\","
                        + "\"minimum\":1.0,\"maximum\":500.0,\"default\":50.0},\"metadata\":[{\"role\":\"uom\",\"value\":\"m\"}]}",
                "\"kind\":{\"title\":\"Sorte\",\"minOccurs\":1,\"maxOccurs\":1,\"schema\":{\"type\":\"string\","
                        + "\"enum\":[\"round\",\"flat\"]}}",
                "\"schema\":{\"oneOf\":[{\"type\":\"object\",\"contentMediaType\":\"application/geo+json\"},"
                        + "{\"type\":\"string\",\"contentMediaType\":\"application/wkt\"}]}",
                "\"format\":\"ogc-bbox\"",
                "\"area_ha\":{\"title\":\"Surface\",\"schema\":{\"type\":\"number\"}",
                "\"href\":\"http://host/ogcapi/processes/test:Buffer/execution\"");
    }
}
