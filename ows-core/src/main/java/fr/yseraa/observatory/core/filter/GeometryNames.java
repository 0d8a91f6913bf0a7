package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.Expression.Property;
import java.util.Set;

/** Which property names designate a layer's geometry: its column's name and the generic names clients use. */
final class GeometryNames {

    private static final Set<String> GENERIC = Set.of("geometry", "the_geom", "geom", "msGeometry", "shape");

    private GeometryNames() {
    }

    /** Whether the property (null: the default geometry) is the layer's geometry. */
    static boolean isGeometry(Property property, String geometryColumn) {
        return property == null || property.name().equals(geometryColumn) || GENERIC.contains(property.name());
    }

    static boolean isGeometry(Property property, LayerInfo layer) {
        return isGeometry(property, layer.geometryColumn());
    }
}
