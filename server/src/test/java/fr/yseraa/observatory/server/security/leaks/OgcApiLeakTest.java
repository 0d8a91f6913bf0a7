package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * OGC API - Features: the item by id, the items filtered on the target's id in CQL2 text and CQL2 JSON, the items
 * equal to its id, and an items page around its exact point (bbox in Lambert-93), for every caller and target, in
 * Lambert-93 coordinates.
 */
class OgcApiLeakTest extends LeakTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ITEMS = "/ogcapi/collections/sinp:occurrences/items";
    private static final String L93 = "http://www.opengis.net/def/crs/EPSG/0/2154";

    /** A page's features (its links only repeat the request, which names the target). */
    private void checkPage(Who who, Target t, HttpResponse<byte[]> r, String what) throws Exception {
        assertThat(r.statusCode()).as(what + ": " + text(r)).isEqualTo(200);
        JsonNode page = JSON.readTree(text(r));
        JsonNode features = page.has("features") ? page.get("features") : ((ObjectNode) page).without("links");
        check.text(who, t, features.toString(), what);
        check.coordinates(who, t, Coordinates.geoJson(features), what);
    }

    @TestFactory
    Stream<DynamicTest> itemsAndFilters() {
        return perCallerAndTarget("OGC API items", (who, t) -> {
            HttpResponse<byte[]> item = get(who, ITEMS + "/" + t.uuid() + "?crs=" + enc(L93));
            if (check.view(who, t) == LeakAssertions.View.HIDDEN) {
                assertThat(item.statusCode()).as("item " + text(item)).isEqualTo(404);
                check.text(who, t, text(item), "OGC API item");
            } else {
                checkPage(who, t, item, "OGC API item");
            }
            checkPage(who, t, get(who, ITEMS + "?crs=" + enc(L93) + "&filter=" + enc("id_sinp_occtax = '" + t.uuid()
                    + "'")), "OGC API CQL2 text filter");
            checkPage(who, t, get(who, ITEMS + "?crs=" + enc(L93) + "&filter-lang=cql2-json&filter=" + enc(
                    "{\"op\":\"=\",\"args\":[{\"property\":\"id_sinp_occtax\"},\"" + t.uuid() + "\"]}")),
                    "OGC API CQL2 JSON filter");
            checkPage(who, t, get(who, ITEMS + "?id_sinp_occtax=" + t.uuid() + "&crs=" + enc(L93)),
                    "OGC API property filter");
            // a 2 m box around the exact point meets the blurred geometry as well (the bbox applies to what the
            // caller sees): the occurrence is there unless hidden
            String box = (t.x() - 1) + "," + (t.y() - 1) + "," + (t.x() + 1) + "," + (t.y() + 1);
            HttpResponse<byte[]> near = get(who, ITEMS + "?limit=500&crs=" + enc(L93) + "&bbox-crs=" + enc(L93)
                    + "&bbox=" + box);
            assertThat(near.statusCode()).isEqualTo(200);
            assertThat(text(near).contains(t.uuid())).as("bbox around the exact point for " + who + ", " + t)
                    .isEqualTo(check.view(who, t) != LeakAssertions.View.HIDDEN);
        });
    }

    /**
     * {@code sortby} and {@code properties} on a property the public may not see (the observer) answer the public as
     * for a property that does not exist, and give nothing of its values; an instructor, who sees it, sorts on it
     * and selects it.
     */
    @org.junit.jupiter.api.Test
    void aPropertyHiddenFromTheCallerCannotBeSortedOnOrSelected() throws Exception {
        for (String parameter : java.util.List.of("sortby", "properties")) {
            for (String value : java.util.List.of("observateur", "-observateur", "cd_nom,observateur")) {
                HttpResponse<byte[]> hidden = get(Who.ANONYMOUS, ITEMS + "?" + parameter + "=" + enc(value));
                HttpResponse<byte[]> missing = get(Who.ANONYMOUS, ITEMS + "?" + parameter + "="
                        + enc(value.replace("observateur", "no_such_property")));
                assertThat(hidden.statusCode()).as(text(hidden)).isEqualTo(400);
                assertThat(text(hidden).replace("observateur", "P"))
                        .isEqualTo(text(missing).replace("no_such_property", "P"));
            }
            HttpResponse<byte[]> seen = get(Who.INSTRUCTOR, ITEMS + "?limit=20&" + parameter + "=observateur");
            assertThat(seen.statusCode()).as(text(seen)).isEqualTo(200);
        }
        JsonNode selected = JSON.readTree(text(get(Who.INSTRUCTOR, ITEMS + "?limit=20&properties=observateur")));
        selected.get("features").forEach(f -> assertThat(f.get("properties").fieldNames()).toIterable()
                .containsExactly("observateur"));
        JsonNode publicPage = JSON.readTree(text(get(Who.ANONYMOUS, ITEMS + "?limit=200&sortby=-cd_nom")));
        publicPage.get("features").forEach(f -> assertThat(f.get("properties").has("observateur")).isFalse());
    }
}
