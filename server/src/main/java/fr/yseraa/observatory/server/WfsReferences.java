package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.getfeature.KvpGetFeatureParser;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import fr.yseraa.observatory.wps.ReferenceResolver;
import fr.yseraa.observatory.wps.process.InputValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTWriter;

/**
 * Reads WPS inputs given by reference to a WFS GetFeature of this very server ({@code /wfs} or {@code /ows}), without
 * any HTTP round trip: the query is parsed as the WFS parses it and the features are read through the feature-access
 * layer with the Execute request's caller, so the access policy applies. The input receives the union of the
 * features' geometries, as EWKT. Any other URL is refused, never fetched.
 */
final class WfsReferences implements ReferenceResolver {

    static final String WKT = "application/wkt";
    private static final Set<String> ENDPOINTS = Set.of("wfs", "ows");

    private final Supplier<Catalog> catalog;
    private final FeatureRepository features;
    private final long maxFeatures;

    /** @param maxFeatures the most features a reference may select */
    WfsReferences(Supplier<Catalog> catalog, FeatureRepository features, long maxFeatures) {
        this.catalog = catalog;
        this.features = features;
        this.maxFeatures = maxFeatures;
    }

    @Override
    public InputValue.Complex resolve(String inputId, InputValue.Reference reference, List<String> formats,
                                      OwsRequest request) {
        if (!formats.contains(WKT)) {
            throw OwsException.invalidParameter(inputId, "Entrée " + inputId + " : une référence se lit en " + WKT
                    + ", format que cette entrée n'accepte pas");
        }
        KvpParameters kvp = OwnServiceUrl.parameters(inputId, reference.href(), request.serviceUrl(), ENDPOINTS);
        if (!"WFS".equalsIgnoreCase(kvp.get("SERVICE").orElse("")) || !"GetFeature".equalsIgnoreCase(kvp.get("REQUEST").orElse(""))) {
            throw OwsException.invalidParameter(inputId, "Entrée " + inputId
                    + " : la référence doit être une requête WFS GetFeature (service=WFS&request=GetFeature)");
        }
        CallerFeatures seen = features.forCaller(catalog.get(), request.caller());
        List<Geometry> geometries = new ArrayList<>();
        try {
            List<TypeQuery> queries = new KvpGetFeatureParser(new FeatureTypes(seen),
                    WfsVersion.of(kvp.get("VERSION").orElse(null))).queries(kvp);
            long count = 0;
            for (TypeQuery q : queries) {
                count += seen.count(q.layer(), q.featureQuery());
            }
            if (count > maxFeatures) {
                throw OwsException.invalidParameter(inputId, "Entrée " + inputId + " : la référence désigne " + count
                        + " objets, au plus " + maxFeatures + " sont acceptés");
            }
            for (TypeQuery q : queries) {
                seen.stream(q.layer(), q.featureQuery(), f -> {
                    if (f.geometry() != null) {
                        geometries.add(withSrid(f.geometry(), q.crs().srid()));
                    }
                });
            }
        } catch (OwsException e) {
            if (inputId.equals(e.locator())) {
                throw e;
            }
            throw OwsException.invalidParameter(inputId, "Entrée " + inputId + " : référence refusée : " + e.getMessage());
        }
        if (geometries.isEmpty()) {
            throw OwsException.invalidParameter(inputId, "Entrée " + inputId
                    + " : la référence ne désigne aucun objet géométrique visible");
        }
        return new InputValue.Complex(ewkt(geometries), WKT);
    }

    private static Geometry withSrid(Geometry g, int srid) {
        g.setSRID(srid);
        return g;
    }

    /** The union of the geometries (all in one CRS: one query's output CRS), as EWKT. */
    private static String ewkt(List<Geometry> geometries) {
        int srid = geometries.get(0).getSRID();
        Geometry union = new GeometryFactory().buildGeometry(geometries).union();
        return "SRID=" + srid + ";" + new WKTWriter().write(union);
    }
}
