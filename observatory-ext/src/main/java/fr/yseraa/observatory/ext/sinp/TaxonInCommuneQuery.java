package fr.yseraa.observatory.ext.sinp;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.ComparisonOperator;
import fr.yseraa.observatory.core.filter.Expression;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.SpatialOperator;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.storedquery.StoredQuery;
import fr.yseraa.observatory.wfs.storedquery.StoredQueryDescription;
import fr.yseraa.observatory.wfs.storedquery.StoredQueryExpression;
import fr.yseraa.observatory.wfs.storedquery.StoredQueryParameters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.locationtech.jts.geom.Geometry;

/**
 * The WFS stored query of the occurrences of a taxon in a commune, offered to callers who may read both the
 * occurrences and the communes. The condition is evaluated by the repository on the geometry the caller sees (the
 * diffusion geometry for the public), never on the exact location or the attachment code, so an occurrence blurred
 * to the département or the 10 km cell is in no commune's answer.
 */
public final class TaxonInCommuneQuery implements StoredQuery {

    public static final String ID = "urn:x-yseraa:def:query:TaxonOccurrencesInCommune";
    /** The layers it reads. */
    static final String OCCURRENCES = "sinp:occurrences";
    static final String COMMUNES = "obs:communes";
    static final String TAXON = "CD_REF";
    static final String COMMUNE = "INSEE";
    private static final ResourceBundle TEXTS = ResourceBundle.getBundle(TaxonInCommuneQuery.class.getName(),
            Locale.ROOT);

    @Override
    public String id() {
        return ID;
    }

    /** The occurrences layer when the caller may read both the occurrences and the communes. */
    private static Optional<LayerInfo> occurrences(FeatureTypes types) {
        List<LayerInfo> readable = types.readable();
        boolean communes = readable.stream().anyMatch(l -> l.qualifiedName().equals(COMMUNES));
        return communes ? readable.stream().filter(l -> l.qualifiedName().equals(OCCURRENCES)).findFirst()
                : Optional.empty();
    }

    @Override
    public Optional<StoredQueryDescription> describe(FeatureTypes types) {
        return occurrences(types).map(o -> StoredQueryDescription.of(ID, TEXTS,
                List.of(Map.entry(TAXON, "xs:integer"), Map.entry(COMMUNE, "xs:string")), List.of(o)));
    }

    @Override
    public StoredQueryExpression bind(StoredQueryParameters parameters, FeatureTypes types) {
        LayerInfo occurrences = occurrences(types).orElseThrow();
        long taxon = taxon(parameters.required(TAXON));
        Geometry commune = communeGeometry(types, parameters.required(COMMUNE), occurrences.srid());
        return new StoredQueryExpression(occurrences, Filter.and(List.of(
                new Filter.Comparison(ComparisonOperator.EQUAL, new Expression.Property("cd_ref"),
                        new Expression.Literal(taxon), true),
                new Filter.Spatial(SpatialOperator.WITHIN, new Expression.Property(occurrences.geometryColumn()),
                        new Expression.GeometryLiteral(commune, occurrences.srid())))));
    }

    private static long taxon(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw OwsException.invalidParameter(TAXON, TAXON + " must be a TAXREF code (an integer), not " + value);
        }
    }

    /** The geometry of the commune in the given SRID, as the caller sees it. */
    private static Geometry communeGeometry(FeatureTypes types, String insee, int srid) {
        LayerInfo communes = types.catalog().layer(COMMUNES).orElseThrow();
        return types.geometryWhere(communes, "insee", insee, srid, COMMUNE).orElseThrow(
                () -> OwsException.invalidParameter(COMMUNE, "No commune has the INSEE code " + insee));
    }
}
