package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.INSTRUCTOR;
import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.OwsResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.w3c.dom.Document;

/**
 * GetFeature as a GeoPackage and as zipped Shapefiles, read back by GDAL: layers, fields and their types, feature
 * counts, CRS and geometries as the database holds them; the temporary files gone after every answer.
 */
class FileFormatsTest {

    static WfsHarness wfs;
    static final WKTReader WKT = new WKTReader();

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    @AfterEach
    void noTemporaryFileIsLeft() throws Exception {
        try (Stream<Path> left = Files.list(wfs.spool)) {
            assertThat(left).as("temporary files left in " + wfs.spool).isEmpty();
        }
    }

    static WfsHarness.Answer get(Caller caller, String... pairs) {
        List<String> all = new ArrayList<>(List.of("service", "WFS", "version", "2.0.0", "request", "GetFeature"));
        all.addAll(List.of(pairs));
        WfsHarness.Answer a = wfs.kvp(caller, all.toArray(new String[0]));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a;
    }

    static Path save(WfsHarness.Answer a, Path dir, String name) throws IOException {
        return Files.write(dir.resolve(name), a.body());
    }

    /** Whether two geometries are the same shape within a micrometre (ring orientation and multi-ness aside). */
    static boolean sameShape(Geometry a, Geometry b) {
        return DiscreteHausdorffDistance.distance(a, b) < 1e-6 && a.getDimension() == b.getDimension();
    }

    static Map<String, String> row(List<Map<String, String>> rows, String field, String value) {
        return rows.stream().filter(r -> value.equals(r.get(field))).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + field + " = " + value));
    }

    @Test
    void geoPackageHoldsTheFeatureTypeWithItsFieldTypesCrsAndGeometries(@TempDir Path dir) throws Exception {
        WfsHarness.Answer a = get(PUBLIC, "typeNames", "base:zones", "outputFormat", "application/x-gpkg");
        assertThat(a.contentType()).isEqualTo("application/geopackage+sqlite3");
        assertThat(a.headers()).containsEntry("Content-Disposition", "attachment; filename=\"zones.gpkg\"");
        Path file = save(a, dir, "zones.gpkg");
        assertThat(GdalReader.layers(file)).containsExactly("zones");
        String summary = GdalReader.summary(file, "zones");
        assertThat(summary).contains("Geometry: Multi Polygon", "Feature Count: 96", "ID[\"EPSG\",2154]",
                "Extent: (640000.000000, 7070000.000000) - (652000.000000, 7078000.000000)");
        assertThat(GdalReader.fields(summary)).containsExactly(Map.entry("code", "String (0.0)"),
                Map.entry("name", "String (0.0)"), Map.entry("region_code", "String (0.0)"),
                Map.entry("population", "Integer (0.0)"), Map.entry("area_ha", "Real (0.0)"),
                Map.entry("created", "Date (0.0)"), Map.entry("surveyed", "DateTime (0.0)"),
                Map.entry("protected", "Integer(Boolean) (0.0)"));
        List<Map<String, String>> rows = GdalReader.rows(file, "zones");
        assertThat(rows).hasSize(96);
        Map<String, String> z = row(rows, "code", "10017");
        assertThat(z).containsEntry("name", "Bois-17").containsEntry("region_code", "S")
                .containsEntry("population", "1700").containsEntry("area_ha", "100")
                .containsEntry("created", "2000/01/18").containsEntry("surveyed", "2024/05/02 01:00:00")
                .containsEntry("protected", "0");
        Geometry expected = WKT.read(wfs.queryMap("SELECT code, ST_AsText(geom) FROM fixture.zone WHERE code = '10017'")
                .get("10017"));
        assertThat(WKT.read(z.get("WKT")).equalsExact(expected)).as(z.get("WKT")).isTrue();
        assertThat(row(rows, "code", "10013").get("population")).as("a null stays null").isEmpty();
    }

    @Test
    void geoPackageOfSeveralTypesHasOneTableEachInTheAskedCrsXFirst(@TempDir Path dir) throws Exception {
        WfsHarness.Answer a = get(PUBLIC, "typeNames", "base:regions,base:streams", "outputFormat", "geopackage",
                "srsName", "urn:ogc:def:crs:EPSG::4326");
        assertThat(a.headers()).containsEntry("Content-Disposition", "attachment; filename=\"regions_streams.gpkg\"");
        Path file = save(a, dir, "two.gpkg");
        assertThat(GdalReader.layers(file)).containsExactly("regions", "streams");
        String streams = GdalReader.summary(file, "streams");
        assertThat(streams).contains("Geometry: Multi Line String", "Feature Count: 10", "ID[\"EPSG\",4326]");
        assertThat(GdalReader.summary(file, "regions")).contains("Feature Count: 2");
        Map<String, String> stream = row(GdalReader.rows(file, "streams"), "id", "3");
        Geometry expected = WKT.read(wfs.queryMap(
                "SELECT id::text, ST_AsText(ST_Transform(geom, 4326)) FROM fixture.stream WHERE id = 3").get("3"));
        Geometry read = WKT.read(stream.get("WKT"));
        assertThat(read.getCoordinate().x).as("longitude first").isBetween(2.0, 2.5);
        assertThat(DiscreteHausdorffDistance.distance(read, expected)).isLessThan(1e-9);
        assertThat(stream).containsEntry("name", "Ruisseau 3");
    }

    @Test
    void shapeZipSplitsMixedGeometriesByKindWithCutFieldNamesAndTheirCrs(@TempDir Path dir) throws Exception {
        WfsHarness.Answer a = get(INSTRUCTOR, "typeNames", "survey:sightings", "outputFormat", "SHAPE-ZIP",
                "count", "1000", "srsName", "EPSG:2154");
        assertThat(a.contentType()).isEqualTo("application/zip");
        assertThat(a.headers()).containsEntry("Content-Disposition", "attachment; filename=\"sightings.zip\"");
        List<String> entries = GdalReader.unzip(a.body(), dir);
        assertThat(entries).containsExactlyInAnyOrder("sightings_point.shp", "sightings_point.shx",
                "sightings_point.dbf", "sightings_point.prj", "sightings_point.cpg", "sightings_polygon.shp",
                "sightings_polygon.shx", "sightings_polygon.dbf", "sightings_polygon.prj", "sightings_polygon.cpg",
                "LISEZMOI.txt");
        assertThat(Files.readString(dir.resolve("sightings_point.cpg"))).isEqualTo("UTF-8");
        long polygons = wfs.queryLong("SELECT count(*) FROM (SELECT geom FROM fixture.sighting ORDER BY id LIMIT 1000) s "
                + "WHERE GeometryType(geom) = 'POLYGON'");
        assertThat(polygons).isPositive();
        String points = GdalReader.summary(dir.resolve("sightings_point.shp"), "sightings_point");
        assertThat(points).contains("Geometry: Point", "Feature Count: " + (1000 - polygons), "ID[\"EPSG\",2154]");
        String areas = GdalReader.summary(dir.resolve("sightings_polygon.shp"), "sightings_polygon");
        assertThat(areas).contains("Geometry: Polygon", "Feature Count: " + polygons);
        assertThat(GdalReader.fields(points)).containsExactly(Map.entry("sid", "String (7.0)"),
                Map.entry("species", "String (18.0)"), Map.entry("individual", "Integer (9.0)"),
                Map.entry("observed", "Date (10.0)"), Map.entry("recorded", "String (19.0)"),
                Map.entry("weight", "Real (4.1)"), Map.entry("verified", "String (1.0)"),
                Map.entry("level", "Integer (9.0)"), Map.entry("observer", "String (14.0)"),
                Map.entry("note", "String (8.0)"));
        Map<String, String> area = GdalReader.rows(dir.resolve("sightings_polygon.shp"), "sightings_polygon").get(0);
        Map<String, String> db = wfs.queryMap("SELECT 'g', ST_AsText(geom) FROM fixture.sighting WHERE sid = '"
                + area.get("sid") + "'");
        assertThat(sameShape(WKT.read(area.get("WKT")), WKT.read(db.get("g")))).as(area.toString()).isTrue();
        Map<String, String> point = row(GdalReader.rows(dir.resolve("sightings_point.shp"), "sightings_point"),
                "sid", "S000011");
        assertThat(point).containsEntry("individual", "").containsEntry("observed", "2020/01/12")
                .containsEntry("recorded", "2020-01-01T07:17:00").containsEntry("verified", "F")
                .containsEntry("observer", "Observateur 11").containsEntry("note", "note 11");
        assertThat(Files.readString(dir.resolve("LISEZMOI.txt"))).contains("individuals -> individual (N)",
                "sightings_point.shp : " + (1000 - polygons) + " entité(s), points, SCR EPSG:2154");
    }

    @Test
    void hitsInAFileFormatAnswerTheCountInGml() throws Exception {
        WfsHarness.Answer a = get(PUBLIC, "typeNames", "base:zones", "outputFormat", "SHAPE-ZIP", "resultType", "hits");
        assertThat(a.contentType()).isEqualTo("application/gml+xml; version=3.2");
        assertThat(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("numberMatched")).isEqualTo("96");
    }

    @Test
    void bothVersionsAdvertiseTheFileFormats() throws Exception {
        for (String version : List.of("2.0.0", "1.1.0")) {
            WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "version", version, "request", "GetCapabilities");
            Document caps = XmlAssertions.parse(a.body());
            String operation = version.equals("2.0.0") ? "http://www.opengis.net/ows/1.1" : "http://www.opengis.net/ows";
            List<String> values = new ArrayList<>();
            var params = caps.getElementsByTagNameNS(operation, "Parameter");
            for (int i = 0; i < params.getLength(); i++) {
                var p = (org.w3c.dom.Element) params.item(i);
                var op = (org.w3c.dom.Element) p.getParentNode();
                if (p.getAttribute("name").equals("outputFormat") && op.getAttribute("name").equals("GetFeature")) {
                    var v = p.getElementsByTagNameNS(operation, "Value");
                    for (int j = 0; j < v.getLength(); j++) {
                        values.add(v.item(j).getTextContent());
                    }
                }
            }
            assertThat(values).as(version).contains("application/geopackage+sqlite3", "SHAPE-ZIP");
            var formats = caps.getElementsByTagNameNS("*", "Format");
            List<String> typeFormats = new ArrayList<>();
            for (int i = 0; i < formats.getLength(); i++) {
                typeFormats.add(formats.item(i).getTextContent());
            }
            assertThat(typeFormats).as(version).contains("application/geopackage+sqlite3", "SHAPE-ZIP");
        }
    }

    @Test
    void aClientGoneWhileTheFileIsSentLeavesNoTemporaryFile() throws Exception {
        for (String format : List.of("gpkg", "SHAPE-ZIP")) {
            GoneClient client = new GoneClient();
            try {
                wfs.kvpInto(PUBLIC, client, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                        "typeNames", "survey:sightings", "outputFormat", format);
            } catch (IOException e) {
                // the server's side of a broken connection
            }
            assertThat(client.written).as(format + ": the answer had started").isGreaterThan(0);
            try (Stream<Path> left = Files.list(wfs.spool)) {
                assertThat(left).as(format).isEmpty();
            }
        }
    }

    /** A response whose client hangs up once 4 kB were sent. */
    private static final class GoneClient implements OwsResponse {
        int written;
        boolean opened;

        @Override
        public void setStatus(int status) {
        }

        @Override
        public void setContentType(String contentType) {
        }

        @Override
        public void setHeader(String name, String value) {
        }

        @Override
        public boolean committed() {
            return opened;
        }

        @Override
        public OutputStream body() {
            opened = true;
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    written += len;
                    if (written > 4096) {
                        throw new IOException("Broken pipe");
                    }
                }
            };
        }
    }

    @Test
    void aFeatureByIdComesAsAFileOfOne(@TempDir Path dir) throws Exception {
        WfsHarness.Answer a = wfs.storedQuery(PUBLIC, "urn:ogc:def:query:OGC-WFS::GetFeatureById", "ID", "zones.10042",
                "outputFormat", "geopackage");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        Path file = save(a, dir, "one.gpkg");
        assertThat(GdalReader.summary(file, "zones")).contains("Feature Count: 1");
        assertThat(GdalReader.rows(file, "zones").get(0)).containsEntry("code", "10042");
        assertThat(new String(a.body(), 0, 16, StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3\0");
    }
}
