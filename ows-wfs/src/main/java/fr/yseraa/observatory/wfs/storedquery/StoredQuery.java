package fr.yseraa.observatory.wfs.storedquery;

import fr.yseraa.observatory.wfs.FeatureTypes;
import java.util.Optional;

/**
 * A stored query the WFS offers (WFS 2.0, 7.9.3): a plug-in discovered at start (Java {@code ServiceLoader} or a
 * Spring bean), as WPS processes are. It describes itself for the caller (ListStoredQueries, DescribeStoredQueries)
 * and turns the parameter values of a call into the query expression the engine runs, paged and encoded like any
 * GetFeature query.
 */
public interface StoredQuery {

    /** The identifier clients call it by (a URI). */
    String id();

    /**
     * Its description for the caller whose readable types are given, or empty when the caller may not run it: it is
     * then not defined for that caller (not listed, unknown to DescribeStoredQueries and GetFeature).
     */
    Optional<StoredQueryDescription> describe(FeatureTypes types);

    /**
     * The query expression a call runs, read through the caller's view of the data. Called only when
     * {@link #describe} gives a description for the caller. An absent parameter is reported by
     * {@link StoredQueryParameters#required}, a bad value by throwing
     * {@link fr.yseraa.observatory.core.ows.OwsException#invalidParameter} naming the parameter.
     */
    StoredQueryExpression bind(StoredQueryParameters parameters, FeatureTypes types);
}
