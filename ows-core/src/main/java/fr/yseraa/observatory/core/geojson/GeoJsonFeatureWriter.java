package fr.yseraa.observatory.core.geojson;

import com.fasterxml.jackson.core.JsonGenerator;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.ValueFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes features as GeoJSON (RFC 7946) Feature objects to a Jackson generator: the id, the geometry (x before y)
 * and the attributes, numbers and booleans as JSON numbers and booleans, other values as their text
 * ({@link ValueFormat}). The caller closes the object, so that it may add members of its own (links, crs).
 */
public final class GeoJsonFeatureWriter {

    private final JsonGenerator json;
    private final GeoJsonGeometryWriter geometries;

    public GeoJsonFeatureWriter(JsonGenerator json) {
        this.json = json;
        this.geometries = new GeoJsonGeometryWriter(json);
    }

    public GeoJsonGeometryWriter geometries() {
        return geometries;
    }

    /**
     * Opens a Feature object and writes its members; the caller writes any member of its own, then
     * {@code writeEndObject()}.
     *
     * @param id the id to write (the service decides its form)
     * @param withGeometry false to write a null geometry
     */
    public void start(Feature feature, String id, boolean withGeometry) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeStringField("id", id);
        geometries.geometryMember(withGeometry ? feature.geometry() : null);
        json.writeObjectFieldStart("properties");
        for (Map.Entry<String, Object> a : feature.attributes().entrySet()) {
            value(a.getKey(), a.getValue());
        }
        json.writeEndObject();
    }

    private void value(String name, Object v) throws IOException {
        if (v == null) {
            json.writeNullField(name);
        } else if (v instanceof BigDecimal d) {
            json.writeNumberField(name, d);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            json.writeNumberField(name, ((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                json.writeNumberField(name, d);
            } else {
                json.writeNullField(name);
            }
        } else if (v instanceof Boolean b) {
            json.writeBooleanField(name, b);
        } else {
            json.writeStringField(name, ValueFormat.text(v));
        }
    }
}
