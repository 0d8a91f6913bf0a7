package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.csw.CswService;
import fr.yseraa.observatory.csw.record.LayerLink;
import fr.yseraa.observatory.csw.record.MetadataRecord;
import fr.yseraa.observatory.csw.record.MetadataRecords;
import fr.yseraa.observatory.csw.record.ServiceEndpoint;
import fr.yseraa.observatory.wms.capabilities.TimeExtents;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs the CSW 2.0.2 catalogue into the dispatcher ({@code /csw}): the records of the layers and of the services
 * below, each layer's record linking to them and to its vector tiles' TileJSON; time extents computed as the WMS
 * computes them.
 */
@Configuration
public class CswConfiguration {

    static final List<ServiceEndpoint> SERVICES = List.of(
            new ServiceEndpoint("WMS", "OGC:WMS", "/wms?SERVICE=WMS&REQUEST=GetCapabilities", "view", "1.3.0",
                    "infoMapAccessService", List.of("GetCapabilities", "GetMap")),
            new ServiceEndpoint("WMTS", "OGC:WMTS", "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities", "view", "1.0.0",
                    "infoMapAccessService", List.of("GetCapabilities", "GetTile")),
            new ServiceEndpoint("WFS", "OGC:WFS", "/wfs?SERVICE=WFS&REQUEST=GetCapabilities", "download", "2.0.0",
                    "infoFeatureAccessService", List.of("GetCapabilities", "GetFeature")));

    static final List<LayerLink> LAYER_LINKS = List.of(
            new LayerLink("OGC API - Features", "/ogcapi/collections/{layer}/items", "Objets en GeoJSON"),
            new LayerLink("OGC API - Tiles", "/ogcapi/collections/{layer}/tiles/WebMercatorQuad/tilejson", "TileJSON"));

    @Bean
    MetadataRecords metadataRecords(CatalogService catalogs, FeatureRepository features) {
        TimeExtents times = new TimeExtents(features);
        return new MetadataRecords(catalogs::catalog, features, (catalog, layer, caller) -> times.of(catalog, layer,
                caller).map(t -> new MetadataRecord.TimeRange(t.first(), t.last())), SERVICES, LAYER_LINKS);
    }

    @Bean
    OwsService cswService(CatalogService catalogs, MetadataRecords records) {
        return new CswService(catalogs::catalog, records);
    }
}
