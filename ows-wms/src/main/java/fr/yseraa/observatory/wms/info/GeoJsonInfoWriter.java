package fr.yseraa.observatory.wms.info;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.geojson.GeoJsonGeometryWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A GeoJSON FeatureCollection. Coordinates are in the map's CRS, always in (x = easting or longitude, y) order: no
 * {@code crs} member for WGS 84 (GeoJSON's own), else one naming the CRS (as GeoServer does for WMS feature info),
 * by URN when that order is the CRS's official one, by {@code EPSG:n} (read as x, y) when it is not.
 */
final class GeoJsonInfoWriter implements FeatureInfoWriter {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public void write(List<LayerFeatures> found, CrsName crs, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            GeoJsonGeometryWriter geometries = new GeoJsonGeometryWriter(g);
            if (crs.srid() != 4326) {
                geometries.crsMember(crs.epsgAxisOrder().northFirst() ? crs.code() : CrsName.urn(crs.srid()).name());
            }
            g.writeArrayFieldStart("features");
            for (LayerFeatures lf : found) {
                for (Feature f : lf.features()) {
                    feature(g, geometries, lf, f);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void feature(JsonGenerator g, GeoJsonGeometryWriter geometries, LayerFeatures lf, Feature f)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("id", f.id());
        g.writeStringField("layer", lf.layer().qualifiedName());
        geometries.geometryMember(f.geometry());
        g.writeObjectFieldStart("properties");
        for (Map.Entry<String, Object> a : f.attributes().entrySet()) {
            g.writeFieldName(a.getKey());
            value(g, a.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else {
            g.writeString(Values.text(v));
        }
    }
}
