package fr.yseraa.observatory.wfs.output.file;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.wfs.GdalReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** What a Shapefile cannot hold, and how the archive says so: long texts, long names, mixed collections, holes. */
class ShapefileZipTest {

    static final WKTReader WKT = new WKTReader();

    @Test
    void fieldNamesAreCutToTenCharactersWithoutCollisions() {
        assertThat(DbfFieldNames.of(List.of("dEEDateDerniereModification", "dEEDateDernierEnvoi", "nom cité",
                "DEEDATEDER", "cdNom"))).containsExactly("dEEDateDer", "dEEDateD_1", "nom_cit_", "DEEDATED_2",
                "cdNom");
    }

    private static Feature feature(String geometry, String comment, String other, int count, double value)
            throws Exception {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("commentaireObservation", comment);
        attributes.put("commentaireDetermination", other);
        attributes.put("dateDebutObservation", Date.valueOf("2024-06-01"));
        attributes.put("nombre", count);
        attributes.put("valeur", value);
        return new Feature("t." + count, attributes, geometry == null ? null : WKT.read(geometry));
    }

    @Test
    void longTextsAreCutAtACharacterAndTheArchiveSaysWhatItCouldNotKeep(@TempDir Path spool, @TempDir Path dir)
            throws Exception {
        String longText = "é".repeat(140) + "fin"; // 283 bytes in UTF-8
        FileLayer layer = new FileLayer("occurrences", "Occurrences", List.of(
                new AttributeInfo("commentaireObservation", "text", null),
                new AttributeInfo("commentaireDetermination", "character varying(500)", null),
                new AttributeInfo("dateDebutObservation", "date", null),
                new AttributeInfo("nombre", "integer", null),
                new AttributeInfo("valeur", "numeric", null)),
                true, "geom", "GEOMETRY", 2154, null);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ShapefileZip file = new ShapefileZip(spool)) {
            file.layer(layer);
            file.feature(feature("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))", longText,
                    "court", 1, 2.5));
            file.feature(feature("POLYGON ((20 0, 20 10, 30 10, 30 0, 20 0))", "a", null, -12, -0.125));
            file.feature(feature("GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1))", "mixte", null, 3, 0));
            file.feature(feature(null, "sans lieu", null, 4, 1e6));
            file.writeTo(zip);
        }
        try (var left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
        List<String> entries = GdalReader.unzip(zip.toByteArray(), dir);
        assertThat(entries).contains("occurrences_polygon.shp", "occurrences_nogeom.shp", "LISEZMOI.txt")
                .doesNotContain("occurrences_polygon.prj"); // no CRS definition known: no .prj rather than a wrong one
        List<Map<String, String>> polygons = GdalReader.rows(dir.resolve("occurrences_polygon.shp"), "occurrences_polygon");
        assertThat(polygons).hasSize(2);
        String cut = polygons.get(0).get("commentair");
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(254);
        assertThat(cut).isEqualTo("é".repeat(127));
        assertThat(polygons.get(0)).containsEntry("commenta_1", "court").containsEntry("dateDebutO", "2024/06/01")
                .containsEntry("nombre", "1").containsEntry("valeur", "2.500");
        assertThat(polygons.get(1)).containsEntry("nombre", "-12").containsEntry("valeur", "-0.125")
                .containsEntry("commenta_1", "");
        Geometry holed = WKT.read(polygons.get(0).get("WKT"));
        assertThat(holed.getArea()).as("the hole stays a hole").isEqualTo(96.0);
        assertThat(GdalReader.summary(dir.resolve("occurrences_nogeom.shp"), "occurrences_nogeom"))
                .contains("Feature Count: 1");
        assertThat(GdalReader.rows(dir.resolve("occurrences_nogeom.shp"), "occurrences_nogeom").get(0))
                .containsEntry("valeur", "1000000.0"); // its own table: one decimal is enough
        assertThat(Files.readString(dir.resolve("LISEZMOI.txt"))).contains(
                "commentaireObservation -> commentair (C)", "commentaireDetermination -> commenta_1 (C)",
                "Textes tronqués à 254 octets dans commentaireObservation : 1",
                "Entités omises (collections de géométries de types mélangés, qu'un Shapefile ne représente pas) : 1",
                "occurrences_nogeom.shp : 1 entité(s), sans géométrie");
    }
}
