package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Holds the current catalog. Loaded and checked at start (a bad data directory stops the server with the file and
 * line at fault); {@link #reload()} replaces it with a greater update sequence; {@link #dataChanged()} only gives it a
 * greater update sequence, after a write to the data.
 */
@Service
public class CatalogService {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);

    private final ObservatoryProperties properties;
    private final CatalogValidator validator;
    private final AtomicReference<Catalog> current = new AtomicReference<>();

    public CatalogService(DatabaseInitializer initialisedDatabase, DataSource dataSource, AccessPolicies policies,
                          ObservatoryProperties properties) {
        this.properties = properties;
        this.validator = new CatalogValidator(dataSource, properties.stylesDir(), policies);
        reload();
    }

    public Catalog catalog() {
        return current.get();
    }

    /**
     * The published data changed (a WFS Transaction, an import): the same catalog at a greater update sequence, so that
     * extents and counts computed per catalog version follow the data and capabilities announce the change, without
     * reading and checking the data directory again.
     */
    public synchronized Catalog dataChanged() {
        Catalog previous = current.get();
        Catalog catalog = previous.withUpdateSequence(nextSequence(previous));
        current.set(catalog);
        return catalog;
    }

    private static long nextSequence(Catalog previous) {
        return Math.max(System.currentTimeMillis(), previous == null ? 0 : previous.updateSequence() + 1);
    }

    /** Reads and checks the data directory again; the new catalog replaces the old one only if it is valid. */
    public synchronized Catalog reload() {
        Catalog previous = current.get();
        Catalog catalog = validator.validate(CatalogLoader.load(properties.dataDir()), nextSequence(previous));
        current.set(catalog);
        LOG.info("catalog loaded from {}: {} workspaces, {} layers", properties.dataDir().toAbsolutePath(),
                catalog.workspaces().size(), catalog.layers().size());
        return catalog;
    }
}
