package fr.yseraa.observatory.wfs.output;

import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.io.OutputStream;

/** The encoder of each output format. */
public final class Encoders {

    private Encoders() {
    }

    public static FeatureEncoder create(OutputFormat format, String serviceUrl, OutputStream out) {
        return switch (format) {
            case GML32 -> new GmlEncoder(WfsVersion.V2_0_0, serviceUrl, out);
            case GML311 -> new GmlEncoder(WfsVersion.V1_1_0, serviceUrl, out);
            case GEOJSON -> new GeoJsonEncoder(out);
            case CSV -> new CsvEncoder(out);
            case GEOPACKAGE, SHAPE_ZIP -> throw new IllegalArgumentException(format + " is a file: see FeatureFiles");
        };
    }
}
