package fr.yseraa.observatory.core.catalog;

/** A non-geometry column of a layer, with its PostgreSQL type and comment. */
public record AttributeInfo(String name, String sqlType, String comment) {
}
