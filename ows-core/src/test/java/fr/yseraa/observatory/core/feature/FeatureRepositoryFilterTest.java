package fr.yseraa.observatory.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.CqlParser;
import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.FilterEvaluator;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

/**
 * Filters compiled to SQL on real PostGIS, through the feature-access layer: every operator family, the access
 * policy (hidden properties, blurred geometries), injection attempts, and agreement with the in-memory evaluator.
 * The places fixture gets a few more columns here: a note (null for one place in ten), a date, a timestamp and a
 * flag, all derived from the id so that expected counts are computed from the same rules.
 */
class FeatureRepositoryFilterTest {

    static DataSource dataSource;
    static Catalog catalog;
    static LayerInfo places;
    static FeatureRepository repository;
    static final Caller PUBLIC = Caller.anonymous();
    static final Caller EXPERT = new Caller("expert", Set.of("instructor"));
    static final String AREA = "POLYGON((700100 7000100, 700900 7000100, 700900 7000900, 700100 7000900, 700100 7000100))";

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        dataSource = PlacesFixture.database();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE demo.place ADD COLUMN note text, ADD COLUMN seen date, "
                    + "ADD COLUMN seen_at timestamp, ADD COLUMN active boolean");
            st.execute("""
                    UPDATE demo.place SET note = CASE WHEN id % 10 = 0 THEN NULL ELSE 'Note ' || (id % 7) END,
                        seen = date '2020-01-01' + (id % 366),
                        seen_at = timestamp '2020-01-01' + (id % 366) * interval '1 day' + (id % 24) * interval '1 hour',
                        active = id % 2 = 0""");
        }
        Path root = PlacesFixture.dataDirectory(dir, Map.of("places", PlacesFixture.PLACES_LAYER));
        catalog = new CatalogValidator(dataSource, root.resolve("styles"), PlacesFixture.policies())
                .validate(CatalogLoader.load(root), 1);
        places = catalog.layer("places").orElseThrow();
        repository = new FeatureRepository(dataSource, 30);
    }

    // the fixture's rules, to compute expected counts

    static int level(int id) {
        return id % 5;
    }

    static String note(int id) {
        return id % 10 == 0 ? null : "Note " + id % 7;
    }

    static int day(int id) {
        return id % 366;
    }

    static LocalDateTime seenAt(int id) {
        return LocalDate.of(2020, 1, 1).plusDays(day(id)).atStartOfDay().plusHours(id % 24);
    }

    static long expected(IntPredicate p, Caller caller) {
        return IntStream.range(0, PlacesFixture.PLACES).filter(p).filter(id -> caller == EXPERT || level(id) < 4).count();
    }

    static FeatureQuery cqlQuery(String cql) {
        return FeatureQuery.all(2154).withFilter(CqlParser.parse(cql, "cql_filter"), "cql_filter");
    }

    static long count(String cql, Caller caller) {
        return repository.forCaller(catalog, caller).count(places, cqlQuery(cql));
    }

    static long countFes(String xml, Caller caller) {
        return repository.forCaller(catalog, caller).count(places,
                FeatureQuery.all(2154).withFilter(FesParser.parse(xml, "filter"), "filter"));
    }

    /** The count of the filter for both callers is what the rule gives. */
    static void expect(String cql, IntPredicate rule) {
        assertThat(count(cql, EXPERT)).as("%s for the expert", cql).isEqualTo(expected(rule, EXPERT));
        assertThat(count(cql, PUBLIC)).as("%s for the public", cql).isEqualTo(expected(rule, PUBLIC));
    }

    @Test
    void comparisonsAndLogic() {
        expect("INCLUDE", id -> true);
        expect("EXCLUDE", id -> false);
        expect("level = 2", id -> level(id) == 2);
        expect("level >= 3", id -> level(id) >= 3);
        expect("level <> 0", id -> level(id) != 0);
        expect("level < 2.5", id -> level(id) <= 2);
        expect("3 > level", id -> level(id) < 3);
        expect("level = '1'", id -> level(id) == 1);
        expect("id BETWEEN 100 AND 199", id -> id >= 100 && id <= 199);
        expect("id NOT BETWEEN 100 AND 9000", id -> id < 100 || id > 9000);
        expect("id IN (1, 2, 3, 4)", id -> id >= 1 && id <= 4);
        expect("name = 'place 42'", id -> id == 42);
        expect("name = 'PLACE 42'", id -> false);
        expect("level = 1 OR level = 2 AND id < 100", id -> level(id) == 1 || level(id) == 2 && id < 100);
        expect("(level = 1 OR level = 2) AND id < 100", id -> (level(id) == 1 || level(id) == 2) && id < 100);
        expect("NOT (level = 1 OR level = 2)", id -> level(id) > 2 || level(id) == 0);
        expect("level * 2 + 1 = 5", id -> level(id) == 2);
        expect("(id + 1) / 2 = 3", id -> id == 5);
        expect("id / 0 = 1", id -> false);
        expect("active = true", id -> id % 2 == 0);
        expect("active = 'false'", id -> id % 2 == 1);
        // two properties
        expect("id = level", id -> id == level(id));
        expect("id < level * 2", id -> id < level(id) * 2);
        expect("name = id", id -> false);
        assertThat(failure("level = name", EXPERT).getMessage()).isEqualTo(
                "Property name of layer t:places cannot be compared with a value of type integer");
    }

    @Test
    void textNullAndLike() {
        expect("name LIKE 'place 12%'", id -> String.valueOf(id).startsWith("12"));
        expect("name ILIKE 'PLACE 12%'", id -> String.valueOf(id).startsWith("12"));
        expect("name LIKE 'PLACE 12%'", id -> false);
        expect("name LIKE 'place _'", id -> id < 10);
        expect("name NOT LIKE '%1%'", id -> !String.valueOf(id).contains("1"));
        expect("level LIKE '3'", id -> level(id) == 3);
        expect("note IS NULL", id -> note(id) == null);
        expect("note IS NOT NULL", id -> note(id) != null);
        expect("NOT note = 'Note 1'", id -> note(id) != null && !note(id).equals("Note 1"));
        // the FES forms: case-insensitive equality, another wildcard convention with an escaped literal wildcard
        assertThat(countFes("""
                <fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsEqualTo matchCase="false">
                <fes:ValueReference>name</fes:ValueReference><fes:Literal>PLACE 42</fes:Literal></fes:PropertyIsEqualTo>
                </fes:Filter>""", EXPERT)).isEqualTo(1);
        assertThat(countFes("""
                <ogc:Filter xmlns:ogc="http://www.opengis.net/ogc"><ogc:PropertyIsLike wildCard="*" singleChar="#"
                escapeChar="!"><ogc:PropertyName>name</ogc:PropertyName><ogc:Literal>place 1*</ogc:Literal>
                </ogc:PropertyIsLike></ogc:Filter>""", EXPERT)).isEqualTo(expected(id -> String.valueOf(id).startsWith("1"), EXPERT));
        assertThat(countFes("""
                <ogc:Filter xmlns:ogc="http://www.opengis.net/ogc"><ogc:PropertyIsLike wildCard="*" singleChar="#"
                escapeChar="!"><ogc:PropertyName>name</ogc:PropertyName><ogc:Literal>place 1!*</ogc:Literal>
                </ogc:PropertyIsLike></ogc:Filter>""", EXPERT)).isZero();
    }

    @Test
    void temporalOperatorsOnDatesAndTimestamps() {
        expect("seen AFTER 2020-12-30", id -> day(id) == 365);
        expect("seen BEFORE 2020-01-03", id -> day(id) < 2);
        expect("seen DURING 2020-01-01/2020-01-10", id -> day(id) >= 1 && day(id) <= 8);
        expect("seen TEQUALS 2020-01-01", id -> day(id) == 0);
        expect("seen AFTER 2020-12-30T12:00:00", id -> day(id) == 365);
        // a date meets a time of day as the whole day: 2020-01-03 is not before its own noon, nor during a period
        // that ends at the noon of 2020-01-10
        expect("seen BEFORE 2020-01-03T12:00:00", id -> day(id) < 2);
        expect("seen DURING 2020-01-01T12:00:00Z/2020-01-10T12:00:00Z", id -> day(id) >= 1 && day(id) <= 8);
        expect("seen DURING 2020-01-01T12:00:00Z/2020-01-10T00:00:00Z", id -> day(id) >= 1 && day(id) <= 8);
        // WMS TIME's form of an instant: the day that holds it
        expect("NOT (seen BEFORE 2020-01-03T10:00:00) AND NOT (seen AFTER 2020-01-03T10:00:00)", id -> day(id) == 2);
        expect("T_BEFORE(seen, DATE('2020-01-02'))", id -> day(id) == 0);
        expect("seen < '2020-01-05'", id -> day(id) < 4);
        expect("seen = DATE('2020-02-01')", id -> day(id) == 31);
        LocalDateTime evening = LocalDateTime.of(2020, 12, 31, 20, 30);
        expect("seen_at AFTER 2020-12-31T20:30:00", id -> seenAt(id).isAfter(evening));
        expect("seen_at DURING 2020-01-01T00:00:00Z/2020-01-01T05:00:00Z",
                id -> day(id) == 0 && id % 24 >= 1 && id % 24 <= 4);
        expect("seen_at TEQUALS 2020-01-02", id -> day(id) == 1 && id % 24 == 0);
        assertThat(countFes("""
                <fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2">
                <fes:During><fes:ValueReference>seen</fes:ValueReference><gml:TimePeriod gml:id="p">
                <gml:beginPosition>2020-01-01</gml:beginPosition><gml:endPosition>2020-01-10</gml:endPosition>
                </gml:TimePeriod></fes:During></fes:Filter>""", PUBLIC))
                .isEqualTo(expected(id -> day(id) >= 1 && day(id) <= 8, PUBLIC));
    }

    @Test
    void spatialFiltersMatchTheGeometryTheCallerSees() {
        // the exact points for the expert, the 1 km cells for the public: 64 points inside AREA, but all 100 of
        // the cell (0, 0) for the public (80 without the hidden level 4)
        assertSpatial("BBOX(geom, 700100, 7000100, 700900, 7000900)", 64, 80);
        assertSpatial("INTERSECTS(geom, " + AREA + ")", 64, 80);
        assertSpatial("S_INTERSECTS(the_geom, " + AREA + ")", 64, 80);
        assertSpatial("WITHIN(geom, " + AREA + ")", 64, 0);
        assertSpatial("DISJOINT(geom, " + AREA + ")", 10_000 - 64, 8000 - 80);
        assertSpatial("CONTAINS(geom, POINT(700500 7000500))", 0, 80);
        assertSpatial("EQUALS(geom, POINT(700050 7000050))", 1, 0);
        assertSpatial("TOUCHES(geom, LINESTRING(700000 7000000, 701000 7000000))", 0, 160);
        assertSpatial("CROSSES(geom, LINESTRING(700500 6999500, 700500 7000500))", 0, 80);
        assertSpatial("OVERLAPS(geom, POLYGON((700500 7000500, 701500 7000500, 701500 7001500, 700500 7001500, "
                + "700500 7000500)))", 0, 320);
        assertSpatial("DWITHIN(geom, POINT(700050 7000050), 150, meters)", 4, 80);
        assertSpatial("DWITHIN(geom, POINT(700050 7000050), 0.15, kilometers)", 4, 80);
        assertSpatial("BEYOND(geom, POINT(700050 7000050), 150, meters)", 10_000 - 4, 8000 - 80);
        assertSpatial("DWITHIN(geom, SRID=2154;POINT(700050 7000050), 0.15, kilometers)", 4, 80);
        // at 50° N a degree of longitude is shorter than one of latitude: the neighbour 100 m north is within
        // 0.001°, the one 100 m east is not
        assertSpatial("DWITHIN(geom, POINT(700050 7000050), 0.001, degrees)", 2, 80);
    }

    @Test
    void literalGeometriesInOtherCrsAndAxisOrders() throws Exception {
        double[] sw = lonLat(700100, 7000100);
        double[] ne = lonLat(700900, 7000900);
        assertSpatial("BBOX(geom, %s, %s, %s, %s, 'EPSG:4326')".formatted(sw[0], sw[1], ne[0], ne[1]), 64, 80);
        assertSpatial("BBOX(geom, %s, %s, %s, %s, 'urn:ogc:def:crs:EPSG::4326')".formatted(sw[1], sw[0], ne[1], ne[0]),
                64, 80);
        assertSpatial("INTERSECTS(geom, SRID=4326;POINT(%s %s))".formatted(lonLat(700050, 7000050)[0],
                lonLat(700050, 7000050)[1]), 0, 80);
        String fes = """
                <fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2">
                <fes:BBOX><fes:ValueReference>geom</fes:ValueReference><gml:Envelope srsName="%s">
                <gml:lowerCorner>%s %s</gml:lowerCorner><gml:upperCorner>%s %s</gml:upperCorner></gml:Envelope>
                </fes:BBOX></fes:Filter>""";
        assertThat(countFes(fes.formatted("http://www.opengis.net/def/crs/EPSG/0/4326", sw[1], sw[0], ne[1], ne[0]),
                EXPERT)).isEqualTo(64);
        assertThat(countFes(fes.formatted("EPSG:4326", sw[0], sw[1], ne[0], ne[1]), PUBLIC)).isEqualTo(80);
        assertThat(countFes(fes.formatted("EPSG:2154", 700100, 7000100, 700900, 7000900), PUBLIC)).isEqualTo(80);
        // a BBOX without property applies to the layer's geometry
        assertThat(countFes("""
                <fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2">
                <fes:BBOX><gml:Envelope><gml:lowerCorner>700100 7000100</gml:lowerCorner>
                <gml:upperCorner>700900 7000900</gml:upperCorner></gml:Envelope></fes:BBOX></fes:Filter>""", PUBLIC))
                .isEqualTo(80);
    }

    @Test
    void worldWideLiteralsAreCutToTheLayerCrsDomain() {
        assertSpatial("BBOX(geom, -180, -90, 180, 90, 'EPSG:4326')", 10_000, 8000);
        assertSpatial("BBOX(geom, -90, -180, 90, 180, 'urn:ogc:def:crs:EPSG::4326')", 10_000, 8000);
        assertSpatial("INTERSECTS(geom, SRID=4326;POLYGON((-170 -80, 170 -80, 170 80, -170 80, -170 -80)))", 10_000, 8000);
        assertSpatial("WITHIN(geom, SRID=4326;POLYGON((-170 -80, 170 -80, 170 80, -170 80, -170 -80)))", 10_000, 8000);
        assertSpatial("DISJOINT(geom, SRID=4326;POLYGON((100 -80, 170 -80, 170 80, 100 80, 100 -80)))", 10_000, 8000);
        assertSpatial("DWITHIN(geom, SRID=4326;POINT(120 -45), 10, meters)", 0, 0);
        // a line from pole to pole cannot be cut without changing what crosses it: refused, not a server failure
        OwsException e = failure("CROSSES(geom, SRID=4326;LINESTRING(2 -90, 2 90))", EXPERT);
        assertThat(e.locator()).isEqualTo("cql_filter");
        assertThat(e.getMessage()).contains("cannot be expressed in the CRS of layer t:places");
        assertThat(repository.forCaller(catalog, EXPERT).count(places, FeatureQuery.all(2154))).isEqualTo(PlacesFixture.PLACES);
    }

    private static double[] lonLat(double x, double y) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint("
                     + x + ", " + y + "), 2154), 4326) p")) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
    }

    private static void assertSpatial(String cql, long expert, long anonymous) {
        assertThat(count(cql, EXPERT)).as("%s for the expert", cql).isEqualTo(expert);
        assertThat(count(cql, PUBLIC)).as("%s for the public", cql).isEqualTo(anonymous);
    }

    @Test
    void resourceIds() {
        String cql = "IN ('places.1', 'places.2', 't:places.3', 'other.4', 'places.4')";
        assertThat(count(cql, EXPERT)).isEqualTo(4);
        assertThat(count(cql, PUBLIC)).isEqualTo(3);
        assertThat(count("IN ('other.1')", EXPERT)).isZero();
        assertThat(countFes("""
                <fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:ResourceId rid="places.12"/>
                <fes:ResourceId rid="places.13"/></fes:Filter>""", EXPERT)).isEqualTo(2);
    }

    @Test
    void hiddenPropertiesAnswerLikeMissingOnes() {
        assertThat(count("secret = 'secret 1'", EXPERT)).isEqualTo(1);
        for (String template : List.of("%s = 'secret 1'", "%s LIKE 'secret%%'", "%s IS NULL", "%s BETWEEN 'a' AND 'b'")) {
            OwsException hidden = failure(template.formatted("secret"), PUBLIC);
            OwsException missing = failure(template.formatted("nosuch"), PUBLIC);
            assertThat(hidden.getMessage()).isEqualTo("Layer t:places has no property secret");
            assertThat(missing.getMessage().replace("nosuch", "secret")).isEqualTo(hidden.getMessage());
            assertThat(hidden.locator()).isEqualTo(missing.locator()).isEqualTo("cql_filter");
        }
    }

    @Test
    void badFiltersAreClientErrorsOnTheirLocator() {
        for (String cql : List.of("level = 'abc'", "level AFTER 2020-01-01", "seen = 'soon'", "active = 'maybe'",
                "INTERSECTS(name, POINT(1 2))", "INTERSECTS(geom, SRID=990000;POINT(1 2))", "IN ('places.x')",
                "seen TEQUALS 2020-01-01/2020-01-02", "seen DURING 2020-01-01", "level = POINT(1 2)",
                "INTERSECTS(geom, POLYGON((0 0, 10 10, 10 0, 0 10, 0 0)))", "name = 'a\u0000b'", "name LIKE 'a\u0000%'",
                "level < 1e999999999", "level = 1e999999999", "id / 1e-99999 = 1", "name = 1e999999999")) {
            OwsException e = failure(cql, EXPERT);
            assertThat(e.code()).as(cql).isEqualTo(OwsExceptionCode.INVALID_PARAMETER_VALUE);
            assertThat(e.locator()).as(cql).isEqualTo("cql_filter");
        }
        assertThat(failure("INTERSECTS(geom, SRID=990000;POINT(1 2))", EXPERT)).hasMessage("Unknown CRS EPSG:990000");
        assertThat(failure("INTERSECTS(geom, SRID=990000;POINT(1 2)) AND INTERSECTS(geom, SRID=2154;POINT(1 2))",
                EXPERT)).as("known SRIDs are remembered, unknown ones never").hasMessage("Unknown CRS EPSG:990000");
        // the query's own bbox is checked the same way, and blamed on its own parameter
        assertThatThrownBy(() -> repository.forCaller(catalog, EXPERT).count(places, cqlQuery("level = 1")
                .withBbox(new Envelope(0, 1, 0, 1), 990001))).isInstanceOfSatisfying(OwsException.class, e -> {
                    assertThat(e.locator()).isEqualTo("bbox");
                    assertThat(e.getMessage()).isEqualTo("Unknown CRS EPSG:990001");
                });
    }

    @Test
    void longListsAreQuickAndComplexFiltersRefused() {
        // lists of values for one property are one array: quick to plan whatever their length
        String manyIds = IntStream.range(0, 40_000).mapToObj(i -> "'places." + i + "'")
                .collect(Collectors.joining(", ", "IN (", ")"));
        assertThat(count(manyIds, EXPERT)).isEqualTo(PlacesFixture.PLACES);
        String manyValues = IntStream.range(5_000, 25_000).mapToObj(String::valueOf)
                .collect(Collectors.joining(", ", "id IN (", ")"));
        assertThat(count(manyValues, PUBLIC)).isEqualTo(expected(id -> id >= 5_000, PUBLIC));
        expect("name IN ('place 1', 'place 2', 'nowhere')", id -> id == 1 || id == 2);
        expect("seen IN (2020-01-01, '2020-01-02')", id -> day(id) <= 1);
        expect("level IN (1, 2.5)", id -> level(id) == 1);
        // other long disjunctions are refused before the planner chokes on them
        String manyArms = IntStream.range(0, 600).mapToObj(i -> "id = " + i + " OR name = 'place " + i + "'")
                .collect(Collectors.joining(" OR "));
        assertThat(failure(manyArms, EXPERT).getMessage()).startsWith("The filter is too complex");
        String someArms = IntStream.range(0, 150).mapToObj(i -> "id = " + i + " OR name = 'place " + i + "'")
                .collect(Collectors.joining(" OR "));
        assertThat(count(someArms, EXPERT)).isEqualTo(150);
    }

    @Test
    void injectionAttemptsTouchNothing() throws Exception {
        assertThat(count("name = 'x''; DROP TABLE demo.place; --'", EXPERT)).isZero();
        assertThat(count("name LIKE '%'' OR ''1''=''1'", EXPERT)).isZero();
        for (String cql : List.of("level = '1; DROP TABLE demo.place'", "\"name; DROP TABLE demo.place; --\" = 'x'",
                "\"name\"\" = '' OR 1=1; DROP TABLE demo.place; --\" = 'x'", "IN ('places.1; DROP TABLE demo.place')",
                "IN ('places.1) OR (1=1')", "seen AFTER '2020-01-01''); DROP TABLE demo.place; --'")) {
            assertThatThrownBy(() -> count(cql, EXPERT)).as(cql).isInstanceOf(OwsException.class);
        }
        assertThatThrownBy(() -> countFes("""
                <fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsEqualTo>
                <fes:ValueReference>name") OR 1=1; DROP TABLE demo.place; --</fes:ValueReference>
                <fes:Literal>x</fes:Literal></fes:PropertyIsEqualTo></fes:Filter>""", EXPERT))
                .isInstanceOf(OwsException.class);
        assertThatThrownBy(() -> countFes("""
                <fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:ResourceId rid="places.1 OR 1=1"/>
                </fes:Filter>""", EXPERT)).isInstanceOf(OwsException.class);
        assertThat(repository.forCaller(catalog, EXPERT).count(places, FeatureQuery.all(2154))).isEqualTo(PlacesFixture.PLACES);
    }

    @Test
    void streamAndExtentApplyTheFilter() {
        List<Feature> seen = new ArrayList<>();
        repository.forCaller(catalog, PUBLIC).stream(places, cqlQuery("level = 2").withPage(5, 0), seen::add);
        assertThat(seen).hasSize(5).allSatisfy(f -> assertThat(f.attributes().get("level")).isEqualTo(2));
        assertThat(repository.forCaller(catalog, EXPERT).extent(places, cqlQuery("id BETWEEN 0 AND 9")))
                .isEqualTo(new Envelope(700050, 700950, 7000050, 7000050));
        assertThat(repository.forCaller(catalog, PUBLIC).extent(places, cqlQuery("id BETWEEN 0 AND 9")))
                .isEqualTo(new Envelope(700000, 701000, 7000000, 7001000));
        assertThat(repository.forCaller(catalog, EXPERT).extent(places, cqlQuery("EXCLUDE")).isNull()).isTrue();
    }

    @Test
    void theInMemoryEvaluatorAgreesWithSql() {
        List<String> filters = List.of("level = 2", "level < 2.5 AND NOT id > 5000", "name LIKE 'place 1_'",
                "name ILIKE 'PLACE 9%'", "note IS NULL", "NOT note = 'Note 1'", "note <> 'Note 3' OR level = 0",
                "id BETWEEN 100 AND 199", "level * 2 + 1 = 5", "id / 0 = 1", "active = 'true'",
                "seen AFTER 2020-12-30", "seen DURING 2020-01-01/2020-01-10", "seen_at AFTER 2020-12-31T20:30:00",
                "seen BEFORE 2020-01-03T12:00:00", "seen DURING 2020-01-01T12:00:00Z/2020-01-10T12:00:00Z",
                "seen < '2020-01-05'", "BBOX(geom, 700100, 7000100, 700900, 7000900)", "WITHIN(geom, " + AREA + ")",
                "DWITHIN(geom, POINT(700050 7000050), 150, meters)", "BEYOND(geom, POINT(700050 7000050), 0.2, km)",
                "TOUCHES(geom, LINESTRING(700000 7000000, 701000 7000000))", "CONTAINS(geom, POINT(700500 7000500))",
                "IN ('places.1', 'places.2', 't:places.3', 'places.4')", "INCLUDE", "EXCLUDE",
                "level IN (1, 3)", "name IN ('place 5', 'place 6')");
        // a sample of the places (the first 25 rows of the grid) keeps the test quick
        Filter sample = CqlParser.parse("id < 2500", "cql_filter");
        for (Caller caller : List.of(EXPERT, PUBLIC)) {
            List<Feature> all = new ArrayList<>();
            repository.forCaller(catalog, caller).stream(places, FeatureQuery.all(2154).withFilter(sample, "cql_filter"), all::add);
            assertThat(all).hasSize((int) expected(id -> id < 2500, caller));
            for (String cql : filters) {
                Filter filter = CqlParser.parse(cql, "cql_filter");
                Set<String> bySql = new TreeSet<>();
                repository.forCaller(catalog, caller).stream(places, FeatureQuery.all(2154)
                        .withFilter(new Filter.And(List.of(sample, filter)), "cql_filter"), f -> bySql.add(f.id()));
                Set<String> inMemory = all.stream().filter(f -> FilterEvaluator.matches(filter, f))
                        .map(Feature::id).collect(Collectors.toCollection(TreeSet::new));
                assertThat(inMemory).as("%s for %s", cql, caller.user()).isEqualTo(bySql);
            }
        }
    }

    private static OwsException failure(String cql, Caller caller) {
        try {
            count(cql, caller);
        } catch (OwsException e) {
            return e;
        }
        throw new AssertionError(cql + " should have failed");
    }
}
