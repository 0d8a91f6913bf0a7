package fr.yseraa.observatory.ext.imports;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Turns one record of a producer's file into the standard's fields, as text, through a mapping: source columns,
 * value maps (then the nomenclature's own labels), constants and defaults, the geometry, and the deterministic
 * idSINPOccTax of a row that has none. Only the file's layout is handled here: what the values mean is checked
 * in SQL, set-based, by {@link OccurrenceImport}.
 */
final class RowMapper {

    /** A mapped row: the standard fields' text (absent: null), the geometry (null when unreadable or absent). */
    record Row(long line, Map<StandardField, String> fields, Geometry geometry, String geometryText) {
    }

    private final ImportMapping mapping;
    private final UUID dataset;
    /** nomenclature type → lower-cased label → code. */
    private final Map<String, Map<String, String>> labels;
    private final GeometryFactory factory = new GeometryFactory();
    private final WKTReader wkt = new WKTReader();

    RowMapper(ImportMapping mapping, UUID dataset, Map<String, Map<String, String>> labels) {
        this.mapping = mapping;
        this.dataset = dataset;
        this.labels = labels;
    }

    Row map(SourceFile.Record record) {
        Map<StandardField, String> fields = new EnumMap<>(StandardField.class);
        mapping.columns().forEach((column, targets) -> {
            String v = record.values().get(column);
            if (v != null) {
                targets.forEach(f -> fields.put(f, code(f, v)));
            }
        });
        fields.putAll(mapping.constants());
        mapping.defaults().forEach(fields::putIfAbsent);
        Geometry geometry = record.geometry();
        String text = record.geometryText();
        ImportMapping.GeometrySource source = mapping.geometry();
        if (text == null && source.wkt() != null) {
            text = record.values().get(source.wkt());
            geometry = text == null ? null : wkt(text, source.srid());
        } else if (text == null && source.x() != null) {
            String x = record.values().get(source.x());
            String y = record.values().get(source.y());
            if (x != null || y != null) {
                text = (x == null ? "" : x) + " " + (y == null ? "" : y);
                geometry = point(x, y, source.srid());
            }
        }
        if (fields.get(StandardField.ID_SINP_OCC_TAX) == null) {
            fields.put(StandardField.ID_SINP_OCC_TAX, idFor(record, fields, text == null ? "" : text).toString());
        }
        return new Row(record.line(), fields, geometry, text);
    }

    /**
     * The idSINPOccTax of a row that gives none: a name-based UUID (version 5, SHA-1, RFC 4122) in the dataset's
     * namespace, named by the mapping's key columns — or, when the mapping has no key, by every mapped field of the
     * row and its geometry as written (then a changed row is a new occurrence). The same row of the same dataset always gets the same id, so re-importing it updates it.
     */
    UUID idFor(SourceFile.Record record, Map<StandardField, String> fields, String geometryText) {
        StringBuilder name = new StringBuilder();
        if (!mapping.key().isEmpty()) {
            for (String column : mapping.key()) {
                name.append(record.values().getOrDefault(column, "")).append('\u001f');
            }
        } else {
            fields.forEach((f, v) -> name.append(f.standardName).append('=').append(v).append('\u001f'));
            name.append(geometryText);
        }
        return nameBasedUuid(dataset, name.toString());
    }

    static UUID nameBasedUuid(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits()).array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** A value through the field's value map, then the nomenclature's labels; else as written. */
    private String code(StandardField f, String value) {
        String key = ImportMapping.normalise(value);
        Map<String, String> map = mapping.values().get(f);
        if (map != null && map.containsKey(key)) {
            return map.get(key);
        }
        if (f.nomenclature != null) {
            Map<String, String> byLabel = labels.getOrDefault(f.nomenclature, Map.of());
            if (!byLabel.containsValue(value) && byLabel.containsKey(key)) {
                return byLabel.get(key);
            }
        }
        return value;
    }

    /** WKT, or EWKT whose {@code SRID=n;} prefix wins over the mapping's CRS; null when unreadable. */
    private Geometry wkt(String text, int srid) {
        String body = text;
        int crs = srid;
        if (text.regionMatches(true, 0, "SRID=", 0, 5) && text.indexOf(';') > 5) {
            try {
                crs = Integer.parseInt(text.substring(5, text.indexOf(';')).trim());
            } catch (NumberFormatException e) {
                return null;
            }
            body = text.substring(text.indexOf(';') + 1);
        }
        try {
            Geometry g = wkt.read(body);
            g.setSRID(crs);
            return g;
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A point from X (easting or longitude) and Y (northing or latitude); a decimal comma is read too. */
    private Geometry point(String x, String y, int srid) {
        try {
            double px = Double.parseDouble(x.replace(',', '.'));
            double py = Double.parseDouble(y.replace(',', '.'));
            if (!Double.isFinite(px) || !Double.isFinite(py)) {
                return null;
            }
            Geometry g = factory.createPoint(new Coordinate(px, py));
            g.setSRID(srid);
            return g;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
