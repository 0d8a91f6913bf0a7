package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.catalog.LayerInfo;

/** Feature ids are {@code layer.key} (the form the repository gives), also accepted as {@code ws:layer.key}. */
final class FeatureIds {

    private FeatureIds() {
    }

    /** The key part of an id of this layer, or null when the id belongs to another layer. */
    static String key(String id, LayerInfo layer) {
        for (String prefix : new String[] {layer.name() + ".", layer.qualifiedName() + "."}) {
            if (id.startsWith(prefix) && id.length() > prefix.length()) {
                return id.substring(prefix.length());
            }
        }
        return null;
    }
}
