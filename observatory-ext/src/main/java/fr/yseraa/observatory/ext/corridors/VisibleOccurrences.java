package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.wps.process.ProcessContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The occurrences inside an area as the caller may see them: read through the feature-access layer on the catalog's
 * occurrence layer with the request's caller, so the layer's access policy (the SINP sensitivity rules) decides
 * which occurrences and which geometry count. An occurrence counts when the geometry the caller sees lies inside the
 * area: an occurrence blurred to its commune or 10 km cell does not count inside a narrow corridor.
 *
 * @param visible whether the caller may read the occurrence layer at all
 * @param occurrences present occurrences (statut Pr) inside
 * @param species distinct taxa (cdRef) among them
 * @param heritageSpecies those of heritage interest
 */
record VisibleOccurrences(boolean visible, long occurrences, int species, int heritageSpecies) {

    static final String LAYER = "sinp:occurrences";

    static VisibleOccurrences inside(ProcessContext context, Connection c, Geometry area) throws SQLException {
        Optional<LayerInfo> layer = context.catalog().layer(LAYER);
        if (layer.isEmpty() || !context.features().access(context.catalog(), layer.get(), context.caller()).readable()) {
            return new VisibleOccurrences(false, 0, 0, 0);
        }
        PreparedGeometry inside = PreparedGeometryFactory.prepare(area);
        FeatureQuery query = new FeatureQuery(area.getEnvelopeInternal(), 2154, 2154, List.of("cd_ref", "statut_observation"),
                List.of(), null, 0);
        long[] count = {0};
        Set<Integer> taxa = new HashSet<>();
        context.features().stream(context.catalog(), layer.get(), query, context.caller(), f -> {
            if (f.geometry() != null && "Pr".equals(f.attributes().get("statut_observation")) && inside.covers(f.geometry())) {
                count[0]++;
                Object cdRef = f.attributes().get("cd_ref");
                if (cdRef != null) {
                    taxa.add(((Number) cdRef).intValue());
                }
            }
        });
        return new VisibleOccurrences(true, count[0], taxa.size(), heritage(c, taxa));
    }

    /** How many of the taxa are of heritage interest (the taxon reference list, not the occurrences). */
    private static int heritage(Connection c, Set<Integer> taxa) throws SQLException {
        if (taxa.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(DISTINCT cd_ref) FROM ref.taxref WHERE patrimonial AND cd_ref = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("integer", taxa.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
