package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.wps.process.ProcessContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/**
 * The occurrences inside an area as the caller may see them: counted by PostGIS on the catalog's occurrence layer as
 * the request's caller sees it, so the layer's access policy (the SINP sensitivity rules) decides which occurrences
 * and which geometry count. An occurrence counts when the geometry the caller sees lies inside the area: an
 * occurrence blurred to its commune or 10 km cell does not count inside a narrow corridor.
 *
 * @param visible whether the caller may read the occurrence layer at all
 * @param occurrences present occurrences (statut Pr) inside
 * @param species distinct taxa (cdRef) among them
 * @param heritageSpecies those of heritage interest
 */
record VisibleOccurrences(boolean visible, long occurrences, int species, int heritageSpecies) {

    static final String LAYER = "sinp:occurrences";

    /** One aggregate; the taxa of heritage interest come from the taxon reference list (ref.taxref), not a layer. */
    private static final String COUNT_SQL = """
            WITH a AS (SELECT ST_GeomFromEWKB(?) AS g),
            o AS (SELECT o.cd_ref FROM %s o, a WHERE o.statut_observation = 'Pr' AND ST_CoveredBy(o.geom, a.g))
            SELECT (SELECT count(*) FROM o), (SELECT count(DISTINCT cd_ref) FROM o),
                   (SELECT count(DISTINCT t.cd_ref) FROM ref.taxref t WHERE t.patrimonial AND t.cd_ref IN (SELECT cd_ref FROM o))""";

    /** @param area the area, EWKB in the occurrence layer's CRS (Lambert-93) */
    static VisibleOccurrences inside(ProcessContext context, byte[] area) {
        Optional<LayerInfo> layer = context.features().layer(LAYER);
        if (layer.isEmpty()) {
            return new VisibleOccurrences(false, 0, 0, 0);
        }
        return context.features().aggregate(List.of(layer.get()), ProcessContext.STATEMENT_TIMEOUT_SECONDS, layers -> {
            try (PreparedStatement ps = layers.connection().prepareStatement(
                    COUNT_SQL.formatted(layers.relation(LAYER, "ST_Envelope((SELECT g FROM a))")))) {
                ps.setBytes(1, area);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new VisibleOccurrences(true, rs.getLong(1), rs.getInt(2), rs.getInt(3));
                }
            }
        });
    }
}
