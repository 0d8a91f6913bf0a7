package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.StoredQueries;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.storedquery.StoredQuery;
import fr.yseraa.observatory.wfs.storedquery.StoredQueryExpression;
import fr.yseraa.observatory.wfs.storedquery.StoredQueryParameters;
import java.util.List;
import java.util.function.UnaryOperator;

/** A call of a stored query ({@link StoredQueries}): GetFeatureById or one a plug-in offers. */
final class StoredQueryCall {

    private static final String LOCATOR = "storedQuery_Id";

    private StoredQueryCall() {
    }

    /**
     * The request running a stored query's query: GetFeatureById answers the bare feature (unless hits are asked
     * for), other stored queries a collection, paged like any GetFeature.
     */
    static GetFeatureRequest request(WfsVersion version, TypeQuery query, String storedQueryId, Integer count,
                                     long startIndex, boolean hits, OutputFormat format) {
        if (GetFeatureById.ID.equals(storedQueryId.trim())) {
            return new GetFeatureRequest(version, List.of(query), null, 0, hits, format, !hits);
        }
        return new GetFeatureRequest(version, List.of(query), count, startIndex, hits, format, false);
    }

    /**
     * @param parameter the value of a stored query parameter by its name, or null when absent
     */
    static TypeQuery call(FeatureTypes types, StoredQueries storedQueries, QueryBuilder builder, String storedQueryId,
                          UnaryOperator<String> parameter, String srsName) {
        String id = storedQueryId.trim();
        StoredQuery query = storedQueries.find(id, types).orElseThrow(() -> OwsException.invalidParameter(LOCATOR,
                "Stored query " + id + " is not defined"));
        StoredQueryExpression expression = query.bind(new StoredQueryParameters(parameter), types);
        return builder.build(expression.type(), null, srsName, null, List.of(), null)
                .withFilter(expression.filter(), LOCATOR);
    }
}
