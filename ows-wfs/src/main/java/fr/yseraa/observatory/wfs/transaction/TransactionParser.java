package fr.yseraa.observatory.wfs.transaction;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.GmlGeometryReader;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.write.FeatureValues;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.XmlRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Parses a wfs:Transaction (2.0.0 or 1.1.0, XML): Insert of GML 3.2 or 3.1.1 features, Update, Replace (2.0.0),
 * Delete, their filters (FES 2.0 or Filter 1.1) and type names resolved against the feature types the caller may read.
 */
public final class TransactionParser {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Set<String> GML_NAMESPACES = Set.of("http://www.opengis.net/gml/3.2",
            "http://www.opengis.net/gml");

    private final FeatureTypes types;
    private final WfsVersion version;

    public TransactionParser(FeatureTypes types, WfsVersion version) {
        this.types = types;
        this.version = version;
    }

    public TransactionRequest parse(Element root) {
        String release = XmlRequest.attribute(root, "releaseAction");
        if (release != null && !release.equals("ALL") && !release.equals("SOME")) {
            throw OwsException.invalidParameter("releaseAction", "releaseAction is ALL or SOME");
        }
        List<TransactionAction> actions = new ArrayList<>();
        // 2.0: the lockId attribute of the Transaction; 1.1: its wfs:LockId child
        String lockId = version.isV2() ? XmlRequest.attribute(root, "lockId")
                : XmlRequest.child(root, "LockId").map(XmlRequest::text).filter(s -> !s.isEmpty()).orElse(null);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || "LockId".equals(e.getLocalName())) {
                continue;
            }
            String handle = XmlRequest.attribute(e, "handle");
            switch (e.getLocalName()) {
                case "Insert" -> actions.add(insert(e, handle));
                case "Update" -> actions.add(update(e, handle));
                case "Replace" -> {
                    if (!version.isV2()) {
                        throw OwsException.invalidParameter("Replace", "Replace is a WFS 2.0.0 action");
                    }
                    actions.add(replace(e, handle));
                }
                case "Delete" -> {
                    LayerInfo layer = typeName(e);
                    actions.add(new TransactionAction.Delete(handle, layer, filter(e, "Delete")));
                }
                case "Native" -> {
                    if (!"true".equals(XmlRequest.attribute(e, "safeToIgnore"))) {
                        throw new OwsException(OwsExceptionCode.OPTION_NOT_SUPPORTED, "Native",
                                "Native actions are not supported");
                    }
                }
                default -> throw new OwsException(OwsExceptionCode.OPERATION_PARSING_FAILED, e.getLocalName(),
                        "A Transaction holds Insert, Update" + (version.isV2() ? ", Replace" : "")
                                + ", Delete and Native actions, not " + e.getLocalName());
            }
        }
        return new TransactionRequest(version, lockId, !"SOME".equals(release), actions);
    }

    private TransactionAction insert(Element insert, String handle) {
        List<TransactionAction.NewFeature> features = new ArrayList<>();
        for (Node n = insert.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element f) {
                String locator = locator(f, handle, features.size() + 1);
                LayerInfo layer = featureType(f, locator);
                features.add(new TransactionAction.NewFeature(layer, feature(f, layer, locator)));
            }
        }
        if (features.isEmpty()) {
            throw new OwsException(OwsExceptionCode.MISSING_PARAMETER_VALUE, handle != null ? handle : "Insert",
                    "An Insert action holds at least one feature");
        }
        return new TransactionAction.Insert(handle, features);
    }

    private TransactionAction replace(Element replace, String handle) {
        Element feature = null;
        for (Node n = replace.getFirstChild(); n != null && feature == null; n = n.getNextSibling()) {
            if (n instanceof Element e && !"Filter".equals(e.getLocalName())) {
                feature = e;
            }
        }
        if (feature == null) {
            throw new OwsException(OwsExceptionCode.MISSING_PARAMETER_VALUE, handle != null ? handle : "Replace",
                    "A Replace action holds the replacing feature");
        }
        String locator = locator(feature, handle, 1);
        LayerInfo layer = featureType(feature, locator);
        FeatureValues given = feature(feature, layer, locator);
        Map<String, String> values = new LinkedHashMap<>();
        layer.attributes().stream().filter(a -> !a.name().equals(layer.idColumn()))
                .forEach(a -> values.put(a.name(), null));
        values.putAll(given.values());
        return new TransactionAction.Replace(handle, layer,
                new FeatureValues(locator, values, given.geometry(), true), filter(replace, "Replace"));
    }

    private TransactionAction update(Element update, String handle) {
        LayerInfo layer = typeName(update);
        String locator = handle != null ? handle : "Update";
        Map<String, String> values = new LinkedHashMap<>();
        Geometry geometry = null;
        boolean geometryGiven = false;
        for (Element p : XmlRequest.children(update, "Property")) {
            Element name = XmlRequest.child(p, version.isV2() ? "ValueReference" : "Name")
                    .orElseThrow(() -> new OwsException(OwsExceptionCode.MISSING_PARAMETER_VALUE, locator,
                            "An Update's Property names the property it changes"));
            String action = XmlRequest.attribute(name, "action");
            if (action != null && !action.equals("replace") && !action.equals("remove")) {
                throw new OwsException(OwsExceptionCode.OPTION_NOT_SUPPORTED, locator,
                        "Update action " + action + " is not supported (replace and remove are)");
            }
            String property = property(name, layer, locator);
            Element value = "remove".equals(action) ? null : XmlRequest.child(p, "Value").orElse(null);
            if (property.equals(layer.geometryColumn())) {
                geometryGiven = true;
                geometry = value == null ? null : geometry(value, locator);
            } else {
                values.put(property, value == null ? null : text(value));
            }
        }
        if (values.isEmpty() && !geometryGiven) {
            throw new OwsException(OwsExceptionCode.MISSING_PARAMETER_VALUE, locator,
                    "An Update action changes at least one property");
        }
        return new TransactionAction.Update(handle, layer, new FeatureValues(locator, values, geometry, geometryGiven),
                filter(update, locator));
    }

    /** The feature's properties: text values, xsi:nil as null, the geometry property read as GML. */
    private static FeatureValues feature(Element feature, LayerInfo layer, String locator) {
        Map<String, String> values = new LinkedHashMap<>();
        Geometry geometry = null;
        boolean geometryGiven = false;
        for (Node n = feature.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element p)) {
                continue;
            }
            if (GmlGeometryReader.isGml(p)) {
                // gml:name, gml:description, gml:identifier: into the column holding it, if any (the first gml:name);
                // gml:boundedBy and the unmapped ones: nothing the layer stores
                layer.gmlColumns().column(p.getLocalName()).ifPresent(column -> values.putIfAbsent(column, text(p)));
                continue;
            }
            String name = p.getLocalName();
            if (name.equals(layer.geometryColumn())) {
                geometryGiven = true;
                geometry = geometry(p, locator);
            } else {
                values.put(name, text(p));
            }
        }
        return new FeatureValues(locator, values, geometry, geometryGiven);
    }

    /** The GML geometry a property (or wfs:Value) holds, or null when it holds none or is nil. */
    private static Geometry geometry(Element property, String locator) {
        for (Node n = property.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element g && GmlGeometryReader.isGml(g)) {
                return new GmlGeometryReader(locator).read(g).geometry();
            }
        }
        return null;
    }

    private static String text(Element value) {
        return "true".equals(value.getAttributeNS(XSI, "nil")) ? null : XmlRequest.text(value);
    }

    private Filter filter(Element action, String locator) {
        Element filter = XmlRequest.child(action, "Filter").orElseThrow(() -> new OwsException(
                OwsExceptionCode.MISSING_PARAMETER_VALUE, locator, action.getLocalName() + " needs a Filter"));
        return FesParser.parse(filter, "Filter");
    }

    private LayerInfo typeName(Element action) {
        String typeName = XmlRequest.attribute(action, "typeName");
        if (typeName == null) {
            throw OwsException.missingParameter("typeName");
        }
        return types.resolve(typeName, p -> XmlRequest.namespaceOf(action, p), "typeName");
    }

    /**
     * A feature element's type: its namespace is a workspace's, its local name the layer's. An element of no type the
     * caller may read is content the service's schema does not allow (InvalidValue, ISO 19142 table 3; 1.1:
     * InvalidParameterValue), the same answer for a layer hidden from the caller as for none.
     */
    private LayerInfo featureType(Element feature, String locator) {
        String namespace = feature.getNamespaceURI();
        String workspace = types.catalog().workspaces().stream().filter(w -> w.namespaceUri().equals(namespace))
                .map(Workspace::name).findFirst().orElse(null);
        return (workspace == null ? Optional.<LayerInfo>empty()
                : types.features().layer(workspace + ":" + feature.getLocalName()))
                .orElseThrow(() -> new OwsException(OwsExceptionCode.INVALID_VALUE, locator,
                        "Feature type {" + namespace + "}" + feature.getLocalName() + " is not defined"));
    }

    /** How a report names a feature: its gml:id, else its place in the action (with the action's handle). */
    private static String locator(Element feature, String handle, int index) {
        for (String gml : GML_NAMESPACES) {
            String id = feature.getAttributeNS(gml, "id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return (handle != null ? handle + " " : "") + "feature " + index;
    }

    /**
     * The layer's property an Update's ValueReference (1.1: Name) names: a name of the layer's namespace (its prefix
     * bound to the workspace's URI, or the workspace's name, or none), after the feature type's own step if the path
     * has one, with the index {@code [1]} of a single-valued property allowed. A property of another namespace
     * ({@code gml:name}, {@code gml:boundedBy}...) is one the layer does not store: InvalidValue, never the layer's
     * own property of the same local name; but {@code gml:name}, {@code gml:description} and {@code gml:identifier}
     * name the column that holds them when the layer maps them.
     */
    private static String property(Element reference, LayerInfo layer, String locator) {
        String path = XmlRequest.text(reference).trim();
        String step = path.substring(path.lastIndexOf('/') + 1);
        if (step.endsWith("[1]")) {
            step = step.substring(0, step.length() - "[1]".length());
        }
        int colon = step.indexOf(':');
        if (colon >= 0) {
            String prefix = step.substring(0, colon);
            String namespace = reference.lookupNamespaceURI(prefix);
            Optional<String> gmlColumn = namespace != null && GML_NAMESPACES.contains(namespace)
                    ? layer.gmlColumns().column(step.substring(colon + 1)) : Optional.empty();
            if (gmlColumn.isPresent()) {
                return gmlColumn.get();
            }
            boolean layers = namespace == null ? prefix.equals(layer.workspace().name())
                    : namespace.equals(layer.workspace().namespaceUri());
            if (!layers) {
                throw new OwsException(OwsExceptionCode.INVALID_VALUE, locator, "Layer " + layer.qualifiedName()
                        + " has no property " + path + (namespace == null ? "" : " (namespace " + namespace + ")"));
            }
        }
        return step.substring(colon + 1);
    }
}
