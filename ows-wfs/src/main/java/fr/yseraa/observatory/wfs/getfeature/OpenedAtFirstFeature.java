package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.output.CollectionHeader;
import fr.yseraa.observatory.wfs.output.Encoders;
import fr.yseraa.observatory.wfs.output.FeatureEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A collection's answer opened when it is first written to: status and headers are committed only once the
 * database has given a first feature (or the page ended), so that a query it refuses still gets an exception report.
 */
final class OpenedAtFirstFeature implements AutoCloseable {

    private final OutputFormat format;
    private final String serviceUrl;
    private final CollectionHeader opening;
    private final OwsResponse response;
    private OutputStream body;
    private FeatureEncoder encoder;

    OpenedAtFirstFeature(OutputFormat format, String serviceUrl, CollectionHeader opening, OwsResponse response) {
        this.format = format;
        this.serviceUrl = serviceUrl;
        this.opening = opening;
        this.response = response;
    }

    /** The encoder, the answer opened and the collection started on the first call. */
    FeatureEncoder encoder() {
        if (encoder == null) {
            response.setContentType(format.contentType());
            try {
                body = response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            encoder = Encoders.create(format, serviceUrl, body);
            encoder.start(opening);
        }
        return encoder;
    }

    @Override
    public void close() throws IOException {
        if (body != null) {
            body.close();
        }
    }
}
