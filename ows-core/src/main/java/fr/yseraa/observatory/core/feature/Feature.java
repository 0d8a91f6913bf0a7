package fr.yseraa.observatory.core.feature;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature as a caller may see it.
 *
 * @param id the stable feature id: {@code layer.key}
 * @param attributes visible attributes in catalog order (values may be null)
 * @param geometry the geometry the caller may see, in the query's output CRS; null when the caller sees none
 */
public record Feature(String id, Map<String, Object> attributes, Geometry geometry) {
}
