package fr.yseraa.observatory.core.catalog;

/** A workspace: a group of layers sharing a namespace (a prefix and a URI), like GeoServer's. */
public record Workspace(String name, String title, String namespaceUri) {
}
