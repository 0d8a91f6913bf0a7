package fr.yseraa.observatory.core.ows;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the ISO 19139 record of a layer or a service is read: the catalogue's GetRecordById at {@code /csw} of the
 * same server, the URL capabilities documents give as MetadataURL.
 */
public final class MetadataRecordLinks {

    public static final String GMD = "http://www.isotc211.org/2005/gmd";

    private MetadataRecordLinks() {
    }

    /** The record's URL from the server's root URL (what precedes {@code /wms}, {@code /ows}...). */
    public static String fromRoot(String rootUrl, String identifier) {
        return rootUrl + "/csw?service=CSW&version=2.0.2&request=GetRecordById&id="
                + URLEncoder.encode(identifier, StandardCharsets.UTF_8) + "&outputSchema="
                + URLEncoder.encode(GMD, StandardCharsets.UTF_8) + "&elementSetName=full";
    }

    /** The record's URL from the URL of an endpoint at the server's root ({@code http://host/wms}). */
    public static String fromEndpoint(String endpointUrl, String identifier) {
        return fromRoot(endpointUrl.substring(0, endpointUrl.lastIndexOf('/')), identifier);
    }
}
