package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.filter.Filter;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * What a service asks of a layer, already validated: a bounding box, the CRS of the answer, the properties
 * wanted, a filter, sorting and paging. The access policy is not part of it: the repository adds it for the caller.
 *
 * @param bbox the area of interest, or null for everywhere
 * @param bboxSrid the SRID the bbox is expressed in
 * @param outputSrid the SRID geometries are returned in
 * @param properties the attributes wanted, or null for all those the caller may see
 * @param sortBy sort keys, in order
 * @param limit the maximum number of features, or null for no limit
 * @param offset how many features to skip
 * @param filter a filter on the features, or null for none
 * @param filterLocator the request parameter the filter came from ("filter", "cql_filter"...), for error reports
 * @param simplification 0, or a distance in output SRID units below which vertices may be dropped (Douglas-Peucker
 *                       in PostGIS after the transform, keeping geometries that would collapse): a map asks for half
 *                       its pixel, so vertices nobody could see do not travel
 * @param sharedAreasOnce whether rows whose visible geometry is the same polygon, with the same values of the
 *                        selected properties, come as one feature (a map: drawing an area again adds nothing). An
 *                        access policy that shows a coarser geometry (a blurred area) makes many rows share one;
 *                        points and lines still come one per row. Such a feature carries the id of one of its rows;
 *                        features come in the order of their first row. Not with sorting or paging.
 * @param sharedAreaStyle with sharedAreasOnce, what the map's style needs to tell areas apart, so that the areas an
 *                        access policy keeps once ({@link fr.yseraa.observatory.core.access.SharedAreas}) can be read
 *                        instead of their rows; null when the style cannot say (then rows are grouped)
 * @param reprojectionTolerance 0, or a distance in output SRID units within which the reprojection of geometries from
 *                              the layer's CRS may be interpolated between points PostGIS transformed rather than done
 *                              by PostGIS for every vertex ({@link fr.yseraa.observatory.core.crs.ReprojectionGrid},
 *                              checked against PostGIS for the query's box): a map asks for an eighth of its pixel
 */
public record FeatureQuery(Envelope bbox, int bboxSrid, int outputSrid, List<String> properties,
                           List<SortKey> sortBy, Integer limit, long offset, Filter filter, String filterLocator,
                           double simplification, boolean sharedAreasOnce,
                           SharedAreaStyle sharedAreaStyle, double reprojectionTolerance) {

    /** A query without filter. */
    public FeatureQuery(Envelope bbox, int bboxSrid, int outputSrid, List<String> properties,
                        List<SortKey> sortBy, Integer limit, long offset) {
        this(bbox, bboxSrid, outputSrid, properties, sortBy, limit, offset, null, null, 0, false, null, 0);
    }

    public FeatureQuery {
        filterLocator = filter == null ? null : filterLocator == null ? "filter" : filterLocator;
        sortBy = sortBy == null ? List.of() : List.copyOf(sortBy);
        properties = properties == null ? null : List.copyOf(properties);
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (!(simplification >= 0) || Double.isInfinite(simplification)) {
            throw new IllegalArgumentException("simplification must be a finite, non-negative distance");
        }
        if (!(reprojectionTolerance >= 0) || Double.isInfinite(reprojectionTolerance)) {
            throw new IllegalArgumentException("a reprojection tolerance must be a finite, non-negative distance");
        }
        if (sharedAreasOnce && (!sortBy.isEmpty() || limit != null || offset > 0)) {
            throw new IllegalArgumentException("shared areas come once only in a query without sorting or paging");
        }
    }

    /** Every feature, all visible attributes, in the given SRID. */
    public static FeatureQuery all(int outputSrid) {
        return new FeatureQuery(null, outputSrid, outputSrid, null, List.of(), null, 0);
    }

    public FeatureQuery withBbox(Envelope box, int srid) {
        return new FeatureQuery(box, srid, outputSrid, properties, sortBy, limit, offset, filter, filterLocator,
                simplification, sharedAreasOnce, sharedAreaStyle, reprojectionTolerance);
    }

    /** This query with a filter (replacing any other) that came from the given request parameter. */
    public FeatureQuery withFilter(Filter newFilter, String locator) {
        return new FeatureQuery(bbox, bboxSrid, outputSrid, properties, sortBy, limit, offset, newFilter, locator,
                simplification, sharedAreasOnce, sharedAreaStyle, reprojectionTolerance);
    }

    public FeatureQuery withPage(Integer newLimit, long newOffset) {
        return new FeatureQuery(bbox, bboxSrid, outputSrid, properties, sortBy, newLimit, newOffset, filter,
                filterLocator, simplification, sharedAreasOnce, sharedAreaStyle, reprojectionTolerance);
    }

    /** This query with geometries simplified to a distance in output SRID units (0: as they are). */
    public FeatureQuery withSimplification(double distance) {
        return new FeatureQuery(bbox, bboxSrid, outputSrid, properties, sortBy, limit, offset, filter, filterLocator,
                distance, sharedAreasOnce, sharedAreaStyle, reprojectionTolerance);
    }

    /** This query delivering each polygon shared by rows of the same selected values once (see the record). */
    public FeatureQuery withSharedAreasOnce() {
        return new FeatureQuery(bbox, bboxSrid, outputSrid, properties, sortBy, limit, offset, filter, filterLocator,
                simplification, true, null, reprojectionTolerance);
    }

    /**
     * This query delivering each shared polygon once, and, where the access policy keeps the areas its rows share
     * once and the style tells them apart by the values their rows share, reading those areas instead of their rows.
     */
    public FeatureQuery withSharedAreasOnce(SharedAreaStyle style) {
        return new FeatureQuery(bbox, bboxSrid, outputSrid, properties, sortBy, limit, offset, filter, filterLocator,
                simplification, true, style, reprojectionTolerance);
    }

    /**
     * This query with its geometries' reprojection from the layer's CRS interpolated within a distance in output SRID
     * units where that is checked to hold (0: PostGIS reprojects every vertex).
     */
    public FeatureQuery withReprojectionTolerance(double distance) {
        return new FeatureQuery(bbox, bboxSrid, outputSrid, properties, sortBy, limit, offset, filter, filterLocator,
                simplification, sharedAreasOnce, sharedAreaStyle, distance);
    }

    /** One sort key: an attribute name and a direction. */
    public record SortKey(String property, boolean ascending) {
    }
}
