package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.ogcapi.OgcApiFeatures;
import fr.yseraa.observatory.ogcapi.OgcApiSettings;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OGC API - Features at {@code /ogcapi} ({@link OgcApiController}): pages of {@code obs.ogcapi.default-limit}
 * features unless the client asks, at most {@code obs.ogcapi.max-limit}; {@code numberMatched} counted within
 * {@code obs.count-budget-ms}, as the WFS does.
 */
@Configuration
public class OgcApiConfiguration {

    @Bean
    OgcApiFeatures ogcApiFeatures(CatalogService catalogs, FeatureRepository features,
                                  @Value("${obs.ogcapi.default-limit:100}") int defaultLimit,
                                  @Value("${obs.ogcapi.max-limit:10000}") int maxLimit,
                                  @Value("${obs.count-budget-ms}") long countBudgetMillis) {
        return new OgcApiFeatures(catalogs::catalog, features,
                new OgcApiSettings(defaultLimit, maxLimit, Duration.ofMillis(countBudgetMillis)));
    }
}
