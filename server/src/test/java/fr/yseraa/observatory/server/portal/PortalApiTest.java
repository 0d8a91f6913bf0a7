package fr.yseraa.observatory.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The portal's JSON over real HTTP: taxon suggestions and field labels follow the access policy. */
class PortalApiTest extends BrowserTestBase {

    @Autowired
    DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> get(String path, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (login != null) {
            knownPassword(login);
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode taxon(String login, String name, int cdNom) throws Exception {
        HttpResponse<String> r = get("/api/taxons?q=" + name.replace(" ", "%20"), login);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(r.body());
        assertThat(answer.get("layers").toString()).isEqualTo("[\"sinp:occurrences\"]");
        for (JsonNode t : answer.get("taxa")) {
            if (t.get("cdNom").asInt() == cdNom) {
                return t;
            }
        }
        throw new AssertionError(name + " not suggested to " + login + ": " + r.body());
    }

    @Test
    void taxonSuggestionsCountAndPlaceOnlyWhatTheCallerSees() throws Exception {
        JdbcTemplate db = new JdbcTemplate(dataSource);
        Map<String, Object> sensitive = db.queryForMap("""
                SELECT t.cd_nom, t.lb_nom FROM sinp.occurrence o JOIN ref.taxref t ON t.cd_nom = o.cd_nom
                GROUP BY t.cd_nom, t.lb_nom HAVING bool_or(o.diffusion_level = 4) AND bool_or(o.diffusion_level < 4)
                ORDER BY count(*) DESC LIMIT 1""");
        int cdNom = ((Number) sensitive.get("cd_nom")).intValue();
        String name = sensitive.get("lb_nom").toString();
        Map<String, Object> expected = db.queryForMap("""
                SELECT count(*) FILTER (WHERE diffusion_level < 4) AS public_count, count(*) AS all_count,
                       ST_Extent(ST_Transform(diffusion_geom, 4326)) FILTER (WHERE diffusion_level < 4)::text AS public_box,
                       ST_Extent(ST_Transform(geom, 4326))::text AS all_box
                FROM sinp.occurrence WHERE cd_nom = ?""", cdNom);

        JsonNode anonymous = taxon(null, name, cdNom);
        assertThat(anonymous.get("scientificName").asText()).isEqualTo(name);
        assertThat(anonymous.get("occurrences").asLong()).as("the public does not count what it may not see")
                .isEqualTo(((Number) expected.get("public_count")).longValue());
        assertBox(anonymous.get("bbox"), expected.get("public_box").toString());
        JsonNode instructor = taxon("instructeur", name, cdNom);
        assertThat(instructor.get("occurrences").asLong()).isEqualTo(((Number) expected.get("all_count")).longValue());
        assertBox(instructor.get("bbox"), expected.get("all_box").toString());

        assertThat(get("/api/taxons?q=%C3%A9", null).statusCode()).as("one letter").isEqualTo(400);
        JsonNode problem = json.readTree(get("/api/taxons?q=ab&limit=0", null).body());
        assertThat(problem.get("code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(problem.get("locator").asText()).isEqualTo("limit");
        assertThat(get("/api/taxons?q=%25%25", null).body()).as("LIKE wildcards are literal")
                .isEqualTo("{\"layers\":[\"sinp:occurrences\"],\"taxa\":[]}");
    }

    /** A JSON [minx, miny, maxx, maxy] against PostGIS's BOX(minx miny,maxx maxy). */
    private static void assertBox(JsonNode bbox, String box) {
        String[] v = box.replace("BOX(", "").replace(")", "").split("[ ,]");
        for (int i = 0; i < 4; i++) {
            assertThat(bbox.get(i).asDouble()).isCloseTo(Double.parseDouble(v[i]), within(1e-6));
        }
    }

    private List<String> labels(JsonNode fields) {
        List<String> labels = new ArrayList<>();
        fields.forEach(f -> labels.add(f.get("name").asText() + "=" + f.get("label").asText()));
        return labels;
    }

    @Test
    void fieldLabelsAreFrenchWithNomenclatureLabelsAndOnlyTheAttributesTheCallerSees() throws Exception {
        JsonNode publicFields = json.readTree(get("/api/layers/sinp:occurrences/fields", null).body());
        assertThat(labels(publicFields)).contains("statut_observation=Statut d'observation",
                "nom_vernaculaire=Nom vernaculaire").noneMatch(l -> l.startsWith("observateur="));
        JsonNode statut = null;
        for (JsonNode f : publicFields) {
            if (f.get("name").asText().equals("statut_observation")) {
                statut = f.get("codes");
            }
        }
        String label = new JdbcTemplate(dataSource).queryForObject(
                "SELECT label FROM ref.nomenclature WHERE type = 'STATUT_OBS' AND code = 'Pr'", String.class);
        assertThat(statut.get("Pr").asText()).isEqualTo(label).isEqualTo("Présent");
        JsonNode instructorFields = json.readTree(get("/api/layers/sinp:occurrences/fields", "instructeur").body());
        assertThat(labels(instructorFields)).contains("observateur=Observateur(s)");
        JsonNode obstacles = json.readTree(get("/api/layers/obs:obstacles/fields", null).body());
        assertThat(obstacles.toString()).contains("\"road\":\"Route\"", "\"lock\":\"Écluse\"");

        assertThat(get("/api/basemaps", null).body()).as("no external base map as shipped").isEqualTo("[]");

        HttpResponse<String> unknown = get("/api/layers/obs:nothing/fields", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("code").asText()).isEqualTo("NotFound");
    }
}
