package fr.yseraa.observatory.wmts.tile;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
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
        assertThat(TileResponseWriter.matches(null, "\"a\"")).isFalse();
    }

    @Test
    void formatsByMimeTypeAndExtension() {
        assertThat(TileFormat.ofMimeType("image/PNG")).contains(TileFormat.PNG);
        assertThat(TileFormat.ofExtension("jpg")).contains(TileFormat.JPEG);
        assertThat(TileFormat.ofExtension("mvt")).contains(TileFormat.MVT);
        assertThat(TileFormat.ofMimeType("image/gif")).isEmpty();
    }
}
