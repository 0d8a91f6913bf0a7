package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.ogcapi.ApiLinks;
import fr.yseraa.observatory.ogcapi.OgcApiFeatures;
import fr.yseraa.observatory.ogcapi.OgcApiSettings;
import fr.yseraa.observatory.ogcapi.processes.ProcessesApiLinks;
import fr.yseraa.observatory.server.tiles.TileEndpoint;
import fr.yseraa.observatory.wmts.Wmts;
import fr.yseraa.observatory.wmts.ogcapi.OgcApiTiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OGC API - Features at {@code /ogcapi} ({@link OgcApiController}) and the tiles documents of OGC API - Tiles
 * ({@code OgcApiTilesController}), linked from the landing page and collections, with the processes and jobs of
 * OGC API - Processes ({@code ProcessesConfiguration}) in the landing page, conformance and OpenAPI definition: pages of {@code obs.ogcapi.default-limit}
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
                new OgcApiSettings(defaultLimit, maxLimit, Duration.ofMillis(countBudgetMillis)),
                ApiLinks.all(List.of(new TilesLinks(), new ProcessesApiLinks())));
    }

    @Bean
    OgcApiTiles ogcApiTiles(Wmts wmts, FeatureRepository features, TileEndpoint tileEndpoint) {
        return new OgcApiTiles(wmts.matrixSets(), features, tileEndpoint::baseFor);
    }

    /**
     * The landing page and collections link to the tiles of OGC API - Tiles ({@code OgcApiTilesController}), whose
     * conformance classes the API declares.
     */
    private static final class TilesLinks implements ApiLinks {
        @Override
        public List<Map<String, Object>> landing(String apiBase) {
            return List.of(ApiLinks.link(apiBase + "/tileMatrixSets", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes",
                    "application/json", "Grilles de tuiles"));
        }

        @Override
        public List<String> conformance() {
            return OgcApiTiles.CONFORMANCE;
        }

        @Override
        public List<Map<String, Object>> collection(LayerInfo layer, String collectionUrl) {
            return List.of(
                    ApiLinks.link(collectionUrl + "/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
                            "application/json", "Tuiles vectorielles"),
                    ApiLinks.link(collectionUrl + "/map/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map",
                            "application/json", "Tuiles de carte"));
        }
    }
}
