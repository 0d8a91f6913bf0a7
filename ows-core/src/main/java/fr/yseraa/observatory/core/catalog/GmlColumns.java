package fr.yseraa.observatory.core.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a layer that hold the standard GML properties of its features ({@code gml:name},
 * {@code gml:description}, {@code gml:identifier}), as its {@code gml:} section declares them; each may be absent. GML
 * answers carry such a column as the GML property only, filters and Transactions reach the column through it.
 *
 * @param name the column holding {@code gml:name}, or null
 * @param description the column holding {@code gml:description}, or null
 * @param identifier the column holding {@code gml:identifier}, or null
 */
public record GmlColumns(String name, String description, String identifier) {

    /** The GML properties a layer may map, in the order GML 3.2's AbstractGMLType puts them. */
    public static final List<String> PROPERTIES = List.of("description", "identifier", "name");

    public static final GmlColumns NONE = new GmlColumns(null, null, null);

    /** The column holding a standard GML property (its local name: {@code name}...), if the layer maps it. */
    public Optional<String> column(String property) {
        return Optional.ofNullable(switch (property) {
            case "name" -> name;
            case "description" -> description;
            case "identifier" -> identifier;
            default -> null;
        });
    }

    /** Whether the column holds one of the standard GML properties. */
    public boolean holds(String column) {
        return column.equals(name) || column.equals(description) || column.equals(identifier);
    }

    /** The mapped properties and their columns, in {@link #PROPERTIES} order. */
    public Map<String, String> byProperty() {
        Map<String, String> mapped = new LinkedHashMap<>();
        PROPERTIES.forEach(p -> column(p).ifPresent(c -> mapped.put(p, c)));
        return mapped;
    }
}
