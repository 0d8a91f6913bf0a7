package fr.yseraa.observatory.ext.corridors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.locationtech.jts.geom.Geometry;

/**
 * Features a process returns (patches, links, units...): the same rows rendered as a GeoJSON feature collection
 * (geometries in WGS 84, written by PostGIS) or as CSV (attributes only).
 */
final class FeatureTable {

    private static final JsonFactory JSON = new JsonFactory();

    private final List<String> columns;
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param geometry GeoJSON geometry text, or null
     * @param lambert93 the same geometry in Lambert-93 for the GML rendering, or null
     */
    record Row(String id, List<Object> values, String geometry, Geometry lambert93) {
    }

    FeatureTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    void add(String id, List<Object> values, String geometry) {
        add(id, values, geometry, null);
    }

    /** A row whose geometry is given in both GeoJSON (WGS 84) and Lambert-93 (for GML). */
    void add(String id, List<Object> values, String geometry, Geometry lambert93) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("row " + id + " has " + values.size() + " values for " + columns.size() + " columns");
        }
        rows.add(new Row(id, new ArrayList<>(values), geometry, lambert93));
    }

    /** The feature ids, in row order. */
    List<String> ids() {
        return rows.stream().map(Row::id).toList();
    }

    /** The values of one column, in row order. */
    List<Object> column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return rows.stream().map(r -> r.values().get(i)).toList();
    }

    int size() {
        return rows.size();
    }

    /** The renderings a complex output offers: GeoJSON and CSV. */
    Map<String, Supplier<String>> renderings() {
        Map<String, Supplier<String>> r = new LinkedHashMap<>();
        r.put("application/geo+json", this::geoJson);
        r.put("text/csv", this::csv);
        return r;
    }

    /**
     * The renderings of features: GeoJSON, and GML 3.2 (a {@code gml:FeatureCollection} of {@code typeName} features in
     * {@code namespace}, their geometry property {@code place} in Lambert-93; see {@link GmlFeatures}).
     */
    Map<String, Supplier<String>> featureRenderings(String namespace, String typeName) {
        Map<String, Supplier<String>> r = new LinkedHashMap<>();
        r.put("application/geo+json", this::geoJson);
        r.put("application/gml+xml", () -> GmlFeatures.write(namespace, typeName, columns, rows));
        return r;
    }

    String geoJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Row row : rows) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeStringField("id", row.id());
                g.writeFieldName("geometry");
                if (row.geometry() == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(row.geometry());
                }
                g.writeObjectFieldStart("properties");
                for (int i = 0; i < columns.size(); i++) {
                    g.writeFieldName(columns.get(i));
                    writeValue(g, row.values().get(i));
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    String csv() {
        StringWriter out = new StringWriter();
        List<String> header = new ArrayList<>();
        header.add("id");
        header.addAll(columns);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                .setHeader(header.toArray(String[]::new)).get())) {
            for (Row row : rows) {
                List<Object> record = new ArrayList<>();
                record.add(row.id());
                record.addAll(row.values());
                printer.printRecord(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(v.toString());
        }
    }
}
