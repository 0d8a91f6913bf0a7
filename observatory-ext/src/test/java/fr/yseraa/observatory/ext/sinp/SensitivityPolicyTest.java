package fr.yseraa.observatory.ext.sinp;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;

/**
 * The project's own catalog on the demo data, and what each kind of caller sees of the occurrences through the
 * feature-access layer every service uses.
 */
class SensitivityPolicyTest {

    static DataSource ds;
    static Catalog catalog;
    static LayerInfo occurrences;
    static FeatureRepository repository;
    static final Caller PUBLIC = Caller.anonymous();
    static final Caller PARTNER = new Caller("partenaire", Set.of(SensitivityPolicy.PARTNER));
    static final Caller INSTRUCTOR = new Caller("instructeur", Set.of(SensitivityPolicy.INSTRUCTOR));

    @BeforeAll
    static void catalog() throws Exception {
        ds = ObservatoryDatabase.demo();
        Path root = ObservatoryDatabase.projectRoot();
        AccessPolicies policies = new AccessPolicies(ServiceLoader.load(fr.yseraa.observatory.core.access.AccessPolicy.class)
                .stream().map(ServiceLoader.Provider::get).toList());
        catalog = new CatalogValidator(ds, root.resolve("styles"), policies).validate(CatalogLoader.load(root.resolve("data-dir")), 1);
        occurrences = catalog.layer("sinp:occurrences").orElseThrow();
        repository = new FeatureRepository(ds, 60);
    }

    private List<Feature> stream(FeatureQuery q, Caller caller) {
        List<Feature> out = new ArrayList<>();
        repository.forCaller(catalog, caller).stream(occurrences, q, out::add);
        return out;
    }

    @Test
    void theProjectCatalogPublishesTheThirteenLayers() {
        assertThat(catalog.layers()).extracting(LayerInfo::qualifiedName).containsExactlyInAnyOrder(
                "obs:communes", "obs:departements", "obs:mailles_10km", "obs:ramsar_site", "obs:territoire_yseraa",
                "obs:habitats", "obs:cours_eau", "obs:reservoirs", "obs:corridors", "obs:obstacles",
                "obs:indicateurs_commune", "sinp:occurrences", "sinp:occurrences_maille");
        assertThat(catalog.layers()).allSatisfy(l -> {
            assertThat(l.abstractText()).isNotBlank();
            assertThat(l.srid()).isEqualTo(2154);
            assertThat(repository.forCaller(catalog, PUBLIC).count(l, FeatureQuery.all(2154))).isPositive();
        });
        assertThat(catalog.policy(occurrences).name()).isEqualTo(SensitivityPolicy.NAME);
    }

    @Test
    void thePublicNeverSeesUndiffusedOccurrences() throws Exception {
        long diffusible = queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE diffusion_level < 4");
        assertThat(diffusible).isLessThan(ObservatoryDatabase.DEMO_OCCURRENCES);
        assertThat(repository.forCaller(catalog, PUBLIC).count(occurrences, FeatureQuery.all(2154))).isEqualTo(diffusible);
        assertThat(repository.forCaller(catalog, INSTRUCTOR).count(occurrences, FeatureQuery.all(2154)))
                .isEqualTo(ObservatoryDatabase.DEMO_OCCURRENCES);
        List<Feature> all = stream(FeatureQuery.all(2154), PUBLIC);
        assertThat(all).hasSize((int) diffusible).allSatisfy(f -> {
            assertThat(((Number) f.attributes().get("diffusion_level")).intValue()).isLessThan(4);
            assertThat(f.attributes()).doesNotContainKeys("observateur", "determinateur");
            int level = ((Number) f.attributes().get("diffusion_level")).intValue();
            if (level >= 1) {
                assertThat(f.attributes().get("precision_geometrie")).isNull();
                assertThat(f.geometry().getDimension()).isEqualTo(2);
            }
            if (level >= 2) {
                assertThat(f.attributes().get("code_commune")).isNull();
            }
            if (level >= 3) {
                assertThat(f.attributes().get("code_maille")).isNull();
            }
        });
    }

    @Test
    void aBlurredOccurrenceCannotBeLocatedWithABbox() throws Exception {
        // a sensitivity-2 point and a small box in a corner of its 10 km cell, away from the exact point
        String row = queryString(ds, """
                SELECT o.id_sinp_occtax || ' ' || ST_XMin(o.diffusion_geom) || ' ' || ST_YMin(o.diffusion_geom)
                FROM sinp.occurrence o WHERE o.diffusion_level = 2 AND GeometryType(o.geom) = 'POINT'
                AND ST_Distance(o.geom, ST_PointN(ST_ExteriorRing(o.diffusion_geom), 1)) > 500 ORDER BY o.id LIMIT 1""");
        String[] parts = row.split(" ");
        String id = "occurrences." + parts[0];
        double x = Double.parseDouble(parts[1]);
        double y = Double.parseDouble(parts[2]);
        FeatureQuery corner = FeatureQuery.all(2154).withBbox(new Envelope(x + 1, x + 100, y + 1, y + 100), 2154);
        assertThat(stream(corner, PUBLIC)).extracting(Feature::id).contains(id);
        assertThat(stream(corner, INSTRUCTOR)).extracting(Feature::id).doesNotContain(id);
        Feature seen = stream(corner, PUBLIC).stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
        assertThat(seen.geometry().getEnvelopeInternal()).isEqualTo(new Envelope(x, x + 10000, y, y + 10000));
    }

    @Test
    void partnersSeeNoAttachmentFinerThanTheBlurOfSensitiveData() {
        List<Feature> partner = stream(FeatureQuery.all(2154), PARTNER);
        assertThat(partner.stream().filter(f -> !"0".equals(f.attributes().get("sensi_niveau"))
                && ((Number) f.attributes().get("diffusion_level")).intValue() >= 2)).isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.attributes().get("code_commune")).isNull();
                    assertThat(f.geometry().getDimension()).isEqualTo(2);
                });
    }

    @Test
    void producersSeeTheirOwnDatasetsExactly() throws Exception {
        int organisation = (int) queryLong(ds, "SELECT id FROM ref.organisation WHERE acronym = 'GON'");
        Caller producer = new Caller("producteur", Set.of(SensitivityPolicy.PRODUCER), organisation);
        long own = queryLong(ds, "SELECT count(*) FROM sinp.occurrence_layer WHERE producer_id = " + organisation);
        long ownHidden = queryLong(ds, "SELECT count(*) FROM sinp.occurrence_layer WHERE producer_id = " + organisation
                + " AND diffusion_level = 4");
        long othersVisible = queryLong(ds, "SELECT count(*) FROM sinp.occurrence_layer WHERE producer_id <> " + organisation
                + " AND diffusion_level < 4");
        assertThat(ownHidden).isPositive();
        assertThat(repository.forCaller(catalog, producer).count(occurrences, FeatureQuery.all(2154))).isEqualTo(own + othersVisible);
        List<Feature> seen = stream(FeatureQuery.all(2154), producer);
        assertThat(seen).allSatisfy(f -> {
            boolean mine = ((Number) f.attributes().get("producer_id")).intValue() == organisation;
            assertThat(f.attributes().get("observateur") != null).isEqualTo(mine);
            if (!mine && ((Number) f.attributes().get("diffusion_level")).intValue() > 0) {
                assertThat(f.geometry().getDimension()).isEqualTo(2);
            }
        });
        assertThat(repository.forCaller(catalog, producer).access(occurrences).accessLevel()).isEqualTo("producer-" + organisation);
    }

    @Test
    void aProducerWhoIsAlsoAPartnerGetsBothViews() throws Exception {
        int organisation = (int) queryLong(ds, "SELECT id FROM ref.organisation WHERE acronym = 'GON'");
        Caller both = new Caller("producteur", Set.of(SensitivityPolicy.PRODUCER, SensitivityPolicy.PARTNER), organisation);
        long expected = queryLong(ds, "SELECT count(*) FROM sinp.occurrence_layer WHERE producer_id = " + organisation
                + " OR sensi_niveau = '0' OR diffusion_level < 4");
        assertThat(repository.forCaller(catalog, both).count(occurrences, FeatureQuery.all(2154))).isEqualTo(expected);
        List<Feature> seen = stream(FeatureQuery.all(2154), both);
        long ownSensitive = seen.stream().filter(f -> ((Number) f.attributes().get("producer_id")).intValue() == organisation
                && !"0".equals(f.attributes().get("sensi_niveau")) && f.geometry().getDimension() == 0).count();
        assertThat(ownSensitive).as("its own sensitive occurrences, as exact points").isPositive();
        assertThat(seen).allSatisfy(f -> {
            boolean exact = ((Number) f.attributes().get("producer_id")).intValue() == organisation
                    || "0".equals(f.attributes().get("sensi_niveau"));
            if (!exact && ((Number) f.attributes().get("diffusion_level")).intValue() > 0) {
                assertThat(f.geometry().getDimension()).as(f.id() + " is blurred").isEqualTo(2);
            }
            assertThat(f.attributes().get("observateur")).as("a partner sees observers").isNotNull();
        });
        assertThat(repository.forCaller(catalog, both).access(occurrences).accessLevel()).isEqualTo("partner+producer-" + organisation);
    }

    @Test
    void theExactLocationFlagTellsEachCallerWhetherItsGeometryIsTheExactOne() throws Exception {
        Map<String, Geometry> exact = new HashMap<>();
        WKBReader wkb = new WKBReader();
        try (var c = ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT id_sinp_occtax, ST_AsBinary(geom) FROM sinp.occurrence")) {
            while (rs.next()) {
                exact.put(rs.getString(1), wkb.read(rs.getBytes(2)));
            }
        }
        for (Caller caller : List.of(PUBLIC, PARTNER, INSTRUCTOR)) {
            List<Feature> seen = stream(FeatureQuery.all(2154), caller);
            assertThat(seen).as(caller.roles().toString()).isNotEmpty().allSatisfy(f -> assertThat(f.attributes().get(SensitivityPolicy.EXACT_FLAG))
                    .as(caller.roles() + " " + f.id()).isEqualTo(f.geometry().equalsExact(exact.get(f.id().substring(f.id().lastIndexOf('.') + 1)), 1e-6)));
            long exactSensitive = seen.stream().filter(f -> Boolean.TRUE.equals(f.attributes().get(SensitivityPolicy.EXACT_FLAG))
                    && !"0".equals(f.attributes().get("sensi_niveau"))).count();
            assertThat(exactSensitive > 0).as(caller.roles() + " gets sensitive occurrences exactly")
                    .isEqualTo(caller == INSTRUCTOR);
        }
    }

    /** The query plan of a count of what the caller sees in a box, the box test written as given. */
    private static String plan(String boxTest) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (var c = ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("EXPLAIN SELECT count(*) FROM sinp.occurrence_layer WHERE " + boxTest)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void spatialFiltersOfBlendedViewsUseTheSpatialIndexes() throws Exception {
        var partner = catalog.policy(occurrences).access(occurrences, PARTNER);
        String box = "ST_MakeEnvelope(640000, 7070000, 641000, 7071000, 2154)";
        // (each partition of sinp.occurrence has its own: occurrence_62_geom_idx, occurrence_62_diffusion_geom_idx...)
        assertThat(plan(partner.geometryExpression() + " && " + box)).as("the CASE alone")
                .doesNotContainPattern("occurrence_\\w+_geom_idx").doesNotContainPattern("occurrence_\\w+_diffusion_geom_idx");
        assertThat(plan(partner.boxTest(() -> box))).as("with the box test on the columns behind it")
                .containsPattern("occurrence_\\d+_geom_idx").containsPattern("occurrence_\\d+_diffusion_geom_idx");
        // and the same answers: through the repository, whose bbox uses that test, and by the expression alone
        Envelope e = new Envelope(640000, 650000, 7065000, 7075000);
        long expected = queryLong(ds, "SELECT count(*) FROM sinp.occurrence_layer WHERE (" + partner.rowPredicate() + ") AND "
                + partner.geometryExpression() + " && ST_MakeEnvelope(640000, 7065000, 650000, 7075000, 2154)");
        assertThat(expected).isPositive();
        assertThat(repository.forCaller(catalog, PARTNER).count(occurrences, FeatureQuery.all(2154).withBbox(e, 2154)))
                .isEqualTo(expected);
    }

    @Test
    void partnersSeeExactNonSensitiveDataAndInstructorsEverything() throws Exception {
        long exactForPartner = queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE sensi_niveau = '0'");
        List<Feature> partner = stream(FeatureQuery.all(2154), PARTNER);
        assertThat(partner.stream().filter(f -> "0".equals(f.attributes().get("sensi_niveau")))).hasSize((int) exactForPartner)
                .allSatisfy(f -> assertThat(f.attributes()).containsKey("observateur"));
        assertThat(stream(FeatureQuery.all(2154).withPage(100, 0), INSTRUCTOR))
                .allSatisfy(f -> assertThat(f.geometry()).isNotNull());
        assertThat(repository.forCaller(catalog, PUBLIC).access(occurrences).accessLevel())
                .isNotEqualTo(repository.forCaller(catalog, PARTNER).access(occurrences).accessLevel())
                .isNotEqualTo(repository.forCaller(catalog, INSTRUCTOR).access(occurrences).accessLevel());
    }
}
