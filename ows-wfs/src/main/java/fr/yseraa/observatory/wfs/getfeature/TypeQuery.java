package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.wfs.Crs;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * One query of a GetFeature request on one feature type, validated against what the caller may see.
 *
 * @param attributes the attributes wanted, or null for all the caller may see
 * @param withGeometry whether the geometry property is wanted
 * @param crs the output CRS and axis order
 * @param bbox the area of interest in x/y order, or null
 * @param bboxSrid the SRID of the bbox
 * @param resourceIds the feature ids wanted ({@code layer.key}), or null for no id restriction
 */
public record TypeQuery(LayerInfo layer, List<String> attributes, boolean withGeometry, Crs crs, Envelope bbox,
                        int bboxSrid, List<FeatureQuery.SortKey> sortBy, Set<String> resourceIds) {

    public TypeQuery {
        attributes = attributes == null ? null : List.copyOf(attributes);
        sortBy = List.copyOf(sortBy);
        resourceIds = resourceIds == null ? null : Set.copyOf(resourceIds);
    }

    /** The repository query, without paging. */
    public FeatureQuery featureQuery() {
        FeatureQuery q = new FeatureQuery(null, crs.srid(), crs.srid(), attributes, sortBy, null, 0);
        return bbox == null ? q : q.withBbox(bbox, bboxSrid);
    }
}
