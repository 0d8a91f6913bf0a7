package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.StoredQueries;
import java.util.List;
import java.util.Set;

/** A call of a stored query: today the mandatory GetFeatureById. */
final class StoredQueryCall {

    private StoredQueryCall() {
    }

    static TypeQuery getFeatureById(FeatureTypes types, QueryBuilder builder, String storedQueryId, String id,
                                    String srsName) {
        if (!StoredQueries.GET_FEATURE_BY_ID.equals(storedQueryId.trim())) {
            throw OwsException.invalidParameter("storedQuery_Id", "Stored query " + storedQueryId + " is not defined");
        }
        if (id == null) {
            throw OwsException.missingParameter("id");
        }
        String checked = ResourceIds.isWellFormed(id) ? id.trim() : null;
        if (checked == null) {
            throw notFound(id);
        }
        LayerInfo layer = types.byFeatureIdPrefix(ResourceIds.layerOf(checked)).orElseThrow(() -> notFound(checked));
        return builder.build(layer, List.of(), srsName, null, List.of(), Set.of(checked));
    }

    static OwsException notFound(String id) {
        return new OwsException(OwsExceptionCode.NOT_FOUND, "id", "No feature has the id asked for");
    }
}
