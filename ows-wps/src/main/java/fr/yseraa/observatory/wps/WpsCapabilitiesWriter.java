package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.ows.OwsCommonWriter.Endpoint;
import fr.yseraa.observatory.core.ows.OwsCommonWriter;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import java.io.OutputStream;
import java.util.List;

/** Writes the WPS 1.0.0 capabilities document (wpsGetCapabilities_response.xsd). */
final class WpsCapabilitiesWriter {

    private static final List<String> OPERATIONS = List.of("GetCapabilities", "DescribeProcess", "Execute");

    private WpsCapabilitiesWriter() {
    }

    static void write(ServiceMetadata service, List<ProcessDescription> processes, String serviceUrl,
                      long updateSequence, OutputStream out) {
        XmlWriter x = WpsDocuments.start(out, "Capabilities", "wpsGetCapabilities_response.xsd");
        x.attribute("updateSequence", Long.toString(updateSequence));
        OwsCommonWriter ows = new OwsCommonWriter(x, WpsDocuments.OWS);
        ows.serviceIdentification(service, "WPS", List.of(WpsDocuments.VERSION));
        ows.serviceProvider(service);
        ows.startOperationsMetadata();
        List<Endpoint> endpoints = List.of(Endpoint.get(serviceUrl + "?"), Endpoint.post(serviceUrl));
        OPERATIONS.forEach(op -> ows.operation(op, endpoints));
        ows.endOperationsMetadata();
        x.start("wps", WpsDocuments.WPS, "ProcessOfferings");
        for (ProcessDescription p : processes) {
            x.start("wps", WpsDocuments.WPS, "Process");
            x.attribute("wps", WpsDocuments.WPS, "processVersion", p.version());
            WpsDocuments.description(x, p.identifier(), p.title(), p.abstractText());
            x.end();
        }
        x.end();
        x.start("wps", WpsDocuments.WPS, "Languages");
        x.start("wps", WpsDocuments.WPS, "Default");
        x.element("ows", WpsDocuments.OWS, "Language", WpsDocuments.LANGUAGE);
        x.end();
        x.start("wps", WpsDocuments.WPS, "Supported");
        x.element("ows", WpsDocuments.OWS, "Language", WpsDocuments.LANGUAGE);
        x.end();
        x.end();
        x.close();
    }
}
