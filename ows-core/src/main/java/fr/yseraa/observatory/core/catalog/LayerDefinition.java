package fr.yseraa.observatory.core.catalog;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * A layer as declared in the data directory, before it is checked against the database.
 *
 * @param source the table or view, schema-qualified ({@code territory.commune})
 * @param idColumn the column giving stable feature ids; null to use the table's primary key
 * @param orderColumn a unique column giving features the stable order pages follow, read but never published (a
 *     serial key whose numbers would tell how many rows a caller does not see); null to order by the id column
 * @param bbox the extent in the layer's native CRS, or null to compute it from the data
 * @param policy the name of the access policy that governs the layer, or null for open data
 * @param timeColumn the date column that gives the layer a time dimension, or null
 * @param metadata what the layer's metadata record says beyond what the catalog computes (its {@code metadata:}
 *     section)
 * @param gmlColumns the columns holding the standard GML properties (its {@code gml:} section; none when absent)
 * @param locations where each declared key is written, for error messages
 */
public record LayerDefinition(
        String workspace,
        String name,
        String title,
        String abstractText,
        List<String> keywords,
        String source,
        String geometryColumn,
        String idColumn,
        String orderColumn,
        List<String> crs,
        String style,
        Attribution attribution,
        String metadataUrl,
        Envelope bbox,
        String policy,
        String timeColumn,
        ResourceMetadata metadata,
        GmlColumns gmlColumns,
        Map<String, SourceLocation> locations) {

    public String qualifiedName() {
        return workspace + ":" + name;
    }

    /** Where a key of the definition is written (the file's start when the key is absent). */
    public SourceLocation location(String key) {
        return locations.getOrDefault(key, locations.get(""));
    }
}
