package fr.yseraa.observatory.ext.sinp;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureTransaction;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.write.FeatureValues;
import fr.yseraa.observatory.core.write.LayerWrite;
import fr.yseraa.observatory.core.write.LayerWriter;
import fr.yseraa.observatory.ext.db.OccurrenceAggregates;
import fr.yseraa.observatory.ext.imports.OccurrenceRows;
import fr.yseraa.observatory.ext.imports.StandardField;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Writes SINP occurrences from a WFS Transaction under the rules of an import ({@link OccurrenceRows}): the same
 * checks (nomenclatures, TAXREF, dates, geometry inside the region, counts, UUIDs), the same upsert on idSINPOccTax,
 * the derived fields (cdRef, attachments, sensitivity, diffusion) computed by the platform whatever the client sends.
 * A producer writes only its own datasets' occurrences, an administrator any: the others it sees are {@link
 * #unchangeable} (the engine refuses them before any lock is consulted, and never locks them). Deletions leave
 * tombstones, as an import's withdrawals do; the occurrences per 10 km cell and the indicators are brought up to date
 * once per transaction.
 */
public final class OccurrenceWriter implements LayerWriter {

    static final String SOURCE = "sinp.occurrence_layer";
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ].*|Z|[+-]\\d{2}:\\d{2})");
    /** The derived field the standard lets an import give but a WFS client may not: the platform computes it. */
    private static final Set<StandardField> DERIVED = Set.of(StandardField.SENSI_NIVEAU);

    /**
     * statutSource of a new occurrence whose client gives none (the layer does not publish it): "NSP", ne sait pas —
     * the standard's own word for it, rather than a guess.
     */
    private static final String UNKNOWN_SOURCE = "NSP";

    @Override
    public boolean writes(LayerInfo layer) {
        return SOURCE.equals(layer.source());
    }

    @Override
    public List<String> insert(LayerWrite write, List<FeatureValues> features) throws SQLException {
        Connection c = write.connection();
        Set<UUID> writable = writableDatasets(c, write.caller());
        List<OccurrenceRows.Row> rows = new ArrayList<>();
        for (FeatureValues f : features) {
            Map<StandardField, String> fields = fields(write.layer(), f);
            fields.putIfAbsent(StandardField.ID_SINP_OCC_TAX, UUID.randomUUID().toString());
            fields.putIfAbsent(StandardField.STATUT_SOURCE, UNKNOWN_SOURCE);
            rows.add(new OccurrenceRows.Row(fields, geometry(f.geometry(), write.layer())));
        }
        List<String> locators = features.stream().map(FeatureValues::locator).toList();
        Envelope before = extent(c, rows.stream().map(r -> r.fields().get(StandardField.ID_SINP_OCC_TAX)).toList());
        List<String> keys = write(write, rows, locators, writable);
        changed(write, before);
        changed(write, extent(c, keys));
        return keys;
    }

    @Override
    public void update(LayerWrite write, List<String> keys, FeatureValues changes) throws SQLException {
        Connection c = write.connection();
        Set<UUID> writable = writableDatasets(c, write.caller());
        Map<StandardField, String> changed = fields(write.layer(), changes);
        String newId = changed.remove(StandardField.ID_SINP_OCC_TAX);
        List<OccurrenceRows.Row> rows = new ArrayList<>();
        List<String> locators = new ArrayList<>();
        for (Map.Entry<String, OccurrenceRows.Row> current : current(c, keys).entrySet()) {
            String locator = write.layer().name() + "." + current.getKey();
            if (newId != null && !newId.trim().equalsIgnoreCase(current.getKey())) {
                throw new OwsException(OwsExceptionCode.INVALID_VALUE, locator,
                        "idSINPOccTax = " + newId + ": an occurrence keeps its identifier");
            }
            Map<StandardField, String> fields = new EnumMap<>(StandardField.class);
            fields.putAll(current.getValue().fields());
            DERIVED.forEach(fields::remove);
            fields.putAll(changed);
            Geometry geometry = changes.geometryGiven() ? geometry(changes.geometry(), write.layer())
                    : current.getValue().geometry();
            rows.add(new OccurrenceRows.Row(fields, geometry));
            locators.add(locator);
        }
        Envelope before = extent(c, keys);
        write(write, rows, locators, writable);
        changed(write, before);
        changed(write, extent(c, keys));
    }

    @Override
    public void delete(LayerWrite write, List<String> keys) throws SQLException {
        Connection c = write.connection();
        changed(write, extent(c, keys));
        OccurrenceAggregates.touched(c, "SELECT code_commune, code_maille, date_debut FROM sinp.occurrence "
                + "WHERE id_sinp_occtax::text = ANY (?)", c.createArrayOf("text", keys.toArray()));
        try (PreparedStatement ps = c.prepareStatement("""
                WITH gone AS (DELETE FROM sinp.occurrence o WHERE o.id_sinp_occtax::text = ANY (?)
                              RETURNING o.id_sinp_occtax, o.jdd_metadonnee_dee_id)
                INSERT INTO sinp.occurrence_tombstone (id_sinp_occtax, jdd_metadonnee_dee_id, deleted_at)
                SELECT id_sinp_occtax, jdd_metadonnee_dee_id, now() FROM gone
                ON CONFLICT (id_sinp_occtax) DO UPDATE SET jdd_metadonnee_dee_id = excluded.jdd_metadonnee_dee_id,
                                                           deleted_at = excluded.deleted_at""")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * The occurrences per cell and the indicators of the communes, cells and periods the transaction touched, brought
     * up to date as after an import.
     */
    @Override
    public void finish(LayerWrite write) throws SQLException {
        OccurrenceAggregates.refreshTouched(write.connection());
    }

    /**
     * Writes rows dataset by dataset (an import's unit), refusing a dataset the caller may not write and, with the
     * first rejected row's report, any rejection; returns the rows' idSINPOccTax in order.
     */
    private static List<String> write(LayerWrite write, List<OccurrenceRows.Row> rows, List<String> locators,
                                      Set<UUID> writable) throws SQLException {
        Map<UUID, List<Integer>> byDataset = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String jdd = rows.get(i).fields().get(StandardField.JDD_METADONNEE_DEE_ID);
            UUID dataset = dataset(jdd).filter(writable::contains).orElseThrow(rejected(locators.get(i),
                    StandardField.JDD_METADONNEE_DEE_ID.standardName, jdd, "not a dataset this account may write"));
            byDataset.computeIfAbsent(dataset, d -> new ArrayList<>()).add(i);
        }
        String[] keys = new String[rows.size()];
        for (Map.Entry<UUID, List<Integer>> d : byDataset.entrySet()) {
            List<Integer> lines = d.getValue();
            OccurrenceRows.Outcome outcome = OccurrenceRows.write(write.connection(), d.getKey(),
                    lines.stream().map(rows::get).toList());
            if (outcome.rejected()) {
                OccurrenceRows.Rejection first = outcome.rejections().get(0);
                String locator = locators.get(lines.get(first.line() - 1));
                throw new OwsException(OwsExceptionCode.INVALID_VALUE, locator, outcome.rejections().stream()
                        .filter(r -> r.line() == first.line())
                        .map(r -> r.field() + " = " + (r.value() == null ? "(none)" : r.value()) + ": " + r.message()
                                + " (" + r.reason() + ")")
                        .collect(Collectors.joining("; ")));
            }
            outcome.ids().forEach((line, id) -> keys[lines.get(line - 1)] = id);
        }
        return Arrays.asList(keys);
    }

    private static java.util.function.Supplier<OwsException> rejected(String locator, String field, String value,
                                                                      String reason) {
        return () -> new OwsException(OwsExceptionCode.INVALID_VALUE, locator,
                field + " = " + (value == null ? "(none)" : value) + ": " + reason);
    }

    /**
     * The values a feature gives, by standard field: a property the layer does not have is refused; one the platform
     * derives (cdRef, names, attachments, sensitivity, diffusion) is ignored.
     */
    private static Map<StandardField, String> fields(LayerInfo layer, FeatureValues f) {
        Map<StandardField, String> fields = new EnumMap<>(StandardField.class);
        f.values().forEach((name, value) -> {
            if (layer.attribute(name).isEmpty()) {
                throw new OwsException(OwsExceptionCode.INVALID_VALUE, f.locator(),
                        "Layer " + layer.qualifiedName() + " has no property " + name);
            }
            Arrays.stream(StandardField.values()).filter(s -> s.column.equals(name) && !DERIVED.contains(s))
                    .findFirst().ifPresent(s -> fields.put(s, date(value)));
        });
        return fields;
    }

    /** An ISO date with a time or a zone (as clients write xs:date and xs:dateTime) cut to its date. */
    private static String date(String value) {
        return value != null && ISO_DATE.matcher(value).matches() ? value.substring(0, 10) : value;
    }

    /** The geometry in its CRS, the layer's when the request names none. */
    private static Geometry geometry(Geometry g, LayerInfo layer) {
        if (g != null && g.getSRID() == 0) {
            g.setSRID(layer.srid());
        }
        return g;
    }

    /** The datasets the caller may write: an administrator's are all, a producer's those of its organisation. */
    private static Set<UUID> writableDatasets(Connection c, Caller caller) throws SQLException {
        Set<UUID> out = new HashSet<>();
        boolean admin = caller.hasRole(SensitivityPolicy.ADMIN);
        Integer organisation = caller.hasRole(SensitivityPolicy.PRODUCER) ? caller.organisationId() : null;
        if (!admin && organisation == null) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT uuid FROM ref.dataset WHERE ? OR producer_id = ?")) {
            ps.setBoolean(1, admin);
            ps.setObject(2, organisation, java.sql.Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }

    /** The occurrences of datasets the caller may not write (an administrator may write them all). */
    @Override
    public List<String> unchangeable(FeatureTransaction transaction, LayerInfo layer, List<String> keys)
            throws SQLException {
        Connection c = transaction.connection();
        Set<UUID> writable = writableDatasets(c, transaction.caller());
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id_sinp_occtax::text, jdd_metadonnee_dee_id "
                + "FROM sinp.occurrence WHERE id_sinp_occtax = ANY (?::uuid[]) ORDER BY id")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!writable.contains(rs.getObject(2, UUID.class))) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    private static Optional<UUID> dataset(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The occurrences of these keys as they are stored, in the standard's fields, by idSINPOccTax. */
    private static Map<String, OccurrenceRows.Row> current(Connection c, List<String> keys) throws SQLException {
        Map<String, OccurrenceRows.Row> out = new LinkedHashMap<>();
        String columns = Arrays.stream(StandardField.values()).map(f -> f.column + "::text")
                .collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + ", ST_AsEWKB(geom) FROM sinp.occurrence "
                + "WHERE id_sinp_occtax::text = ANY (?) ORDER BY id")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<StandardField, String> fields = new EnumMap<>(StandardField.class);
                    int i = 1;
                    for (StandardField f : StandardField.values()) {
                        fields.put(f, rs.getString(i++));
                    }
                    out.put(fields.get(StandardField.ID_SINP_OCC_TAX), new OccurrenceRows.Row(fields, ewkb(rs.getBytes(i))));
                }
            }
        }
        return out;
    }

    private static Geometry ewkb(byte[] bytes) {
        try {
            return new WKBReader().read(bytes);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS gave an unreadable geometry", e);
        }
    }

    /** The extent of the exact and diffusion geometries of these occurrences (Lambert-93), or null. */
    private static Envelope extent(Connection c, List<String> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM ("
                + "SELECT ST_Extent(g) AS e FROM sinp.occurrence o, LATERAL (VALUES (o.geom), (o.diffusion_geom)) v(g) "
                + "WHERE o.id_sinp_occtax::text = ANY (?)) s")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1) == null ? null
                        : new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
            }
        }
    }

    /**
     * An area where occurrences changed (Lambert-93). Only the occurrences' own: what follows them (cells,
     * indicators) is the server's to widen it to, from its one list of those layers. The density grids of the area are
     * recounted when the write finishes ({@link OccurrenceAggregates#touchedArea}).
     */
    private static void changed(LayerWrite write, Envelope area) throws SQLException {
        if (area != null) {
            write.changed(write.layer().qualifiedName(), area, 2154);
            OccurrenceAggregates.touchedArea(write.connection(), area, 2154);
        }
    }
}
