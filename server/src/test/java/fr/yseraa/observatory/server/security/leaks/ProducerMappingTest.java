package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How producer accounts are tied to their data: a user's organisation (given by name or acronym through the admin
 * API or the CLI), and the datasets that organisation produces in {@code ref.dataset}, read at every query.
 */
class ProducerMappingTest extends LeakTestBase {

    private static final String ADMIN = "leak-admin";

    private HttpResponse<byte[]> asAdmin(String json) throws Exception {
        users.saveUser(ADMIN, PASSWORD, null, Set.of("admin"));
        return postAs(ADMIN, "/rest/users", "application/json", json);
    }

    @Test
    void theDemoProducerBelongsToTheConfiguredOrganisation() {
        Integer gon = new JdbcTemplate(dataSource).queryForObject(
                "SELECT id FROM ref.organisation WHERE acronym = 'GON'", Integer.class);
        assertThat(users.findByLogin("producteur").orElseThrow().organisationId()).isEqualTo(gon);
        assertThat(users.findByLogin("producteur").orElseThrow().roles()).containsExactlyInAnyOrder("producer", "partner");
    }

    @Test
    void aProducerSeesExactlyTheDatasetsItsOrganisationProducesNow() throws Exception {
        JdbcTemplate db = new JdbcTemplate(dataSource);
        // a sensitive, not-diffused occurrence of the botanical conservatory's datasets, and the dataset it belongs to
        var row = db.queryForMap("""
                SELECT o.id_sinp_occtax, o.jdd_metadonnee_dee_id AS dataset FROM sinp.occurrence o
                JOIN ref.dataset d ON d.uuid = o.jdd_metadonnee_dee_id JOIN ref.organisation g ON g.id = d.producer_id
                WHERE g.acronym = 'CBNBl' AND o.diffusion_level = 4 AND o.sensi_niveau <> '0' ORDER BY o.id LIMIT 1""");
        Object id = row.get("id_sinp_occtax");
        assertThat(text(asAdmin("{\"login\":\"cbnbl-saisie\",\"password\":\"" + PASSWORD
                + "\",\"organisation\":\"CBNBl\",\"roles\":[\"producer\"]}"))).contains("cbnbl-saisie");
        assertThat(asAdmin("{\"login\":\"nobody-s-producer\",\"password\":\"" + PASSWORD
                + "\",\"organisation\":\"No such organisation\",\"roles\":[\"producer\"]}").statusCode()).isEqualTo(400);
        assertThat(asAdmin("{\"login\":\"orphan-producer\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"producer\"]}").statusCode()).as("a producer needs an organisation").isEqualTo(400);

        String hits = "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&resultType=hits"
                + "&resourceId=occurrences." + id;
        assertThat(text(getAs("cbnbl-saisie", hits))).contains("numberMatched=\"1\"");
        assertThat(text(get(Who.PRODUCER, hits))).as("another producer").contains("numberMatched=\"0\"");
        Integer gon = db.queryForObject("SELECT id FROM ref.organisation WHERE acronym = 'GON'", Integer.class);
        Integer cbnbl = db.queryForObject("SELECT id FROM ref.organisation WHERE acronym = 'CBNBl'", Integer.class);
        db.update("UPDATE ref.dataset SET producer_id = ? WHERE uuid = ?", gon, row.get("dataset"));
        try {
            assertThat(text(getAs("cbnbl-saisie", hits))).as("after the dataset changed producer").contains("numberMatched=\"0\"");
            assertThat(text(get(Who.PRODUCER, hits))).as("its new producer").contains("numberMatched=\"1\"");
        } finally {
            db.update("UPDATE ref.dataset SET producer_id = ? WHERE uuid = ?", cbnbl, row.get("dataset"));
        }
    }
}
