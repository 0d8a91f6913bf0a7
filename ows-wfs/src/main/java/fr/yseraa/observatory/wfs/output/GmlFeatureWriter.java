package fr.yseraa.observatory.wfs.output;

import fr.yseraa.observatory.core.catalog.GmlColumns;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.ValueFormat;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import java.util.Map;

/**
 * Writes one feature as a GML element of its workspace namespace: the standard GML properties the layer maps to
 * columns ({@code gml:description}, {@code gml:identifier} — GML 3.2 only —, {@code gml:name}), then the other
 * attributes it carries (a null one as an empty element with {@code xsi:nil="true"}, as the schema makes every
 * attribute nillable), then its geometry.
 */
final class GmlFeatureWriter {

    private final XmlWriter x;
    private final String gml;
    private final GmlGeometryWriter geometries;

    GmlFeatureWriter(XmlWriter x, String gmlNamespace, boolean geometryIds) {
        this.x = x;
        this.gml = gmlNamespace;
        this.geometries = new GmlGeometryWriter(x, gmlNamespace, geometryIds);
    }

    void write(TypeQuery query, Feature f) {
        write(query, f, () -> { });
    }

    /** @param afterStart writes what goes on the feature element before its content (namespace declarations) */
    void write(TypeQuery query, Feature f, Runnable afterStart) {
        String prefix = query.layer().workspace().name();
        String ns = query.layer().workspace().namespaceUri();
        x.start(prefix, ns, query.layer().name());
        afterStart.run();
        x.attribute("gml", gml, "id", f.id());
        GmlColumns gmlColumns = query.layer().gmlColumns();
        gmlColumns.byProperty().forEach((property, column) -> standardProperty(query, property, f.attributes().get(column)));
        for (Map.Entry<String, Object> a : f.attributes().entrySet()) {
            if (gmlColumns.holds(a.getKey())) {
                continue;
            }
            String text = ValueFormat.text(a.getValue());
            if (text != null) {
                x.start(prefix, ns, a.getKey()).text(text).end();
            } else {
                x.empty(prefix, ns, a.getKey()).attribute("xsi", WfsVersion.XSI, "nil", "true");
            }
        }
        if (query.withGeometry() && f.geometry() != null) {
            x.start(prefix, ns, query.layer().geometryColumn());
            geometries.write(f.geometry(), query.crs(), f.id() + ".geom");
            x.end();
        }
        x.end();
    }

    /**
     * A standard GML property held by a column: left out when null (they are optional) or not GML 3.1.1's
     * ({@code gml:identifier}); a {@code gml:identifier} names the layer's namespace as its code space.
     */
    private void standardProperty(TypeQuery query, String property, Object value) {
        String text = ValueFormat.text(value);
        boolean gml32 = WfsVersion.V2_0_0.gmlNamespace().equals(gml);
        if (text == null || "identifier".equals(property) && !gml32) {
            return;
        }
        x.start("gml", gml, property);
        if ("identifier".equals(property)) {
            x.attribute("codeSpace", query.layer().workspace().namespaceUri());
        }
        x.text(text).end();
    }
}
