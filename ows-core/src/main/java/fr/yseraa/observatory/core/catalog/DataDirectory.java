package fr.yseraa.observatory.core.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * What the data directory declares: the service metadata, workspaces and layer definitions, not yet checked against
 * the database.
 */
public record DataDirectory(Path root, ServiceMetadata service, List<Workspace> workspaces, List<LayerDefinition> layers) {
}
