package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.wfs.WfsService;
import fr.yseraa.observatory.wfs.WfsSettings;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs WFS 2.0.0 / 1.1.0 into the dispatcher. {@code obs.wfs.max-features} caps the features of one GetFeature
 * (advertised as CountDefault); clients page for the rest. {@code obs.count-budget-ms} bounds the time spent
 * counting numberMatched for a page (then "unknown"; 0 never counts).
 */
@Configuration
public class WfsConfiguration {

    @Bean
    OwsService wfsService(CatalogService catalogs, FeatureRepository features,
                          @Value("${obs.wfs.max-features:50000}") int maxFeatures,
                          @Value("${obs.count-budget-ms}") long countBudgetMillis) {
        return new WfsService(catalogs::catalog, features,
                new WfsSettings(maxFeatures, Duration.ofMillis(countBudgetMillis)));
    }
}
