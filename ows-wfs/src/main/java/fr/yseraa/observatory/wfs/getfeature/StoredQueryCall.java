package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.filter.ComparisonOperator;
import fr.yseraa.observatory.core.filter.Expression;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.SpatialOperator;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.StoredQueries;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;

/** A call of a stored query ({@link StoredQueries}): GetFeatureById or the occurrences of a taxon in a commune. */
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
        if (StoredQueries.GET_FEATURE_BY_ID.equals(storedQueryId.trim())) {
            return new GetFeatureRequest(version, List.of(query), null, 0, hits, format, !hits);
        }
        return new GetFeatureRequest(version, List.of(query), count, startIndex, hits, format, false);
    }

    /**
     * @param parameter the value of a stored query parameter by its name (upper case), or null when absent
     */
    static TypeQuery call(FeatureTypes types, QueryBuilder builder, String storedQueryId,
                          UnaryOperator<String> parameter, String srsName) {
        String id = storedQueryId.trim();
        if (StoredQueries.GET_FEATURE_BY_ID.equals(id)) {
            return getFeatureById(types, builder, parameter.apply("ID"), srsName);
        }
        if (StoredQueries.TAXON_IN_COMMUNE.equals(id)) {
            LayerInfo occurrences = StoredQueries.taxonInCommuneLayer(types).orElseThrow(() -> notDefined(id));
            return taxonInCommune(types, builder, occurrences, parameter, srsName);
        }
        throw notDefined(id);
    }

    private static TypeQuery getFeatureById(FeatureTypes types, QueryBuilder builder, String id, String srsName) {
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

    /**
     * The occurrences of a taxon whose geometry, as the caller sees it, lies within the commune: the condition is
     * evaluated by the repository on the visible geometry (the diffusion geometry for the public), never on the
     * exact location or the attachment code, so an occurrence blurred to the département or the 10 km cell is in
     * no commune's answer.
     */
    private static TypeQuery taxonInCommune(FeatureTypes types, QueryBuilder builder, LayerInfo occurrences,
                                            UnaryOperator<String> parameter, String srsName) {
        long taxon = taxon(parameter.apply(StoredQueries.TAXON_PARAMETER));
        String insee = parameter.apply(StoredQueries.COMMUNE_PARAMETER);
        if (insee == null || insee.isBlank()) {
            throw OwsException.missingParameter(StoredQueries.COMMUNE_PARAMETER);
        }
        Geometry commune = communeGeometry(types, insee.trim(), occurrences.srid());
        Filter filter = Filter.and(List.of(
                new Filter.Comparison(ComparisonOperator.EQUAL, new Expression.Property("cd_ref"),
                        new Expression.Literal(taxon), true),
                new Filter.Spatial(SpatialOperator.WITHIN, new Expression.Property(occurrences.geometryColumn()),
                        new Expression.GeometryLiteral(commune, occurrences.srid()))));
        return builder.build(occurrences, null, srsName, null, List.of(), null).withFilter(filter, LOCATOR);
    }

    private static long taxon(String value) {
        if (value == null || value.isBlank()) {
            throw OwsException.missingParameter(StoredQueries.TAXON_PARAMETER);
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw OwsException.invalidParameter(StoredQueries.TAXON_PARAMETER,
                    StoredQueries.TAXON_PARAMETER + " must be a TAXREF code (an integer), not " + value);
        }
    }

    /** The geometry of the commune in the given SRID, read through the repository like any feature. */
    private static Geometry communeGeometry(FeatureTypes types, String insee, int srid) {
        LayerInfo communes = types.catalog().layer(StoredQueries.COMMUNES).orElseThrow();
        FeatureQuery query = new FeatureQuery(null, srid, srid, List.of(), List.of(), 1, 0).withFilter(
                new Filter.Comparison(ComparisonOperator.EQUAL, new Expression.Property("insee"),
                        new Expression.Literal(insee), true), StoredQueries.COMMUNE_PARAMETER);
        List<Geometry> found = new ArrayList<>();
        types.features().stream(communes, query, f -> found.add(f.geometry()));
        if (found.isEmpty() || found.get(0) == null) {
            throw OwsException.invalidParameter(StoredQueries.COMMUNE_PARAMETER, "No commune has the INSEE code "
                    + insee);
        }
        return found.get(0);
    }

    private static OwsException notDefined(String id) {
        return OwsException.invalidParameter(LOCATOR, "Stored query " + id + " is not defined");
    }

    static OwsException notFound(String id) {
        return new OwsException(OwsExceptionCode.NOT_FOUND, "id", "No feature has the id asked for");
    }
}
