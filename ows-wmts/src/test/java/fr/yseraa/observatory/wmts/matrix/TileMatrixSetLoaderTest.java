package fr.yseraa.observatory.wmts.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

class TileMatrixSetLoaderTest {

    static final Path DATA_DIR = Path.of(System.getProperty("obs.project.root", "..")).resolve("data-dir");

    final TileMatrixSets sets = TileMatrixSetLoader.load(DATA_DIR);

    @Test
    void webMercatorQuadIsTheOgcDefinition() {
        TileMatrixSet set = sets.get("WebMercatorQuad").orElseThrow();
        assertThat(set.crsUri()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
        assertThat(set.matrices()).hasSize(21);
        TileMatrix z0 = set.matrix("0").orElseThrow();
        assertThat(z0.cellSize()).isCloseTo(156543.03392804097, org.assertj.core.data.Offset.offset(1e-6));
        // the cell size follows from the scale denominator (OGC 17-083r2, 6.1), to a micrometre of the world's edge
        Envelope world = z0.extent();
        for (double edge : new double[] {world.getMaxX(), world.getMaxY(), -world.getMinX(), -world.getMinY()}) {
            assertThat(edge).isCloseTo(20037508.3427892, org.assertj.core.data.Offset.offset(1e-6));
        }
        TileMatrix z20 = set.matrix("20").orElseThrow();
        assertThat(z20.matrixWidth()).isEqualTo(1L << 20);
        assertThat(z20.scaleDenominator()).isCloseTo(533.182395962446, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void worldCrs84QuadHasTwoTilesAtLevelZero() {
        TileMatrix z0 = sets.get("WorldCRS84Quad").orElseThrow().matrix("0").orElseThrow();
        assertThat(z0.matrixWidth()).isEqualTo(2);
        assertThat(z0.matrixHeight()).isEqualTo(1);
        assertThat(z0.cellSize()).isCloseTo(0.703125, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void lambert93QuadCoversTheAreaOfUseOnWholeMetres() {
        TileMatrixSet set = sets.get("Lambert93Quad").orElseThrow();
        assertThat(set.srid()).isEqualTo(2154);
        TileMatrix z0 = set.matrices().get(0);
        assertThat(z0.cellSize()).isCloseTo(4096, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(z0.extent().contains(new Envelope(99217, 1242417, 6049646, 7110480))).isTrue();
        TileMatrix last = set.matrices().get(set.matrices().size() - 1);
        assertThat(last.cellSize()).isCloseTo(0.125, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(set.matrix("12").orElseThrow().tileSpanX()).isEqualTo(256.0);
    }

    @Test
    void rangesClampToTheMatrix() {
        TileMatrix z1 = sets.get("WebMercatorQuad").orElseThrow().matrix("1").orElseThrow();
        assertThat(z1.range(new Envelope(1, 2, 1, 2))).isEqualTo(new TileRange(0, 0, 1, 1));
        assertThat(z1.range(new Envelope(-3e7, 3e7, -3e7, 3e7))).isEqualTo(new TileRange(0, 1, 0, 1));
        assertThat(z1.range(new Envelope(3e7, 4e7, 3e7, 4e7))).isNull();
    }

    @Test
    void everyProblemOfAFileIsReportedWithTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("tilematrixsets"));
        Files.writeString(dir.resolve("tilematrixsets/bad.yaml"), "id: Bad\nsrid: nope\ntopLeft: [1]\ncolour: red\n");
        assertThatThrownBy(() -> TileMatrixSetLoader.load(dir)).hasMessageContaining("bad.yaml")
                .hasMessageContaining("'srid' must be a number").hasMessageContaining("'topLeft' must be a list of 2")
                .hasMessageContaining("unknown key 'colour'").hasMessageContaining("missing required key 'crs'");
    }

    @Test
    void theMapCrsMustNameTheSetsSrid(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("tilematrixsets"));
        Files.writeString(dir.resolve("tilematrixsets/WebMercatorQuad.yaml"),
                Files.readString(DATA_DIR.resolve("tilematrixsets/WebMercatorQuad.yaml"))
                        .replace("mapCrs: EPSG:3857", "mapCrs: EPSG:2154"));
        assertThatThrownBy(() -> TileMatrixSetLoader.load(dir)).hasMessageContaining("WebMercatorQuad.yaml")
                .hasMessageContaining("mapCrs 'EPSG:2154' must name the CRS of srid 3857");
    }
}
