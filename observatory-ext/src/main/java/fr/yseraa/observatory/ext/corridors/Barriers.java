package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.feature.LayerSql;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The barriers that cut a landscape into pieces for the effective mesh size: linear obstacles of the chosen classes
 * buffered to their typical width (motorway 30 m, primary road 12 m, secondary 8 m, local 6 m, railway 10 m), and
 * the urban fabric (land cover {@code urban}).
 */
final class Barriers {

    static final String INPUT = "barrierClasses";
    static final List<String> CLASSES = List.of("motorway", "primary", "secondary", "local", "railway", "urban");
    static final List<String> DEFAULT = List.of("motorway", "primary", "railway", "urban");

    /**
     * SQL giving the union of the barriers near a geometry, in one column {@code g} (null when there is none), from the
     * obstacle and habitat layers. Four parameters, bound by {@link #bind}: the classes (text[]) and the geometry (EWKB),
     * twice.
     */
    static String unionSql(LayerSql layers) {
        return """
            SELECT ST_Union(b.g) AS g FROM (
                SELECT ST_Buffer(o.geom, w.width / 2) AS g
                FROM %s o
                JOIN (VALUES ('motorway', 30.0), ('primary', 12.0), ('secondary', 8.0), ('local', 6.0), ('railway', 10.0))
                    AS w (class, width) ON w.class = o.class
                CROSS JOIN (SELECT ?::text[] AS classes, ST_GeomFromEWKB(?) AS area) p
                WHERE o.class = ANY (p.classes) AND ST_Dimension(o.geom) = 1 AND ST_Intersects(o.geom, ST_Expand(p.area, 50))
                UNION ALL
                SELECT h.geom FROM %s h
                CROSS JOIN (SELECT ?::text[] AS classes, ST_GeomFromEWKB(?) AS area) p
                WHERE 'urban' = ANY (p.classes) AND h.class_code = 'urban' AND ST_Intersects(h.geom, p.area)
            ) b""".formatted(layers.relation(ObservatoryLayers.OBSTACLES), layers.relation(ObservatoryLayers.HABITATS));
    }

    private Barriers() {
    }

    static InputDescription input() {
        return new InputDescription.Literal(INPUT, "Classes de barrières",
                "Ce qui fragmente : motorway (autoroutes), primary, secondary, local (routes), railway (voies ferrées), "
                        + "urban (tissu urbain). Par défaut : autoroutes, routes principales, voies ferrées et tissu urbain",
                0, CLASSES.size(), LiteralType.STRING, CLASSES, null, null, null, null);
    }

    static List<String> chosen(ProcessInputs inputs) {
        List<String> given = inputs.all(INPUT).stream().map(String::valueOf).toList();
        return given.isEmpty() ? DEFAULT : given;
    }

    /** Binds the four parameters of {@link #unionSql} from position {@code first}. */
    static int bind(java.sql.PreparedStatement ps, int first, Connection c, List<String> classes, byte[] area)
            throws SQLException {
        Array array = c.createArrayOf("text", classes.toArray());
        ps.setArray(first, array);
        ps.setBytes(first + 1, area);
        ps.setArray(first + 2, array);
        ps.setBytes(first + 3, area);
        return first + 4;
    }
}
