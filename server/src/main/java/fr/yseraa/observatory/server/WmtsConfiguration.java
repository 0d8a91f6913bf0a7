package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.server.tiles.TileEndpoint;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wmts.Wmts;
import fr.yseraa.observatory.wmts.WmtsSettings;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSetLoader;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs the WMTS into the dispatcher, over the WMS (same renderer, styles and feature access), with its tile matrix
 * sets from {@code data-dir/tilematrixsets} (checked at start), its cache settings from {@code obs.wmts.*}, and the
 * RESTful tiles' URLs on the tile endpoint ({@code obs.tiles.*}).
 */
@Configuration
public class WmtsConfiguration {

    @Bean
    WmtsSettings wmtsSettings(@Value("${obs.wmts.metatile:4}") int metatile,
                              @Value("${obs.wmts.gutter:64}") int gutter,
                              @Value("${obs.wmts.cache-dir:.local/tiles}") Path cacheDir,
                              @Value("${obs.wmts.memory-mb:128}") long memoryMb,
                              @Value("${obs.wmts.max-age-seconds:300}") int maxAge) {
        return new WmtsSettings(metatile, gutter, cacheDir, memoryMb * 1024 * 1024, maxAge);
    }

    @Bean
    Wmts wmts(WmsContext wmsContext, @Qualifier("wmsService") OwsService wmsService, ObservatoryProperties properties,
              WmtsSettings settings, TileEndpoint tileEndpoint) {
        return Wmts.create(wmsContext, wmsService, TileMatrixSetLoader.load(properties.dataDir()), settings,
                properties.stylesDir(), tileEndpoint::baseFor);
    }

    @Bean
    OwsService wmtsService(Wmts wmts) {
        return wmts.service();
    }
}
