package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.ext.exports.ExportRequest;
import fr.yseraa.observatory.ext.exports.OccurrenceExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /rest/exports}: every caller's DEE export holds exactly the occurrences it may see, each target with the
 * geometry and observer it may see (the public: diffusion geometries, no observer names); a producer's export of its
 * own dataset is the platform's own export of it, byte for byte.
 */
class ExportLeakTest extends LeakTestBase {

    private static final Map<Who, List<CSVRecord>> EXPORTS = new EnumMap<>(Who.class);
    private static int exportsPort;

    /** The whole export (every dataset) of a caller, in CSV, fetched once per server. */
    private synchronized List<CSVRecord> export(Who who) throws Exception {
        if (exportsPort != port) {
            EXPORTS.clear();
            exportsPort = port;
        }
        if (!EXPORTS.containsKey(who)) {
            HttpResponse<byte[]> r = get(who, "/rest/exports");
            assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            EXPORTS.put(who, records(text(r)));
        }
        return EXPORTS.get(who);
    }

    private static List<CSVRecord> records(String csv) throws IOException {
        try (CSVParser p = CSVParser.parse(csv, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            assertThat(p.getHeaderNames()).isEqualTo(OccurrenceExport.columns());
            return p.getRecords();
        }
    }

    @TestFactory
    Stream<DynamicTest> theExportShowsEachTargetAsTheCallerMaySeeIt() {
        return perCallerAndTarget("/rest/exports CSV", (who, t) -> {
            String row = export(who).stream().filter(r -> r.get("idSINPOccTax").equals(t.uuid()))
                    .map(r -> String.join(",", r.values())).findFirst().orElse("");
            check.text(who, t, row, "DEE export");
            check.coordinates(who, t, Coordinates.wkt(row), "DEE export");
        });
    }

    @TestFactory
    Stream<DynamicTest> theExportHoldsWhatTheCallerMaySeeAndThePublicNoObserver() {
        return Stream.of(Who.values()).map(who -> DynamicTest.dynamicTest("/rest/exports rows for " + who, () -> {
            List<CSVRecord> rows = export(who);
            assertThat((long) rows.size()).isEqualTo(check.count(who, "true"));
            if (who == Who.ANONYMOUS) {
                assertThat(rows).allSatisfy(r -> {
                    assertThat(r.get("observateur")).isEmpty();
                    assertThat(r.get("determinateur")).isEmpty();
                });
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theGeoJsonExportNamesNoObserverTheCallerMayNotSee() {
        Map<Who, String> bodies = new EnumMap<>(Who.class);
        return perCallerAndTarget("/rest/exports GeoJSON", (who, t) -> {
            String body = bodies.computeIfAbsent(who, w -> {
                try {
                    HttpResponse<byte[]> r = get(w, "/rest/exports?format=geojson");
                    assertThat(r.statusCode()).isEqualTo(200);
                    return text(r);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String feature = "";
            for (JsonNode f : new ObjectMapper().readTree(body).get("features")) {
                if (f.get("id").asText().equals(t.uuid())) {
                    feature = f.toString();
                }
            }
            check.text(who, t, feature, "DEE export in GeoJSON");
        });
    }

    @Test
    void aProducersExportOfItsOwnDatasetIsThePlatformsExportOfIt() throws Exception {
        Integer own = users.findByLogin(Who.PRODUCER.login).orElseThrow().organisationId();
        String dataset = new JdbcTemplate(dataSource).queryForObject("SELECT d.uuid::text FROM ref.dataset d "
                + "JOIN sinp.occurrence o ON o.jdd_metadonnee_dee_id = d.uuid WHERE d.producer_id = ? "
                + "GROUP BY d.uuid ORDER BY count(*) DESC LIMIT 1", String.class, own);
        HttpResponse<byte[]> r = get(Who.PRODUCER, "/rest/exports?dataset=" + dataset + "&format=csv");
        assertThat(r.statusCode()).isEqualTo(200);
        ByteArrayOutputStream platform = new ByteArrayOutputStream();
        new OccurrenceExport(dataSource).run(new ExportRequest(UUID.fromString(dataset), null, ExportRequest.Format.CSV), platform);
        assertThat(records(text(r))).hasSizeGreaterThan(10);
        assertThat(text(r)).isEqualTo(platform.toString(StandardCharsets.UTF_8));
        // the public's export of the same dataset differs: no observer, blurred places
        assertThat(text(get(Who.ANONYMOUS, "/rest/exports?dataset=" + dataset))).isNotEqualTo(text(r));
    }

    @Test
    void badParametersAnswerAProblemNamingThem() throws Exception {
        for (String[] bad : new String[][] {{"dataset", "abc"}, {"since", "hier"}, {"format", "shp"}}) {
            HttpResponse<byte[]> r = get(Who.ANONYMOUS, "/rest/exports?" + bad[0] + "=" + bad[1]);
            assertThat(r.statusCode()).as(text(r)).isEqualTo(400);
            JsonNode problem = new ObjectMapper().readTree(r.body());
            assertThat(problem.path("locator").asText()).isEqualTo(bad[0]);
            assertThat(problem.path("code").asText()).isEqualTo("InvalidParameterValue");
        }
    }
}
