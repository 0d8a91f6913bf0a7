package fr.yseraa.observatory.ext.exports;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import fr.yseraa.observatory.ext.imports.ImportProgress;
import fr.yseraa.observatory.ext.imports.ImportReport;
import fr.yseraa.observatory.ext.imports.ImportRequest;
import fr.yseraa.observatory.ext.imports.OccurrenceImport;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DEE exports on real PostGIS: the round trip through the standard mapping, incremental exports with deletions. */
class OccurrenceExportTest {

    static final Path DATA_DIR = ObservatoryDatabase.projectRoot().resolve("data-dir");
    static final DemoOptions DEMO = new DemoOptions(600, 23, null, null);
    static DataSource source;
    static UUID dataset;
    @TempDir
    Path dir;

    @BeforeAll
    static void demo() throws Exception {
        source = ObservatoryDatabase.empty("export_source");
        DemoLoader.load(source, DEMO, ObservatoryDatabase.quiet());
        dataset = UUID.fromString(queryString(source, "SELECT jdd_metadonnee_dee_id FROM sinp.occurrence "
                + "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"));
    }

    static byte[] export(DataSource ds, ExportRequest request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OccurrenceExport(ds).run(request, out);
        return out.toByteArray();
    }

    static ImportReport importFile(DataSource ds, Path file, ImportRequest.Mode mode) throws Exception {
        return new OccurrenceImport(ds).run(new ImportRequest(file, dataset, "standard", mode, false), DATA_DIR,
                file.resolveSibling(file.getFileName() + ".report.csv"), Long.MAX_VALUE, ImportProgress.none());
    }

    static List<CSVRecord> records(byte[] csv) throws Exception {
        try (CSVParser p = CSVParser.parse(new String(csv, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            assertThat(p.getHeaderNames()).isEqualTo(OccurrenceExport.columns());
            return p.getRecords();
        }
    }

    @Test
    void aDatasetExportedImportedIntoAnEmptyDatabaseAndExportedAgainIsTheSameFile() throws Exception {
        byte[] first = export(source, new ExportRequest(dataset, null, ExportRequest.Format.CSV));
        long rows = queryLong(source, "SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = '" + dataset + "'");
        List<CSVRecord> records = records(first);
        assertThat(records).hasSize((int) rows).allSatisfy(r -> {
            assertThat(r.get("jddMetadonneeDEEId")).isEqualTo(dataset.toString());
            assertThat(r.get("objetGeo")).startsWith("SRID=2154;");
            assertThat(r.get("observateur")).isNotEmpty();
            assertThat(r.get("suppression")).isEmpty();
        });
        assertThat(rows).isGreaterThan(50);

        // the same reference data (same seed), no occurrence
        DataSource empty = ObservatoryDatabase.empty("export_target");
        DemoLoader.load(empty, DEMO, ObservatoryDatabase.quiet());
        ObservatoryDatabase.execute(empty, "DELETE FROM sinp.occurrence");
        Path file = Files.write(dir.resolve("dee.csv"), first);
        ImportReport imported = importFile(empty, file, ImportRequest.Mode.INCREMENTAL);
        assertThat(List.of(imported.read(), imported.inserted(), imported.rejected())).containsExactly(rows, rows, 0L);

        byte[] again = export(empty, new ExportRequest(dataset, null, ExportRequest.Format.CSV));
        assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
    }

    @Test
    void anIncrementalExportCarriesTheRowsAFullImportWithdrew() throws Exception {
        byte[] whole = export(source, new ExportRequest(dataset, null, ExportRequest.Format.CSV));
        List<String> lines = new ArrayList<>(List.of(new String(whole, StandardCharsets.UTF_8).split("\n")));
        Set<String> removed = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            removed.add(lines.remove(1 + 3 * i).substring(0, 36));
        }
        Path file = Files.writeString(dir.resolve("full.csv"), String.join("\n", lines) + "\n");
        OffsetDateTime before = OffsetDateTime.parse(queryString(source,
                "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"));
        assertThat(export(source, new ExportRequest(dataset, before, ExportRequest.Format.CSV)))
                .asString(StandardCharsets.UTF_8).isEqualTo(String.join(",", OccurrenceExport.columns()) + "\n");

        ImportReport full = importFile(source, file, ImportRequest.Mode.FULL);
        assertThat(List.of(full.inserted(), full.updated(), full.deleted(), full.rejected())).containsExactly(0L, 0L, 10L, 0L);

        List<CSVRecord> since = records(export(source, new ExportRequest(dataset, before, ExportRequest.Format.CSV)));
        assertThat(since).hasSize(10).allSatisfy(r -> {
            assertThat(r.get("suppression")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            assertThat(r.get("jddMetadonneeDEEId")).isEqualTo(dataset.toString());
            assertThat(r.get("cdNom")).isEmpty();
            assertThat(r.get("objetGeo")).isEmpty();
        });
        assertThat(since.stream().map(r -> r.get("idSINPOccTax")).toList()).containsExactlyElementsOf(removed);
        // the whole state no longer holds them, and carries no deletion
        assertThat(records(export(source, new ExportRequest(dataset, null, ExportRequest.Format.CSV))))
                .hasSize(lines.size() - 1).noneMatch(r -> removed.contains(r.get("idSINPOccTax")));
        // after the import: nothing
        assertThat(records(export(source, new ExportRequest(dataset, OffsetDateTime.now().plusMinutes(1),
                ExportRequest.Format.CSV)))).isEmpty();

        JsonNode geojson = new ObjectMapper().readTree(export(source, new ExportRequest(dataset, before, ExportRequest.Format.GEOJSON)));
        assertThat(geojson.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(geojson.get("features")).hasSize(10).allSatisfy(f -> {
            assertThat(f.get("geometry").isNull()).isTrue();
            assertThat(removed).contains(f.get("id").asText());
            assertThat(f.get("properties").get("suppression").asText()).isNotEmpty();
        });
    }

    @Test
    void aGeoJsonExportIsInWgs84WithTheStandardsProperties() throws Exception {
        UUID other = UUID.fromString(queryString(source, "SELECT jdd_metadonnee_dee_id FROM sinp.occurrence "
                + "GROUP BY 1 ORDER BY count(*) LIMIT 1"));
        byte[] bytes = export(source, new ExportRequest(other, null, ExportRequest.Format.GEOJSON));
        JsonNode features = new ObjectMapper().readTree(bytes).get("features");
        assertThat(features).hasSize((int) queryLong(source,
                "SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = '" + other + "'"));
        JsonNode f = features.get(0);
        assertThat(f.get("id").asText()).isEqualTo(f.get("properties").get("idSINPOccTax").asText());
        assertThat(firstNumber(f.get("geometry").get("coordinates"))).isBetween(1.0, 3.0); // a longitude
        assertThat(OccurrenceExport.columns()).containsAll(iterable(f.get("properties").fieldNames()));
        assertThat(f.get("properties").has("suppression")).isFalse();

        long all = queryLong(source, "SELECT count(*) FROM sinp.occurrence");
        OutputStream sink = OutputStream.nullOutputStream();
        assertThat(new OccurrenceExport(source).run(new ExportRequest(null, null, ExportRequest.Format.GEOJSON), sink))
                .isEqualTo(new OccurrenceExport.Summary(all, 0));
    }

    private static double firstNumber(JsonNode coordinates) {
        JsonNode n = coordinates;
        while (n.isArray()) {
            n = n.get(0);
        }
        return n.asDouble();
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
