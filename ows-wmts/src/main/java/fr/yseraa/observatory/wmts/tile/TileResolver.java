package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.OpenAccessPolicy;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.map.TimeSelection;
import fr.yseraa.observatory.wms.style.LayerStyles;
import fr.yseraa.observatory.wmts.cache.TileKey;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSet;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSets;
import fr.yseraa.observatory.wmts.matrix.TileRange;

/**
 * Checks a tile request against the catalog, the caller's rights, the tile matrix sets and the layer's limits.
 * A layer the caller may not read is reported exactly as one that does not exist (InvalidParameterValue on
 * {@code layer}, as WMTS 1.0.0 has no LayerNotDefined); a tile outside the matrix or the layer's limits is
 * TileOutOfRange on {@code tileRow} or {@code tileCol}. It also says whether the tile is the public's (shareable by
 * proxies) and whether the answer depends on the caller.
 */
public final class TileResolver {

    public static final String DEFAULT_STYLE = "default";

    private final WmsContext wms;
    private final TileMatrixSets sets;
    private final LayerLimits limits;

    public TileResolver(WmsContext wms, TileMatrixSets sets, LayerLimits limits) {
        this.wms = wms;
        this.sets = sets;
        this.limits = limits;
    }

    public LayerLimits limits() {
        return limits;
    }

    /** The catalog requests are resolved against now (a new one after every reload or change of the data). */
    public Catalog catalog() {
        return wms.catalog().get();
    }

    public ResolvedTile resolve(TileRequest r, Caller caller) {
        Catalog catalog = catalog();
        LayerInfo layer = catalog.layer(r.layer()).orElse(null);
        LayerAccess access = layer == null ? null : wms.features().forCaller(catalog, caller).access(layer);
        if (access == null || !access.readable()) {
            throw TileErrors.invalid("layer", "Layer " + r.layer() + " is not served");
        }
        String style = style(layer, r.style());
        TileMatrixSet set = sets.get(r.matrixSet()).orElseThrow(() -> TileErrors.invalid("tileMatrixSet",
                "Tile matrix set " + r.matrixSet() + " is not served"));
        if (r.format() == TileFormat.MVT && set.srid() != 3857) {
            throw TileErrors.invalid("format", "Vector tiles are served on WebMercatorQuad only");
        }
        TileMatrix matrix = set.matrix(r.matrix()).orElseThrow(() -> TileErrors.invalid("tileMatrix",
                "Tile matrix " + r.matrix() + " is not in " + set.id()));
        long row = number(r.row(), "tileRow");
        long col = number(r.col(), "tileCol");
        TileRange range = limits.range(catalog, layer, set, matrix);
        if (row < 0 || row >= matrix.matrixHeight() || range == null || row < range.minRow() || row > range.maxRow()) {
            throw TileErrors.outOfRange("tileRow", "TileRow " + row + " is outside the layer's tiles in matrix "
                    + matrix.id() + (range == null ? "" : " (" + range.minRow() + " to " + range.maxRow() + ")"));
        }
        if (col < 0 || col >= matrix.matrixWidth() || col < range.minCol() || col > range.maxCol()) {
            throw TileErrors.outOfRange("tileCol", "TileCol " + col + " is outside the layer's tiles in matrix "
                    + matrix.id() + " (" + range.minCol() + " to " + range.maxCol() + ")");
        }
        String time = r.time();
        if (time != null) {
            if (layer.definition().timeColumn() == null) {
                throw TileErrors.invalid("time", "Layer " + layer.qualifiedName() + " has no time dimension");
            }
            try {
                TimeSelection.parse(time);
            } catch (RuntimeException e) {
                throw TileErrors.invalid("time", "TIME " + time + " is not an ISO 8601 instant, period or list");
            }
        }
        TileKey key = new TileKey(layer.qualifiedName(), style, time == null ? "default" : time, access.accessLevel(),
                r.format().extension(), set.id(), matrix.id(), row, col);
        LayerAccess publicView = caller.isAnonymous() ? access
                : wms.features().forCaller(catalog, Caller.anonymous()).access(layer);
        boolean shared = publicView.readable() && publicView.accessLevel().equals(access.accessLevel());
        boolean openData = publicView.readable() && OpenAccessPolicy.NAME.equals(catalog.policy(layer).name());
        return new ResolvedTile(catalog, caller, layer, style, r.format(), set, matrix, row, col, time, key, shared,
                !shared || !openData);
    }

    private String style(LayerInfo layer, String requested) {
        LayerStyles styles = wms.styles().stylesOf(layer);
        if (requested == null || requested.isBlank() || requested.equals(DEFAULT_STYLE)
                || requested.equals(styles.defaultName())) {
            return styles.defaultName();
        }
        if (styles.find(requested).isEmpty()) {
            throw TileErrors.invalid("style", "Style " + requested + " is not defined for layer " + layer.qualifiedName());
        }
        return requested;
    }

    private static long number(String text, String locator) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw TileErrors.invalid(locator, locator + " " + text + " is not a whole number");
        }
    }
}
