package fr.yseraa.observatory.csw.record;

import java.util.List;

/**
 * A service of the server that gets a service record and serves the layers' data, as the server plugs it: each
 * layer's record links to it, its record lists the layers.
 *
 * @param name the SERVICE name ({@code WMS}); its record's identifier comes from {@code service.yaml}
 * @param protocol the catalogue's name of the protocol ({@code OGC:WMS})
 * @param path the capabilities' path and query from the server's root
 *     ({@code /wms?SERVICE=WMS&REQUEST=GetCapabilities})
 * @param type the INSPIRE spatial data service type ({@code view}, {@code download})
 * @param version the standard's version
 * @param classification the ISO 19119 classification keyword ({@code infoMapAccessService})
 * @param operations the operations offered (GetCapabilities first)
 */
public record ServiceEndpoint(String name, String protocol, String path, String type, String version,
                              String classification, List<String> operations) {

    public ServiceEndpoint {
        operations = List.copyOf(operations);
    }
}
