package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.FilterSize;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wfs.FeatureTypes;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Feature ids ({@code layer.key}) as RESOURCEID, FEATUREID or the GetFeatureById ID give them. */
public final class ResourceIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z0-9_.:-]+");
    private static final Pattern LAYER_PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\..*", Pattern.DOTALL);

    private ResourceIds() {
    }

    /** Checks one id's form; anything else than {@code layer.key} is refused before reaching any query. */
    public static String check(String id, String locator) {
        String s = id.trim();
        if (!ID.matcher(s).matches()) {
            throw OwsException.invalidParameter(locator, "'" + s + "' is not a feature id of the form layer.key");
        }
        return s;
    }

    public static boolean isWellFormed(String id) {
        return ID.matcher(id.trim()).matches();
    }

    /**
     * The ids of a comma-separated list, grouped by layer name, in order. Ids are opaque to clients: one without a
     * {@code layer.} prefix is the id of no feature here and selects nothing (FES 2.0 7.11); one with a layer prefix
     * but a malformed key is refused.
     */
    public static Map<String, Set<String>> byLayer(String list, String locator) {
        Map<String, Set<String>> byLayer = new LinkedHashMap<>();
        String[] items = list.split(",");
        FilterSize.checkCount(items.length, locator);
        for (String item : items) {
            if (!LAYER_PREFIX.matcher(item.trim()).matches()) {
                continue;
            }
            String id = check(item, locator);
            byLayer.computeIfAbsent(layerOf(id), k -> new LinkedHashSet<>()).add(id);
        }
        return byLayer;
    }

    public static String layerOf(String id) {
        return id.substring(0, id.indexOf('.'));
    }

    /**
     * Refuses an id of a served feature type the query does not name: it is inconsistent with the query's type names
     * (WFS 2.0 7.9.2.4.1), InvalidParameterValue. Ids of no type served select nothing.
     */
    public static void checkTypes(Collection<String> ids, List<LayerInfo> layers, FeatureTypes types, String locator) {
        for (String id : ids) {
            String s = id.trim();
            if (!isWellFormed(s)) {
                continue;
            }
            types.byFeatureIdPrefix(layerOf(s)).filter(l -> !layers.contains(l)).ifPresent(l -> {
                throw OwsException.invalidParameter(locator, "'" + s + "' is the id of a feature of "
                        + l.qualifiedName() + ", a type the query does not name");
            });
        }
    }
}
