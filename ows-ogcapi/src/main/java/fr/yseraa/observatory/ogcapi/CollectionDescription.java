package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/** The description of one collection (a layer as the caller sees it): OGC API Features {@code collection}. */
final class CollectionDescription {

    private CollectionDescription() {
    }

    static Map<String, Object> of(LayerInfo layer, CallerFeatures features, Links links, Format format,
                                  ApiLinks more) {
        String path = Links.collectionPath(layer.qualifiedName());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", layer.qualifiedName());
        c.put("title", layer.title());
        if (layer.abstractText() != null) {
            c.put("description", layer.abstractText());
        }
        List<Map<String, Object>> l = new ArrayList<>(links.selfAndAlternate(path, Links.JSON, format,
                layer.title()));
        l.add(Links.link(links.url(path + "/items?f=json"), "items", Links.GEOJSON, "Objets (GeoJSON)"));
        l.add(Links.link(links.url(path + "/items?f=html"), "items", Links.HTML, "Objets (HTML)"));
        l.add(Links.link(links.url(path + "/queryables"),
                "http://www.opengis.net/def/rel/ogc/1.0/queryables", Links.SCHEMA, "Propriétés interrogeables"));
        l.addAll(more.collection(layer, links.url(path)));
        c.put("links", l);
        Envelope e = features.wgs84Extent(layer);
        if (e != null && !e.isNull()) {
            c.put("extent", Map.of("spatial", Map.of("bbox",
                    List.of(List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())), "crs", OfferedCrs.CRS84)));
        }
        c.put("itemType", "feature");
        c.put("crs", OfferedCrs.of(layer));
        c.put("storageCrs", OfferedCrs.uri(layer.srid()));
        return c;
    }
}
