package fr.yseraa.observatory.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.core.ows.OwsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

/** The feature-access layer on real PostGIS: the policy shapes every answer, queries stream and page. */
class FeatureRepositoryTest {

    static DataSource dataSource;
    static Catalog catalog;
    static LayerInfo places;
    static FeatureRepository repository;
    static final Caller PUBLIC = Caller.anonymous();
    static final Caller EXPERT = new Caller("expert", Set.of("instructor"));

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        dataSource = PlacesFixture.database();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            // a line 1 000 m long that wiggles by 2 m at every metre
            st.execute("CREATE TABLE demo.wiggle (id integer PRIMARY KEY, geom geometry(LineString, 2154))");
            st.execute("INSERT INTO demo.wiggle SELECT 1, ST_MakeLine(ST_MakePoint(700000 + i, 7000000 + 2 * (i % 2))"
                    + " ORDER BY i)::geometry(LineString, 2154) FROM generate_series(0, 1000) i");
            // thirty points, one of which a test deletes between two pages
            st.execute("CREATE TABLE demo.queue (id integer PRIMARY KEY, geom geometry(Point, 2154))");
            st.execute("INSERT INTO demo.queue SELECT i, ST_MakePoint(700000 + i, 7000000) FROM generate_series(1, 30) i");
            // three areas keyed by uuid (which has no min()), two of them the same square
            st.execute("CREATE TABLE demo.area (id uuid PRIMARY KEY, geom geometry(Polygon, 2154))");
            st.execute("INSERT INTO demo.area SELECT gen_random_uuid(), ST_MakeEnvelope(700000, 7000000, 701000,"
                    + " 7000000 + 1000 * (1 + i / 2), 2154) FROM generate_series(0, 2) i");
            // points of an orthographic CRS, whose inverse fails beyond its disk: their extent reaches past it
            st.execute("INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, proj4text) VALUES (990001, 'test',"
                    + " 990001, '+proj=ortho +lat_0=45 +lon_0=5 +ellps=WGS84 +units=m +no_defs')");
            st.execute("CREATE TABLE demo.globe (id integer PRIMARY KEY, geom geometry(Point, 990001))");
            st.execute("INSERT INTO demo.globe VALUES (1, 'SRID=990001;POINT(0 0)'), (2, 'SRID=990001;POINT(6e6 1e6)'),"
                    + " (3, 'SRID=990001;POINT(1e6 6e6)')");
        }
        Path root = PlacesFixture.dataDirectory(dir, Map.of("places", PlacesFixture.PLACES_LAYER, "wiggles",
                "name: wiggles\ntitle: Ondulations\nsource: demo.wiggle\ngeometry: geom\nstyle: place\n",
                "queue", "name: queue\ntitle: File\nsource: demo.queue\ngeometry: geom\nstyle: place\n",
                "areas", "name: areas\ntitle: Aires\nsource: demo.area\ngeometry: geom\nstyle: place\n",
                "globe", "name: globe\ntitle: Globe\nsource: demo.globe\ngeometry: geom\nstyle: place\n"));
        catalog = new CatalogValidator(dataSource, root.resolve("styles"), PlacesFixture.policies())
                .validate(CatalogLoader.load(root), 1);
        places = catalog.layer("places").orElseThrow();
        repository = new FeatureRepository(dataSource, 30);
    }

    private List<Feature> stream(FeatureQuery q, Caller caller) {
        List<Feature> out = new ArrayList<>();
        repository.forCaller(catalog, caller).stream(places, q, out::add);
        return out;
    }

    @Test
    void theCatalogDescribesTheTable() {
        assertThat(places.qualifiedName()).isEqualTo("t:places");
        assertThat(places.geometryType()).isEqualTo("POINT");
        assertThat(places.srid()).isEqualTo(2154);
        assertThat(places.idColumn()).isEqualTo("id");
        assertThat(places.attributes()).extracting(a -> a.name()).containsExactly("id", "name", "secret", "level");
        assertThat(places.abstractText()).isEqualTo("Places for tests");
        // the extent of what the public sees (the 1 km cells of the visible places), never that of the exact points
        assertThat(places.nativeBbox()).isEqualTo(new Envelope(700000, 710000, 7000000, 7010000));
    }

    @Test
    void theNextPageInTheDefaultOrderStartsAfterTheLastKeyOfThePageBefore() throws Exception {
        LayerInfo queue = catalog.layer("queue").orElseThrow();
        List<String> first = new ArrayList<>();
        repository.forCaller(catalog, PUBLIC).stream(queue, FeatureQuery.all(2154).withPage(10, 0), f -> first.add(f.id()));
        assertThat(first).hasSize(10).startsWith("queue.1").endsWith("queue.10");
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("DELETE FROM demo.queue WHERE id = 5"); // a row of the first page goes
        }
        // the page asked next resumes after queue.10; an OFFSET would now skip queue.11
        List<String> second = new ArrayList<>();
        repository.forCaller(catalog, PUBLIC).stream(queue, FeatureQuery.all(2154).withPage(10, 10), f -> second.add(f.id()));
        assertThat(second).hasSize(10).startsWith("queue.11").endsWith("queue.20");
        assertThat(repository.forCaller(catalog, PUBLIC).countUpTo(queue, FeatureQuery.all(2154), 20, 100)).isEqualTo(10);
        // a page no earlier page led to is found by its index
        FeatureRepository fresh = new FeatureRepository(dataSource, 30);
        List<String> byIndex = new ArrayList<>();
        fresh.forCaller(catalog, PUBLIC).stream(queue, FeatureQuery.all(2154).withPage(10, 10), f -> byIndex.add(f.id()));
        assertThat(byIndex).startsWith("queue.12").endsWith("queue.21");
        assertThat(fresh.forCaller(catalog, PUBLIC).countUpTo(queue, FeatureQuery.all(2154), 20, 100)).isEqualTo(9);
        // another query (a filter) has pages of its own
        List<String> filtered = new ArrayList<>();
        repository.forCaller(catalog, PUBLIC).stream(queue, FeatureQuery.all(2154).withBbox(new Envelope(700000, 700030, 6999999, 7000001),
                2154).withPage(10, 10), f -> filtered.add(f.id()));
        assertThat(filtered).startsWith("queue.12");
    }

    @Test
    void countsFollowThePolicy() {
        assertThat(repository.forCaller(catalog, EXPERT).count(places, FeatureQuery.all(2154))).isEqualTo(PlacesFixture.PLACES);
        assertThat(repository.forCaller(catalog, PUBLIC).count(places, FeatureQuery.all(2154))).isEqualTo(PlacesFixture.PLACES * 4 / 5);
    }

    @Test
    void thePublicSeesBlurredGeometriesAndNoSecret() {
        List<Feature> seen = stream(FeatureQuery.all(2154).withPage(50, 0), PUBLIC);
        assertThat(seen).hasSize(50).allSatisfy(f -> {
            assertThat(f.attributes()).doesNotContainKey("secret");
            assertThat(f.geometry()).isInstanceOf(Polygon.class);
            assertThat(f.geometry().getArea()).isEqualTo(1_000_000.0);
            assertThat((Integer) f.attributes().get("level")).isLessThan(4);
        });
        assertThat(seen.get(0).id()).isEqualTo("places.0");
        List<Feature> expert = stream(FeatureQuery.all(2154).withPage(5, 0), EXPERT);
        assertThat(expert).allSatisfy(f -> assertThat(f.attributes()).containsKey("secret"));
        assertThat(expert.get(4).attributes().get("level")).isEqualTo(4);
    }

    @Test
    void spatialFiltersApplyToTheGeometryTheCallerSees() {
        // a box inside the first 1 km cell that holds none of its exact points
        FeatureQuery q = FeatureQuery.all(2154).withBbox(new Envelope(700001, 700010, 7000001, 7000010), 2154);
        assertThat(stream(q, EXPERT)).isEmpty();
        assertThat(stream(q, PUBLIC)).hasSize(80).allSatisfy(f ->
                assertThat(f.geometry().getEnvelopeInternal()).isEqualTo(new Envelope(700000, 701000, 7000000, 7001000)));
        assertThat(repository.forCaller(catalog, PUBLIC).count(places, q)).isEqualTo(80);
    }

    @Test
    void bboxInAnotherCrsAndOutputReprojected() {
        Envelope lonLat = new Envelope(-5, 9, 41, 52); // metropolitan France, inside Lambert-93's domain
        List<Feature> seen = stream(FeatureQuery.all(4326).withBbox(lonLat, 4326).withPage(3, 0), EXPERT);
        assertThat(seen).hasSize(3).allSatisfy(f -> {
            assertThat(f.geometry().getCoordinate().x).isBetween(-10.0, 10.0);
            assertThat(f.geometry().getCoordinate().y).isBetween(40.0, 52.0);
        });
    }

    @Test
    void aMapsReprojectionIsInterpolatedWithinItsToleranceWhereAGridHolds() {
        // a 256-pixel Web Mercator map over part of the places, as a map asks: simplified to half a pixel, each shared
        // area once, and reprojected within an eighth of a pixel
        Envelope box = new EnvelopeTransformer(dataSource).transform(new Envelope(702000, 704500, 7002000, 7004500),
                2154, 3857);
        double pixel = box.getWidth() / 256;
        FeatureQuery exact = new FeatureQuery(box, 3857, 3857, List.of("level"), List.of(), null, 0)
                .withSimplification(pixel / 2).withSharedAreasOnce();
        FeatureQuery interpolated = exact.withReprojectionTolerance(pixel / 8);
        for (Caller caller : List.of(PUBLIC, EXPERT)) {
            List<Feature> expected = stream(exact, caller);
            List<Feature> seen = stream(interpolated, caller);
            assertThat(expected).isNotEmpty();
            assertThat(seen).extracting(Feature::id).containsExactlyElementsOf(expected.stream().map(Feature::id).toList());
            for (int i = 0; i < seen.size(); i++) {
                org.locationtech.jts.geom.Coordinate[] got = seen.get(i).geometry().getCoordinates();
                org.locationtech.jts.geom.Coordinate[] want = expected.get(i).geometry().getCoordinates();
                assertThat(got).hasSameSizeAs(want);
                for (int k = 0; k < got.length; k++) {
                    assertThat(got[k].distance(want[k])).isLessThanOrEqualTo(pixel / 8);
                }
                assertThat(seen.get(i).geometry().getSRID()).isIn(0, 3857);
            }
            assertThat(seen).as("read in Lambert-93 and reprojected in the JVM, not by PostGIS")
                    .anySatisfy(f -> assertThat(f.geometry().equalsExact(
                            expected.get(seen.indexOf(f)).geometry())).isFalse());
        }
        // a line longer than the grid's domain (twice a 100 m map) is reprojected by PostGIS, as before
        LayerInfo wiggles = catalog.layer("wiggles").orElseThrow();
        Envelope small = new EnvelopeTransformer(dataSource).transform(new Envelope(700450, 700550, 6999950, 7000050),
                2154, 3857);
        FeatureQuery wiggleMap = new FeatureQuery(small, 3857, 3857, List.of(), List.of(), null, 0)
                .withSimplification(small.getWidth() / 512).withSharedAreasOnce();
        List<Feature> byPostgis = new ArrayList<>();
        List<Feature> withGrid = new ArrayList<>();
        repository.forCaller(catalog, EXPERT).stream(wiggles, wiggleMap, byPostgis::add);
        repository.forCaller(catalog, EXPERT).stream(wiggles, wiggleMap.withReprojectionTolerance(small.getWidth() / 2048),
                withGrid::add);
        assertThat(withGrid).hasSize(1);
        assertThat(withGrid.get(0).geometry().equalsExact(byPostgis.get(0).geometry())).isTrue();
    }

    @Test
    void aMapWhoseGridPostgisCannotTransformIsReadAsBefore() {
        // the grid's domain, the map's box grown by half its size within the layer's extent, reaches past the disk of the
        // layer's orthographic CRS: PostGIS fails on its lattice, the transaction with it, and the map is read again
        LayerInfo globe = catalog.layer("globe").orElseThrow();
        FeatureQuery map = new FeatureQuery(new Envelope(-40, 50, 0, 80), 4326, 4326, List.of(), List.of(), null, 0)
                .withSimplification(0.1).withSharedAreasOnce();
        List<Feature> exact = new ArrayList<>();
        List<Feature> seen = new ArrayList<>();
        repository.forCaller(catalog, EXPERT).stream(globe, map, exact::add);
        repository.forCaller(catalog, EXPERT).stream(globe, map.withReprojectionTolerance(0.01), seen::add);
        assertThat(exact).extracting(Feature::id).containsExactly("globe.1");
        assertThat(seen).extracting(Feature::id).containsExactly("globe.1");
        assertThat(seen.get(0).geometry().equalsExact(exact.get(0).geometry())).isTrue();
    }

    @Test
    void sortingAndPagingNeverOverlap() {
        FeatureQuery sorted = new FeatureQuery(null, 2154, 2154, List.of("level", "name"),
                List.of(new FeatureQuery.SortKey("level", false)), 2500, 0);
        List<Feature> first = stream(sorted, EXPERT);
        List<Feature> second = stream(sorted.withPage(2500, 2500), EXPERT);
        assertThat(first).allSatisfy(f -> assertThat(f.attributes()).containsOnlyKeys("level", "name"));
        assertThat(first.get(0).attributes().get("level")).isEqualTo(4);
        assertThat(second.get(0).attributes().get("level")).isEqualTo(3);
        assertThat(first).extracting(Feature::id).doesNotContainAnyElementsOf(second.stream().map(Feature::id).toList());
    }

    @Test
    void countsPerGridCellFollowThePolicy() {
        java.util.Map<Envelope, Long> expert = new java.util.HashMap<>();
        repository.forCaller(catalog, EXPERT).countPerCell(places, FeatureQuery.all(2154), 1000,
                (cell, n) -> expert.put(cell.getEnvelopeInternal(), n));
        assertThat(expert).hasSize(100).containsEntry(new Envelope(700000, 701000, 7000000, 7001000), 100L);
        assertThat(expert.values()).allMatch(n -> n == 100);
        java.util.Map<Envelope, Long> anonymous = new java.util.HashMap<>();
        repository.forCaller(catalog, PUBLIC).countPerCell(places, FeatureQuery.all(2154), 1000,
                (cell, n) -> anonymous.put(cell.getEnvelopeInternal(), n));
        assertThat(anonymous.keySet()).isEqualTo(expert.keySet());
        assertThat(anonymous.values()).as("level 4 is not counted for the public").allMatch(n -> n == 80);

        java.util.Map<Envelope, Long> inBox = new java.util.HashMap<>();
        FeatureQuery box = FeatureQuery.all(2154).withBbox(new Envelope(702100, 703900, 7003100, 7003900), 2154);
        repository.forCaller(catalog, EXPERT).countPerCell(places, box, 1000, (cell, n) -> inBox.put(cell.getEnvelopeInternal(), n));
        assertThat(inBox).containsOnlyKeys(new Envelope(702000, 703000, 7003000, 7004000),
                new Envelope(703000, 704000, 7003000, 7004000));
        assertThat(inBox.values()).as("each cell that meets the box counts all its features").containsOnly(100L);
    }

    @Test
    void geometriesAreSimplifiedByTheDatabaseWhenAsked() {
        LayerInfo wiggles = catalog.layer("wiggles").orElseThrow();
        java.util.function.DoubleFunction<org.locationtech.jts.geom.Geometry> line = distance -> {
            List<Feature> out = new ArrayList<>();
            repository.forCaller(catalog, EXPERT).stream(wiggles, FeatureQuery.all(2154).withSimplification(distance), out::add);
            return out.get(0).geometry();
        };
        assertThat(line.apply(0).getNumPoints()).isEqualTo(1001);
        assertThat(line.apply(0.5).getNumPoints()).as("wiggles under the tolerance are seen at this size").isEqualTo(1001);
        org.locationtech.jts.geom.Geometry simplified = line.apply(5); // half a pixel of a 10 m map
        assertThat(simplified.getNumPoints()).isLessThan(10);
        assertThat(simplified.getLength()).isGreaterThan(990);
        assertThat(line.apply(1e6).getNumPoints()).as("a line never collapses to nothing").isGreaterThanOrEqualTo(2);
    }

    @Test
    void sharedAreasComeOnceForEachSetOfSelectedValues() {
        FeatureQuery noProperty = new FeatureQuery(null, 2154, 2154, List.of(), List.of(), null, 0).withSharedAreasOnce();
        List<Feature> cells = stream(noProperty, PUBLIC);
        assertThat(cells).as("the public's 8 000 rows share 100 cells").hasSize(100)
                .extracting(f -> f.geometry().getEnvelopeInternal()).doesNotHaveDuplicates();
        assertThat(cells.get(0).geometry().getEnvelopeInternal()).as("in the order of each cell's first row")
                .isEqualTo(new Envelope(700000, 701000, 7000000, 7001000));
        assertThat(cells.get(1).geometry().getEnvelopeInternal()).isEqualTo(new Envelope(701000, 702000, 7000000, 7001000));

        List<Feature> byLevel = stream(new FeatureQuery(null, 2154, 2154, List.of("level"), List.of(), null, 0)
                .withSharedAreasOnce(), PUBLIC);
        assertThat(byLevel).as("a rule on the level still sees every level of every cell").hasSize(400)
                .extracting(f -> f.attributes().get("level")).containsOnly(0, 1, 2, 3);
        assertThat(stream(new FeatureQuery(null, 2154, 2154, List.of("name"), List.of(), null, 0).withSharedAreasOnce(),
                PUBLIC)).as("a label on a value of each row sees each row").hasSize(PlacesFixture.PLACES * 4 / 5);
        assertThat(stream(noProperty, EXPERT)).as("points come one per row, even where they repeat")
                .hasSize(PlacesFixture.PLACES);
        assertThatThrownBy(() -> noProperty.withPage(10, 0)).isInstanceOf(IllegalArgumentException.class);

        List<Feature> areas = new ArrayList<>();
        repository.forCaller(catalog, PUBLIC).stream(catalog.layer("areas").orElseThrow(), noProperty, areas::add);
        assertThat(areas).as("ordered by a uuid key").hasSize(2);
    }

    @Test
    void streamsEveryRowThroughTheCursor() {
        int[] seen = {0};
        repository.forCaller(catalog, EXPERT).stream(places, FeatureQuery.all(2154), f -> seen[0]++);
        assertThat(seen[0]).isEqualTo(PlacesFixture.PLACES);
    }

    @Test
    void hiddenOrUnknownPropertiesAreRefused() {
        FeatureQuery secret = new FeatureQuery(null, 2154, 2154, List.of("secret"), List.of(), null, 0);
        assertThatThrownBy(() -> stream(secret, PUBLIC)).isInstanceOfSatisfying(OwsException.class,
                e -> assertThat(e.locator()).isEqualTo("propertyName"));
        FeatureQuery sortBySecret = new FeatureQuery(null, 2154, 2154, null,
                List.of(new FeatureQuery.SortKey("secret", true)), null, 0);
        assertThatThrownBy(() -> stream(sortBySecret, PUBLIC)).isInstanceOfSatisfying(OwsException.class,
                e -> assertThat(e.locator()).isEqualTo("sortBy"));
    }

    @Test
    void extentIsWhatTheCallerSees() {
        assertThat(repository.forCaller(catalog, EXPERT).extent(places, 2154)).isEqualTo(new Envelope(700050, 709950, 7000050, 7009950));
        assertThat(repository.forCaller(catalog, PUBLIC).extent(places, 2154)).isEqualTo(new Envelope(700000, 710000, 7000000, 7010000));
    }

    @Test
    void vectorTilesHoldWhatTheCallerSees() {
        // the places (Lambert-93 700 000..710 000, 7 000 000..7 010 000) lie near 3.07 E, 50.13 N
        TileAddress over = tileOver(3.07, 50.13, 10);
        byte[] expert = repository.forCaller(catalog, EXPERT).vectorTile(places, over);
        byte[] anonymous = repository.forCaller(catalog, PUBLIC).vectorTile(places, over);
        assertThat(expert).isNotEmpty();
        assertThat(anonymous).isNotEmpty().isNotEqualTo(expert);
        assertThat(new String(expert, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("places", "secret");
        assertThat(new String(anonymous, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("places")
                .doesNotContain("secret");
        assertThat(repository.forCaller(catalog, EXPERT).vectorTile(places, tileOver(-70, -30, 12))).isEmpty();
        assertThat(repository.forCaller(catalog, EXPERT).vectorTile(places, new TileAddress(0, 0, 0))).as("the whole world")
                .isNotEmpty();
    }

    private static TileAddress tileOver(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new TileAddress(z, x, y);
    }
}
