package fr.yseraa.observatory.core.catalog;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.xml.SldValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;

/**
 * Checks the data directory against the database and the style files, and builds the {@link Catalog}. A missing
 * table, column, style or policy is reported with the file and line that names it; all problems at once.
 */
public final class CatalogValidator {

    private final DataSource dataSource;
    private final Path stylesDir;
    private final AccessPolicies policies;

    public CatalogValidator(DataSource dataSource, Path stylesDir, AccessPolicies policies) {
        this.dataSource = dataSource;
        this.stylesDir = stylesDir;
        this.policies = policies;
    }

    public Catalog validate(DataDirectory dir, long updateSequence) {
        List<String> problems = new ArrayList<>();
        List<LayerInfo> layers = new ArrayList<>();
        Map<String, AccessPolicy> layerPolicies = new HashMap<>();
        Map<String, Workspace> workspaces = new LinkedHashMap<>();
        dir.workspaces().forEach(w -> workspaces.put(w.name(), w));
        Map<String, List<String>> styleProblems = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (LayerDefinition def : dir.layers()) {
                int before = problems.size();
                checkStyle(def, styleProblems, problems);
                Optional<AccessPolicy> policy = policies.find(def.policy());
                if (policy.isEmpty()) {
                    problems.add(def.location("policy") + ": unknown access policy '" + def.policy() + "' (known: "
                            + String.join(", ", policies.names()) + ")");
                }
                LayerInfo layer = inspect(c, def, workspaces.get(def.workspace()), problems);
                if (layer != null && policy.isPresent()) {
                    policy.get().check(layer).forEach(p -> problems.add(def.location("policy") + ": " + p));
                }
                if (layer != null && problems.size() == before) {
                    if (layer.nativeBbox() == null) {
                        layer = withExtent(layer, publicExtent(c, layer, policy.get()));
                    }
                    layers.add(layer);
                    layerPolicies.put(layer.qualifiedName(), policy.get());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect the database for the catalog: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return new Catalog(dir.service(), workspaces.values(), layers, layerPolicies, dir.rules(), updateSequence);
    }

    private void checkStyle(LayerDefinition def, Map<String, List<String>> cache, List<String> problems) {
        Path file = stylesDir.resolve(def.style() + ".sld");
        if (!Files.isRegularFile(file)) {
            problems.add(def.location("style") + ": style file " + file + " does not exist");
            return;
        }
        List<String> found = cache.computeIfAbsent(def.style(), s -> SldValidator.validate(file));
        if (!found.isEmpty()) {
            problems.add(def.location("style") + ": style file " + file + " is not valid SLD: " + found.get(0));
        }
    }

    private LayerInfo inspect(Connection c, LayerDefinition def, Workspace workspace, List<String> problems)
            throws SQLException {
        String schema = def.source().contains(".") ? def.source().substring(0, def.source().indexOf('.')) : "public";
        String relation = def.source().substring(def.source().indexOf('.') + 1);
        Long oid = null;
        String comment = null;
        boolean table = false;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.oid, obj_description(c.oid, 'pg_class'), c.relkind IN ('r', 'p') FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'v', 'm', 'p', 'f')""")) {
            ps.setString(1, schema);
            ps.setString(2, relation);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    oid = rs.getLong(1);
                    comment = rs.getString(2);
                    table = rs.getBoolean(3);
                }
            }
        }
        if (oid == null) {
            problems.add(def.location("source") + ": table or view " + def.source() + " does not exist in the database");
            return null;
        }
        List<AttributeInfo> attributes = new ArrayList<>();
        String geometryType = null;
        int srid = 0;
        boolean geometryFound = false;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), col_description(a.attrelid, a.attnum),
                       t.typname = 'geometry',
                       CASE WHEN t.typname = 'geometry' THEN postgis_typmod_type(a.atttypmod) END,
                       CASE WHEN t.typname = 'geometry' THEN postgis_typmod_srid(a.atttypmod) END
                FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (rs.getBoolean(4)) {
                        if (name.equals(def.geometryColumn())) {
                            geometryFound = true;
                            geometryType = rs.getString(5).toUpperCase();
                            srid = rs.getInt(6);
                        }
                    } else {
                        attributes.add(new AttributeInfo(name, rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }
        if (!geometryFound) {
            problems.add(def.location("geometry") + ": " + def.source() + " has no geometry column named "
                    + def.geometryColumn());
            return null;
        }
        if (srid <= 0) {
            problems.add(def.location("geometry") + ": geometry column " + def.geometryColumn() + " of " + def.source()
                    + " declares no SRID (declare it, e.g. geometry(MultiPolygon, 2154))");
            return null;
        }
        String idColumn = def.idColumn() != null ? def.idColumn() : primaryKey(c, oid);
        if (idColumn == null) {
            problems.add(def.location("id") + ": " + def.source() + " has no single-column primary key: name the id column with 'id:'");
            return null;
        }
        String id = idColumn;
        if (attributes.stream().noneMatch(a -> a.name().equals(id))) {
            problems.add(def.location("id") + ": " + def.source() + " has no column named " + idColumn);
            return null;
        }
        if (def.orderColumn() != null) {
            if (def.orderColumn().equals(idColumn)
                    || !attributes.removeIf(a -> a.name().equals(def.orderColumn()))) {
                problems.add(def.location("order") + ": " + def.orderColumn() + " is not a column of " + def.source()
                        + " other than the id column");
                return null;
            }
        }
        if (def.timeColumn() != null && attributes.stream().noneMatch(a -> a.name().equals(def.timeColumn()))) {
            problems.add(def.location("time") + ": " + def.source() + " has no column named " + def.timeColumn());
            return null;
        }
        if (!gmlColumnsExist(def, idColumn, attributes, problems)) {
            return null;
        }
        // without a declared bbox, the extent is computed once the policy is known (publicExtent)
        return new LayerInfo(def, workspace, geometryType, srid, idColumn, List.copyOf(attributes), def.bbox(), comment,
                table);
    }

    /** Each column of the {@code gml:} section is a published column other than the id, holding one property. */
    private static boolean gmlColumnsExist(LayerDefinition def, String idColumn, List<AttributeInfo> attributes,
                                           List<String> problems) {
        int before = problems.size();
        Map<String, String> byProperty = def.gmlColumns().byProperty();
        for (Map.Entry<String, String> e : byProperty.entrySet()) {
            String column = e.getValue();
            if (column.equals(idColumn) || attributes.stream().noneMatch(a -> a.name().equals(column))) {
                problems.add(def.location("gml") + ": gml:" + e.getKey() + " names " + column
                        + ", which is not a published column of " + def.source() + " other than the id column");
            }
        }
        if (new java.util.HashSet<>(byProperty.values()).size() < byProperty.size()) {
            problems.add(def.location("gml") + ": one column holds two GML properties");
        }
        return problems.size() == before;
    }

    private static String primaryKey(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = ? AND i.indisprimary""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                String first = rs.next() ? rs.getString(1) : null;
                return rs.next() ? null : first;
            }
        }
    }

    private static LayerInfo withExtent(LayerInfo l, Envelope extent) {
        return new LayerInfo(l.definition(), l.workspace(), l.geometryType(), l.srid(), l.idColumn(), l.attributes(),
                extent, l.sourceComment(), l.table());
    }

    /**
     * The extent of what the public sees of the layer, as its policy says: capabilities advertise it to everybody, so
     * it must not be that of geometries the public does not see (an edge of it would be the exact coordinate of a
     * hidden or blurred feature). A layer the public may not read at all gets the extent of its geometry column.
     */
    private static Envelope publicExtent(Connection c, LayerInfo layer, AccessPolicy policy) throws SQLException {
        LayerAccess access = policy.access(layer, Caller.anonymous());
        String geometry = access.readable() ? access.geometryExpression() : SqlNames.quote(layer.geometryColumn());
        String where = access.readable() && access.rowPredicate() != null ? " WHERE " + access.rowPredicate() : "";
        String sql = "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(" + geometry
                + ") e FROM " + SqlNames.quoteRelation(layer.source()) + where + ") s";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            if (rs.getObject(1) == null) {
                return new Envelope();
            }
            return new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
        }
    }
}
