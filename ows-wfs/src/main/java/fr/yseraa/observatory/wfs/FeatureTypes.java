package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.filter.ComparisonOperator;
import fr.yseraa.observatory.core.filter.Expression;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.ows.OwsException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;

/**
 * The feature types one caller may read: layers the caller may not read answer as if they did not exist.
 */
public final class FeatureTypes {

    private final CallerFeatures features;

    public FeatureTypes(CallerFeatures features) {
        this.features = features;
    }

    public Catalog catalog() {
        return features.catalog();
    }

    /** The data as the caller sees it. */
    public CallerFeatures features() {
        return features;
    }

    public Caller caller() {
        return features.caller();
    }

    /**
     * Fails with InvalidParameterValue on {@code locator} when one request names more feature types than the
     * service's limit ({@code limits: typeNamesPerQuery} of service.yaml).
     */
    public void checkTypeCount(int count, String locator) {
        int limit = catalog().service().limits().typeNamesPerQuery();
        if (count > limit) {
            throw OwsException.invalidParameter(locator, "The request names " + count + " feature types; at most "
                    + limit + " in one request");
        }
    }

    /** Every layer the caller may read, in catalog order. */
    public List<LayerInfo> readable() {
        return features.layers();
    }

    /**
     * The layer a type name names: {@code prefix:name} (the prefix is the workspace, or a prefix the request binds
     * to a workspace's namespace URI) or a bare name when unambiguous.
     *
     * @param namespaceOfPrefix the namespace URI the request binds a prefix to, or null when it binds none
     */
    public LayerInfo resolve(String typeName, UnaryOperator<String> namespaceOfPrefix, String locator) {
        String name = typeName.trim();
        Optional<LayerInfo> layer;
        int colon = name.indexOf(':');
        if (colon > 0) {
            String prefix = name.substring(0, colon);
            String local = name.substring(colon + 1);
            String uri = namespaceOfPrefix.apply(prefix);
            String workspace = uri == null ? prefix : catalog().workspaces().stream()
                    .filter(w -> w.namespaceUri().equals(uri)).map(Workspace::name).findFirst().orElse(prefix);
            layer = features.layer(workspace + ":" + local);
        } else {
            layer = features.layer(name);
        }
        return layer.orElseThrow(() -> OwsException.invalidParameter(locator,
                "Feature type " + name + " is not defined"));
    }

    /**
     * The geometry, as the caller sees it and in the given SRID, of the first feature of a layer whose property
     * equals a value (read through the repository like any feature); empty when there is none or it has none.
     *
     * @param locator the request parameter the value came from, named by the report of a bad value
     */
    public Optional<Geometry> geometryWhere(LayerInfo layer, String property, Object value, int srid,
                                            String locator) {
        FeatureQuery query = new FeatureQuery(null, srid, srid, List.of(), List.of(), 1, 0).withFilter(
                new Filter.Comparison(ComparisonOperator.EQUAL, new Expression.Property(property),
                        new Expression.Literal(value), true), locator);
        List<Geometry> found = new ArrayList<>();
        features.stream(layer, query, f -> found.add(f.geometry()));
        return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(0));
    }

    /**
     * The geometry type clients are told: the column's, except when the access policy shows another geometry
     * (a blurred point becomes a polygon), where only "some geometry" ({@code GEOMETRY}) is true.
     */
    public String declaredGeometryType(LayerInfo layer) {
        String expression = features.access(layer).geometryExpression();
        return SqlNames.quote(layer.geometryColumn()).equals(expression) ? layer.geometryType() : "GEOMETRY";
    }

    /**
     * The attributes of a layer the caller sees, in catalog order, restricted to the wanted ones
     * ({@code wanted} null: all of them): the properties GetFeature writes for a query.
     */
    public List<AttributeInfo> visibleAttributes(LayerInfo layer, List<String> wanted) {
        Map<String, String> visible = features.access(layer).attributeExpressions();
        return layer.attributes().stream()
                .filter(a -> visible.containsKey(a.name()) && (wanted == null || wanted.contains(a.name()))).toList();
    }

    /** The OGC WKT of an EPSG CRS as the database knows it ({@code spatial_ref_sys}), or empty when it does not. */
    public Optional<String> crsDefinition(LayerInfo layer, int srid) {
        return features.aggregate(List.of(layer), 30, sql -> {
            try (PreparedStatement ps = sql.connection().prepareStatement(
                    "SELECT srtext FROM spatial_ref_sys WHERE srid = ? AND srtext <> ''")) {
                ps.setInt(1, srid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** The layer whose (bare) name is the prefix of a feature id, if the caller may read it. */
    public Optional<LayerInfo> byFeatureIdPrefix(String layerName) {
        return readable().stream().filter(l -> l.name().equals(layerName)).findFirst();
    }
}
