package fr.yseraa.observatory.wfs.output.file;

import fr.yseraa.observatory.wfs.OutputFormat;
import java.io.IOException;
import java.nio.file.Path;

/** The file writer of each file output format. */
public final class FeatureFiles {

    private FeatureFiles() {
    }

    /** A new file, its temporary files in a folder of its own under {@code spoolDirectory}. */
    public static FeatureFile create(OutputFormat format, Path spoolDirectory) throws IOException {
        return switch (format) {
            case GEOPACKAGE -> new GeoPackageFile(spoolDirectory);
            case SHAPE_ZIP -> new ShapefileZip(spoolDirectory);
            default -> throw new IllegalArgumentException(format + " is not a file format");
        };
    }
}
