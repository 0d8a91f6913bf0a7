package fr.yseraa.observatory.wfs.output;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.DescribeUrls;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GML feature collections: GML 3.2 in a WFS 2.0 {@code wfs:FeatureCollection} of {@code wfs:member}s, or GML
 * 3.1.1 in a WFS 1.1 one of {@code gml:featureMember}s, with schema locations pointing at DescribeFeatureType.
 */
public final class GmlEncoder implements FeatureEncoder {

    private static final int FLUSH_EVERY = 500;

    private final WfsVersion gmlVersion;
    private final String serviceUrl;
    private final XmlWriter x;
    private final GmlFeatureWriter features;
    private final String gml;
    private int sinceFlush;

    /**
     * @param gmlVersion the WFS version whose GML and collection are written: 2.0.0 for GML 3.2, 1.1.0 for 3.1.1
     */
    public GmlEncoder(WfsVersion gmlVersion, String serviceUrl, OutputStream out) {
        this.gmlVersion = gmlVersion;
        this.serviceUrl = serviceUrl;
        this.x = new XmlWriter(out);
        this.gml = gmlVersion.gmlNamespace();
        this.features = new GmlFeatureWriter(x, gml, gmlVersion.isV2());
    }

    @Override
    public void start(CollectionHeader h) {
        String wfs = gmlVersion.wfsNamespace();
        x.start("wfs", wfs, "FeatureCollection");
        declare(h.layers(), true);
        x.attribute("lockId", h.lockId());
        x.attribute("timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (gmlVersion.isV2()) {
            x.attribute("numberMatched", h.numberMatched());
            x.attribute("numberReturned", Long.toString(h.returned()));
            x.attribute("next", h.next());
            x.attribute("previous", h.previous());
        } else {
            // WFS 1.1.0 has one count: of the features matched for hits, of those in the response otherwise
            x.attribute("numberOfFeatures", Long.toString(h.hits() ? h.matched().orElseThrow() : h.returned()));
        }
    }

    private void declare(List<LayerInfo> layers, boolean withWfs) {
        if (withWfs) {
            x.namespace("wfs", gmlVersion.wfsNamespace());
        }
        x.namespace("gml", gml).namespace("xsi", WfsVersion.XSI);
        Set<Workspace> workspaces = new LinkedHashSet<>();
        layers.forEach(l -> workspaces.add(l.workspace()));
        workspaces.forEach(w -> x.namespace(w.name(), w.namespaceUri()));
        String locations = (withWfs ? gmlVersion.wfsNamespace() + " " + gmlVersion.wfsSchema() + " " : "")
                + gml + " " + gmlVersion.gmlSchema() + DescribeUrls.schemaLocations(serviceUrl, gmlVersion, layers);
        x.attribute("xsi", WfsVersion.XSI, "schemaLocation", locations);
    }

    @Override
    public void feature(TypeQuery query, Feature feature) {
        if (gmlVersion.isV2()) {
            x.start("wfs", gmlVersion.wfsNamespace(), "member");
        } else {
            x.start("gml", gml, "featureMember");
        }
        features.write(query, feature);
        x.end();
        if (++sinceFlush >= FLUSH_EVERY) {
            sinceFlush = 0;
            x.flush();
        }
    }

    @Override
    public void end(CollectionHeader totals) {
        x.end();
        x.close();
    }

    @Override
    public void single(TypeQuery query, Feature feature) {
        features.write(query, feature, () -> declare(List.of(query.layer()), false));
        x.close();
    }
}
