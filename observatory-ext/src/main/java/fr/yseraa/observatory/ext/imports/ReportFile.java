package fr.yseraa.observatory.ext.imports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The file listing an import's rejections, written one rejection at a time: CSV (one line per failed check:
 * {@code line,field,column,value,reason,message}) or, when the name ends in {@code .json}, a JSON document holding
 * the request, the counts, the counts per reason code and the rejections (at most {@code listed} of them).
 */
abstract class ReportFile implements Closeable {

    /** Opens the report of an import whose outcome is {@code report} (its first rejections are not needed). */
    static ReportFile open(Path file, ImportRequest request, ImportReport report, long listed) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                ? new Json(file, request, report, listed) : new Csv(file);
    }

    /** Adds a rejection (in line order). */
    abstract void add(ImportReport.Rejection r) throws IOException;

    private static final class Csv extends ReportFile {
        private final CSVPrinter csv;

        Csv(Path file) throws IOException {
            Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            csv = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                    .setHeader("line", "field", "column", "value", "reason", "message").get());
        }

        @Override
        void add(ImportReport.Rejection r) throws IOException {
            csv.printRecord(r.line(), r.field(), r.column(), r.value(), r.reason(), r.message());
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }

    private static final class Json extends ReportFile {
        private final JsonGenerator json;
        private final long limit;
        private final long total;
        private long written;

        Json(Path file, ImportRequest request, ImportReport report, long limit) throws IOException {
            this.limit = limit;
            json = new JsonFactory().createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("file", request.file().getFileName().toString());
            json.writeStringField("dataset", request.dataset().toString());
            json.writeStringField("mapping", request.mapping());
            json.writeStringField("mode", request.mode().toString());
            json.writeBooleanField("dryRun", report.dryRun());
            if (!request.maxRejected().equals(RejectionLimit.NONE)) {
                json.writeStringField("maxRejected", request.maxRejected().toString());
            }
            if (report.refusal() != null) {
                json.writeStringField("refused", report.refusal());
            }
            json.writeObjectFieldStart("counts");
            json.writeNumberField("read", report.read());
            json.writeNumberField("valid", report.valid());
            json.writeNumberField("inserted", report.inserted());
            json.writeNumberField("updated", report.updated());
            json.writeNumberField("unchanged", report.unchanged());
            json.writeNumberField("deleted", report.deleted());
            json.writeNumberField("rejected", report.rejected());
            json.writeEndObject();
            json.writeArrayFieldStart("reasons");
            long checks = 0;
            for (Map.Entry<String, Long> e : report.reasons().entrySet()) {
                json.writeStartObject();
                json.writeStringField("reason", e.getKey());
                json.writeStringField("message", OccurrenceImport.REASONS.get(e.getKey()));
                json.writeNumberField("count", e.getValue());
                json.writeEndObject();
                checks += e.getValue();
            }
            json.writeEndArray();
            total = checks;
            if (report.changedArea() != null) {
                json.writeObjectFieldStart("changedArea");
                json.writeNumberField("srid", 2154);
                json.writeArrayFieldStart("bbox");
                json.writeNumber(report.changedArea().getMinX());
                json.writeNumber(report.changedArea().getMinY());
                json.writeNumber(report.changedArea().getMaxX());
                json.writeNumber(report.changedArea().getMaxY());
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeArrayFieldStart("rejections");
        }

        @Override
        void add(ImportReport.Rejection r) throws IOException {
            if (written >= limit) {
                return;
            }
            written++;
            json.writeStartObject();
            json.writeNumberField("line", r.line());
            json.writeStringField("field", r.field());
            json.writeStringField("column", r.column());
            json.writeStringField("value", r.value());
            json.writeStringField("reason", r.reason());
            json.writeStringField("message", r.message());
            json.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            json.writeEndArray();
            json.writeBooleanField("rejectionsComplete", written == total);
            json.writeEndObject();
            json.close();
        }
    }
}
