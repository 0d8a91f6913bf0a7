package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.filter.Filter;
import java.util.ArrayList;
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
 * @param filter the filter (FILTER, CQL_FILTER, fes:Filter), or null
 * @param filterLocator the request parameter the filter came from
 */
public record TypeQuery(LayerInfo layer, List<String> attributes, boolean withGeometry, CrsName crs, Envelope bbox,
                        int bboxSrid, List<FeatureQuery.SortKey> sortBy, Set<String> resourceIds, Filter filter,
                        String filterLocator) {

    public TypeQuery {
        attributes = attributes == null ? null : List.copyOf(attributes);
        sortBy = List.copyOf(sortBy);
        resourceIds = resourceIds == null ? null : Set.copyOf(resourceIds);
    }

    /** This query, keeping only the features the filter matches. */
    public TypeQuery withFilter(Filter newFilter, String locator) {
        return new TypeQuery(layer, attributes, withGeometry, crs, bbox, bboxSrid, sortBy, resourceIds, newFilter, locator);
    }

    /** This query selecting the same features in the same order, but none of their attributes (their ids only). */
    public TypeQuery idsOnly() {
        return new TypeQuery(layer, List.of(), withGeometry, crs, bbox, bboxSrid, sortBy, resourceIds, filter, filterLocator);
    }

    /** The repository query, without paging: bbox, ids and filter all compiled to SQL by the repository. */
    public FeatureQuery featureQuery() {
        FeatureQuery q = new FeatureQuery(null, crs.srid(), crs.srid(), attributes, sortBy, null, 0);
        if (bbox != null) {
            q = q.withBbox(bbox, bboxSrid);
        }
        List<Filter> conditions = new ArrayList<>();
        if (resourceIds != null) {
            conditions.add(resourceIds.isEmpty() ? new Filter.Exclude() : new Filter.ResourceId(List.copyOf(resourceIds)));
        }
        if (filter != null) {
            conditions.add(filter);
        }
        if (conditions.isEmpty()) {
            return q;
        }
        String locator = filter != null ? filterLocator : "resourceId";
        return q.withFilter(conditions.size() == 1 ? conditions.get(0) : Filter.and(conditions), locator);
    }
}
