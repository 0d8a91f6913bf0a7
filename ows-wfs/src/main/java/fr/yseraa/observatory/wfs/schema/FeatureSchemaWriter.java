package fr.yseraa.observatory.wfs.schema;

import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DescribeFeatureType: a GML application schema (GML 3.2 for WFS 2.0.0, GML 3.1.1 for 1.1.0) of the feature types
 * asked for, generated from the catalog, with only the attributes the caller may see. Every property is optional
 * (PROPERTYNAME may leave it out) and properties come in the order GetFeature writes them: attributes in catalog
 * order, then the geometry. Types of several namespaces answer the schema of the first namespace, which imports one
 * schema per other namespace: the answer always has a targetNamespace (clients such as the OGC test suite read the
 * application namespace there), and every type stays reachable through its import.
 */
public final class FeatureSchemaWriter {

    public static final String XS = "http://www.w3.org/2001/XMLSchema";

    private final FeatureTypes types;

    public FeatureSchemaWriter(FeatureTypes types) {
        this.types = types;
    }

    /**
     * @param describeUrl gives the DescribeFeatureType URL of some types (for the imports of several namespaces)
     */
    public void write(List<LayerInfo> layers, WfsVersion version, Function<List<LayerInfo>, String> describeUrl,
                      OutputStream out) {
        Map<Workspace, List<LayerInfo>> byWorkspace = new LinkedHashMap<>();
        layers.forEach(l -> byWorkspace.computeIfAbsent(l.workspace(), w -> new java.util.ArrayList<>()).add(l));
        try (XmlWriter x = new XmlWriter(out)) {
            Map.Entry<Workspace, List<LayerInfo>> first = byWorkspace.entrySet().iterator().next();
            Map<String, String> imports = new LinkedHashMap<>();
            byWorkspace.forEach((w, ls) -> {
                if (!w.equals(first.getKey())) {
                    imports.put(w.namespaceUri(), describeUrl.apply(ls));
                }
            });
            applicationSchema(x, first.getKey(), first.getValue(), version, imports);
        }
    }

    /**
     * @param imports the schema location of each other namespace to import, by namespace URI
     */
    private void applicationSchema(XmlWriter x, Workspace workspace, List<LayerInfo> layers, WfsVersion version,
                                   Map<String, String> imports) {
        String gml = version.gmlNamespace();
        x.start("xs", XS, "schema").namespace("xs", XS).namespace("gml", gml)
                .namespace(workspace.name(), workspace.namespaceUri());
        x.attribute("targetNamespace", workspace.namespaceUri());
        x.attribute("elementFormDefault", "qualified").attribute("attributeFormDefault", "unqualified");
        x.attribute("version", "1.0");
        x.empty("xs", XS, "import").attribute("namespace", gml).attribute("schemaLocation", version.gmlSchema());
        imports.forEach((namespace, location) -> x.empty("xs", XS, "import").attribute("namespace", namespace)
                .attribute("schemaLocation", location));
        String substitutionGroup = version.isV2() ? "gml:AbstractFeature" : "gml:_Feature";
        for (LayerInfo layer : layers) {
            String typeName = layer.name() + "Type";
            x.empty("xs", XS, "element").attribute("name", layer.name())
                    .attribute("type", workspace.name() + ":" + typeName)
                    .attribute("substitutionGroup", substitutionGroup);
            x.start("xs", XS, "complexType").attribute("name", typeName);
            x.start("xs", XS, "complexContent");
            x.start("xs", XS, "extension").attribute("base", "gml:AbstractFeatureType");
            x.start("xs", XS, "sequence");
            for (AttributeInfo a : types.visibleAttributes(layer, null)) {
                if (!layer.gmlColumns().holds(a.name())) { // carried as the gml: property it holds
                    property(x, a.name(), XsdTypes.ofSql(a.sqlType()));
                }
            }
            x.empty("xs", XS, "element").attribute("name", layer.geometryColumn())
                    .attribute("type", "gml:" + XsdTypes.gmlPropertyType(types.declaredGeometryType(layer), version.isV2()))
                    .attribute("minOccurs", "0");
            x.end().end().end().end();
        }
        x.end();
    }

    /** An optional, nillable property of a simple type: a built-in one or an inline range of xs:integer. */
    private static void property(XmlWriter x, String name, XsdTypes.SimpleType type) {
        if (!type.isRange()) {
            x.empty("xs", XS, "element").attribute("name", name).attribute("type", "xs:" + type.base())
                    .attribute("minOccurs", "0").attribute("nillable", "true");
            return;
        }
        x.start("xs", XS, "element").attribute("name", name).attribute("minOccurs", "0")
                .attribute("nillable", "true");
        x.start("xs", XS, "simpleType").start("xs", XS, "restriction").attribute("base", "xs:" + type.base());
        x.empty("xs", XS, "minInclusive").attribute("value", type.minInclusive());
        x.empty("xs", XS, "maxInclusive").attribute("value", type.maxInclusive());
        x.end().end().end();
    }
}
