package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.Expression.Property;
import java.util.Optional;
import java.util.Set;

/**
 * The properties every GML feature inherits from {@code gml:AbstractFeatureType} ({@code gml:name},
 * {@code gml:description}...). A filter names them with the GML namespace; the parser keeps them apart from the
 * layer's own properties of the same local name as {@code gml:}<i>name</i>.
 */
final class GmlProperties {

    static final String PREFIX = "gml:";
    private static final Set<String> GML_NAMESPACES = Set.of("http://www.opengis.net/gml/3.2", "http://www.opengis.net/gml");
    private static final Set<String> STANDARD = Set.of("name", "description", "descriptionReference", "identifier",
            "metaDataProperty", "boundedBy", "location");

    private GmlProperties() {
    }

    /** The property a value reference names: {@code gml:}<i>name</i> for a standard GML property, else the name. */
    static Property of(String namespace, String localName) {
        return namespace != null && GML_NAMESPACES.contains(namespace) && STANDARD.contains(localName)
                ? new Property(PREFIX + localName) : new Property(localName);
    }

    static boolean isStandard(Property p) {
        return p.name().startsWith(PREFIX);
    }

    /** The column of the layer holding a standard GML property ({@code gml:name}...), if the layer maps it. */
    static Optional<String> column(Property p, LayerInfo layer) {
        return isStandard(p) ? layer.gmlColumns().column(p.name().substring(PREFIX.length())) : Optional.empty();
    }
}
