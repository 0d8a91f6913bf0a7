package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.feature.LayerSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a landscape graph in PostGIS: the patches (favourable habitat merged, or reservoirs) clipped to the study
 * area, into the temporary table {@code wps_patch} (index, id, area, geometry, GiST index), and the links between
 * patches within the cut-off distance, edge to edge ({@code ST_DWithin} / {@code ST_Distance}). The table lives until
 * the transaction ends, so callers can join it (e.g. to write patches as features).
 */
final class LandscapeGraphBuilder {

    static final String PATCH_TABLE = "wps_patch";

    private LandscapeGraphBuilder() {
    }

    /**
     * @param settings patches smaller than its minimum area are left out; links are kept up to its
     *     {@link GraphSettings#linkDistance()}, in metres
     */
    static LandscapeGraph build(LayerSql layers, StudyArea area, SpeciesGroup group, PatchSource source,
                                GraphSettings settings) throws SQLException {
        Connection c = layers.connection();
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + PATCH_TABLE);
        }
        String patches = source == PatchSource.RESERVOIRS
                ? """
                  SELECT r.id::text AS id, ST_Multi(ST_CollectionExtract(ST_Intersection(r.geom, a.g), 3)) AS geom
                  FROM %s r, a
                  WHERE r.sub_network = ? AND ST_Intersects(r.geom, a.g)""".formatted(layers.relation(ObservatoryLayers.RESERVOIRS))
                : """
                  SELECT NULL::text AS id, (ST_Dump(ST_Union(ST_CollectionExtract(ST_Intersection(h.geom, a.g), 3)))).geom AS geom
                  FROM %s h, a
                  WHERE h.class_code = ANY (?) AND ST_Intersects(h.geom, a.g)""".formatted(layers.relation(ObservatoryLayers.HABITATS));
        try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE " + PATCH_TABLE + " AS"
                + " WITH a AS (SELECT ST_GeomFromEWKB(?) AS g), p AS (" + patches + ")"
                + " SELECT (row_number() OVER (ORDER BY ST_XMin(geom), ST_YMin(geom), id) - 1)::integer AS idx,"
                + " id, ST_Area(geom) / 10000 AS area_ha, geom FROM p WHERE NOT ST_IsEmpty(geom) AND ST_Area(geom) >= ?")) {
            ps.setBytes(1, area.ewkb());
            if (source == PatchSource.RESERVOIRS) {
                ps.setString(2, group.subNetwork());
            } else {
                ps.setArray(2, c.createArrayOf("text", group.habitatClasses().toArray()));
            }
            ps.setDouble(3, settings.minPatchAreaHa() * 10000);
            ps.execute();
        }
        try (Statement st = c.createStatement()) {
            st.execute("UPDATE " + PATCH_TABLE + " SET id = coalesce(id, 'p' || idx)");
            st.execute("CREATE INDEX ON " + PATCH_TABLE + " USING gist (geom)");
            st.execute("ANALYZE " + PATCH_TABLE);
        }
        List<LandscapeGraph.Patch> nodes = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, area_ha FROM " + PATCH_TABLE + " ORDER BY idx")) {
            while (rs.next()) {
                nodes.add(new LandscapeGraph.Patch(rs.getString(1), rs.getDouble(2)));
            }
        }
        List<LandscapeGraph.Link> links = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.idx, b.idx, ST_Distance(a.geom, b.geom) FROM "
                + PATCH_TABLE + " a JOIN " + PATCH_TABLE + " b ON a.idx < b.idx AND ST_DWithin(a.geom, b.geom, ?)"
                + " ORDER BY 1, 2")) {
            ps.setDouble(1, settings.linkDistance());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    links.add(new LandscapeGraph.Link(rs.getInt(1), rs.getInt(2), rs.getDouble(3)));
                }
            }
        }
        return new LandscapeGraph(nodes, links, area.areaHa());
    }
}
