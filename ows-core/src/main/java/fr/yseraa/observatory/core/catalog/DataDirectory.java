package fr.yseraa.observatory.core.catalog;

import fr.yseraa.observatory.core.access.LayerRules;
import java.nio.file.Path;
import java.util.List;

/**
 * What the data directory declares: the service metadata, workspaces, layer definitions and who may read them, not
 * yet checked against the database.
 */
public record DataDirectory(Path root, ServiceMetadata service, List<Workspace> workspaces, List<LayerDefinition> layers,
                            LayerRules rules) {
}
