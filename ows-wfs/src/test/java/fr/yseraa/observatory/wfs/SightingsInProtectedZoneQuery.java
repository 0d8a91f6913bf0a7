package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.ComparisonOperator;
import fr.yseraa.observatory.core.filter.Expression;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.SpatialOperator;
import fr.yseraa.observatory.core.ows.OwsException;
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
 * A stored query plug-in for the tests: the sightings of a species within a protected zone, offered to callers who
 * may read both the sightings and the protected zones (instructors), its texts in a message bundle.
 */
final class SightingsInProtectedZoneQuery implements StoredQuery {

    static final String ID = "urn:x-test:def:query:SightingsInProtectedZone";
    private static final ResourceBundle TEXTS = ResourceBundle.getBundle(
            SightingsInProtectedZoneQuery.class.getName(), Locale.ROOT);

    @Override
    public String id() {
        return ID;
    }

    private static Optional<LayerInfo> sightings(FeatureTypes types) {
        List<LayerInfo> readable = types.readable();
        boolean zones = readable.stream().anyMatch(l -> l.qualifiedName().equals("survey:protected_zones"));
        return zones ? readable.stream().filter(l -> l.qualifiedName().equals("survey:sightings")).findFirst()
                : Optional.empty();
    }

    @Override
    public Optional<StoredQueryDescription> describe(FeatureTypes types) {
        return sightings(types).map(s -> StoredQueryDescription.of(ID, TEXTS,
                List.of(Map.entry("SPECIES", "xs:string"), Map.entry("ZONE", "xs:integer")), List.of(s)));
    }

    @Override
    public StoredQueryExpression bind(StoredQueryParameters parameters, FeatureTypes types) {
        LayerInfo sightings = sightings(types).orElseThrow();
        String species = parameters.required("SPECIES");
        String code = parameters.required("ZONE");
        if (!code.matches("\\d+")) {
            throw OwsException.invalidParameter("ZONE", "ZONE must be a zone code (an integer), not " + code);
        }
        LayerInfo zones = types.catalog().layer("survey:protected_zones").orElseThrow();
        Geometry zone = types.geometryWhere(zones, "code", code, sightings.srid(), "ZONE").orElseThrow(
                () -> OwsException.invalidParameter("ZONE", "No protected zone has the code " + code));
        return new StoredQueryExpression(sightings, Filter.and(List.of(
                new Filter.Comparison(ComparisonOperator.EQUAL, new Expression.Property("species"),
                        new Expression.Literal(species), true),
                new Filter.Spatial(SpatialOperator.WITHIN, new Expression.Property(sightings.geometryColumn()),
                        new Expression.GeometryLiteral(zone, sightings.srid())))));
    }
}
