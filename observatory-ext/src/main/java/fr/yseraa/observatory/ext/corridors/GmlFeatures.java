package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.output.GmlGeometryWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a process's features as GML 3.2: a {@code gml:FeatureCollection} whose members are features of one type of
 * the process's own namespace, one element per attribute (absent when null) and the geometry last, as the property
 * {@code place}, in Lambert-93 (EPSG:2154). Numbers as Java writes them, which xs:double reads.
 */
final class GmlFeatures {

    static final String GML = "http://www.opengis.net/gml/3.2";
    static final String PREFIX = "obs";

    private GmlFeatures() {
    }

    static String write(String namespace, String typeName, List<String> columns, List<FeatureTable.Row> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("gml", GML, "FeatureCollection").namespace("gml", GML).namespace(PREFIX, namespace)
                    .attribute("gml", GML, "id", typeName + "s");
            GmlGeometryWriter geometries = new GmlGeometryWriter(x, GML, true);
            for (FeatureTable.Row row : rows) {
                x.start("gml", GML, "featureMember");
                x.start(PREFIX, namespace, typeName).attribute("gml", GML, "id", row.id());
                for (int i = 0; i < columns.size(); i++) {
                    Object v = row.values().get(i);
                    if (v != null && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
                        x.element(PREFIX, namespace, columns.get(i), v.toString());
                    }
                }
                if (row.lambert93() != null) {
                    x.start(PREFIX, namespace, "place");
                    geometries.write(row.lambert93(), CrsName.urn(2154), row.id() + "-g");
                    x.end();
                }
                x.end().end();
            }
            x.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
