package fr.yseraa.observatory.core.write;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * The values a write gives a feature: a new feature's properties, or the properties an update changes.
 *
 * @param locator how the request names this feature in an exception report (the action's handle, the feature's
 *     gml:id, or its place in the request)
 * @param values property name → value as text; a null value sets the property null (an update) or leaves it
 *     unset (a new feature)
 * @param geometry the geometry, its SRID the CRS it is in (0: the layer's), or null
 * @param geometryGiven whether the write gives the geometry (an update leaves it alone otherwise)
 */
public record FeatureValues(String locator, Map<String, String> values, Geometry geometry, boolean geometryGiven) {

    public FeatureValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
