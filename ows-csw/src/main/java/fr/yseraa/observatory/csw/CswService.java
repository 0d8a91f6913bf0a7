package fr.yseraa.observatory.csw;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.ows.ExceptionReporter;
import fr.yseraa.observatory.core.ows.ExceptionReports;
import fr.yseraa.observatory.core.ows.OwsCommonWriter;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.csw.record.ElementSet;
import fr.yseraa.observatory.csw.record.MetadataRecord;
import fr.yseraa.observatory.csw.record.MetadataRecords;
import fr.yseraa.observatory.csw.request.GetRecordsRequest;
import fr.yseraa.observatory.csw.request.OutputSchema;
import fr.yseraa.observatory.csw.request.Queryables;
import fr.yseraa.observatory.csw.request.XmlRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.w3c.dom.Element;

/**
 * CSW 2.0.2 (OGC 07-006r1), HTTP binding, KVP and XML POST: GetCapabilities, DescribeRecord, GetRecords and
 * GetRecordById over the metadata records the caller may read ({@link MetadataRecords}), in Dublin Core or ISO 19139.
 * Failures are OWS Common 1.0 exception reports.
 */
public final class CswService implements OwsService {

    static final String VERSION = "2.0.2";
    private static final String CONTENT_TYPE = "application/xml; charset=UTF-8";

    private final Supplier<Catalog> catalog;
    private final MetadataRecords records;

    public CswService(Supplier<Catalog> catalog, MetadataRecords records) {
        this.catalog = catalog;
        this.records = records;
    }

    @Override
    public String name() {
        return "CSW";
    }

    @Override
    public List<String> versions() {
        return List.of(VERSION);
    }

    /** Its requests' XML: http://www.opengis.net/cat/csw/2.0.2. */
    @Override
    public Set<String> requestNamespaces() {
        return Set.of("http://www.opengis.net/cat/csw/2.0.2");
    }

    @Override
    public Set<String> operations() {
        return Set.of("GetCapabilities", "DescribeRecord", "GetRecords", "GetRecordById");
    }

    @Override
    public ExceptionReporter exceptionReporter(String version) {
        return ExceptionReporter.ows("1.2.0", OwsCommonWriter.OWS_1_0);
    }

    @Override
    public void handle(OwsRequest request, OwsResponse response) throws IOException {
        ExceptionReports.answer(exceptionReporter(VERSION), response,
                () -> "CSW " + request.operation() + " " + request.kvp().asMap(), () -> {
            Element xml = request.isXml() ? XmlRequest.root(request.xmlBody()) : null;
            switch (request.operation()) {
                case "GetCapabilities" -> capabilities(request, xml, response);
                case "DescribeRecord" -> describeRecord(request, xml, response);
                case "GetRecords" -> getRecords(request, response);
                case "GetRecordById" -> getRecordById(request, xml, response);
                default -> throw new OwsException(OwsExceptionCode.OPERATION_NOT_SUPPORTED, "request",
                        "Operation " + request.operation() + " is not supported");
            }
        });
    }

    private void capabilities(OwsRequest request, Element xml, OwsResponse response) throws IOException {
        List<String> versions = xml != null
                ? XmlRequest.child(xml, "AcceptVersions").map(a -> texts(a, "Version")).orElse(List.of())
                : list(request.kvp().get("acceptVersions"));
        if (!versions.isEmpty() && !versions.contains(VERSION)) {
            throw new OwsException(OwsExceptionCode.VERSION_NEGOTIATION_FAILED, "acceptVersions",
                    "This catalogue speaks CSW " + VERSION + " only, not " + String.join(", ", versions));
        }
        List<String> asked = xml != null
                ? XmlRequest.child(xml, "Sections").map(s -> texts(s, "Section")).orElse(List.of())
                : list(request.kvp().get("sections"));
        Set<String> sections = new LinkedHashSet<>(List.of("Filter_Capabilities")); // the schema requires it
        for (String s : asked) {
            if (s.equals("All")) {
                sections.addAll(CswCapabilitiesWriter.SECTIONS);
            } else if (CswCapabilitiesWriter.SECTIONS.contains(s)) {
                sections.add(s);
            } else {
                throw OwsException.invalidParameter("sections", "No section " + s + "; sections: All, "
                        + String.join(", ", CswCapabilitiesWriter.SECTIONS));
            }
        }
        if (asked.isEmpty()) {
            sections.addAll(CswCapabilitiesWriter.SECTIONS);
        }
        Catalog c = catalog.get();
        try (OutputStream out = ok(response)) {
            CswCapabilitiesWriter.write(c.service(), c.updateSequence(), request.serviceUrl(), sections, out);
        }
    }

    private void describeRecord(OwsRequest request, Element xml, OwsResponse response) throws IOException {
        List<String> typeNames = xml != null ? texts(xml, "TypeName") : list(request.kvp().get("typeName"));
        Optional<String> language = xml != null ? XmlRequest.attribute(xml, "schemaLanguage")
                : request.kvp().get("schemaLanguage");
        if (language.isPresent() && !RecordSchemas.LANGUAGES.contains(language.get())) {
            throw OwsException.invalidParameter("schemaLanguage", "schemaLanguage is "
                    + String.join(" or ", RecordSchemas.LANGUAGES) + ", not " + language.get());
        }
        GetRecordsRequest.checkOutputFormat(xml != null ? XmlRequest.attribute(xml, "outputFormat")
                : request.kvp().get("outputFormat"));
        List<RecordSchemas.Type> types = new ArrayList<>();
        for (String name : typeNames) {
            types.add(RecordSchemas.Type.of(name).orElseThrow(() -> OwsException.invalidParameter("typeName",
                    "this catalogue holds csw:Record and gmd:MD_Metadata, not " + name)));
        }
        try (OutputStream out = ok(response)) {
            RecordSchemas.write(types.isEmpty() ? Arrays.asList(RecordSchemas.Type.values()) : types, out);
        }
    }

    private void getRecords(OwsRequest request, OwsResponse response) throws IOException {
        GetRecordsRequest q = request.isXml() ? GetRecordsRequest.fromXml(request.xmlBody())
                : GetRecordsRequest.fromKvp(request.kvp());
        if (q.constraint() != null) {
            Queryables.check(q.constraint());
        }
        if (q.resultType() == GetRecordsRequest.ResultType.VALIDATE) {
            try (OutputStream out = ok(response)) {
                RecordsWriter.acknowledgement(q, out);
            }
            return;
        }
        String root = root(request);
        List<MetadataRecord> matched = Queryables.select(records.forCaller(request.caller(), root), q.constraint(),
                q.sortBy());
        List<MetadataRecord> page = List.of();
        if (q.resultType() == GetRecordsRequest.ResultType.RESULTS && q.startPosition() <= matched.size()) {
            page = matched.subList(q.startPosition() - 1,
                    Math.min(matched.size(), q.startPosition() - 1 + q.maxRecords()));
        }
        try (OutputStream out = ok(response)) {
            RecordsWriter.searchResults(q, page, matched.size(), root, out);
        }
    }

    private void getRecordById(OwsRequest request, Element xml, OwsResponse response) throws IOException {
        List<String> ids = xml != null ? texts(xml, "Id") : list(request.kvp().get("id"));
        if (ids.isEmpty()) {
            throw OwsException.missingParameter("id");
        }
        OutputSchema schema = OutputSchema.of(xml != null ? XmlRequest.attribute(xml, "outputSchema")
                : request.kvp().get("outputSchema"));
        ElementSet set = GetRecordsRequest.elementSet(xml != null ? XmlRequest.text(xml, "ElementSetName")
                : request.kvp().get("ElementSetName"), ElementSet.SUMMARY);
        GetRecordsRequest.checkOutputFormat(xml != null ? XmlRequest.attribute(xml, "outputFormat")
                : request.kvp().get("outputFormat"));
        String root = root(request);
        Map<String, MetadataRecord> byId = records.forCaller(request.caller(), root).stream()
                .collect(Collectors.toMap(MetadataRecord::identifier, Function.identity()));
        List<MetadataRecord> found = ids.stream().map(byId::get).filter(r -> r != null).toList();
        try (OutputStream out = ok(response)) {
            RecordsWriter.recordsById(found, schema, set, root, out);
        }
    }

    private static OutputStream ok(OwsResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(CONTENT_TYPE);
        return response.body();
    }

    /** The server's root URL from the endpoint's ({@code http://host/csw}). */
    private static String root(OwsRequest request) {
        return request.serviceUrl().substring(0, request.serviceUrl().lastIndexOf('/'));
    }

    private static List<String> list(Optional<String> value) {
        return value.map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private static List<String> texts(Element parent, String localName) {
        return XmlRequest.children(parent, localName).stream().map(e -> e.getTextContent().trim()).toList();
    }
}
