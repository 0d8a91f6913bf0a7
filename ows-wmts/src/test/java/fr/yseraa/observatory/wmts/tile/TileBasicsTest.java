package fr.yseraa.observatory.wmts.tile;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import fr.yseraa.observatory.wmts.cache.CachedTile;
import java.awt.image.BufferedImage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TileBasicsTest {

    @Test
    void aTileIsBlankOnlyWhenNothingIsDrawn() {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
        assertThat(BlankTiles.isBlank(image)).isTrue();
        image.setRGB(255, 255, new Color(0, 0, 0, 1).getRGB());
        assertThat(BlankTiles.isBlank(image)).isFalse();
    }

    @Test
    void theBlankTileOfAFormatIsEncodedOnce() {
        BlankTiles blanks = new BlankTiles();
        assertThat(blanks.bytes(TileFormat.PNG, 256, 256)).isSameAs(blanks.bytes(TileFormat.PNG, 256, 256));
        assertThat(blanks.bytes(TileFormat.JPEG, 256, 256)).isNotEqualTo(blanks.bytes(TileFormat.PNG, 256, 256));
        assertThat(blanks.bytes(TileFormat.MVT, 256, 256)).isEmpty();
    }

    @Test
    void ifNoneMatchTakesListsWeakTagsAndTheWildcard() {
        assertThat(TileResponseWriter.matches("\"a\"", "\"a\"")).isTrue();
        assertThat(TileResponseWriter.matches("\"b\", W/\"a\"", "\"a\"")).isTrue();
        assertThat(TileResponseWriter.matches("*", "\"a\"")).isTrue();
        assertThat(TileResponseWriter.matches("\"b\"", "\"a\"")).isFalse();
    }

    @Test
    void ifNoneMatchDecidesBeforeIfModifiedSince() {
        Instant rendered = Instant.parse("2026-03-01T10:00:00.700Z");
        ResolvedTile request = new ResolvedTile(null, null, null, "s", TileFormat.PNG, null, null, 0, 0, null, null,
                true, false);
        TileProvider.Tile tile = new TileProvider.Tile(request, CachedTile.of(new byte[] {1}, rendered, false), true);
        TileResponseWriter writer = new TileResponseWriter(60);
        String etag = tile.content().etag();
        String sameSecond = "Sun, 1 Mar 2026 10:00:00 GMT";
        String before = "Sun, 1 Mar 2026 09:59:59 GMT";
        assertThat(writer.notModified(tile, new TileResponseWriter.Conditions(null, sameSecond))).isTrue();
        assertThat(writer.notModified(tile, new TileResponseWriter.Conditions(null, before))).isFalse();
        assertThat(writer.notModified(tile, new TileResponseWriter.Conditions(null, "yesterday"))).isFalse();
        assertThat(writer.notModified(tile, new TileResponseWriter.Conditions("\"other\"", sameSecond)))
                .as("a failing If-None-Match is not overridden by If-Modified-Since").isFalse();
        assertThat(writer.notModified(tile, new TileResponseWriter.Conditions(etag, before))).isTrue();
        assertThat(writer.notModified(tile, TileResponseWriter.Conditions.NONE)).isFalse();
        assertThat(writer.headers(tile)).containsEntry("Cache-Control", "public, max-age=60")
                .containsEntry("Last-Modified", "Sun, 1 Mar 2026 10:00:00 GMT").containsEntry("X-Tile-Cache", "HIT")
                .doesNotContainKey("Vary");
    }

    @Test
    void formatsByMimeTypeAndExtension() {
        assertThat(TileFormat.ofMimeType("image/PNG")).contains(TileFormat.PNG);
        assertThat(TileFormat.ofExtension("jpg")).contains(TileFormat.JPEG);
        assertThat(TileFormat.ofExtension("mvt")).contains(TileFormat.MVT);
        assertThat(TileFormat.ofMimeType("image/gif")).isEmpty();
    }
}
