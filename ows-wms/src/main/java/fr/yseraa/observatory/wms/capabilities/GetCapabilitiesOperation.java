package fr.yseraa.observatory.wms.capabilities;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import fr.yseraa.observatory.wms.WmsVersion;
import java.io.IOException;
import java.io.OutputStream;

/** GetCapabilities: version negotiation, UPDATESEQUENCE, then the document of the negotiated version. */
public final class GetCapabilitiesOperation {

    private final WmsContext context;
    private final WmsCapabilitiesWriter writer;

    public GetCapabilitiesOperation(WmsContext context, TimeExtents times) {
        this.context = context;
        this.writer = new WmsCapabilitiesWriter(context, times);
    }

    /** The version a GetCapabilities request gets: VERSION (or the pre-1.0 WMTVER) negotiated. */
    public static WmsVersion negotiate(OwsRequest request) {
        KvpParameters kvp = request.kvp();
        return WmsVersion.negotiate(kvp.get("VERSION").or(() -> kvp.get("WMTVER")).orElse(null));
    }

    public void handle(OwsRequest request, WmsVersion version, OwsResponse response) throws IOException {
        Catalog catalog = context.catalog(request);
        String asked = request.kvp().get("UPDATESEQUENCE").orElse(null);
        if (asked != null) {
            long sequence;
            try {
                sequence = Long.parseLong(asked);
            } catch (NumberFormatException e) {
                throw new OwsException(WmsExceptionCode.INVALID_UPDATE_SEQUENCE, "updatesequence",
                        "UPDATESEQUENCE " + asked + " is not one this server gave");
            }
            if (sequence == catalog.updateSequence()) {
                throw new OwsException(WmsExceptionCode.CURRENT_UPDATE_SEQUENCE, "updatesequence",
                        "The capabilities have not changed since update sequence " + asked);
            }
            if (sequence > catalog.updateSequence()) {
                throw new OwsException(WmsExceptionCode.INVALID_UPDATE_SEQUENCE, "updatesequence",
                        "UPDATESEQUENCE " + asked + " is newer than the server's " + catalog.updateSequence());
            }
        }
        String format = request.kvp().get("FORMAT").orElse(null);
        if (format != null && !format.startsWith("text/xml") && !format.startsWith("application/vnd.ogc.wms_xml")) {
            throw new OwsException(WmsExceptionCode.INVALID_FORMAT, "format", "Capabilities are served as XML only");
        }
        response.setStatus(200);
        response.setContentType(WmsCapabilitiesWriter.contentType(version));
        try (OutputStream out = response.body()) {
            writer.write(version, catalog, request.caller(), request.serviceUrl(), out);
        }
    }
}
