package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.ExceptionReports;
import fr.yseraa.observatory.core.ows.ForwardingOwsResponse;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.ows.WorkspaceCatalog;
import fr.yseraa.observatory.wfs.capabilities.WfsCapabilitiesWriter;
import fr.yseraa.observatory.wfs.getfeature.GetFeatureOperation;
import fr.yseraa.observatory.wfs.getfeature.GetFeatureRequest;
import fr.yseraa.observatory.wfs.getfeature.GetPropertyValueOperation;
import fr.yseraa.observatory.wfs.getfeature.KvpGetFeatureParser;
import fr.yseraa.observatory.wfs.getfeature.PagePlanner;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import fr.yseraa.observatory.wfs.lock.GetFeatureWithLock;
import fr.yseraa.observatory.wfs.lock.LockFeatureOperation;
import fr.yseraa.observatory.wfs.lock.LockParameters;
import fr.yseraa.observatory.wfs.lock.Locking;
import fr.yseraa.observatory.wfs.getfeature.XmlGetFeatureParser;
import fr.yseraa.observatory.core.write.AfterWrite;
import fr.yseraa.observatory.core.write.LayerWriters;
import fr.yseraa.observatory.wfs.lock.FeatureLocks;
import fr.yseraa.observatory.wfs.schema.FeatureSchemaWriter;
import fr.yseraa.observatory.wfs.transaction.TransactionOperation;
import fr.yseraa.observatory.wfs.transaction.TransactionParser;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.w3c.dom.Element;

/**
 * The WFS 2.0.0 / 1.1.0 service: routes each operation, answering client mistakes with an OWS exception report
 * of the request's version.
 */
public final class WfsService implements fr.yseraa.observatory.core.ows.OwsService {

    private static final Set<String> OPERATIONS = Set.of("GetCapabilities", "DescribeFeatureType", "GetFeature",
            "GetPropertyValue", "ListStoredQueries", "DescribeStoredQueries", "Transaction");
    private static final Set<String> LOCKING = Set.of("LockFeature", "GetFeatureWithLock");
    private static final Set<String> V2_ONLY = Set.of("GetPropertyValue", "ListStoredQueries", "DescribeStoredQueries");
    /** The operations whose reads must see the latest writes (see {@link CallerFeatures#latest()}). */
    private static final Set<String> READS_LATEST = Set.of("LockFeature", "GetFeatureWithLock", "Transaction");

    private static final String WFS_1_0_0 = "1.0.0";

    private final Supplier<Catalog> catalog;
    private final FeatureRepository repository;
    private final WfsSettings settings;
    private final PagePlanner planner;
    private final StoredQueries storedQueries;
    private final LayerWriters writers;
    private final AfterWrite afterWrite;
    private final Locking locking;

    /** A service whose Transactions use the engine's writers only, without locks, audit or caches. */
    public WfsService(Supplier<Catalog> catalog, FeatureRepository repository, WfsSettings settings,
                      StoredQueries storedQueries) {
        this(catalog, repository, settings, storedQueries, new LayerWriters(List.of()), AfterWrite.NONE, null);
    }

    /**
     * @param writers who writes each layer in a Transaction
     * @param afterWrite the audit of every write, and what is done over the changed areas once committed
     * @param locking where locks live (the ones a Transaction must respect and releases), or null for a WFS without
     *     locking (no LockFeature, no GetFeatureWithLock)
     */
    public WfsService(Supplier<Catalog> catalog, FeatureRepository repository, WfsSettings settings,
                      StoredQueries storedQueries, LayerWriters writers, AfterWrite afterWrite, Locking locking) {
        this.catalog = catalog;
        this.repository = repository;
        this.settings = settings;
        this.storedQueries = storedQueries;
        this.writers = writers;
        this.afterWrite = afterWrite;
        this.locking = locking;
        this.planner = new PagePlanner(settings.countBudget());
    }

    @Override
    public String name() {
        return "WFS";
    }

    @Override
    public List<String> versions() {
        return List.of("2.0.0", "1.1.0");
    }

    /** Its requests' XML: http://www.opengis.net/wfs/2.0, http://www.opengis.net/wfs. */
    @Override
    public Set<String> requestNamespaces() {
        return Set.of("http://www.opengis.net/wfs/2.0", "http://www.opengis.net/wfs");
    }

    @Override
    public Set<String> operations() {
        if (locking == null) {
            return OPERATIONS;
        }
        Set<String> all = new java.util.LinkedHashSet<>(OPERATIONS);
        all.addAll(LOCKING);
        return all;
    }

    /** Also a WFS 1.0.0 Transaction, the only one QGIS sends: read as 1.1.0 (the same elements), answered in 1.0.0. */
    @Override
    public boolean acceptsVersion(String operation, String version) {
        return versions().contains(version) || "Transaction".equals(operation) && WFS_1_0_0.equals(version);
    }

    @Override
    public void handle(OwsRequest request, OwsResponse response) throws IOException {
        OpenedResponse opened = new OpenedResponse(response);
        boolean wfs100 = WFS_1_0_0.equals(request.version());
        WfsVersion version = wfs100 ? WfsVersion.V1_1_0 : request.version() != null
                && versions().contains(request.version()) ? WfsVersion.of(request.version()) : WfsVersion.V2_0_0;
        try {
            XmlRequest xml = request.isXml() ? XmlRequest.parse(request.xmlBody()) : null;
            if ("GetCapabilities".equals(request.operation())) {
                version = VersionNegotiation.negotiate(request, xml);
                capabilities(request, version, opened);
                return;
            }
            if (request.version() == null) {
                throw OwsException.missingParameter("version");
            }
            if (!version.isV2() && V2_ONLY.contains(request.operation())) {
                throw new OwsException(OwsExceptionCode.OPERATION_NOT_SUPPORTED, request.operation(),
                        request.operation() + " is a WFS 2.0.0 operation");
            }
            CallerFeatures features = repository.forCaller(catalog(request), request.caller());
            // locks and transactions read what they lock or change on the primary, never on a replica behind it
            FeatureTypes types = new FeatureTypes(READS_LATEST.contains(request.operation()) ? features.latest()
                    : features);
            switch (request.operation()) {
                case "DescribeFeatureType" -> describeFeatureType(request, xml, version, types, opened);
                case "GetFeature" -> new GetFeatureOperation(types, settings, planner)
                        .execute(getFeature(types, version, request, xml), request, opened);
                case "GetPropertyValue" -> new GetPropertyValueOperation(types, settings.maxFeatures(), planner)
                        .execute(getFeature(types, version, request, xml), valueReference(request, xml), opened);
                case "ListStoredQueries" -> xmlAnswer(opened, out -> storedQueries.list(types, out));
                case "DescribeStoredQueries" -> xmlAnswer(opened,
                        out -> storedQueries.describe(types, storedQueryIds(request, xml), out));
                case "LockFeature" -> lockFeature(request, xml, version, types, opened);
                case "GetFeatureWithLock" -> getFeatureWithLock(request, xml, version, types, opened);
                case "Transaction" -> transaction(types, version, wfs100, xml, opened);
                default -> throw new OwsException(OwsExceptionCode.OPERATION_NOT_SUPPORTED, request.operation(),
                        "Operation " + request.operation() + " is not supported");
            }
        } catch (OwsException e) {
            if (opened.opened) {
                throw e;
            }
            ExceptionReports.report(exceptionReporter(version.number()), inVersion(e, version), response);
        }
    }

    private void transaction(FeatureTypes types, WfsVersion version, boolean wfs100, XmlRequest xml,
                             OwsResponse response) throws IOException {
        if (xml == null) {
            throw new OwsException(OwsExceptionCode.OPTION_NOT_SUPPORTED, "request",
                    "Transaction is taken as an XML document sent by POST");
        }
        new TransactionOperation(types, writers, locking == null ? FeatureLocks.NONE : locking.store(), afterWrite)
                .execute(new TransactionParser(types, version).parse(xml.root()), wfs100, response);
    }

    /** WFS 1.1.0 has no InvalidValue: a value a Transaction cannot take is an InvalidParameterValue there. */
    private static OwsException inVersion(OwsException e, WfsVersion version) {
        if (!version.isV2() && e.code() == OwsExceptionCode.INVALID_VALUE) {
            return new OwsException(OwsExceptionCode.INVALID_PARAMETER_VALUE, e.locator(), e.getMessage());
        }
        return e;
    }

    /** Answers at a workspace's virtual endpoint ({@code /{workspace}/wfs}) with that workspace's layers only. */
    @Override
    public boolean servesWorkspaces() {
        return true;
    }

    /**
     * The catalog the request is answered from: the server's whole catalog, or at a workspace's virtual endpoint that
     * workspace's part of it (an unknown workspace: NotFound, 404).
     */
    private Catalog catalog(OwsRequest request) {
        return WorkspaceCatalog.of(catalog.get(), request.workspace());
    }

    private void capabilities(OwsRequest request, WfsVersion version, OwsResponse response) throws IOException {
        FeatureTypes types = new FeatureTypes(repository.forCaller(catalog(request), request.caller()));
        List<LayerInfo> layers = types.readable();
        boolean transactional = !layers.isEmpty() && layers.stream()
                .allMatch(l -> types.catalog().mayWrite(l, request.caller()) && writers.writable(l));
        xmlAnswer(response, out -> new WfsCapabilitiesWriter(types, settings.maxFeatures(), locking != null,
                transactional).write(version, request.serviceUrl(), out));
    }

    private void describeFeatureType(OwsRequest request, XmlRequest xml, WfsVersion version, FeatureTypes types,
                                     OwsResponse response) throws IOException {
        List<LayerInfo> layers;
        String format;
        if (xml != null) {
            Element root = xml.root();
            format = XmlRequest.attribute(root, "outputFormat");
            layers = XmlRequest.children(root, "TypeName").stream()
                    .map(t -> types.resolve(XmlRequest.text(t), p -> XmlRequest.namespaceOf(t, p),
                            version.typeNamesParameter()))
                    .toList();
        } else {
            KvpParameters kvp = request.kvp();
            format = kvp.get("OUTPUTFORMAT").orElse(null);
            java.util.Map<String, String> namespaces = KvpGetFeatureParser.namespaces(kvp.get("NAMESPACES").orElse(null));
            layers = kvp.get("TYPENAMES").or(() -> kvp.get("TYPENAME"))
                    .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                            .map(n -> types.resolve(n, namespaces::get, version.typeNamesParameter())).toList())
                    .orElse(List.of());
        }
        if (layers.isEmpty()) {
            layers = types.readable();
        }
        OutputFormat gml = OutputFormat.parse(format, version);
        if (!gml.isGml()) {
            throw OwsException.invalidParameter("outputFormat", "DescribeFeatureType answers GML application "
                    + "schemas: application/gml+xml; version=3.2 or text/xml; subtype=gml/3.1.1");
        }
        WfsVersion schemaVersion = gml == OutputFormat.GML32 ? WfsVersion.V2_0_0 : WfsVersion.V1_1_0;
        List<LayerInfo> chosen = layers;
        response.setContentType(gml == OutputFormat.GML32 ? "application/gml+xml; version=3.2"
                : "text/xml; subtype=gml/3.1.1");
        try (OutputStream out = response.body()) {
            new FeatureSchemaWriter(types).write(chosen, schemaVersion,
                    ls -> DescribeUrls.of(request.serviceUrl(), schemaVersion, ls), out);
        }
    }

    private void lockFeature(OwsRequest request, XmlRequest xml, WfsVersion version, FeatureTypes types,
                             OwsResponse response) throws IOException {
        LockParameters lock = xml != null ? LockParameters.of(xml.root(), version, true, locking.maxExpiry())
                : LockParameters.of(request.kvp(), version, true, locking.maxExpiry());
        List<TypeQuery> queries = xml != null && !version.isV2()
                ? new XmlGetFeatureParser(types, version).queries(xml.root(), "Lock")
                : getFeature(types, version, request, xml).queries();
        new LockFeatureOperation(types, locking.store(), writers).execute(queries, lock, version, response);
    }

    private void getFeatureWithLock(OwsRequest request, XmlRequest xml, WfsVersion version, FeatureTypes types,
                                    OwsResponse response) throws IOException {
        LockParameters lock = xml != null ? LockParameters.of(xml.root(), version, false, locking.maxExpiry())
                : LockParameters.of(request.kvp(), version, false, locking.maxExpiry());
        GetFeatureWithLock withLock = new GetFeatureWithLock(types, locking.store(), writers, lock);
        new GetFeatureOperation(types, settings, planner)
                .execute(withLock.checked(getFeature(types, version, request, xml)), request, response, withLock);
    }

    private GetFeatureRequest getFeature(FeatureTypes types, WfsVersion version, OwsRequest request,
                                         XmlRequest xml) {
        return xml != null ? new XmlGetFeatureParser(types, version).parse(xml.root(), storedQueries)
                : new KvpGetFeatureParser(types, version).parse(request.kvp(), storedQueries);
    }

    private static String valueReference(OwsRequest request, XmlRequest xml) {
        boolean present = xml != null ? xml.root().hasAttribute("valueReference")
                : request.kvp().asMap().containsKey("VALUEREFERENCE");
        if (!present) {
            throw OwsException.missingParameter("valueReference");
        }
        String v = xml != null ? XmlRequest.attribute(xml.root(), "valueReference")
                : request.kvp().get("VALUEREFERENCE").orElse(null);
        if (v == null) {
            throw OwsException.invalidParameter("valueReference", "valueReference must name a property");
        }
        return v;
    }

    private static List<String> storedQueryIds(OwsRequest request, XmlRequest xml) {
        if (xml != null) {
            return XmlRequest.children(xml.root(), "StoredQueryId").stream().map(XmlRequest::text).toList();
        }
        return request.kvp().get("STOREDQUERY_ID")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    @FunctionalInterface
    private interface DocumentWriter {
        void write(OutputStream out) throws IOException;
    }

    private static void xmlAnswer(OwsResponse response, DocumentWriter writer) throws IOException {
        response.setContentType("text/xml; charset=UTF-8");
        try (OutputStream out = response.body()) {
            writer.write(out);
        }
    }

    /** Remembers whether the body was opened: after that, an exception report can no longer replace it. */
    private static final class OpenedResponse extends ForwardingOwsResponse {
        private boolean opened;

        OpenedResponse(OwsResponse response) {
            super(response);
        }

        @Override
        public OutputStream body() throws IOException {
            opened = true;
            return super.body();
        }
    }
}
