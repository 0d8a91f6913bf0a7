package fr.yseraa.observatory.core.ows;

import fr.yseraa.observatory.core.catalog.Catalog;

/** The catalog a request is answered from, at the server's own endpoints or at a workspace's virtual one. */
public final class WorkspaceCatalog {

    private WorkspaceCatalog() {
    }

    /**
     * The whole catalog, or at a workspace's virtual endpoint ({@link OwsRequest#workspace()}) that workspace's part
     * of it.
     *
     * @throws OwsException NotFound (404) for a workspace the catalog does not have
     */
    public static Catalog of(Catalog all, String workspace) {
        return workspace == null ? all : all.narrowedTo(workspace).orElseThrow(() -> new OwsException(
                OwsExceptionCode.NOT_FOUND, "workspace", "No workspace " + workspace + " on this server"));
    }
}
