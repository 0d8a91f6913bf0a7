package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import fr.yseraa.observatory.wms.WmsVersion;
import fr.yseraa.observatory.wms.map.CappedFeatureSource;
import fr.yseraa.observatory.wms.map.MapRequest;
import fr.yseraa.observatory.wms.map.MapRequestParser;
import fr.yseraa.observatory.wms.render.MapRenderer;
import fr.yseraa.observatory.wmts.cache.CachedTile;
import fr.yseraa.observatory.wmts.cache.TileKey;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a metatile — up to N × N tiles and a gutter of pixels around them — as one WMS GetMap (same parser, same
 * renderer, same feature access, so one query per layer), then cuts it into tiles. Symbols and labels that cross a
 * tile edge inside the metatile are drawn once, whole, on both sides; the gutter keeps those near its own edge.
 */
public final class MetatileRenderer {

    /** Where a metatile lies: its first tile and its size in tiles (smaller at the matrix's right and bottom). */
    public record Metatile(long row, long col, long rows, long cols) {
    }

    private final WmsContext wms;
    private final MapRequestParser parser;
    private final MapRenderer renderer = new MapRenderer();
    private final BlankTiles blanks;
    private final int size;
    private final int gutter;

    public MetatileRenderer(WmsContext wms, MapRequestParser parser, BlankTiles blanks, int size, int gutter) {
        this.wms = wms;
        this.parser = parser;
        this.blanks = blanks;
        this.size = size;
        this.gutter = gutter;
    }

    public Metatile metatileOf(TileMatrix m, long row, long col) {
        long r0 = Math.floorDiv(row, size) * size;
        long c0 = Math.floorDiv(col, size) * size;
        return new Metatile(r0, c0, Math.min(size, m.matrixHeight() - r0), Math.min(size, m.matrixWidth() - c0));
    }

    /** Every tile of the metatile holding {@code tile}, encoded, blank ones marked. */
    public Map<TileKey, CachedTile> render(ResolvedTile tile) {
        TileMatrix m = tile.matrix();
        Metatile meta = metatileOf(m, tile.row(), tile.col());
        BufferedImage image = draw(tile, meta);
        Instant now = Instant.now();
        Map<TileKey, CachedTile> tiles = new LinkedHashMap<>();
        for (int r = 0; r < meta.rows(); r++) {
            for (int c = 0; c < meta.cols(); c++) {
                BufferedImage part = image.getSubimage(gutter + c * m.tileWidth(), gutter + r * m.tileHeight(),
                        m.tileWidth(), m.tileHeight());
                boolean blank = BlankTiles.isBlank(part);
                byte[] bytes = blank ? blanks.bytes(tile.format(), m.tileWidth(), m.tileHeight())
                        : BlankTiles.encode(part, tile.format());
                tiles.put(tile.key().at(meta.row() + r, meta.col() + c), CachedTile.of(bytes, now, blank));
            }
        }
        return tiles;
    }

    /** The metatile with its gutter, transparent where nothing is drawn. */
    BufferedImage draw(ResolvedTile tile, Metatile meta) {
        TileMatrix m = tile.matrix();
        var area = m.envelope(meta.row(), meta.col(), meta.rows(), meta.cols());
        area.expandBy(gutter * m.cellSize());
        int width = (int) meta.cols() * m.tileWidth() + 2 * gutter;
        int height = (int) meta.rows() * m.tileHeight() + 2 * gutter;
        CrsName crs = tile.matrixSet().mapCrs();
        double[] bbox = WmsVersion.V1_3_0.axisOrder(crs).corners(area);
        Map<String, String> kvp = new LinkedHashMap<>();
        kvp.put("LAYERS", tile.layer().qualifiedName());
        kvp.put("STYLES", tile.style());
        kvp.put("CRS", crs.code());
        kvp.put("BBOX", String.format(Locale.ROOT, "%.10f,%.10f,%.10f,%.10f", bbox[0], bbox[1], bbox[2], bbox[3]));
        kvp.put("WIDTH", Integer.toString(width));
        kvp.put("HEIGHT", Integer.toString(height));
        if (tile.time() != null) {
            kvp.put("TIME", tile.time());
        }
        try {
            MapRequest map = parser.parse(new OwsRequest("WMS", "GetMap", "1.3.0", KvpParameters.of(kvp), null,
                    tile.caller(), null), WmsVersion.V1_3_0);
            return renderer.render(map.viewport(), map.layers(), null, new CappedFeatureSource(map, wms, tile.caller()));
        } catch (OwsException e) {
            throw WmsExceptionCode.isWms(e) ? TileErrors.of(e) : e;
        }
    }
}
