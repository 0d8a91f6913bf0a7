package fr.yseraa.observatory.wfs.output.file;

import fr.yseraa.observatory.core.feature.Feature;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A GetFeature answer that is a file (GeoPackage, zipped Shapefile): features are written to temporary files on
 * disk as they arrive, so memory stays bounded, and the file is sent once complete. {@link #close()} deletes the
 * temporary files, whether the answer was sent, failed or the client went away.
 */
public interface FeatureFile extends Closeable {

    /** Starts the features of one query; those that follow belong to it. */
    void layer(FileLayer layer) throws IOException;

    /** One feature of the current layer. */
    void feature(Feature feature) throws IOException;

    /** Completes the file and writes it to the client. */
    void writeTo(OutputStream out) throws IOException;

    /** Deletes the temporary files. */
    @Override
    void close() throws IOException;
}
