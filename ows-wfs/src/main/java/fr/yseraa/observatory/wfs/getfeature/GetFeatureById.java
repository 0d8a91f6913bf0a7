package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.storedquery.StoredQuery;
import fr.yseraa.observatory.wfs.storedquery.StoredQueryDescription;
import fr.yseraa.observatory.wfs.storedquery.StoredQueryExpression;
import fr.yseraa.observatory.wfs.storedquery.StoredQueryParameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The stored query every WFS 2.0 offers: the feature of a given id ({@code layer.key}), of any type the caller may
 * read. Its answer is the bare feature ({@link StoredQueryCall}); an id of no feature the caller sees is NotFound.
 */
public final class GetFeatureById implements StoredQuery {

    public static final String ID = "urn:ogc:def:query:OGC-WFS::GetFeatureById";
    private static final ResourceBundle TEXTS = ResourceBundle.getBundle(GetFeatureById.class.getName(),
            java.util.Locale.ROOT);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<StoredQueryDescription> describe(FeatureTypes types) {
        return Optional.of(StoredQueryDescription.of(ID, TEXTS, List.of(Map.entry("ID", "xs:string")),
                types.readable()));
    }

    @Override
    public StoredQueryExpression bind(StoredQueryParameters parameters, FeatureTypes types) {
        String id = parameters.get("ID").orElseThrow(() -> OwsException.missingParameter("id"));
        String checked = ResourceIds.isWellFormed(id) ? id.trim() : null;
        if (checked == null) {
            throw notFound();
        }
        LayerInfo layer = types.byFeatureIdPrefix(ResourceIds.layerOf(checked)).orElseThrow(GetFeatureById::notFound);
        return new StoredQueryExpression(layer, new Filter.ResourceId(List.of(checked)));
    }

    static OwsException notFound() {
        return new OwsException(OwsExceptionCode.NOT_FOUND, "id", "No feature has the id asked for");
    }
}
