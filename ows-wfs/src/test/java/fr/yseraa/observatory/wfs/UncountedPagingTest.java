package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static fr.yseraa.observatory.wfs.XmlAssertions.assertValidWithFeatureSchemas;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.filter.CqlParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * numberMatched within a time budget: past it, a page says "unknown" and pages on by its next link, counting only
 * itself, until the last page shows the total. Here the budget is zero (never counted), or 1 ms for the repository.
 */
class UncountedPagingTest {

    static WfsHarness wfs;
    static long visible;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
        visible = wfs.queryLong(WfsFixture.PUBLIC_SIGHTINGS);
    }

    @Test
    void uncountedPagesFollowEachOtherToTheLastOneWhichTellsTheTotal() throws Exception {
        int pageSize = WfsHarness.MAX_FEATURES;
        long start = visible - 2 * pageSize - pageSize / 2; // the last two and a half pages
        Set<String> seen = new HashSet<>();
        String next = null;
        for (int i = 0; i < 3; i++) {
            WfsHarness.Answer a = next == null
                    ? wfs.kvpUncounted(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                            "typeNames", "survey:sightings", "outputFormat", "application/json",
                            "propertyName", "species", "count", Integer.toString(pageSize),
                            "startIndex", Long.toString(start))
                    : wfs.kvpUncounted(PUBLIC, GetFeatureTest.queryPairs(next));
            JsonNode page = GetFeatureTest.json(a);
            page.path("features").forEach(f -> assertThat(seen.add(f.path("id").asText())).as("duplicate").isTrue());
            boolean last = i == 2;
            assertThat(page.path("numberReturned").asLong()).isEqualTo(last ? pageSize / 2 : pageSize);
            assertThat(page.has("numberMatched")).as("page " + i + " knows the total").isEqualTo(last);
            next = null;
            for (JsonNode link : page.path("links")) {
                if (link.path("rel").asText().equals("next")) {
                    next = link.path("href").asText();
                }
            }
            assertThat(next != null).as("page " + i + " links to a next one").isEqualTo(!last);
            if (last) {
                assertThat(page.path("numberMatched").asLong()).isEqualTo(visible);
            }
        }
        assertThat(seen).hasSize(2 * pageSize + pageSize / 2);
    }

    @Test
    void gml32SaysUnknownAndStaysValid() throws Exception {
        WfsHarness.Answer a = wfs.kvpUncounted(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "survey:sightings", "count", "10", "startIndex", "20");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertValidWithFeatureSchemas(wfs, a);
        Element root = XmlAssertions.parse(a.body()).getDocumentElement();
        assertThat(root.getAttribute("numberMatched")).isEqualTo("unknown");
        assertThat(root.getAttribute("numberReturned")).isEqualTo("10");
        assertThat(root.getAttribute("next")).contains("STARTINDEX=30");
        assertThat(root.getAttribute("previous")).contains("STARTINDEX=10");
        WfsHarness.Answer values = wfs.kvpUncounted(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "GetPropertyValue", "typeNames", "survey:sightings", "valueReference", "species",
                "count", "10");
        assertThat(XmlAssertions.parse(values.body()).getDocumentElement().getAttribute("numberMatched"))
                .isEqualTo("unknown");
    }

    @Test
    void hitsAreAlwaysCounted() throws Exception {
        WfsHarness.Answer hits = wfs.kvpUncounted(PUBLIC, "service", "WFS", "version", "2.0.0", "request",
                "GetFeature", "typeNames", "survey:sightings", "resultType", "hits");
        assertThat(XmlAssertions.parse(hits.body()).getDocumentElement().getAttribute("numberMatched"))
                .isEqualTo(Long.toString(visible));
    }

    @Test
    void aCountPastItsBudgetIsCancelledAndAnswersNothing() {
        LayerInfo sightings = wfs.catalog.layer("survey:sightings").orElseThrow();
        FeatureQuery query = FeatureQuery.all(2154).withFilter(
                CqlParser.parse("species LIKE '%a%'", "CQL_FILTER"), "CQL_FILTER");
        CallerFeatures features = wfs.repository.forCaller(wfs.catalog, PUBLIC);
        long matching = features.count(sightings, query);
        assertThat(matching).isPositive();
        assertThat(features.countWithin(sightings, query, Duration.ofMillis(1))).isEmpty();
        assertThat(features.countWithin(sightings, query, Duration.ofMinutes(1))).hasValue(matching);
        assertThat(features.countUpTo(sightings, query, matching - 3, 10)).isEqualTo(3);
        assertThat(features.countUpTo(sightings, query, 0, 10)).isEqualTo(10);
    }

    @Test
    void aCountThatRanOutOfItsBudgetIsNotRunAgainWithinAsMuchForAWhile() {
        AtomicInteger connections = new AtomicInteger();
        DataSource counted = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(wfs.dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        LayerInfo sightings = wfs.catalog.layer("survey:sightings").orElseThrow();
        FeatureQuery query = FeatureQuery.all(2154).withFilter(
                CqlParser.parse("species LIKE '%e%'", "CQL_FILTER"), "CQL_FILTER");
        CallerFeatures features = new FeatureRepository(counted, 120).forCaller(wfs.catalog, PUBLIC);

        assertThat(features.countWithin(sightings, query, Duration.ofMillis(1))).isEmpty();
        int afterFirst = connections.get();
        assertThat(afterFirst).isPositive();
        assertThat(features.countWithin(sightings, query, Duration.ofMillis(1))).isEmpty();
        assertThat(connections.get()).as("the same hopeless count is not sent again").isEqualTo(afterFirst);
        assertThat(features.countWithin(sightings, query, Duration.ofMinutes(1))).as("a longer budget counts")
                .hasValue(features.count(sightings, query));
    }
}
