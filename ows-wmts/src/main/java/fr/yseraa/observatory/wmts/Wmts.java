package fr.yseraa.observatory.wmts;

import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.capabilities.TimeExtents;
import fr.yseraa.observatory.wms.map.MapRequestParser;
import fr.yseraa.observatory.wmts.cache.DiskTileStore;
import fr.yseraa.observatory.wmts.cache.TileCache;
import fr.yseraa.observatory.wmts.cache.TileFreshness;
import fr.yseraa.observatory.wmts.cache.TileInvalidator;
import fr.yseraa.observatory.wmts.cache.TileSeeder;
import fr.yseraa.observatory.wmts.capabilities.WmtsCapabilitiesWriter;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSets;
import fr.yseraa.observatory.wmts.tile.BlankTiles;
import fr.yseraa.observatory.wmts.tile.FeatureInfoOperation;
import fr.yseraa.observatory.wmts.tile.LayerLimits;
import fr.yseraa.observatory.wmts.tile.MetatileRenderer;
import fr.yseraa.observatory.wmts.tile.TileProvider;
import fr.yseraa.observatory.wmts.tile.TileResolver;
import fr.yseraa.observatory.wmts.tile.TileResponseWriter;
import fr.yseraa.observatory.wmts.vector.VectorTiles;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The WMTS assembled over a WMS: the service for the dispatcher, the vector tiles of every layer (through the same
 * cache), and the cache's controls (invalidation, seeding) for the admin API.
 */
public record Wmts(WmtsService service, VectorTiles vectorTiles, TileCache cache, TileInvalidator invalidator,
                   TileSeeder seeder, TileMatrixSets matrixSets) {

    /**
     * @param wmsService the WMS itself, which answers WMTS GetFeatureInfo
     * @param stylesDir the style files layers name, watched so that a changed style drops the layer's tiles
     * @param tileBase the root URL of the RESTful tiles for the server's root URL a request reached
     */
    public static Wmts create(WmsContext wms, OwsService wmsService, TileMatrixSets sets, WmtsSettings settings,
                              Path stylesDir, UnaryOperator<String> tileBase) {
        TimeExtents times = new TimeExtents(wms.features());
        MapRequestParser parser = new MapRequestParser(wms, times);
        LayerLimits limits = new LayerLimits(wms.envelopes());
        TileResolver resolver = new TileResolver(wms, sets, limits);
        BlankTiles blanks = new BlankTiles();
        TileCache cache = new TileCache(new DiskTileStore(settings.cacheDir()), settings.memoryBytes());
        MetatileRenderer metatiles = new MetatileRenderer(wms, parser, blanks, settings.metatile(), settings.gutter());
        TileProvider tiles = new TileProvider(resolver, metatiles, wms.features(), cache, blanks,
                new TileFreshness(cache, stylesDir));
        WmtsCapabilitiesWriter capabilities = new WmtsCapabilitiesWriter(wms.features(), wms.styles(), times,
                wms.envelopes(), sets, limits);
        WmtsService service = new WmtsService(wms.catalog(), capabilities, tiles,
                new TileResponseWriter(settings.maxAgeSeconds()), new FeatureInfoOperation(resolver, wmsService),
                tileBase);
        return new Wmts(service, new VectorTiles(tiles, wms.features(), tileBase), cache,
                new TileInvalidator(cache, sets, wms.envelopes(), settings.gutter()),
                new TileSeeder(wms.catalog(), wms.features(), sets, limits, wms.envelopes(), tiles,
                        settings.metatile()), sets);
    }

    /** Stops background seeding. */
    public void close() {
        seeder.close();
    }
}
