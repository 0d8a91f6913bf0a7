package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * WFS Transaction (2.0.0 Update and Delete, 1.1.0 Delete) by resource id, for every caller and target: on an
 * occurrence the caller cannot see, the answer is exactly the answer on an occurrence that does not exist (status
 * and body, the id aside); on one it sees but may not change, a refusal; never a change in the database. The demo
 * producer's own occurrences are left out: writing them is its right (WfsTransactionTest shows it), and this suite's
 * data must stay as it is for the other leak tests.
 */
class TransactionLeakTest extends LeakTestBase {

    private static final String NS2 = "xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" "
            + "xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:sinp=\"https://observatoire.yseraa.fr/sinp\"";
    private static final String NS1 = "xmlns:wfs=\"http://www.opengis.net/wfs\" "
            + "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:sinp=\"https://observatoire.yseraa.fr/sinp\"";

    /** The requests tried, each for an occurrence uuid. */
    private static final List<java.util.function.UnaryOperator<String>> REQUESTS = List.of(
            uuid -> "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" " + NS2 + "><wfs:Update typeName=\"sinp:occurrences\">"
                    + "<wfs:Property><wfs:ValueReference>nom_cite</wfs:ValueReference><wfs:Value>x</wfs:Value></wfs:Property>"
                    + "<fes:Filter><fes:ResourceId rid=\"occurrences." + uuid + "\"/></fes:Filter></wfs:Update></wfs:Transaction>",
            uuid -> "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" " + NS2 + "><wfs:Delete typeName=\"sinp:occurrences\">"
                    + "<fes:Filter><fes:ResourceId rid=\"occurrences." + uuid + "\"/></fes:Filter></wfs:Delete></wfs:Transaction>",
            uuid -> "<wfs:Transaction service=\"WFS\" version=\"1.1.0\" " + NS1 + "><wfs:Delete typeName=\"sinp:occurrences\">"
                    + "<ogc:Filter><ogc:FeatureId fid=\"occurrences." + uuid + "\"/></ogc:Filter></wfs:Delete></wfs:Transaction>");

    @TestFactory
    Stream<DynamicTest> aHiddenOccurrenceIsWrittenLikeANonexistentOne() {
        return perCallerAndTarget("WFS Transaction", (who, t) -> {
            Integer own = who.login == null ? null : users.findByLogin(who.login).orElseThrow().organisationId();
            boolean owned = own != null && own == t.producerId();
            if (owned) {
                return;
            }
            JdbcTemplate db = new JdbcTemplate(dataSource);
            String sql = "SELECT coalesce(md5(o::text), 'gone') FROM sinp.occurrence o WHERE id_sinp_occtax = ?::uuid";
            String before = db.queryForObject(sql, String.class, t.uuid());
            String nonexistent = UUID.randomUUID().toString();
            for (java.util.function.UnaryOperator<String> request : REQUESTS) {
                HttpResponse<byte[]> onTarget = postAs(who.login, "/wfs", "text/xml", request.apply(t.uuid()));
                HttpResponse<byte[]> onNothing = postAs(who.login, "/wfs", "text/xml", request.apply(nonexistent));
                String as = who + " on " + t + ": " + text(onTarget);
                if (check.view(who, t) == LeakAssertions.View.HIDDEN || who != Who.PRODUCER) {
                    assertThat(onTarget.statusCode()).as(as).isEqualTo(onNothing.statusCode());
                    assertThat(text(onTarget).replace(t.uuid(), nonexistent)).as(as).isEqualTo(text(onNothing));
                } else {
                    assertThat(onTarget.statusCode()).as("a feature it sees but may not change: " + as).isEqualTo(403);
                    assertThat(text(onTarget)).as(as).contains("OperationProcessingFailed");
                }
                if (who != Who.PRODUCER) {
                    assertThat(onTarget.statusCode()).as("no write right at all: " + as).isEqualTo(403);
                }
                assertThat(db.queryForObject(sql, String.class, t.uuid())).as("unchanged: " + as).isEqualTo(before);
            }
        });
    }
}
