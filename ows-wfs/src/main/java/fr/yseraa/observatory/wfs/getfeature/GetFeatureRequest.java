package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.util.List;

/**
 * A parsed GetFeature request.
 *
 * @param count the most features wanted, or null for the server's maximum
 * @param hits whether only the number of matching features is wanted (RESULTTYPE=hits)
 * @param singleFeature whether the answer is the one feature itself (the GetFeatureById stored query)
 */
public record GetFeatureRequest(WfsVersion version, List<TypeQuery> queries, Integer count, long startIndex,
                                boolean hits, OutputFormat format, boolean singleFeature) {

    public GetFeatureRequest {
        queries = List.copyOf(queries);
    }
}
