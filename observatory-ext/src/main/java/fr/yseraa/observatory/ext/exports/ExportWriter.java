package fr.yseraa.observatory.ext.exports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an export's rows one at a time: occurrences (the columns' values, the geometry last) and deletions (the
 * id, the dataset and the date of the deletion in the column {@link #DELETED}, every other column empty).
 */
abstract class ExportWriter implements Closeable {

    /** The column marking a deletion: the date-time (UTC) the occurrence was withdrawn; empty on an occurrence. */
    static final String DELETED = "suppression";

    final List<String> columns;

    ExportWriter(List<String> columns) {
        this.columns = columns;
    }

    /** The standard's fields, cdRef, then the geometry (EWKT in CSV, a GeoJSON geometry in GeoJSON). */
    abstract void occurrence(String[] values) throws IOException;

    abstract void deletion(String id, String dataset, String deletedAt) throws IOException;

    static ExportWriter open(ExportRequest.Format format, List<String> columns, OutputStream out) throws IOException {
        return format == ExportRequest.Format.CSV ? new Csv(columns, out) : new GeoJson(columns, out);
    }

    /** CSV: UTF-8, comma, header row, one line a row ({@code \n}), empty for absent values. */
    private static final class Csv extends ExportWriter {
        private final CSVPrinter printer;
        private final String[] line;

        Csv(List<String> columns, OutputStream out) throws IOException {
            super(columns);
            printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8), 1 << 16),
                    CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            printer.printRecord(columns);
            line = new String[columns.size()];
        }

        @Override
        void occurrence(String[] values) throws IOException {
            System.arraycopy(values, 0, line, 0, values.length);
            line[values.length] = null;
            printer.printRecord((Object[]) line);
        }

        @Override
        void deletion(String id, String dataset, String deletedAt) throws IOException {
            Arrays.fill(line, null);
            line[columns.indexOf("idSINPOccTax")] = id;
            line[columns.indexOf("jddMetadonneeDEEId")] = dataset;
            line[line.length - 1] = deletedAt;
            printer.printRecord((Object[]) line);
        }

        @Override
        public void close() throws IOException {
            printer.close(true);
        }
    }

    /** GeoJSON: a FeatureCollection, WGS 84; a feature's id is its idSINPOccTax; absent values are left out. */
    private static final class GeoJson extends ExportWriter {
        private final JsonGenerator json;

        GeoJson(List<String> columns, OutputStream out) throws IOException {
            super(columns);
            json = new JsonFactory().createGenerator(new NonClosing(out), JsonEncoding.UTF8);
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            json.writeArrayFieldStart("features");
        }

        @Override
        void occurrence(String[] values) throws IOException {
            json.writeStartObject();
            json.writeStringField("type", "Feature");
            json.writeStringField("id", values[0]);
            json.writeFieldName("geometry");
            json.writeRawValue(values[values.length - 1]);
            json.writeObjectFieldStart("properties");
            for (int i = 0; i < values.length - 1; i++) {
                if (values[i] != null) {
                    json.writeStringField(columns.get(i), values[i]);
                }
            }
            json.writeEndObject();
            json.writeEndObject();
        }

        @Override
        void deletion(String id, String dataset, String deletedAt) throws IOException {
            json.writeStartObject();
            json.writeStringField("type", "Feature");
            json.writeStringField("id", id);
            json.writeNullField("geometry");
            json.writeObjectFieldStart("properties");
            json.writeStringField("idSINPOccTax", id);
            json.writeStringField("jddMetadonneeDEEId", dataset);
            json.writeStringField(DELETED, deletedAt);
            json.writeEndObject();
            json.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            json.writeEndArray();
            json.writeEndObject();
            json.close();
        }
    }

    /** Leaves the caller's stream open: closing a writer only flushes it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
