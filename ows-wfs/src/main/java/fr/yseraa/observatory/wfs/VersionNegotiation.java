package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** GetCapabilities version negotiation: AcceptVersions (OWS Common) first, else VERSION, else the newest. */
final class VersionNegotiation {

    private VersionNegotiation() {
    }

    static WfsVersion negotiate(OwsRequest request, XmlRequest xml) {
        List<String> accepted;
        if (xml != null) {
            accepted = XmlRequest.child(xml.root(), "AcceptVersions")
                    .map(a -> XmlRequest.children(a, "Version").stream().map(XmlRequest::text).toList())
                    .orElse(List.of());
        } else {
            accepted = request.kvp().get("ACCEPTVERSIONS")
                    .map(v -> Arrays.stream(v.split(",")).map(String::trim).toList()).orElse(List.of());
        }
        if (!accepted.isEmpty()) {
            return accepted.stream().filter(v -> v.equals("2.0.0") || v.equals("1.1.0")).findFirst()
                    .map(WfsVersion::of)
                    .orElseThrow(() -> new OwsException(OwsExceptionCode.VERSION_NEGOTIATION_FAILED, "acceptVersions",
                            "None of the versions " + accepted + " is supported; supported: 2.0.0, 1.1.0"));
        }
        Optional<String> version = Optional.ofNullable(request.version());
        return version.filter(v -> v.equals("2.0.0") || v.equals("1.1.0")).map(WfsVersion::of)
                .orElse(WfsVersion.V2_0_0);
    }
}
