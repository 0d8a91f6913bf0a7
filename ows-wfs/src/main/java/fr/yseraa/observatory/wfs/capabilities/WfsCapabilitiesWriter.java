package fr.yseraa.observatory.wfs.capabilities;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.crs.CrsList;
import fr.yseraa.observatory.core.filter.Filter11Capabilities;
import fr.yseraa.observatory.core.ows.MetadataRecordLinks;
import fr.yseraa.observatory.core.ows.OwsCommonWriter.Endpoint;
import fr.yseraa.observatory.core.ows.OwsCommonWriter;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/** Writes WFS 2.0.0 and 1.1.0 capabilities from the catalog, listing only the feature types the caller may read. */
public final class WfsCapabilitiesWriter {

    static final String FES = "http://www.opengis.net/fes/2.0";
    static final String OGC = "http://www.opengis.net/ogc";
    /** Features hold no references, so resolving local ones is always done (there is nothing to resolve). */
    private static final List<String> RESOLVE = List.of("none", "local");
    private static final Envelope WORLD = new Envelope(-180, 180, -90, 90);

    private final FeatureTypes types;
    private final int maxFeatures;
    private final boolean locking;
    private final boolean transactional;

    /**
     * @param locking whether the service locks features (LockFeature, GetFeatureWithLock)
     * @param transactional whether every feature type the caller reads accepts the caller's Transactions (the
     *     Transactional conformance class is claimed only then: WFS 2.0 capabilities cannot say that one type is
     *     read-only, and a client of the class writes every type it sees)
     */
    public WfsCapabilitiesWriter(FeatureTypes types, int maxFeatures, boolean locking, boolean transactional) {
        this.types = types;
        this.maxFeatures = maxFeatures;
        this.locking = locking;
        this.transactional = transactional;
    }

    public void write(WfsVersion version, String serviceUrl, OutputStream out) {
        List<LayerInfo> layers = types.readable();
        try (XmlWriter x = new XmlWriter(out)) {
            String wfs = version.wfsNamespace();
            x.start("wfs", wfs, "WFS_Capabilities");
            x.namespace("wfs", wfs).namespace("ows", version.owsNamespace()).namespace("gml", version.gmlNamespace())
                    .namespace("xlink", WfsVersion.XLINK).namespace("xsi", WfsVersion.XSI);
            x.namespace(version.isV2() ? "fes" : "ogc", version.isV2() ? FES : OGC);
            for (Workspace w : types.catalog().workspaces()) {
                x.namespace(w.name(), w.namespaceUri());
            }
            x.attribute("version", version.number());
            x.attribute("updateSequence", Long.toString(types.catalog().updateSequence()));
            x.attribute("xsi", WfsVersion.XSI, "schemaLocation", wfs + " " + version.wfsSchema());
            OwsCommonWriter ows = new OwsCommonWriter(x, version.owsNamespace());
            ows.serviceIdentification(types.catalog().service(), "WFS",
                    version.isV2() ? List.of("2.0.0", "1.1.0") : List.of("1.1.0"));
            ows.serviceProvider(types.catalog().service());
            operationsMetadata(ows, version, serviceUrl, layers);
            if (!layers.isEmpty()) { // a caller who reads no type (of a workspace): no list, which may not be empty
                featureTypeList(x, ows, version, serviceUrl, layers);
            }
            if (version.isV2()) {
                FilterCapabilitiesWriter.writeFes20(x);
            } else {
                Filter11Capabilities.write(x);
            }
            x.end();
        }
    }

    private void operationsMetadata(OwsCommonWriter ows, WfsVersion version, String url, List<LayerInfo> layers) {
        List<String> typeNames = layers.stream().map(LayerInfo::qualifiedName).toList();
        List<Endpoint> endpoints = List.of(Endpoint.get(url), Endpoint.post(url));
        ows.startOperationsMetadata();
        ows.startOperation("GetCapabilities", endpoints);
        ows.parameter("AcceptVersions", List.of("2.0.0", "1.1.0"));
        ows.parameter("AcceptFormats", List.of("text/xml"));
        ows.endOperation();
        ows.startOperation("DescribeFeatureType", endpoints);
        ows.parameter("outputFormat", List.of(version.isV2() ? "application/gml+xml; version=3.2"
                : "text/xml; subtype=gml/3.1.1"));
        if (!version.isV2()) {
            ows.parameter("typeName", typeNames);
        }
        ows.endOperation();
        ows.startOperation("GetFeature", endpoints);
        ows.parameter("resultType", List.of("results", "hits"));
        ows.parameter("outputFormat", OutputFormat.advertisedNames());
        if (version.isV2()) {
            ows.parameter("resolve", RESOLVE);
        }
        if (!version.isV2()) {
            ows.parameter("typeName", typeNames);
        }
        ows.endOperation();
        ows.startOperation("Transaction", List.of(Endpoint.post(url)));
        ows.parameter("inputFormat", List.of(version.isV2() ? "application/gml+xml; version=3.2"
                : "text/xml; subtype=gml/3.1.1"));
        if (!version.isV2()) {
            ows.parameter("idgen", List.of("GenerateNew"));
        }
        ows.parameter("releaseAction", List.of("ALL", "SOME"));
        ows.endOperation();
        if (locking) {
            ows.startOperation("GetFeatureWithLock", endpoints);
            ows.parameter("resultType", List.of("results"));
            ows.parameter("outputFormat", OutputFormat.gmlNames(version));
            if (!version.isV2()) {
                ows.parameter("typeName", typeNames);
            }
            ows.endOperation();
            ows.startOperation("LockFeature", endpoints);
            ows.parameter("lockAction", List.of("ALL", "SOME"));
            if (!version.isV2()) {
                ows.parameter("typeName", typeNames);
            }
            ows.endOperation();
        }
        if (version.isV2()) {
            ows.startOperation("GetPropertyValue", endpoints);
            ows.parameter("resolve", RESOLVE);
            ows.parameter("outputFormat", List.of("application/gml+xml; version=3.2"));
            ows.endOperation();
            ows.operation("ListStoredQueries", endpoints);
            ows.operation("DescribeStoredQueries", endpoints);
            ows.parameter("version", List.of("2.0.0", "1.1.0"));
            for (Map.Entry<String, Boolean> c : conformance20(locking, transactional).entrySet()) {
                ows.defaultConstraint(c.getKey(), Boolean.toString(c.getValue()).toUpperCase(Locale.ROOT));
            }
            ows.defaultConstraint("CountDefault", Integer.toString(maxFeatures));
            ows.constraint("QueryExpressions", List.of("wfs:Query", "wfs:StoredQuery"));
        } else {
            ows.defaultConstraint("DefaultMaxFeatures", Integer.toString(maxFeatures));
        }
        ows.endOperationsMetadata();
    }

    /**
     * WFS 2.0 conformance classes, true only where really implemented (Locking: when the service locks;
     * Transactional: when the caller may write every type it reads, see bench/RESULTS.md).
     */
    static Map<String, Boolean> conformance20(boolean locking, boolean transactional) {
        Map<String, Boolean> c = new LinkedHashMap<>();
        c.put("ImplementsBasicWFS", true);
        c.put("ImplementsTransactionalWFS", transactional);
        c.put("ImplementsLockingWFS", locking);
        c.put("KVPEncoding", true);
        c.put("XMLEncoding", true);
        c.put("SOAPEncoding", false);
        c.put("ImplementsInheritance", false);
        c.put("ImplementsRemoteResolve", false);
        c.put("ImplementsResultPaging", true);
        c.put("ImplementsStandardJoins", false);
        c.put("ImplementsSpatialJoins", false);
        c.put("ImplementsTemporalJoins", false);
        c.put("ImplementsFeatureVersioning", false);
        c.put("ManageStoredQueries", false);
        c.put("PagingIsTransactionSafe", false);
        return c;
    }

    private void featureTypeList(XmlWriter x, OwsCommonWriter ows, WfsVersion version, String serviceUrl,
                                 List<LayerInfo> layers) {
        String wfs = version.wfsNamespace();
        String o = version.owsNamespace();
        x.start("wfs", wfs, "FeatureTypeList");
        for (LayerInfo layer : layers) {
            x.start("wfs", wfs, "FeatureType");
            x.element("wfs", wfs, "Name", layer.qualifiedName());
            x.start("wfs", wfs, "Title");
            if (version.isV2()) {
                x.attribute("xml:lang", "fr");
            }
            x.text(layer.title()).end();
            x.element("wfs", wfs, "Abstract", layer.abstractText());
            ows.keywords(layer.definition().keywords());
            String crsElement = version.isV2() ? "CRS" : "SRS";
            List<Integer> srids = List.copyOf(CrsList.srids(layer.definition().crs()));
            int defaultSrid = srids.contains(layer.srid()) ? layer.srid() : srids.get(0);
            x.element("wfs", wfs, "Default" + crsElement, version.crsName(defaultSrid).name());
            for (int srid : srids) {
                if (srid != defaultSrid) {
                    x.element("wfs", wfs, "Other" + crsElement, version.crsName(srid).name());
                }
            }
            x.start("wfs", wfs, "OutputFormats");
            OutputFormat.advertisedNames().forEach(f -> x.element("wfs", wfs, "Format", f));
            x.end();
            Envelope seen = types.features().wgs84Extent(layer);
            Envelope e = seen.isNull() ? WORLD : seen; // a caller who sees nothing is told the whole world
            x.start("ows", o, "WGS84BoundingBox");
            x.element("ows", o, "LowerCorner", e.getMinX() + " " + e.getMinY());
            x.element("ows", o, "UpperCorner", e.getMaxX() + " " + e.getMaxY());
            x.end();
            String record = MetadataRecordLinks.fromEndpoint(serviceUrl, layer.recordIdentifier());
            if (version.isV2()) {
                x.empty("wfs", wfs, "MetadataURL").attribute("xlink", WfsVersion.XLINK, "href", record);
            } else {
                x.start("wfs", wfs, "MetadataURL").attribute("type", "19139").attribute("format", "text/xml")
                        .text(record).end();
            }
            String metadata = layer.definition().metadataUrl();
            if (metadata != null) {
                if (version.isV2()) {
                    x.empty("wfs", wfs, "MetadataURL").attribute("xlink", WfsVersion.XLINK, "href", metadata);
                } else {
                    x.start("wfs", wfs, "MetadataURL").attribute("type", "19115").attribute("format", "text/html")
                            .text(metadata).end();
                }
            }
            x.end();
        }
        x.end();
    }
}
