package fr.yseraa.observatory.csw;

import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsCommonWriter;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.csw.record.DublinCoreWriter;
import fr.yseraa.observatory.csw.record.ElementSet;
import fr.yseraa.observatory.csw.record.IsoRecordWriter;
import fr.yseraa.observatory.csw.record.MetadataRecord;
import fr.yseraa.observatory.csw.request.GetRecordsRequest;
import fr.yseraa.observatory.csw.request.OutputSchema;
import fr.yseraa.observatory.csw.request.XmlRequest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The answers holding records: GetRecords' SearchResults, GetRecordById's records, validate's Acknowledgement. */
final class RecordsWriter {

    private static final String CSW = DublinCoreWriter.CSW;
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String CSW_SCHEMA = CSW + " http://schemas.opengis.net/csw/2.0.2/CSW-discovery.xsd";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private RecordsWriter() {
    }

    /**
     * @param page the records of the page (none for hits)
     * @param matched how many records the query matched
     */
    static void searchResults(GetRecordsRequest request, List<MetadataRecord> page, int matched, String rootUrl,
                              OutputStream out) {
        try (XmlWriter x = root(out, "GetRecordsResponse", request.outputSchema(), true)) {
            if (request.requestId() != null) {
                x.element("csw", CSW, "RequestId", request.requestId());
            }
            x.empty("csw", CSW, "SearchStatus").attribute("timestamp", now(Clock.systemUTC()));
            int next = request.startPosition() + page.size();
            x.start("csw", CSW, "SearchResults").attribute("numberOfRecordsMatched", Integer.toString(matched))
                    .attribute("numberOfRecordsReturned", Integer.toString(page.size()))
                    .attribute("nextRecord", Integer.toString(next <= matched ? next : 0))
                    .attribute("recordSchema", request.outputSchema().uri())
                    .attribute("elementSet", request.elementSet().code());
            records(x, page, request.outputSchema(), request.elementSet(), rootUrl);
        }
    }

    static void recordsById(List<MetadataRecord> records, OutputSchema schema, ElementSet set, String rootUrl,
                            OutputStream out) {
        try (XmlWriter x = root(out, "GetRecordByIdResponse", schema, false)) {
            records(x, records, schema, set, rootUrl);
        }
    }

    /** {@code resultType=validate}: the request is valid; it is echoed. */
    static void acknowledgement(GetRecordsRequest request, OutputStream out) {
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("csw", CSW, "Acknowledgement").namespace("csw", CSW).namespace("xsi", XSI)
                    .attribute("xsi", XSI, "schemaLocation", CSW_SCHEMA).attribute("timeStamp", now(Clock.systemUTC()));
            x.start("csw", CSW, "EchoedRequest");
            if (request.echo() != null) {
                DomCopy.write(x, request.echo());
            } else {
                echoKvp(x, request.kvp());
            }
            x.end();
            if (request.requestId() != null) {
                x.element("csw", CSW, "RequestId", request.requestId());
            }
        }
    }

    /** A KVP request echoed as the XML GetRecords it stands for. */
    private static void echoKvp(XmlWriter x, KvpParameters kvp) {
        x.start("csw", CSW, "GetRecords").attribute("service", "CSW").attribute("version", CswService.VERSION);
        kvp.get("resultType").ifPresent(v -> x.attribute("resultType", v));
        kvp.get("outputSchema").ifPresent(v -> x.attribute("outputSchema", v));
        kvp.get("startPosition").ifPresent(v -> x.attribute("startPosition", v));
        kvp.get("maxRecords").ifPresent(v -> x.attribute("maxRecords", v));
        x.start("csw", CSW, "Query").attribute("typeNames", kvp.get("typeNames").orElse("csw:Record"));
        x.element("csw", CSW, "ElementSetName", kvp.get("ElementSetName").orElse("summary"));
        kvp.get("constraint").ifPresent(c -> {
            x.start("csw", CSW, "Constraint").attribute("version", "1.1.0");
            if ("FILTER".equalsIgnoreCase(kvp.get("constraintLanguage").orElse(""))) {
                DomCopy.write(x, XmlRequest.root(c.getBytes(StandardCharsets.UTF_8)));
            } else {
                x.element("csw", CSW, "CqlText", c);
            }
            x.end();
        });
        x.end().end();
    }

    private static XmlWriter root(OutputStream out, String name, OutputSchema schema, boolean versioned) {
        XmlWriter x = new XmlWriter(out);
        x.start("csw", CSW, name).namespace("csw", CSW).namespace("dc", DublinCoreWriter.DC)
                .namespace("dct", DublinCoreWriter.DCT).namespace("ows", OwsCommonWriter.OWS_1_0)
                .namespace("xsi", XSI);
        if (versioned) {
            x.attribute("version", CswService.VERSION);
        }
        x.attribute("xsi", XSI, "schemaLocation", CSW_SCHEMA + (schema == OutputSchema.ISO
                ? " " + IsoRecordWriter.GMD + " " + IsoRecordWriter.GMD_SCHEMA + " " + IsoRecordWriter.SRV + " "
                        + IsoRecordWriter.SRV_SCHEMA : ""));
        return x;
    }

    private static void records(XmlWriter x, List<MetadataRecord> records, OutputSchema schema, ElementSet set,
                                String rootUrl) {
        IsoRecordWriter iso = new IsoRecordWriter(x, rootUrl);
        DublinCoreWriter dc = new DublinCoreWriter(x);
        for (MetadataRecord r : records) {
            if (schema == OutputSchema.ISO) {
                iso.write(r, set, false);
            } else {
                dc.write(r, set);
            }
        }
    }

    /** The time of the answer as an xs:dateTime, seconds always written (toString() drops ":00"). */
    static String now(Clock clock) {
        return TIMESTAMP.format(OffsetDateTime.now(clock));
    }
}
