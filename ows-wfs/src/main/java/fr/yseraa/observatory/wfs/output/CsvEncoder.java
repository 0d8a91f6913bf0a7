package fr.yseraa.observatory.wfs.output;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.ValueFormat;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.locationtech.jts.io.WKTWriter;

/**
 * CSV of one feature type: a header (FID, the attributes, the geometry as WKT in x/y order), then one row per
 * feature, streamed.
 */
public final class CsvEncoder implements FeatureEncoder {

    private final CSVPrinter csv;
    private final WKTWriter wkt = new WKTWriter();
    private boolean headerWritten;

    public CsvEncoder(OutputStream out) {
        try {
            this.csv = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                    CSVFormat.RFC4180);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(CollectionHeader header) {
    }

    @Override
    public void feature(TypeQuery query, Feature f) {
        try {
            if (!headerWritten) {
                headerWritten = true;
                List<String> header = new ArrayList<>();
                header.add("FID");
                header.addAll(f.attributes().keySet());
                if (query.withGeometry()) {
                    header.add(query.layer().geometryColumn());
                }
                csv.printRecord(header);
            }
            List<String> row = new ArrayList<>();
            row.add(f.id());
            f.attributes().values().forEach(v -> row.add(ValueFormat.text(v)));
            if (query.withGeometry()) {
                row.add(f.geometry() == null ? null : wkt.write(f.geometry()));
            }
            csv.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void end(CollectionHeader totals) {
        close();
    }

    private void close() {
        try {
            csv.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void single(TypeQuery query, Feature feature) {
        feature(query, feature);
        close();
    }
}
