package fr.yseraa.observatory.wmts.capabilities;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.wms.capabilities.TimeExtent;
import fr.yseraa.observatory.wms.capabilities.TimeExtents;
import fr.yseraa.observatory.wms.crs.EnvelopeTransformer;
import fr.yseraa.observatory.wms.style.LayerStyles;
import fr.yseraa.observatory.wms.style.Style;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSet;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSets;
import fr.yseraa.observatory.wmts.matrix.TileRange;
import fr.yseraa.observatory.wmts.tile.LayerLimits;
import fr.yseraa.observatory.wmts.tile.TileFormat;
import fr.yseraa.observatory.wms.style.StyleRepository;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.locationtech.jts.geom.Envelope;

/**
 * The WMTS 1.0.0 capabilities document (OGC 07-057r7, 7.1), streamed with StAX: the operations in KVP and REST,
 * the layers the caller may read with their styles (and legends from the WMS GetLegendGraphic), formats, TIME
 * dimension, the tile matrix sets they are offered in with the limits of their tiles, and ResourceURL templates;
 * then the tile matrix sets themselves.
 */
public final class WmtsCapabilitiesWriter {

    public static final String WMTS = "http://www.opengis.net/wmts/1.0";
    public static final String OWS = "http://www.opengis.net/ows/1.1";
    public static final String XLINK = "http://www.w3.org/1999/xlink";
    public static final String SCHEMA = "http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd";

    private final FeatureRepository features;
    private final StyleRepository styles;
    private final TimeExtents times;
    private final EnvelopeTransformer envelopes;
    private final TileMatrixSets sets;
    private final LayerLimits limits;

    public WmtsCapabilitiesWriter(FeatureRepository features, StyleRepository styles, TimeExtents times,
                                  EnvelopeTransformer envelopes, TileMatrixSets sets, LayerLimits limits) {
        this.features = features;
        this.styles = styles;
        this.times = times;
        this.envelopes = envelopes;
        this.sets = sets;
        this.limits = limits;
    }

    /**
     * @param base the server's root URL (no trailing slash): KVP at {@code base/wmts}, the RESTful capabilities at
     *             {@code base/wmts/1.0.0}, legends at {@code base/wms}
     * @param tileBase the root URL of the RESTful tiles ({@code tileBase/wmts/1.0.0/...}): the base itself, or the
     *             server's tile endpoint
     */
    public void write(Catalog catalog, Caller caller, String base, String tileBase, OutputStream out)
            throws XMLStreamException {
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.setDefaultNamespace(WMTS);
        w.setPrefix("ows", OWS);
        w.setPrefix("xlink", XLINK);
        w.writeStartElement(WMTS, "Capabilities");
        w.writeDefaultNamespace(WMTS);
        w.writeNamespace("ows", OWS);
        w.writeNamespace("xlink", XLINK);
        w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
        w.writeAttribute("xsi", "http://www.w3.org/2001/XMLSchema-instance", "schemaLocation", WMTS + " " + SCHEMA);
        w.writeAttribute("version", "1.0.0");
        w.writeAttribute("updateSequence", Long.toString(catalog.updateSequence()));
        serviceIdentification(w, catalog.service());
        serviceProvider(w, catalog.service());
        operations(w, base, tileBase);
        w.writeStartElement(WMTS, "Contents");
        for (LayerInfo layer : catalog.layers()) {
            if (features.forCaller(catalog, caller).access(layer).readable()) {
                layer(w, catalog, layer, caller, base, tileBase);
            }
        }
        for (TileMatrixSet set : sets.all()) {
            matrixSet(w, set);
        }
        w.writeEndElement();
        w.writeStartElement(WMTS, "ServiceMetadataURL");
        w.writeAttribute("xlink", XLINK, "href", base + "/wmts/1.0.0/WMTSCapabilities.xml");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
    }

    private static void serviceIdentification(XMLStreamWriter w, ServiceMetadata s) throws XMLStreamException {
        w.writeStartElement(OWS, "ServiceIdentification");
        text(w, OWS, "Title", s.title());
        text(w, OWS, "Abstract", s.abstractText());
        keywords(w, s.keywords());
        text(w, OWS, "ServiceType", "OGC WMTS");
        text(w, OWS, "ServiceTypeVersion", "1.0.0");
        text(w, OWS, "Fees", s.fees());
        text(w, OWS, "AccessConstraints", s.accessConstraints());
        w.writeEndElement();
    }

    private static void serviceProvider(XMLStreamWriter w, ServiceMetadata s) throws XMLStreamException {
        ServiceMetadata.Contact c = s.contact();
        if (c.organisation() == null) {
            return;
        }
        w.writeStartElement(OWS, "ServiceProvider");
        text(w, OWS, "ProviderName", c.organisation());
        if (c.url() != null) {
            w.writeEmptyElement(OWS, "ProviderSite");
            w.writeAttribute("xlink", XLINK, "href", c.url());
        }
        w.writeStartElement(OWS, "ServiceContact");
        text(w, OWS, "IndividualName", c.person());
        text(w, OWS, "PositionName", c.position());
        w.writeStartElement(OWS, "ContactInfo");
        if (c.phone() != null) {
            w.writeStartElement(OWS, "Phone");
            text(w, OWS, "Voice", c.phone());
            w.writeEndElement();
        }
        w.writeStartElement(OWS, "Address");
        text(w, OWS, "DeliveryPoint", c.address());
        text(w, OWS, "City", c.city());
        text(w, OWS, "PostalCode", c.postCode());
        text(w, OWS, "Country", c.country());
        text(w, OWS, "ElectronicMailAddress", c.email());
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void operations(XMLStreamWriter w, String base, String tileBase) throws XMLStreamException {
        w.writeStartElement(OWS, "OperationsMetadata");
        operation(w, "GetCapabilities", base, base);
        operation(w, "GetTile", base, tileBase);
        operation(w, "GetFeatureInfo", base, null);
        w.writeEndElement();
    }

    /** @param restBase the root URL of the operation's RESTful encoding, or null when it has none */
    private static void operation(XMLStreamWriter w, String name, String base, String restBase)
            throws XMLStreamException {
        w.writeStartElement(OWS, "Operation");
        w.writeAttribute("name", name);
        w.writeStartElement(OWS, "DCP");
        w.writeStartElement(OWS, "HTTP");
        get(w, base + "/wmts?", "KVP");
        if (restBase != null) {
            get(w, restBase + "/wmts/1.0.0/", "RESTful");
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void get(XMLStreamWriter w, String href, String encoding) throws XMLStreamException {
        w.writeStartElement(OWS, "Get");
        w.writeAttribute("xlink", XLINK, "href", href);
        w.writeStartElement(OWS, "Constraint");
        w.writeAttribute("name", "GetEncoding");
        w.writeStartElement(OWS, "AllowedValues");
        text(w, OWS, "Value", encoding);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private void layer(XMLStreamWriter w, Catalog catalog, LayerInfo layer, Caller caller, String base,
                       String tileBase) throws XMLStreamException {
        w.writeStartElement(WMTS, "Layer");
        text(w, OWS, "Title", layer.title());
        text(w, OWS, "Abstract", layer.abstractText());
        keywords(w, layer.definition().keywords());
        Envelope wgs84 = envelopes.transform(layer.nativeBbox(), layer.srid(), 4326);
        if (!wgs84.isNull()) {
            w.writeStartElement(OWS, "WGS84BoundingBox");
            text(w, OWS, "LowerCorner", wgs84.getMinX() + " " + wgs84.getMinY());
            text(w, OWS, "UpperCorner", wgs84.getMaxX() + " " + wgs84.getMaxY());
            w.writeEndElement();
        }
        text(w, OWS, "Identifier", layer.qualifiedName());
        LayerStyles layerStyles = styles.stylesOf(layer);
        for (Map.Entry<String, Style> style : layerStyles.entries()) {
            style(w, layer, style.getKey(), style.getValue(), style.getKey().equals(layerStyles.defaultName()), base);
        }
        for (TileFormat f : TileFormat.values()) {
            text(w, WMTS, "Format", f.mimeType());
        }
        text(w, WMTS, "InfoFormat", "text/html");
        text(w, WMTS, "InfoFormat", "application/json");
        Optional<TimeExtent> time = layer.definition().timeColumn() == null ? Optional.empty()
                : times.of(catalog, layer, caller);
        if (time.isPresent()) {
            w.writeStartElement(WMTS, "Dimension");
            text(w, OWS, "Identifier", "time");
            text(w, OWS, "UOM", "ISO8601");
            text(w, WMTS, "Default", time.get().defaultValue());
            text(w, WMTS, "Value", time.get().interval());
            w.writeEndElement();
        }
        for (TileMatrixSet set : sets.all()) {
            link(w, catalog, layer, set);
        }
        String rest = tileBase + "/wmts/1.0.0/" + layer.qualifiedName() + "/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.";
        for (TileFormat f : TileFormat.values()) {
            w.writeEmptyElement(WMTS, "ResourceURL");
            w.writeAttribute("format", f.mimeType());
            w.writeAttribute("resourceType", "tile");
            w.writeAttribute("template", rest + f.extension());
        }
        w.writeEndElement();
    }

    private static void style(XMLStreamWriter w, LayerInfo layer, String name, Style style, boolean isDefault,
                              String base) throws XMLStreamException {
        w.writeStartElement(WMTS, "Style");
        if (isDefault) {
            w.writeAttribute("isDefault", "true");
        }
        text(w, OWS, "Title", style.title() != null ? style.title() : name);
        text(w, OWS, "Identifier", name);
        w.writeEmptyElement(WMTS, "LegendURL");
        w.writeAttribute("format", "image/png");
        w.writeAttribute("xlink", XLINK, "href", base + "/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=1.3.0"
                + "&FORMAT=image/png&LAYER=" + encode(layer.qualifiedName()) + "&STYLE=" + encode(name));
        w.writeEndElement();
    }

    private void link(XMLStreamWriter w, Catalog catalog, LayerInfo layer, TileMatrixSet set)
            throws XMLStreamException {
        w.writeStartElement(WMTS, "TileMatrixSetLink");
        text(w, WMTS, "TileMatrixSet", set.id());
        w.writeStartElement(WMTS, "TileMatrixSetLimits");
        for (TileMatrix m : set.matrices()) {
            TileRange r = limits.range(catalog, layer, set, m);
            if (r == null || r.minRow() == 0 || r.minCol() == 0) {
                // the official schema types the indices as positiveInteger though 0 is the first row and column
                // (a known erratum): such coarse levels go without limits rather than make the document invalid
                continue;
            }
            w.writeStartElement(WMTS, "TileMatrixLimits");
            text(w, WMTS, "TileMatrix", m.id());
            text(w, WMTS, "MinTileRow", Long.toString(r.minRow()));
            text(w, WMTS, "MaxTileRow", Long.toString(r.maxRow()));
            text(w, WMTS, "MinTileCol", Long.toString(r.minCol()));
            text(w, WMTS, "MaxTileCol", Long.toString(r.maxCol()));
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void matrixSet(XMLStreamWriter w, TileMatrixSet set) throws XMLStreamException {
        w.writeStartElement(WMTS, "TileMatrixSet");
        text(w, OWS, "Title", set.title());
        text(w, OWS, "Identifier", set.id());
        text(w, OWS, "SupportedCRS", set.crsUri());
        text(w, WMTS, "WellKnownScaleSet", set.wellKnownScaleSet());
        for (TileMatrix m : set.matrices()) {
            w.writeStartElement(WMTS, "TileMatrix");
            text(w, OWS, "Identifier", m.id());
            text(w, WMTS, "ScaleDenominator", Double.toString(m.scaleDenominator()));
            text(w, WMTS, "TopLeftCorner", m.left() + " " + m.top());
            text(w, WMTS, "TileWidth", Integer.toString(m.tileWidth()));
            text(w, WMTS, "TileHeight", Integer.toString(m.tileHeight()));
            text(w, WMTS, "MatrixWidth", Long.toString(m.matrixWidth()));
            text(w, WMTS, "MatrixHeight", Long.toString(m.matrixHeight()));
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void keywords(XMLStreamWriter w, List<String> keywords) throws XMLStreamException {
        if (keywords == null || keywords.isEmpty()) {
            return;
        }
        w.writeStartElement(OWS, "Keywords");
        for (String k : keywords) {
            text(w, OWS, "Keyword", k);
        }
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String ns, String name, String value) throws XMLStreamException {
        if (value == null || value.isBlank()) {
            return;
        }
        w.writeStartElement(ns, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
