package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import java.io.OutputStream;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes the WPS 1.0.0 capabilities document (wpsGetCapabilities_response.xsd). */
final class CapabilitiesWriter {

    private static final List<String> OPERATIONS = List.of("GetCapabilities", "DescribeProcess", "Execute");

    private CapabilitiesWriter() {
    }

    static void write(ServiceMetadata service, List<ProcessDescription> processes, String serviceUrl,
                      long updateSequence, OutputStream out) throws XMLStreamException {
        XMLStreamWriter w = WpsXml.start(out, "Capabilities", "wpsGetCapabilities_response.xsd");
        w.writeAttribute("updateSequence", Long.toString(updateSequence));
        serviceIdentification(w, service);
        serviceProvider(w, service);
        w.writeStartElement("ows", "OperationsMetadata", WpsXml.OWS);
        for (String op : OPERATIONS) {
            w.writeStartElement("ows", "Operation", WpsXml.OWS);
            w.writeAttribute("name", op);
            w.writeStartElement("ows", "DCP", WpsXml.OWS);
            w.writeStartElement("ows", "HTTP", WpsXml.OWS);
            w.writeEmptyElement("ows", "Get", WpsXml.OWS);
            w.writeAttribute("xlink", WpsXml.XLINK, "href", serviceUrl + "?");
            w.writeEmptyElement("ows", "Post", WpsXml.OWS);
            w.writeAttribute("xlink", WpsXml.XLINK, "href", serviceUrl);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeStartElement("wps", "ProcessOfferings", WpsXml.WPS);
        for (ProcessDescription p : processes) {
            w.writeStartElement("wps", "Process", WpsXml.WPS);
            w.writeAttribute("wps", WpsXml.WPS, "processVersion", p.version());
            WpsXml.description(w, p.identifier(), p.title(), p.abstractText());
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeStartElement("wps", "Languages", WpsXml.WPS);
        w.writeStartElement("wps", "Default", WpsXml.WPS);
        WpsXml.ows(w, "Language", WpsXml.LANGUAGE);
        w.writeEndElement();
        w.writeStartElement("wps", "Supported", WpsXml.WPS);
        WpsXml.ows(w, "Language", WpsXml.LANGUAGE);
        w.writeEndElement();
        w.writeEndElement();
        WpsXml.end(w);
    }

    private static void serviceIdentification(XMLStreamWriter w, ServiceMetadata service) throws XMLStreamException {
        w.writeStartElement("ows", "ServiceIdentification", WpsXml.OWS);
        WpsXml.ows(w, "Title", service.title());
        WpsXml.ows(w, "Abstract", service.abstractText());
        if (!service.keywords().isEmpty()) {
            w.writeStartElement("ows", "Keywords", WpsXml.OWS);
            for (String k : service.keywords()) {
                WpsXml.ows(w, "Keyword", k);
            }
            w.writeEndElement();
        }
        WpsXml.ows(w, "ServiceType", "WPS");
        WpsXml.ows(w, "ServiceTypeVersion", WpsXml.VERSION);
        WpsXml.ows(w, "Fees", service.fees());
        WpsXml.ows(w, "AccessConstraints", service.accessConstraints());
        w.writeEndElement();
    }

    private static void serviceProvider(XMLStreamWriter w, ServiceMetadata service) throws XMLStreamException {
        ServiceMetadata.Contact c = service.contact();
        w.writeStartElement("ows", "ServiceProvider", WpsXml.OWS);
        WpsXml.ows(w, "ProviderName", c.organisation() != null ? c.organisation() : service.title());
        if (c.url() != null) {
            w.writeEmptyElement("ows", "ProviderSite", WpsXml.OWS);
            w.writeAttribute("xlink", WpsXml.XLINK, "href", c.url());
        }
        w.writeStartElement("ows", "ServiceContact", WpsXml.OWS);
        WpsXml.ows(w, "IndividualName", c.person());
        WpsXml.ows(w, "PositionName", c.position());
        w.writeStartElement("ows", "ContactInfo", WpsXml.OWS);
        if (c.phone() != null) {
            w.writeStartElement("ows", "Phone", WpsXml.OWS);
            WpsXml.ows(w, "Voice", c.phone());
            w.writeEndElement();
        }
        w.writeStartElement("ows", "Address", WpsXml.OWS);
        WpsXml.ows(w, "DeliveryPoint", c.address());
        WpsXml.ows(w, "City", c.city());
        WpsXml.ows(w, "PostalCode", c.postCode());
        WpsXml.ows(w, "Country", c.country());
        WpsXml.ows(w, "ElectronicMailAddress", c.email());
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }
}
