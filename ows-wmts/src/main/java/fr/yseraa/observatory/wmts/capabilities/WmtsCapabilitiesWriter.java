package fr.yseraa.observatory.wmts.capabilities;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsCommonWriter.Endpoint;
import fr.yseraa.observatory.core.ows.MetadataRecordLinks;
import fr.yseraa.observatory.core.ows.OwsCommonWriter;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wms.capabilities.TimeExtent;
import fr.yseraa.observatory.wms.capabilities.TimeExtents;
import fr.yseraa.observatory.wms.style.LayerStyles;
import fr.yseraa.observatory.wms.style.Style;
import fr.yseraa.observatory.wms.style.StyleRepository;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSet;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSets;
import fr.yseraa.observatory.wmts.matrix.TileRange;
import fr.yseraa.observatory.wmts.tile.LayerLimits;
import fr.yseraa.observatory.wmts.tile.TileFormat;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/**
 * The WMTS 1.0.0 capabilities document (OGC 07-057r7, 7.1), streamed: the operations in KVP and REST,
 * the layers the caller may read with their styles (and legends from the WMS GetLegendGraphic), formats, TIME
 * dimension, the tile matrix sets they are offered in with the limits of their tiles, and ResourceURL templates;
 * then the tile matrix sets themselves.
 */
public final class WmtsCapabilitiesWriter {

    public static final String WMTS = "http://www.opengis.net/wmts/1.0";
    public static final String OWS = OwsCommonWriter.OWS_1_1;
    public static final String XLINK = OwsCommonWriter.XLINK;
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
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
    public void write(Catalog catalog, Caller caller, String base, String tileBase, OutputStream out) {
        XmlWriter x = new XmlWriter(out);
        x.start(null, WMTS, "Capabilities").namespace("", WMTS).namespace("ows", OWS).namespace("xlink", XLINK)
                .namespace("xsi", XSI);
        x.attribute("xsi", XSI, "schemaLocation", WMTS + " " + SCHEMA);
        x.attribute("version", "1.0.0");
        x.attribute("updateSequence", Long.toString(catalog.updateSequence()));
        OwsCommonWriter ows = new OwsCommonWriter(x, OWS);
        ows.serviceIdentification(catalog.service(), "OGC WMTS", List.of("1.0.0"));
        ows.serviceProvider(catalog.service());
        ows.startOperationsMetadata();
        ows.operation("GetCapabilities", endpoints(base, base));
        ows.operation("GetTile", endpoints(base, tileBase));
        ows.operation("GetFeatureInfo", endpoints(base, null));
        ows.endOperationsMetadata();
        x.start(null, WMTS, "Contents");
        for (LayerInfo layer : catalog.layers()) {
            if (features.forCaller(catalog, caller).access(layer).readable()) {
                layer(x, ows, catalog, layer, caller, base, tileBase);
            }
        }
        for (TileMatrixSet set : sets.all()) {
            matrixSet(x, set);
        }
        x.end();
        x.start(null, WMTS, "ServiceMetadataURL");
        x.attribute("xlink", XLINK, "href", base + "/wmts/1.0.0/WMTSCapabilities.xml");
        x.end();
        x.close();
    }

    /** @param restBase the root URL of the operation's RESTful encoding, or null when it has none */
    private static List<Endpoint> endpoints(String base, String restBase) {
        Endpoint kvp = Endpoint.get(base + "/wmts?", "KVP");
        return restBase == null ? List.of(kvp) : List.of(kvp, Endpoint.get(restBase + "/wmts/1.0.0/", "RESTful"));
    }

    private void layer(XmlWriter x, OwsCommonWriter ows, Catalog catalog, LayerInfo layer, Caller caller, String base,
                       String tileBase) {
        x.start(null, WMTS, "Layer");
        x.elementUnlessBlank("ows", OWS, "Title", layer.title());
        x.elementUnlessBlank("ows", OWS, "Abstract", layer.abstractText());
        ows.keywords(layer.definition().keywords());
        Envelope wgs84 = envelopes.transform(layer.nativeBbox(), layer.srid(), 4326);
        if (!wgs84.isNull()) {
            x.start("ows", OWS, "WGS84BoundingBox");
            x.elementUnlessBlank("ows", OWS, "LowerCorner", wgs84.getMinX() + " " + wgs84.getMinY());
            x.elementUnlessBlank("ows", OWS, "UpperCorner", wgs84.getMaxX() + " " + wgs84.getMaxY());
            x.end();
        }
        x.elementUnlessBlank("ows", OWS, "Identifier", layer.qualifiedName());
        x.empty("ows", OWS, "Metadata").attribute("xlink", XLINK, "href",
                MetadataRecordLinks.fromRoot(base, layer.recordIdentifier()));
        LayerStyles layerStyles = styles.stylesOf(layer);
        for (Map.Entry<String, Style> style : layerStyles.entries()) {
            style(x, layer, style.getKey(), style.getValue(), style.getKey().equals(layerStyles.defaultName()), base);
        }
        for (TileFormat f : TileFormat.values()) {
            x.elementUnlessBlank(null, WMTS, "Format", f.mimeType());
        }
        x.elementUnlessBlank(null, WMTS, "InfoFormat", "text/html");
        x.elementUnlessBlank(null, WMTS, "InfoFormat", "application/json");
        Optional<TimeExtent> time = layer.definition().timeColumn() == null ? Optional.empty()
                : times.of(catalog, layer, caller);
        if (time.isPresent()) {
            x.start(null, WMTS, "Dimension");
            x.elementUnlessBlank("ows", OWS, "Identifier", "time");
            x.elementUnlessBlank("ows", OWS, "UOM", "ISO8601");
            x.elementUnlessBlank(null, WMTS, "Default", time.get().defaultValue());
            x.elementUnlessBlank(null, WMTS, "Value", time.get().interval());
            x.end();
        }
        for (TileMatrixSet set : sets.all()) {
            link(x, catalog, layer, set);
        }
        String rest = tileBase + "/wmts/1.0.0/" + layer.qualifiedName() + "/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.";
        for (TileFormat f : TileFormat.values()) {
            x.empty(null, WMTS, "ResourceURL");
            x.attribute("format", f.mimeType());
            x.attribute("resourceType", "tile");
            x.attribute("template", rest + f.extension());
        }
        x.end();
    }

    private static void style(XmlWriter x, LayerInfo layer, String name, Style style, boolean isDefault,
                              String base) {
        x.start(null, WMTS, "Style");
        if (isDefault) {
            x.attribute("isDefault", "true");
        }
        x.elementUnlessBlank("ows", OWS, "Title", style.title() != null ? style.title() : name);
        x.elementUnlessBlank("ows", OWS, "Identifier", name);
        x.empty(null, WMTS, "LegendURL");
        x.attribute("format", "image/png");
        x.attribute("xlink", XLINK, "href", base + "/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=1.3.0"
                + "&FORMAT=image/png&LAYER=" + encode(layer.qualifiedName()) + "&STYLE=" + encode(name));
        x.end();
    }

    private void link(XmlWriter x, Catalog catalog, LayerInfo layer, TileMatrixSet set) {
        x.start(null, WMTS, "TileMatrixSetLink");
        x.elementUnlessBlank(null, WMTS, "TileMatrixSet", set.id());
        x.start(null, WMTS, "TileMatrixSetLimits");
        for (TileMatrix m : set.matrices()) {
            TileRange r = limits.range(catalog, layer, set, m);
            if (r == null || r.minRow() == 0 || r.minCol() == 0) {
                // the official schema types the indices as positiveInteger though 0 is the first row and column
                // (a known erratum): such coarse levels go without limits rather than make the document invalid
                continue;
            }
            x.start(null, WMTS, "TileMatrixLimits");
            x.elementUnlessBlank(null, WMTS, "TileMatrix", m.id());
            x.elementUnlessBlank(null, WMTS, "MinTileRow", Long.toString(r.minRow()));
            x.elementUnlessBlank(null, WMTS, "MaxTileRow", Long.toString(r.maxRow()));
            x.elementUnlessBlank(null, WMTS, "MinTileCol", Long.toString(r.minCol()));
            x.elementUnlessBlank(null, WMTS, "MaxTileCol", Long.toString(r.maxCol()));
            x.end();
        }
        x.end();
        x.end();
    }

    private static void matrixSet(XmlWriter x, TileMatrixSet set) {
        x.start(null, WMTS, "TileMatrixSet");
        x.elementUnlessBlank("ows", OWS, "Title", set.title());
        x.elementUnlessBlank("ows", OWS, "Identifier", set.id());
        x.elementUnlessBlank("ows", OWS, "SupportedCRS", set.crsUri());
        x.elementUnlessBlank(null, WMTS, "WellKnownScaleSet", set.wellKnownScaleSet());
        for (TileMatrix m : set.matrices()) {
            x.start(null, WMTS, "TileMatrix");
            x.elementUnlessBlank("ows", OWS, "Identifier", m.id());
            x.elementUnlessBlank(null, WMTS, "ScaleDenominator", Double.toString(m.scaleDenominator()));
            x.elementUnlessBlank(null, WMTS, "TopLeftCorner", m.left() + " " + m.top());
            x.elementUnlessBlank(null, WMTS, "TileWidth", Integer.toString(m.tileWidth()));
            x.elementUnlessBlank(null, WMTS, "TileHeight", Integer.toString(m.tileHeight()));
            x.elementUnlessBlank(null, WMTS, "MatrixWidth", Long.toString(m.matrixWidth()));
            x.elementUnlessBlank(null, WMTS, "MatrixHeight", Long.toString(m.matrixHeight()));
            x.end();
        }
        x.end();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
