package fr.yseraa.observatory.server.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.UserStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** /api/indicators over real HTTP on a real PostGIS: sheets, values compared with the database, access, bad input. */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IndicatorsApiTest extends IndicatorServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    UserStore users;

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(pathAndQuery)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private String period(String code, int index) throws Exception {
        return json("/api/indicators/" + code).path("periods").get(index).path("id").asText();
    }

    @Test
    void everyComputedIndicatorIsPublishedWithAFullSheet() throws Exception {
        JsonNode list = json("/api/indicators");
        Map<String, Set<String>> units = new HashMap<>();
        list.forEach(i -> {
            Set<String> u = new HashSet<>();
            i.path("units").forEach(n -> u.add(n.path("code").asText()));
            units.put(i.path("code").asText(), u);
        });
        // every indicator the database holds values of, for every unit type it has values for
        Map<String, Set<String>> computed = new HashMap<>();
        sql().query("SELECT DISTINCT indicator_code, unit_type FROM obs.indicator_value",
                rs -> {
                    computed.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                });
        assertThat(units).isEqualTo(computed);
        assertThat(computed.keySet()).contains("occurrence_count", "species_richness", "heritage_species", "meff",
                "eca_wetland", "eca_woodland", "eca_grassland", "eca_aquatic", "habitat_share_reed_marsh");
        assertThat(computed.get("species_richness")).containsExactlyInAnyOrder("commune", "maille_10km", "territory");
        for (JsonNode summary : list) {
            String code = summary.path("code").asText();
            JsonNode sheet = json("/api/indicators/" + code);
            for (String field : List.of("title", "theme", "unit", "definition", "objective", "method", "spatialUnits",
                    "sources", "updateFrequency", "interpretation", "limits")) {
                assertThat(sheet.path(field).asText()).as(code + " " + field).isNotBlank();
            }
            for (String field : List.of("provider", "access", "steps")) {
                assertThat(sheet.path("protocol").path(field).asText()).as(code + " protocol " + field).isNotBlank();
            }
            // the last update is the latest computation of its values
            assertThat(java.time.OffsetDateTime.parse(sheet.path("lastUpdate").asText()).toInstant())
                    .isEqualTo(sql().queryForObject("SELECT max(computed_at) FROM obs.indicator_value WHERE indicator_code = ?",
                            java.sql.Timestamp.class, code).toInstant());
        }
    }

    @Test
    void valuesAreTheDatabasesForEachUnitAndPeriod() throws Exception {
        for (String[] c : new String[][] {{"species_richness", "commune"}, {"occurrence_count", "maille_10km"},
                {"heritage_species", "territory"}, {"meff", "commune"}, {"eca_wetland", "territory"}}) {
            String period = period(c[0], 0);
            JsonNode answer = json("/api/indicators/" + c[0] + "/values?unit=" + c[1] + "&period=" + period);
            Map<String, Double> served = new TreeMap<>();
            answer.path("values").forEach(v -> {
                assertThat(v.path("period").asText()).isEqualTo(period);
                served.put(v.path("unitCode").asText(), v.path("value").asDouble());
            });
            assertThat(served).as(c[0] + " per " + c[1]).isNotEmpty().isEqualTo(stored(c[0], c[1], period));
        }
        // every period at once, in period order: the series a chart draws
        JsonNode all = json("/api/indicators/species_richness/values?unit=territory");
        List<Double> series = new ArrayList<>();
        all.path("values").forEach(v -> series.add(v.path("value").asDouble()));
        assertThat(series).hasSizeGreaterThan(3).isEqualTo(storedOverPeriods("species_richness", "territory", "yseraa"));
    }

    @Test
    void territoryCountsOnlyWhatThePublicMayPlaceInACommune() throws Exception {
        String period = period("species_richness", 0);
        String[] dates = period.split("/");
        double richness = json("/api/indicators/species_richness/values?unit=territory&period=" + period)
                .path("values").get(0).path("value").asDouble();
        // recounted from the occurrences: present, diffused at the commune or finer, in one of the communes
        assertThat(richness).isEqualTo(sql().queryForObject("""
                SELECT count(DISTINCT cd_ref) FROM sinp.occurrence WHERE statut_observation = 'Pr' AND diffusion_level <= 1
                  AND code_commune IS NOT NULL AND date_debut >= ?::date AND date_debut < ?::date + 1""",
                Double.class, dates[0], dates[1]));
        double occurrences = json("/api/indicators/occurrence_count/values?unit=territory&period=" + period)
                .path("values").get(0).path("value").asDouble();
        double sumOfCommunes = 0;
        for (JsonNode v : json("/api/indicators/occurrence_count/values?unit=commune&period=" + period).path("values")) {
            sumOfCommunes += v.path("value").asDouble();
        }
        assertThat(occurrences).isEqualTo(sumOfCommunes);
        // sensitive occurrences the public sees only coarser than a commune exist, and are not counted
        assertThat(sql().queryForObject("SELECT count(*) FROM sinp.occurrence WHERE diffusion_level > 1 AND code_commune"
                + " IS NOT NULL AND statut_observation = 'Pr'", Long.class)).isPositive();
    }

    @Test
    void csvAndGeoJsonCarryTheSameValues() throws Exception {
        String period = period("species_richness", 1);
        Map<String, Double> stored = stored("species_richness", "commune", period);
        for (HttpResponse<String> r : List.of(get("/api/indicators/species_richness/values?unit=commune&format=csv&period=" + period),
                get("/api/indicators/species_richness/values?unit=commune&period=" + period, "Accept", "text/csv"))) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
            assertThat(r.headers().firstValue("Content-Disposition")).get().asString()
                    .contains("species_richness_commune.csv");
            String[] lines = r.body().split("\n");
            assertThat(lines[0]).isEqualTo("indicateur,unite_spatiale,code_unite,nom_unite,debut_periode,fin_periode,valeur,"
                    + "unite_mesure,nb_observations,nb_observateurs,nb_jours_observation");
            Map<String, Double> csv = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",");
                csv.put(f[2], Double.parseDouble(f[6]));
            }
            assertThat(csv).isEqualTo(stored);
        }
        HttpResponse<String> geo = get("/api/indicators/species_richness/values?unit=commune&format=geojson&period=" + period);
        assertThat(geo.headers().firstValue("Content-Type")).get().asString().startsWith("application/geo+json");
        JsonNode features = JSON.readTree(geo.body()).path("features");
        assertThat(features).hasSize(stored.size());
        for (JsonNode f : features) {
            assertThat(f.path("geometry").path("type").asText()).isEqualTo("MultiPolygon");
            double lon = f.path("geometry").path("coordinates").get(0).get(0).get(0).get(0).asDouble();
            assertThat(lon).isBetween(1.5, 3.0); // WGS 84, the Audomarois
            assertThat(f.path("properties").path("value").asDouble())
                    .isCloseTo(stored.get(f.path("properties").path("unitCode").asText()), within(0.0));
        }
    }

    /** Beside each value counted from occurrences, the effort the database holds for its unit and period. */
    @Test
    void effortStandsBesideEachValue() throws Exception {
        String period = period("species_richness", 1);
        Map<String, List<Double>> served = new TreeMap<>();
        json("/api/indicators/species_richness/values?unit=commune&period=" + period).path("values").forEach(v -> served.put(
                v.path("unitCode").asText(), List.of(v.path("effort").path("observations").asDouble(),
                        v.path("effort").path("observers").asDouble(), v.path("effort").path("days").asDouble())));
        List<String> csv = List.of(get("/api/indicators/species_richness/values?unit=commune&format=csv&period=" + period)
                .body().split("\n"));
        Map<String, List<Double>> stored = new TreeMap<>();
        String[] dates = period.split("/");
        sql().query("""
                SELECT o.unit_code, o.value, b.value, d.value FROM obs.indicator_value o
                JOIN obs.indicator_value b USING (unit_type, unit_code, period_start, period_end)
                JOIN obs.indicator_value d USING (unit_type, unit_code, period_start, period_end)
                WHERE o.indicator_code = 'occurrence_count' AND b.indicator_code = 'effort_observers'
                  AND d.indicator_code = 'effort_days' AND unit_type = 'commune'
                  AND period_start = ?::date AND period_end = ?::date""",
                rs -> {
                    stored.put(rs.getString(1), List.of(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)));
                }, dates[0], dates[1]);
        assertThat(served).isNotEmpty().isEqualTo(stored);
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            assertThat(List.of(Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10])))
                    .isEqualTo(stored.get(f[2]));
        }
        json("/api/indicators/meff/values?unit=commune").path("values")
                .forEach(v -> assertThat(v.path("effort").isNull()).isTrue());
    }

    /** The trend per commune: S recomputed in SQL over the stored values, the effort's beside it, one unit alone. */
    @Test
    void trendsAreMannKendallOfTheValuesBesideTheEffort() throws Exception {
        JsonNode answer = json("/api/indicators/species_richness/trend?unit=commune");
        assertThat(answer.path("effortIndicator").asText()).isEqualTo("effort_days");
        Map<String, Long> served = new TreeMap<>();
        Map<String, Long> servedEffort = new TreeMap<>();
        for (JsonNode t : answer.path("trends")) {
            assertThat(t.path("sentence").asText()).isNotBlank();
            if (!t.path("value").isNull()) {
                served.put(t.path("unitCode").asText(), t.path("value").path("s").asLong());
                servedEffort.put(t.path("unitCode").asText(), t.path("effort").path("s").asLong());
                double p = t.path("value").path("p").asDouble();
                assertThat(t.path("value").path("verdict").asText()).isEqualTo(p >= 0.05 ? "pas de tendance détectable"
                        : t.path("value").path("s").asLong() > 0 ? "hausse significative" : "baisse significative");
            }
        }
        assertThat(served).isNotEmpty().isEqualTo(sumOfSigns("species_richness"));
        assertThat(servedEffort).isEqualTo(sumOfSigns("effort_days"));
        String commune = served.keySet().iterator().next();
        JsonNode one = json("/api/indicators/species_richness/trend?unit=commune&unitCode=" + commune).path("trends");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).path("periods")).hasSizeGreaterThanOrEqualTo(3);
        // an indicator not counted from occurrences has no effort beside it
        for (JsonNode t : json("/api/indicators/eca_wetland/trend?unit=territory").path("trends")) {
            assertThat(t.path("effort").isNull()).isTrue();
        }
    }

    private Map<String, Long> sumOfSigns(String code) {
        Map<String, Long> sums = new TreeMap<>();
        sql().query("""
                SELECT a.unit_code, sum(sign(b.value - a.value))::bigint FROM obs.indicator_value a
                JOIN obs.indicator_value b ON b.indicator_code = a.indicator_code AND b.unit_type = a.unit_type
                     AND b.unit_code = a.unit_code AND b.period_start > a.period_start
                     AND b.period_end < current_date
                WHERE a.indicator_code = ? AND a.unit_type = 'commune' GROUP BY 1 HAVING count(*) >= 3""",
                rs -> {
                    sums.put(rs.getString(1), rs.getLong(2));
                }, code);
        return sums;
    }

    @Test
    void everyCallerSeesTheSameValues() throws Exception {
        users.saveUser("lecteur-indicateurs", "mot-de-passe-1234", null, Set.of("instructor"));
        String path = "/api/indicators/heritage_species/values?unit=maille_10km";
        HttpResponse<String> instructor = get(path, "Authorization",
                TestServer.basicAuthorization("lecteur-indicateurs", "mot-de-passe-1234"));
        assertThat(instructor.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(instructor.body())).isEqualTo(json(path));
        assertThat(get(path, "Authorization", TestServer.basicAuthorization("lecteur-indicateurs", "faux")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void mistakesAnswerJsonProblems() throws Exception {
        problem(get("/api/indicators/nothing_such"), 404, "NotFound", null);
        problem(get("/api/indicators/x'%20OR%20'1'='1/values?unit=commune"), 404, "NotFound", null);
        problem(get("/api/indicators/species_richness/values"), 400, "MissingParameterValue", "unit");
        problem(get("/api/indicators/species_richness/values?unit=departement"), 400, "InvalidParameterValue", "unit");
        problem(get("/api/indicators/meff/values?unit=maille_10km"), 400, "InvalidParameterValue", "unit");
        problem(get("/api/indicators/species_richness/values?unit=commune&period=2020"), 400, "InvalidParameterValue", "period");
        problem(get("/api/indicators/species_richness/values?unit=commune&period=2024-01-01/2020-01-01"), 400,
                "InvalidParameterValue", "period");
        problem(get("/api/indicators/species_richness/values?unit=commune&period=1800-01-01/1804-12-31"), 400,
                "InvalidParameterValue", "period");
        problem(get("/api/indicators/species_richness/values?unit=commune&format=xlsx"), 400, "InvalidParameterValue", "format");
        problem(get("/api/indicators/species_richness", "Accept", "text/csv"), 406, "InvalidRequest", null);
        problem(get("/api/indicators/species_richness/trend"), 400, "MissingParameterValue", "unit");
        problem(get("/api/indicators/species_richness/trend?unit=region"), 400, "InvalidParameterValue", "unit");
        problem(get("/api/indicators/species_richness/trend?unit=commune&unitCode=99999"), 400,
                "InvalidParameterValue", "unitCode");
        problem(get("/api/indicators/nothing_such/trend?unit=commune"), 404, "NotFound", null);
    }

    private static void problem(HttpResponse<String> r, int status, String code, String locator) throws Exception {
        assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("description").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
        if (locator != null) {
            assertThat(body.path("locator").asText()).isEqualTo(locator);
        }
    }
}
