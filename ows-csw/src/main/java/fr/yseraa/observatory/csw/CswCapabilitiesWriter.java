package fr.yseraa.observatory.csw;

import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.filter.Filter11Capabilities;
import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.ows.OwsCommonWriter;
import fr.yseraa.observatory.core.ows.OwsCommonWriter.Endpoint;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.csw.record.DublinCoreWriter;
import fr.yseraa.observatory.csw.request.OutputSchema;
import fr.yseraa.observatory.csw.request.Queryables;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The CSW 2.0.2 capabilities document (OWS Common 1.0 sections and the Filter 1.1 capabilities). */
final class CswCapabilitiesWriter {

    static final List<String> SECTIONS = List.of("ServiceIdentification", "ServiceProvider", "OperationsMetadata",
            "Filter_Capabilities");
    private static final String CSW = DublinCoreWriter.CSW;
    private static final String OWS = OwsCommonWriter.OWS_1_0;
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final List<String> SCHEMAS = Arrays.stream(OutputSchema.values()).map(OutputSchema::uri).toList();
    private static final List<String> TYPE_NAMES = List.of("csw:Record", "gmd:MD_Metadata");
    private static final List<String> ELEMENT_SETS = List.of("brief", "summary", "full");

    private CswCapabilitiesWriter() {
    }

    static void write(ServiceMetadata service, long updateSequence, String url, Set<String> sections, OutputStream out) {
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("csw", CSW, "Capabilities").namespace("csw", CSW).namespace("ows", OWS)
                    .namespace("ogc", FesParser.OGC).namespace("gml", "http://www.opengis.net/gml")
                    .namespace("xlink", OwsCommonWriter.XLINK).namespace("xsi", XSI);
            x.attribute("version", CswService.VERSION).attribute("updateSequence", Long.toString(updateSequence));
            x.attribute("xsi", XSI, "schemaLocation", CSW + " http://schemas.opengis.net/csw/2.0.2/CSW-discovery.xsd");
            OwsCommonWriter ows = new OwsCommonWriter(x, OWS);
            if (sections.contains("ServiceIdentification")) {
                ows.serviceIdentification(service, "CSW", List.of(CswService.VERSION));
            }
            if (sections.contains("ServiceProvider")) {
                ows.serviceProvider(service);
            }
            if (sections.contains("OperationsMetadata")) {
                operations(ows, url);
            }
            if (sections.contains("Filter_Capabilities")) {
                Filter11Capabilities.write(x);
            }
        }
    }

    private static void operations(OwsCommonWriter ows, String url) {
        List<Endpoint> both = List.of(Endpoint.get(url + "?"), Endpoint.post(url));
        ows.startOperationsMetadata();
        ows.startOperation("GetCapabilities", both);
        ows.parameter("sections", SECTIONS);
        ows.endOperation();
        ows.startOperation("DescribeRecord", both);
        ows.parameter("typeName", TYPE_NAMES);
        ows.parameter("outputFormat", List.of("application/xml"));
        ows.parameter("schemaLanguage", List.of("http://www.w3.org/XML/Schema"));
        ows.endOperation();
        ows.startOperation("GetRecords", both);
        ows.parameter("resultType", List.of("hits", "results", "validate"));
        ows.parameter("outputFormat", List.of("application/xml"));
        ows.parameter("outputSchema", SCHEMAS);
        ows.parameter("typeNames", TYPE_NAMES);
        ows.parameter("CONSTRAINTLANGUAGE", List.of("FILTER", "CQL_TEXT"));
        ows.parameter("ElementSetName", ELEMENT_SETS);
        ows.constraint("SupportedDublinCoreQueryables", Queryables.DUBLIN_CORE);
        ows.constraint("SupportedISOQueryables", Queryables.ISO);
        ows.endOperation();
        ows.startOperation("GetRecordById", both);
        ows.parameter("outputSchema", SCHEMAS);
        ows.parameter("outputFormat", List.of("application/xml"));
        ows.parameter("ElementSetName", ELEMENT_SETS);
        ows.endOperation();
        ows.parameter("service", List.of("CSW"));
        ows.parameter("version", List.of(CswService.VERSION));
        ows.endOperationsMetadata();
    }
}
