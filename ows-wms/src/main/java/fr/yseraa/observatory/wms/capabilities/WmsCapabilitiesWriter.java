package fr.yseraa.observatory.wms.capabilities;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Attribution;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.crs.CrsList;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.ows.MetadataRecordLinks;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsVersion;
import fr.yseraa.observatory.wms.info.InfoFormat;
import fr.yseraa.observatory.wms.legend.GetLegendGraphicOperation;
import fr.yseraa.observatory.wms.legend.LegendRenderer;
import fr.yseraa.observatory.wms.map.ImageFormat;
import fr.yseraa.observatory.wms.style.Style;
import java.awt.Dimension;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * Writes the WMS capabilities document of either version, from the catalog as the caller may see it: the
 * service metadata, then a root layer holding one group per workspace holding its layers, each with its extents in
 * every CRS offered (axis order of the version), styles with legend links, attribution, metadata link and time
 * dimension. Layers the caller may not read are left out as if they did not exist.
 */
public final class WmsCapabilitiesWriter {

    public static final String WMS_NS = "http://www.opengis.net/wms";
    public static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    public static final String SCHEMA_1_3_0 = "http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd";
    /** The SLD profile of WMS 1.3.0: GetLegendGraphic and UserDefinedSymbolization (it imports the WMS schema). */
    public static final String SLD_NS = "http://www.opengis.net/sld";
    public static final String SLD_SCHEMA = "http://schemas.opengis.net/sld/1.1.0/sld_capabilities.xsd";
    public static final String DTD_1_1_1 = "http://schemas.opengis.net/wms/1.1.1/WMS_MS_Capabilities.dtd";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final WmsContext context;
    private final TimeExtents times;

    public WmsCapabilitiesWriter(WmsContext context, TimeExtents times) {
        this.context = context;
        this.times = times;
    }

    public static String contentType(WmsVersion version) {
        return version == WmsVersion.V1_3_0 ? "text/xml; charset=UTF-8" : "application/vnd.ogc.wms_xml; charset=UTF-8";
    }

    /** One document being written: the version, the caller's view of the catalog and the output. */
    private final class Document {
        final WmsVersion v;
        final Catalog catalog;
        final Caller caller;
        final String url;
        final XmlWriter x;

        Document(WmsVersion v, Catalog catalog, Caller caller, String url, XmlWriter x) {
            this.v = v;
            this.catalog = catalog;
            this.caller = caller;
            this.url = url;
            this.x = x;
        }

        boolean v13() {
            return v == WmsVersion.V1_3_0;
        }
    }

    public void write(WmsVersion version, Catalog catalog, Caller caller, String serviceUrl, OutputStream out) {
        try (XmlWriter x = new XmlWriter(out)) {
            Document d = new Document(version, catalog, caller, serviceUrl, x);
            if (d.v13()) {
                x.start("WMS_Capabilities").namespace("", WMS_NS).namespace("sld", SLD_NS)
                        .namespace("xlink", XLINK_NS).namespace("xsi", XSI);
                x.attribute("xsi", XSI, "schemaLocation", WMS_NS + " " + SCHEMA_1_3_0 + " " + SLD_NS + " " + SLD_SCHEMA);
            } else {
                x.doctype("<!DOCTYPE WMT_MS_Capabilities SYSTEM \"" + DTD_1_1_1 + "\">");
                x.start("WMT_MS_Capabilities");
            }
            x.attribute("version", version.text());
            x.attribute("updateSequence", Long.toString(catalog.updateSequence()));
            service(d);
            capability(d);
        }
    }

    private void service(Document d) {
        ServiceMetadata s = d.catalog.service();
        XmlWriter x = d.x;
        x.start("Service");
        x.required("Name", d.v13() ? "WMS" : "OGC:WMS");
        x.required("Title", s.title());
        x.elementUnlessBlank(null, null, "Abstract", s.abstractText());
        keywords(d, s.keywords());
        onlineResource(d, d.url);
        contact(d, s.contact());
        x.elementUnlessBlank(null, null, "Fees", s.fees());
        x.elementUnlessBlank(null, null, "AccessConstraints", s.accessConstraints());
        if (d.v13()) {
            x.required("LayerLimit", Integer.toString(s.limits().layersPerMap()));
            x.required("MaxWidth", Integer.toString(context.settings().maxWidth()));
            x.required("MaxHeight", Integer.toString(context.settings().maxHeight()));
        }
        x.end();
    }

    private void contact(Document d, ServiceMetadata.Contact c) {
        if (c == null) {
            return;
        }
        XmlWriter x = d.x;
        x.start("ContactInformation");
        if (c.person() != null || c.organisation() != null) {
            x.start("ContactPersonPrimary");
            x.required("ContactPerson", c.person());
            x.required("ContactOrganization", c.organisation());
            x.end();
        }
        x.elementUnlessBlank(null, null, "ContactPosition", c.position());
        if (c.address() != null || c.city() != null || c.country() != null) {
            x.start("ContactAddress");
            x.required("AddressType", "postal");
            x.required("Address", c.address());
            x.required("City", c.city());
            x.required("StateOrProvince", "");
            x.required("PostCode", c.postCode());
            x.required("Country", c.country());
            x.end();
        }
        x.elementUnlessBlank(null, null, "ContactVoiceTelephone", c.phone());
        x.elementUnlessBlank(null, null, "ContactElectronicMailAddress", c.email());
        x.end();
    }

    private void capability(Document d) {
        XmlWriter x = d.x;
        x.start("Capability");
        x.start("Request");
        operation(d, "GetCapabilities", List.of(d.v13() ? "text/xml" : "application/vnd.ogc.wms_xml"));
        operation(d, "GetMap", ImageFormat.mimeTypes());
        operation(d, "GetFeatureInfo", InfoFormat.mimeTypes());
        if (d.v13()) {
            d.x.start("sld", SLD_NS, "GetLegendGraphic"); // an extended operation of the SLD profile
        } else {
            x.start("GetLegendGraphic");
        }
        operationBody(d, List.of("image/png", "image/jpeg"));
        x.end();
        x.end(); // Request
        x.start("Exception");
        for (String f : d.v13() ? List.of("XML", "INIMAGE", "BLANK")
                : List.of("application/vnd.ogc.se_xml", "application/vnd.ogc.se_inimage", "application/vnd.ogc.se_blank")) {
            x.required("Format", f);
        }
        x.end();
        userDefinedSymbolization(d);
        rootLayer(d);
        x.end();
    }

    /** SLD support: user styles in SLD_BODY, no user layers, no remote WFS. */
    private void userDefinedSymbolization(Document d) {
        if (d.v13()) {
            d.x.empty("sld", SLD_NS, "UserDefinedSymbolization");
        } else {
            d.x.empty("UserDefinedSymbolization");
        }
        d.x.attribute("SupportSLD", "1");
        d.x.attribute("UserLayer", "0");
        d.x.attribute("UserStyle", "1");
        d.x.attribute("RemoteWFS", "0");
    }

    private void operation(Document d, String name, List<String> formats) {
        d.x.start(name);
        operationBody(d, formats);
        d.x.end();
    }

    /** The formats and the HTTP GET address of an operation. */
    private void operationBody(Document d, List<String> formats) {
        XmlWriter x = d.x;
        for (String f : formats) {
            x.required("Format", f);
        }
        x.start("DCPType");
        x.start("HTTP");
        x.start("Get");
        onlineResource(d, d.url + "?");
        x.end();
        x.end();
        x.end();
    }

    private void rootLayer(Document d) {
        Map<Workspace, List<LayerInfo>> groups = new java.util.LinkedHashMap<>();
        for (Workspace ws : d.catalog.workspaces()) {
            List<LayerInfo> readable = new ArrayList<>();
            for (LayerInfo l : d.catalog.layers()) {
                if (l.workspace().name().equals(ws.name())
                        && context.features().forCaller(d.catalog, d.caller).access(l).readable()) {
                    readable.add(l);
                }
            }
            if (!readable.isEmpty()) {
                groups.put(ws, readable);
            }
        }
        XmlWriter x = d.x;
        x.start("Layer");
        x.required("Title", d.catalog.service().title());
        x.elementUnlessBlank(null, null, "Abstract", d.catalog.service().abstractText());
        for (String crs : CrsList.DEFAULTS) {
            x.required(d.v13() ? "CRS" : "SRS", crs);
        }
        List<LayerInfo> all = groups.values().stream().flatMap(List::stream).toList();
        geographicBox(d, union(all));
        for (Map.Entry<Workspace, List<LayerInfo>> group : groups.entrySet()) {
            x.start("Layer");
            x.required("Title", group.getKey().title() != null ? group.getKey().title() : group.getKey().name());
            geographicBox(d, union(group.getValue()));
            for (LayerInfo layer : group.getValue()) {
                layer(d, layer);
            }
            x.end();
        }
        x.end();
    }

    private Envelope union(List<LayerInfo> layers) {
        Envelope e = new Envelope();
        layers.forEach(l -> e.expandToInclude(lonLat(l)));
        return e;
    }

    private Envelope lonLat(LayerInfo layer) {
        return context.envelopes().transform(layer.nativeBbox(), layer.srid(), 4326);
    }

    private void layer(Document d, LayerInfo layer) {
        XmlWriter x = d.x;
        x.start("Layer");
        x.attribute("queryable", "1");
        x.attribute("opaque", "0");
        x.required("Name", layer.qualifiedName());
        x.required("Title", layer.title());
        x.elementUnlessBlank(null, null, "Abstract", layer.abstractText());
        keywords(d, layer.definition().keywords());
        Set<String> crsCodes = new LinkedHashSet<>(layer.definition().crs());
        for (String crs : crsCodes) {
            if (!CrsList.DEFAULTS.contains(crs)) {
                x.required(d.v13() ? "CRS" : "SRS", crs);
            }
        }
        geographicBox(d, lonLat(layer));
        for (String code : crsCodes) {
            Optional<CrsName> crs = CrsName.recognise(code);
            if (crs.isEmpty() || (d.v13() && code.equals("CRS:84"))) {
                continue; // CRS:84 is EX_GeographicBoundingBox's own
            }
            Envelope e = context.envelopes().transform(layer.nativeBbox(), layer.srid(), crs.get().srid());
            if (e.isNull()) {
                continue; // an empty layer has no extent
            }
            double[] b = d.v.axisOrder(crs.get()).corners(e);
            x.empty("BoundingBox");
            x.attribute(d.v13() ? "CRS" : "SRS", code);
            x.attribute("minx", number(b[0]));
            x.attribute("miny", number(b[1]));
            x.attribute("maxx", number(b[2]));
            x.attribute("maxy", number(b[3]));
        }
        Optional<TimeExtent> time = times.of(d.catalog, layer, d.caller);
        if (time.isPresent()) {
            timeDimension(d, time.get());
        }
        attribution(d, layer.definition().attribution());
        x.start("MetadataURL");
        x.attribute("type", d.v13() ? "ISO19115:2003" : "TC211");
        x.required("Format", "text/xml");
        onlineResource(d, MetadataRecordLinks.fromEndpoint(d.url, layer.recordIdentifier()));
        x.end();
        if (layer.definition().metadataUrl() != null) {
            x.start("MetadataURL");
            x.attribute("type", d.v13() ? "ISO19115:2003" : "TC211");
            x.required("Format", "text/html");
            onlineResource(d, layer.definition().metadataUrl());
            x.end();
        }
        for (Map.Entry<String, Style> style : context.styles().stylesOf(layer).entries()) {
            style(d, layer, style.getKey(), style.getValue());
        }
        x.end();
    }

    private void timeDimension(Document d, TimeExtent t) {
        XmlWriter x = d.x;
        if (d.v13()) {
            x.start("Dimension");
            x.attribute("name", "time");
            x.attribute("units", "ISO8601");
            x.attribute("default", t.defaultValue());
            x.attribute("nearestValue", "0");
            x.text(t.interval());
            x.end();
        } else {
            x.empty("Dimension");
            x.attribute("name", "time");
            x.attribute("units", "ISO8601");
            x.start("Extent");
            x.attribute("name", "time");
            x.attribute("default", t.defaultValue());
            x.text(t.interval());
            x.end();
        }
    }

    private void attribution(Document d, Attribution a) {
        if (a == null) {
            return;
        }
        XmlWriter x = d.x;
        x.start("Attribution");
        x.elementUnlessBlank(null, null, "Title", a.title());
        if (a.url() != null) {
            onlineResource(d, a.url());
        }
        x.end();
    }

    private void style(Document d, LayerInfo layer, String name, Style style) {
        XmlWriter x = d.x;
        x.start("Style");
        x.required("Name", name);
        x.required("Title", style.title() != null ? style.title() : name);
        x.elementUnlessBlank(null, null, "Abstract", style.abstractText());
        Dimension size = new LegendRenderer(GetLegendGraphicOperation.DEFAULT_ICON, GetLegendGraphicOperation.DEFAULT_ICON)
                .size(LegendRenderer.rules(style, null));
        x.start("LegendURL");
        x.attribute("width", Integer.toString(size.width));
        x.attribute("height", Integer.toString(size.height));
        x.required("Format", "image/png");
        onlineResource(d, d.url + "?SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=" + d.v.text()
                + "&FORMAT=image%2Fpng&LAYER=" + encode(layer.qualifiedName()) + "&STYLE=" + encode(name));
        x.end();
        x.end();
    }

    private void geographicBox(Document d, Envelope e) {
        if (e.isNull()) {
            return;
        }
        XmlWriter x = d.x;
        if (d.v13()) {
            x.start("EX_GeographicBoundingBox");
            x.required("westBoundLongitude", number(Math.max(-180, e.getMinX())));
            x.required("eastBoundLongitude", number(Math.min(180, e.getMaxX())));
            x.required("southBoundLatitude", number(Math.max(-90, e.getMinY())));
            x.required("northBoundLatitude", number(Math.min(90, e.getMaxY())));
            x.end();
        } else {
            x.empty("LatLonBoundingBox");
            x.attribute("minx", number(e.getMinX()));
            x.attribute("miny", number(e.getMinY()));
            x.attribute("maxx", number(e.getMaxX()));
            x.attribute("maxy", number(e.getMaxY()));
        }
    }

    private void keywords(Document d, List<String> keywords) {
        if (keywords == null || keywords.isEmpty()) {
            return;
        }
        d.x.start("KeywordList");
        for (String k : keywords) {
            d.x.required("Keyword", k);
        }
        d.x.end();
    }

    private void onlineResource(Document d, String href) {
        d.x.empty("OnlineResource");
        if (!d.v13()) {
            d.x.namespace("xlink", XLINK_NS);
        }
        d.x.attribute("xlink", XLINK_NS, "type", "simple");
        d.x.attribute("xlink", XLINK_NS, "href", href);
    }

    /** A coordinate without needless digits: 8 decimals at most. */
    static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
