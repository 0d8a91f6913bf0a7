package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.server.tiles.TileEndpoint;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * WMTS and vector tiles: the PNG tile over the exact place at zoom 18 (TIME set to the target's date, so that it is
 * alone), WMTS GetFeatureInfo on the exact pixel, and vector tiles at zoom 20 through WMTS and the OGC API path,
 * decoded.
 */
class TileLeakTest extends LeakTestBase {

    @Autowired
    TileEndpoint tileEndpoint;

    static final double ORIGIN = 20037508.342789244;
    /** The clipping buffer of vector tiles, in tile units (FeatureRepository.TILE_BUFFER). */
    static final int MVT_BUFFER = 64;

    /** Row, column and the pixel of the exact place in the WebMercatorQuad tile of zoom z containing it. */
    static long[] tile(Target t, int z) {
        double span = 2 * ORIGIN / (1L << z);
        long col = (long) Math.floor((t.mx() + ORIGIN) / span);
        long row = (long) Math.floor((ORIGIN - t.my()) / span);
        long px = (long) ((t.mx() + ORIGIN - col * span) / span * 256);
        long py = (long) ((ORIGIN - t.my() - row * span) / span * 256);
        return new long[] {row, col, px, py};
    }

    static String wmts(String request, Target t, int z, String format) {
        long[] rc = tile(t, z);
        return "/wmts?SERVICE=WMTS&VERSION=1.0.0&REQUEST=" + request + "&LAYER=sinp:occurrences&STYLE=&FORMAT="
                + enc(format) + "&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=" + z + "&TILEROW=" + rc[0] + "&TILECOL="
                + rc[1] + "&TIME=" + t.date();
    }

    /** KVP GetTile on the main port, then the RESTful tile twice on the tile endpoint (the second from memory). */
    @TestFactory
    Stream<DynamicTest> pngTilesAtDeepZoom() {
        return perCallerAndTarget("WMTS PNG tile", (who, t) -> {
            int z = 18;
            long[] rc = tile(t, z);
            String rest = "/wmts/1.0.0/sinp:occurrences/default/WebMercatorQuad/" + z + "/" + rc[0] + "/" + rc[1]
                    + ".png?time=" + t.date();
            List<HttpResponse<byte[]>> answers = List.of(get(who, wmts("GetTile", t, z, "image/png")),
                    getOnPort(tileEndpoint.port(), who, rest), getOnPort(tileEndpoint.port(), who, rest));
            for (HttpResponse<byte[]> r : answers) {
                String what = "WMTS tile z" + z + " " + r.uri();
                assertThat(r.statusCode()).as(what + ": " + text(r)).isIn(200, 204);
                if (r.statusCode() == 204) {
                    assertThat(check.view(who, t)).as("an empty tile for " + who + ", " + t)
                            .isEqualTo(LeakAssertions.View.HIDDEN);
                    continue;
                }
                check.pixels(who, t, ImageIO.read(new ByteArrayInputStream(r.body())), (int) rc[2], (int) rc[3], what);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> featureInfoOnTheExactPixel() {
        return perCallerAndTarget("WMTS GetFeatureInfo", (who, t) -> {
            int z = 18;
            long[] rc = tile(t, z);
            for (String format : WmsLeakTest.INFO_FORMATS) {
                HttpResponse<byte[]> r = get(who, wmts("GetFeatureInfo", t, z, "image/png") + "&INFOFORMAT="
                        + enc(format) + "&I=" + rc[2] + "&J=" + rc[3]);
                String what = "WMTS GetFeatureInfo " + format;
                assertThat(r.statusCode()).as(what + ": " + text(r)).isEqualTo(200);
                check.text(who, t, text(r), what);
                if (format.equals("application/json")) {
                    check.coordinates(who, t, check.toLambert(3857,
                            Coordinates.geoJson(new ObjectMapper().readTree(r.body()))), what);
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> vectorTilesAtZoom20() {
        return perCallerAndTarget("vector tile z20", (who, t) -> {
            int z = 20;
            long[] rc = tile(t, z);
            String mvt = "application/vnd.mapbox-vector-tile";
            for (String path : List.of("/ogcapi/collections/sinp:occurrences/tiles/WebMercatorQuad/" + z + "/" + rc[0] + "/"
                    + rc[1], wmts("GetTile", t, z, mvt))) {
                HttpResponse<byte[]> r = get(who, path);
                assertThat(r.statusCode()).as(path + ": " + text(r)).isIn(200, 204);
                List<MvtDecoder.MvtFeature> features = MvtDecoder.decode(r.body(), z, rc[1], rc[0], MVT_BUFFER);
                List<MvtDecoder.MvtFeature> target = features.stream()
                        .filter(f -> t.uuid().equals(f.attributes().get("id_sinp_occtax"))).toList();
                String what = "vector tile " + path;
                List<double[]> inside = new ArrayList<>();
                for (MvtDecoder.MvtFeature f : target) {
                    for (int i = 0; i < f.vertices().size(); i++) {
                        if (!f.onFrame().get(i)) {
                            inside.add(f.vertices().get(i)); // the clipping frame is the tile's, not the occurrence's
                        }
                    }
                    assertThat(f.attributes().get("id_sinp_occtax")).as(what).isEqualTo(t.uuid());
                    assertThat(f.attributes().containsKey("observateur")).as(what + ": observer for " + who + ", " + t)
                            .isEqualTo(check.seesObserver(who, t));
                }
                switch (check.view(who, t)) {
                    case EXACT -> check.coordinates(who, t, check.toLambert(3857, inside), what);
                    case BLURRED -> {
                        assertThat(target).as(what + ": the blurred polygon covers the tile, for " + who + ", " + t)
                                .singleElement().satisfies(f -> assertThat(f.type()).isEqualTo(3));
                        assertThat(check.toLambert(3857, inside)).allSatisfy(p -> assertThat(
                                Math.hypot(p[0] - t.x(), p[1] - t.y())).isGreaterThan(t.margin() - 1));
                    }
                    default -> assertThat(target).as(what + ": nothing for " + who + ", " + t).isEmpty();
                }
                if (who == Who.ANONYMOUS) {
                    assertThat(features).as(what + ": no observer in the public's tile")
                            .noneSatisfy(f -> assertThat(f.attributes()).containsKey("observateur"));
                }
            }
        });
    }
}
