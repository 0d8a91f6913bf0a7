package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.INSTRUCTOR;
import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * What the WFS gives of a layer whose access policy blurs and hides for the public, whatever the policy: the public
 * gets the geometry it may see, none of the hidden attributes, no hidden feature, in answers, schemas, filters and
 * ids; {@link WfsHarness#INSTRUCTOR} sees everything. Each policy's test names its layer ({@link PolicedLayer}).
 */
public abstract class AccessPolicyContract {

    /**
     * A layer under a policy that shows the public the rows whose level is below 4, blurred when the level is 2 or 3.
     *
     * @param idColumn the column giving feature ids, published
     * @param orderColumn the unique column giving the order of pages, never published
     * @param publicGeometry SQL over the table's columns: the geometry the public sees
     * @param hiddenGeometry the column of the blurred geometry, never published as such
     * @param publicAttribute an attribute the public sees
     * @param hiddenAttributes the attributes the public may not see (the first one filled in for some rows)
     * @param publicCondition a condition (CQL and SQL alike) on attributes the public sees
     * @param hiddenCondition a condition (CQL and SQL alike) on the first hidden attribute that some rows meet
     */
    public record PolicedLayer(String typeName, String table, String idColumn, String orderColumn, String level,
                               String publicGeometry, String hiddenGeometry, String publicAttribute,
                               List<String> hiddenAttributes, String publicCondition, String hiddenCondition) {

        String idPrefix() {
            return typeName.substring(typeName.indexOf(':') + 1) + ".";
        }
    }

    protected WfsHarness wfs;
    protected PolicedLayer layer;

    protected abstract WfsHarness harness() throws Exception;

    protected abstract PolicedLayer layer();

    @BeforeEach
    void setUpContract() throws Exception {
        wfs = harness();
        layer = layer();
    }

    private WfsHarness.Answer getFeature(Caller caller, String... pairs) {
        String[] all = new String[pairs.length + 8];
        System.arraycopy(new String[] {"service", "WFS", "version", "2.0.0", "request", "GetFeature", "typeNames",
            layer.typeName()}, 0, all, 0, 8);
        System.arraycopy(pairs, 0, all, 8, pairs.length);
        return wfs.kvp(caller, all);
    }

    @Test
    void anonymousFeaturesAreBlurredWithoutHiddenAttributes() throws Exception {
        // the most sensitive features the public may see first, so that blurred ones are in the page
        WfsHarness.Answer a = getFeature(PUBLIC, "outputFormat", "csv", "sortBy", layer.level() + " DESC");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        String[] lines = a.text().split("\r\n");
        String header = lines[0];
        assertThat(header).doesNotContain(layer.hiddenAttributes().toArray(new String[0])).contains(layer.level());
        assertThat(a.text()).doesNotContain(layer.hiddenGeometry());
        Map<String, String> diffusion = wfs.queryMap("SELECT '" + layer.idPrefix() + "' || " + layer.idColumn()
                + ", ST_AsText(" + layer.publicGeometry() + ") FROM " + layer.table() + " WHERE " + layer.level()
                + " < 4");
        Map<String, String> exact = wfs.queryMap("SELECT '" + layer.idPrefix() + "' || " + layer.idColumn()
                + ", ST_AsText(geom) FROM " + layer.table());
        WKTReader wkt = new WKTReader();
        int blurred = 0;
        for (int i = 1; i < lines.length; i++) {
            String id = lines[i].substring(0, lines[i].indexOf(','));
            String geometry = lines[i].substring(lines[i].lastIndexOf(",\"") + 2, lines[i].length() - 1);
            assertThat(diffusion).as("a hidden feature was returned: " + id).containsKey(id);
            Geometry returned = wkt.read(geometry);
            assertThat(returned.equalsExact(wkt.read(diffusion.get(id)), 1e-6)).as(id).isTrue();
            if (!returned.equalsExact(wkt.read(exact.get(id)), 1e-6)) {
                blurred++;
            }
        }
        assertThat(lines.length - 1).isEqualTo(WfsHarness.MAX_FEATURES);
        assertThat(blurred).as("blurred features in the page").isPositive();
    }

    @Test
    void publicFilesHoldTheBlurredGeometriesWithoutHiddenAttributes(@TempDir Path dir) throws Exception {
        Map<String, String> diffusion = wfs.queryMap("SELECT " + layer.idColumn() + "::text, ST_AsText("
                + layer.publicGeometry() + ") FROM " + layer.table() + " WHERE " + layer.level() + " < 4");
        Map<String, String> exact = wfs.queryMap("SELECT " + layer.idColumn() + "::text, ST_AsText(geom) FROM "
                + layer.table());
        WKTReader wkt = new WKTReader();
        for (String format : List.of("geopackage", "SHAPE-ZIP")) {
            WfsHarness.Answer a = getFeature(PUBLIC, "outputFormat", format, "sortBy", layer.level() + " DESC",
                    "srsName", "EPSG:2154");
            assertThat(a.status()).as(a.text()).isEqualTo(200);
            Path folder = Files.createDirectories(dir.resolve(format));
            List<Path> files = new ArrayList<>();
            if (format.equals("SHAPE-ZIP")) {
                GdalReader.unzip(a.body(), folder).stream().filter(n -> n.endsWith(".shp"))
                        .forEach(n -> files.add(folder.resolve(n)));
            } else {
                files.add(Files.write(folder.resolve("answer.gpkg"), a.body()));
            }
            int rows = 0;
            int blurred = 0;
            for (Path file : files) {
                String name = GdalReader.layers(file).get(0);
                Map<String, String> fields = GdalReader.fields(GdalReader.summary(file, name));
                for (String hidden : layer.hiddenAttributes()) {
                    assertThat(fields.keySet()).as(format + " " + fields)
                            .noneMatch(f -> hidden.toLowerCase(Locale.ROOT).startsWith(f.toLowerCase(Locale.ROOT)));
                }
                String idField = fields.keySet().stream()
                        .filter(f -> layer.idColumn().toLowerCase(Locale.ROOT).startsWith(f.toLowerCase(Locale.ROOT)))
                        .findFirst().orElseThrow(() -> new AssertionError(format + ": no id field in " + fields));
                for (Map<String, String> row : GdalReader.rows(file, name)) {
                    String id = row.get(idField);
                    assertThat(diffusion).as(format + ": a hidden feature was returned: " + id).containsKey(id);
                    Geometry returned = wkt.read(row.get("WKT"));
                    assertThat(DiscreteHausdorffDistance.distance(returned, wkt.read(diffusion.get(id))))
                            .as(format + " " + id).isLessThan(1e-6);
                    if (DiscreteHausdorffDistance.distance(returned, wkt.read(exact.get(id))) > 1e-6) {
                        blurred++;
                    }
                    rows++;
                }
            }
            assertThat(rows).as(format).isEqualTo(WfsHarness.MAX_FEATURES);
            assertThat(blurred).as(format + ": blurred features in the page").isPositive();
        }
    }

    @Test
    void instructorsSeeExactGeometriesAndHiddenAttributes() throws Exception {
        WfsHarness.Answer a = getFeature(INSTRUCTOR, "outputFormat", "json", "count", "5",
                "sortBy", layer.level() + " DESC", "srsName", "EPSG:2154");
        assertThat(a.text()).contains("\"" + layer.hiddenAttributes().get(0) + "\"");
        assertThat(a.text()).contains("\"" + layer.level() + "\":4");
    }

    @Test
    void featuresAreNamedByTheirIdColumnAndNoOrderColumnIsPublished() throws Exception {
        for (Caller caller : List.of(PUBLIC, INSTRUCTOR)) {
            WfsHarness.Answer a = getFeature(caller, "outputFormat", "json", "count", "20");
            JsonNode features = new ObjectMapper().readTree(a.text()).path("features");
            assertThat(features).as(a.text()).hasSize(20);
            for (JsonNode f : features) {
                assertThat(f.path("id").asText())
                        .isEqualTo(layer.idPrefix() + f.path("properties").path(layer.idColumn()).asText());
                assertThat(f.path("properties").has(layer.orderColumn()))
                        .as(caller.roles() + ": the table's serial key").isFalse();
            }
            WfsHarness.Answer schema = wfs.kvp(caller, "service", "WFS", "version", "2.0.0",
                    "request", "DescribeFeatureType", "typeNames", layer.typeName());
            assertThat(schema.text()).contains("name=\"" + layer.idColumn() + "\"")
                    .doesNotContain("name=\"" + layer.orderColumn() + "\"");
        }
    }

    @Test
    void theSchemaAndPropertyNameHideWhatThePublicMayNotSee() throws Exception {
        String hidden = layer.hiddenAttributes().get(0);
        WfsHarness.Answer schema = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "DescribeFeatureType", "typeNames", layer.typeName());
        assertThat(schema.text()).contains("name=\"" + layer.publicAttribute() + "\"").doesNotContain(hidden);
        assertThat(schema.text()).contains("type=\"gml:GeometryPropertyType\"");
        WfsHarness.Answer asked = getFeature(PUBLIC, "propertyName", hidden);
        assertThat(asked.status()).isEqualTo(400);
        assertThat(asked.text()).contains("InvalidParameterValue", "locator=\"propertyName\"");
        WfsHarness.Answer values = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "GetPropertyValue", "typeNames", layer.typeName(), "valueReference", hidden);
        assertThat(values.status()).isEqualTo(400);
        WfsHarness.Answer sorted = getFeature(PUBLIC, "sortBy", hidden);
        assertThat(sorted.status()).isEqualTo(400);
    }

    /** The exact x, y of the first point (by order) the public sees blurred. */
    private double[] blurredPoint() throws Exception {
        String point = wfs.queryMap("SELECT 'p', ST_X(geom) || ' ' || ST_Y(geom) FROM " + layer.table() + " WHERE "
                + layer.level() + " = 2 AND GeometryType(geom) = 'POINT' ORDER BY " + layer.orderColumn()
                + " LIMIT 1").get("p");
        String[] xy = point.split(" ");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    @Test
    void bboxFiltersTheGeometryThePublicSees() throws Exception {
        // a 1 m box on the exact place of a blurred feature the public may see finds it only if its blurred
        // geometry covers the place (it does: the area around it), never by its point
        double[] xy = blurredPoint();
        double x = xy[0];
        double y = xy[1];
        String bbox = (x - 0.5) + "," + (y - 0.5) + "," + (x + 0.5) + "," + (y + 0.5) + ",urn:ogc:def:crs:EPSG::2154";
        long publicHits = wfs.hits(PUBLIC, layer.typeName(), "bbox", bbox);
        long instructorHits = wfs.hits(INSTRUCTOR, layer.typeName(), "bbox", bbox);
        long cellMates = wfs.queryLong("SELECT count(*) FROM " + layer.table() + " WHERE " + layer.level()
                + " < 4 AND " + layer.publicGeometry() + " && ST_MakeEnvelope(" + (x - 0.5) + "," + (y - 0.5) + ","
                + (x + 0.5) + "," + (y + 0.5) + ", 2154)");
        assertThat(publicHits).isEqualTo(cellMates);
        assertThat(instructorHits).isLessThan(publicHits);
    }

    @Test
    void filtersCountOnlyWhatTheCallerMaySee() throws Exception {
        long publicMatches = wfs.queryLong("SELECT count(*) FROM " + layer.table() + " WHERE "
                + layer.publicCondition() + " AND " + layer.level() + " < 4");
        long allMatches = wfs.queryLong("SELECT count(*) FROM " + layer.table() + " WHERE " + layer.publicCondition());
        assertThat(wfs.hits(PUBLIC, layer.typeName(), "cql_filter", layer.publicCondition())).isEqualTo(publicMatches);
        assertThat(wfs.hits(INSTRUCTOR, layer.typeName(), "cql_filter", layer.publicCondition())).isEqualTo(allMatches);
        // a filter on an attribute the public may not see is refused, as if the attribute did not exist
        WfsHarness.Answer hidden = getFeature(PUBLIC, "resultType", "hits", "cql_filter", layer.hiddenCondition());
        assertThat(hidden.status()).isEqualTo(400);
        assertThat(hidden.text()).contains("InvalidParameterValue", "locator=\"cql_filter\"");
        assertThat(wfs.hits(INSTRUCTOR, layer.typeName(), "cql_filter", layer.hiddenCondition())).isPositive();
    }

    @Test
    void spatialFiltersUseTheGeometryTheCallerSees() throws Exception {
        // a 2 m box around the exact point of a feature the public sees blurred, away from its cell's corners
        double[] xy = blurredPoint();
        double x = xy[0];
        double y = xy[1];
        String box = String.format(Locale.ROOT, "BBOX(geom, %.1f, %.1f, %.1f, %.1f, 'EPSG:2154')",
                x - 1, y - 1, x + 1, y + 1);
        long publicAround = wfs.hits(PUBLIC, layer.typeName(), "cql_filter", box);
        long cellCount = wfs.queryLong(String.format(Locale.ROOT, "SELECT count(*) FROM " + layer.table() + " WHERE "
                + layer.level() + " < 4 AND ST_Intersects(" + layer.publicGeometry()
                + ", ST_MakeEnvelope(%.1f, %.1f, %.1f, %.1f, 2154))", x - 1, y - 1, x + 1, y + 1));
        assertThat(publicAround).isEqualTo(cellCount).isGreaterThan(1); // the whole blurred cell answers
        assertThat(wfs.hits(INSTRUCTOR, layer.typeName(), "cql_filter", box)).isLessThan(publicAround);
    }

    @Test
    void hiddenFeaturesAreNotReachableById() throws Exception {
        String hidden = wfs.queryMap("SELECT " + layer.idColumn() + "::text, '' FROM " + layer.table() + " WHERE "
                + layer.level() + " = 4 ORDER BY " + layer.orderColumn() + " LIMIT 1").keySet().iterator().next();
        String getFeatureById = "urn:ogc:def:query:OGC-WFS::GetFeatureById";
        WfsHarness.Answer a = wfs.storedQuery(PUBLIC, getFeatureById, "id", layer.idPrefix() + hidden);
        assertThat(a.status()).isEqualTo(404);
        WfsHarness.Answer instructor = wfs.storedQuery(INSTRUCTOR, getFeatureById, "id", layer.idPrefix() + hidden);
        assertThat(instructor.status()).isEqualTo(200);
    }
}
