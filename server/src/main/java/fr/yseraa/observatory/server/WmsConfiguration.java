package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsService;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.style.StyleRepository;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Plugs the WMS into the dispatcher, with its limits from {@code obs.wms.*}. */
@Configuration
public class WmsConfiguration {

    @Bean
    WmsSettings wmsSettings(@Value("${obs.wms.max-width:4096}") int maxWidth,
                            @Value("${obs.wms.max-height:4096}") int maxHeight,
                            @Value("${obs.wms.max-features-per-layer:200000}") int maxFeatures,
                            @Value("${obs.wms.feature-info-tolerance:4}") int tolerance,
                            @Value("${obs.wms.max-feature-count:50}") int maxFeatureCount) {
        return new WmsSettings(maxWidth, maxHeight, maxFeatures, tolerance, maxFeatureCount);
    }

    @Bean
    WmsContext wmsContext(CatalogService catalogs, FeatureRepository features, DataSource dataSource,
                          ObservatoryProperties properties, WmsSettings settings) {
        return new WmsContext(catalogs::catalog, features, new StyleRepository(properties.stylesDir()),
                new EnvelopeTransformer(dataSource), settings);
    }

    /** The WMS, whose renderer, styles and feature access the WMTS shares (see {@link WmtsConfiguration}). */
    @Bean
    OwsService wmsService(WmsContext context) {
        return new WmsService(context);
    }
}
