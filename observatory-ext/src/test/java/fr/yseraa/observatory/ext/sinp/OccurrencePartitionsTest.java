package fr.yseraa.observatory.ext.sinp;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.execute;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sinp.occurrence is partitioned by département: the layer's queries, as the access policy shapes them for each
 * caller, read only the partition of a département they filter on, and a box still goes through the partitions' GiST
 * indexes (on the demo, whose occurrences lie in the Nord and the Pas-de-Calais); writes keep idSINPOccTax unique
 * across partitions and rows in the partition of their département (a fresh database with one commune in each).
 */
class OccurrencePartitionsTest {

    private static final String LAYER = "sinp:occurrences";
    private static final Caller PUBLIC = Caller.anonymous();
    private static final Caller INSTRUCTOR = new Caller("i", Set.of(SensitivityPolicy.INSTRUCTOR));
    private static final Caller PARTNER = new Caller("p", Set.of(SensitivityPolicy.PARTNER));
    private static final String IN_62 = "ST_SetSRID(ST_MakePoint(652345, 7072345), 2154)";
    private static final String IN_59 = "ST_SetSRID(ST_MakePoint(662345, 7072345), 2154)";

    private static DataSource demo;
    private static FeatureRepository repository;
    private static Catalog catalog;
    private static DataSource fresh;

    @BeforeAll
    static void databases() throws Exception {
        demo = ObservatoryDatabase.demo();
        repository = new FeatureRepository(demo, 60);
        catalog = ObservatoryDatabase.catalog(demo, ObservatoryDatabase.projectRoot().resolve("data-dir"));
        fresh = ObservatoryDatabase.empty("partitions");
        execute(fresh,
                "INSERT INTO territory.commune (insee, name, departement_code, geom) VALUES "
                        + "('62001', 'Une', '62', ST_Multi(ST_MakeEnvelope(650000, 7070000, 655000, 7075000, 2154))), "
                        + "('59001', 'Deux', '59', ST_Multi(ST_MakeEnvelope(660000, 7070000, 665000, 7075000, 2154)))",
                "INSERT INTO territory.departement (code, name, geom) SELECT departement_code, 'D', ST_Multi(geom) FROM territory.commune",
                "INSERT INTO ref.organisation (id, name, kind) VALUES (1, 'Org', 'association')",
                "INSERT INTO ref.dataset (uuid, title, producer_id, is_public) VALUES ('00000000-0000-4000-8000-000000000001', 'JDD', 1, true)",
                "INSERT INTO ref.taxref (cd_nom, cd_ref, rang, lb_nom, nom_complet, version) VALUES "
                        + "(1, 1, 'ES', 'Anas platyrhynchos', 'Anas platyrhynchos Linnaeus, 1758', 't')");
    }

    @Test
    void theDemoLiesInItsDepartementsPartitionsWithEveryIndex() throws Exception {
        assertThat(queryLong(demo, "SELECT count(*) FROM sinp.occurrence_59")).isPositive();
        assertThat(queryLong(demo, "SELECT count(*) FROM sinp.occurrence_62")).isPositive();
        assertThat(queryLong(demo, "SELECT count(*) FROM sinp.occurrence_59") + queryLong(demo, "SELECT count(*) FROM sinp.occurrence_62"))
                .isEqualTo(ObservatoryDatabase.DEMO_OCCURRENCES);
        assertThat(queryLong(demo, "SELECT count(*) FROM sinp.occurrence WHERE code_departement IS DISTINCT FROM "
                + "sinp.departement_of(geom)")).isZero();
        assertThat(queryLong(demo, "SELECT count(*) FROM sinp.occurrence_key k JOIN sinp.occurrence o USING (id_sinp_occtax) "
                + "WHERE k.code_departement = o.code_departement")).isEqualTo(ObservatoryDatabase.DEMO_OCCURRENCES);
        // the loader builds the indexes it dropped: every one of the table's, valid, in each partition
        long indexes = queryLong(demo, "SELECT count(*) FROM pg_index WHERE indrelid = 'sinp.occurrence'::regclass");
        assertThat(indexes).isGreaterThanOrEqualTo(10);
        for (String partition : List.of("occurrence_59", "occurrence_62", "occurrence_other")) {
            assertThat(queryLong(demo, "SELECT count(*) FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indexrelid "
                    + "WHERE i.indrelid = 'sinp." + partition + "'::regclass AND i.indisvalid")).isEqualTo(indexes);
        }
    }

    @Test
    void aDepartementFilterReadsThatPartitionOnly() throws Exception {
        for (Caller caller : List.of(PUBLIC, PARTNER, INSTRUCTOR)) {
            String query = "SELECT * FROM %s o WHERE o.code_departement = '62' ORDER BY o.id_sinp_occtax LIMIT 100";
            assertThat(scannedPartitions(caller, query, null)).as("partitions read for %s", caller.roles())
                    .containsExactly("occurrence_62");
            assertThat(scannedPartitions(caller, query.replace("'62'", "'59'"), null)).containsExactly("occurrence_59");
        }
        // and they answer: the public's rows of the Pas-de-Calais are those of the partition it may see
        long seen = features(PUBLIC).aggregate(List.of(layer()), 60, sql -> {
            try (Statement st = sql.connection().createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM " + sql.relation(LAYER) + " o WHERE o.code_departement = '62'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(seen).isPositive()
                .isEqualTo(queryLong(demo, "SELECT count(*) FROM sinp.occurrence_62 WHERE diffusion_level < 4"));
    }

    @Test
    void aBoxGoesThroughThePartitionsSpatialIndexes() throws Exception {
        // two kilometres around an occurrence of each département of the demo
        for (String departement : List.of("59", "62")) {
            String box = queryString(demo, "SELECT 'ST_GeomFromEWKT(''' || ST_AsEWKT(ST_Expand(ST_Envelope(geom), 1000)) || ''')' "
                    + "FROM sinp.occurrence WHERE code_departement = '" + departement + "' ORDER BY id LIMIT 1");
            for (Caller caller : List.of(PUBLIC, INSTRUCTOR)) {
                JsonNode plan = plan(caller, "SELECT count(*) FROM %s o", box);
                List<String> gist = new ArrayList<>();
                List<String> sequential = new ArrayList<>();
                walk(plan, node -> {
                    String relation = node.path("Relation Name").asText("");
                    if (!relation.startsWith("occurrence_") || relation.equals("occurrence_key")) {
                        return;
                    }
                    String type = node.path("Node Type").asText();
                    if (type.equals("Seq Scan") && rows(relation) > 0) {
                        sequential.add(relation);
                    }
                });
                walk(plan, node -> {
                    String index = node.path("Index Name").asText("");
                    if (index.startsWith("occurrence_") && index.contains("geom")) {
                        gist.add(index);
                    }
                });
                assertThat(sequential).as("partitions with rows read in full for %s", caller.roles()).isEmpty();
                assertThat(gist).as("spatial indexes used for %s", caller.roles())
                        .anyMatch(i -> i.startsWith("occurrence_59_")).anyMatch(i -> i.startsWith("occurrence_62_"));
            }
        }
    }

    @Test
    void rowsGoToTheirDepartementsPartitionAndKeepAUniqueIdentifier() throws Exception {
        String id = "00000000-0000-4000-8000-000000000101";
        execute(fresh, insert(id, IN_62));
        assertThat(partitionOf(id)).isEqualTo("occurrence_62");
        assertThat(queryString(fresh, "SELECT code_departement FROM sinp.occurrence_key WHERE id_sinp_occtax = '" + id + "'"))
                .isEqualTo("62");

        // the same idSINPOccTax elsewhere is refused, as when the table was one
        assertThatThrownBy(() -> execute(fresh, insert(id, IN_59))).isInstanceOf(SQLException.class)
                .hasMessageContaining("occurrence_id_sinp_occtax_key");
        assertThatThrownBy(() -> execute(fresh, insert(id, IN_62))).isInstanceOf(SQLException.class)
                .hasMessageContaining("occurrence_id_sinp_occtax_key");

        // moved into the Nord: the row moves partition, its key follows
        execute(fresh, "UPDATE sinp.occurrence SET geom = " + IN_59 + " WHERE id_sinp_occtax = '" + id + "'");
        assertThat(partitionOf(id)).isEqualTo("occurrence_59");
        assertThat(queryString(fresh, "SELECT code_commune || ' ' || code_departement FROM sinp.occurrence WHERE id_sinp_occtax = '"
                + id + "'")).isEqualTo("59001 59");
        assertThat(queryString(fresh, "SELECT code_departement FROM sinp.occurrence_key WHERE id_sinp_occtax = '" + id + "'"))
                .isEqualTo("59");

        // outside every département: the default partition
        String outside = "00000000-0000-4000-8000-000000000102";
        execute(fresh, insert(outside, "ST_SetSRID(ST_MakePoint(700000, 7000000), 2154)"));
        assertThat(partitionOf(outside)).isEqualTo("occurrence_other");

        execute(fresh, "DELETE FROM sinp.occurrence WHERE id_sinp_occtax IN ('" + id + "', '" + outside + "')");
        assertThat(queryLong(fresh, "SELECT count(*) FROM sinp.occurrence_key WHERE id_sinp_occtax IN ('" + id + "', '"
                + outside + "')")).isZero();
        execute(fresh, insert(id, IN_59));
        assertThat(partitionOf(id)).isEqualTo("occurrence_59");
        assertThat(queryLong(fresh, "SELECT count(*) FROM sinp.occurrence"))
                .isEqualTo(queryLong(fresh, "SELECT count(*) FROM sinp.occurrence_key"));
    }

    private static String insert(String id, String geom) {
        return "INSERT INTO sinp.occurrence (id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, date_fin, "
                + "observateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, geom) VALUES ('" + id
                + "', 'Pr', 1, 'n', DATE '2020-05-01', DATE '2020-05-01', 'NOM Prénom (Org)', 'Org', 'Te', 'Pu', "
                + "'00000000-0000-4000-8000-000000000001', " + geom + ")";
    }

    private static String partitionOf(String id) throws Exception {
        return queryString(fresh, "SELECT tableoid::regclass::text FROM sinp.occurrence WHERE id_sinp_occtax = '" + id + "'")
                .replace("sinp.", "");
    }

    private static long rows(String partition) {
        try {
            return queryLong(demo, "SELECT count(*) FROM sinp." + partition);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LayerInfo layer() {
        return catalog.layer(LAYER).orElseThrow();
    }

    private static CallerFeatures features(Caller caller) {
        return repository.forCaller(catalog, caller);
    }

    /** The plan of a query over the layer as the caller sees it ({@code %s}: its relation, within a box if given). */
    private static JsonNode plan(Caller caller, String query, String box) {
        return features(caller).aggregate(List.of(layer()), 60, sql -> {
            try (Statement st = sql.connection().createStatement(); ResultSet rs = st.executeQuery(
                    "EXPLAIN (FORMAT JSON) " + query.formatted(sql.relation(LAYER, box)))) {
                rs.next();
                return new ObjectMapper().readTree(rs.getString(1));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The partitions of sinp.occurrence a query over the layer reads. */
    private static List<String> scannedPartitions(Caller caller, String query, String box) {
        List<String> partitions = new ArrayList<>();
        walk(plan(caller, query, box), node -> {
            String relation = node.path("Relation Name").asText("");
            if (relation.startsWith("occurrence_") && !relation.equals("occurrence_key") && !partitions.contains(relation)) {
                partitions.add(relation);
            }
        });
        return partitions;
    }

    private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
        if (node.isObject()) {
            visit.accept(node);
        }
        node.forEach(child -> walk(child, visit));
    }
}
