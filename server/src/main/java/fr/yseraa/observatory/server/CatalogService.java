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
 * line at fault); {@link #reload()} replaces it with a greater update sequence.
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

    /** Reads and checks the data directory again; the new catalog replaces the old one only if it is valid. */
    public synchronized Catalog reload() {
        Catalog previous = current.get();
        long sequence = Math.max(System.currentTimeMillis(), previous == null ? 0 : previous.updateSequence() + 1);
        Catalog catalog = validator.validate(CatalogLoader.load(properties.dataDir()), sequence);
        current.set(catalog);
        LOG.info("catalog loaded from {}: {} workspaces, {} layers", properties.dataDir().toAbsolutePath(),
                catalog.workspaces().size(), catalog.layers().size());
        return catalog;
    }
}
