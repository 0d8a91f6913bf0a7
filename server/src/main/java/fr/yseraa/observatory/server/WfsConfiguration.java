package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.core.write.LayerWriter;
import fr.yseraa.observatory.core.write.LayerWriters;
import fr.yseraa.observatory.server.tiles.OccurrenceTiles;
import fr.yseraa.observatory.server.tiles.TileCacheSync;
import fr.yseraa.observatory.server.writes.WfsWriteEffects;
import fr.yseraa.observatory.wfs.StoredQueries;
import fr.yseraa.observatory.wfs.WfsService;
import fr.yseraa.observatory.wfs.WfsSettings;
import fr.yseraa.observatory.wfs.lock.Locking;
import fr.yseraa.observatory.server.wfs.PostgresLockStore;
import fr.yseraa.observatory.wfs.storedquery.StoredQuery;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs WFS 2.0.0 / 1.1.0 into the dispatcher. {@code obs.wfs.max-features} caps the features of one GetFeature
 * (advertised as CountDefault); clients page for the rest. {@code obs.count-budget-ms} bounds the time spent
 * counting numberMatched for a page (then "unknown"; 0 never counts). {@code obs.wfs.spool-dir} is where GeoPackage and
 * Shapefile answers are built before they are sent (the system's temporary folder by default). The stored queries are GetFeatureById and
 * those the extensions declare ({@code META-INF/services}) or any Spring bean implementing {@link StoredQuery}.
 * Transactions write through the engine's table writer and the writers extensions declare the same way
 * ({@link LayerWriter}); each write is audited, and the cached tiles over what it changed dropped
 * ({@link WfsWriteEffects}). Locks (LockFeature, GetFeatureWithLock, and the Transaction's check) live in PostgreSQL
 * ({@link PostgresLockStore}), shared by every replica; {@code obs.wfs.lock.max-expiry-seconds} (default 3600) is
 * the longest a client may ask a lock to last.
 */
@Configuration
public class WfsConfiguration {

    @Bean
    StoredQueries storedQueries(ObjectProvider<StoredQuery> beans) {
        return StoredQueries.discover(beans.orderedStream().toList());
    }

    /** The WFS locks, also the {@link fr.yseraa.observatory.wfs.lock.FeatureLocks} a Transaction checks. */
    @Bean
    PostgresLockStore wfsLocks(DataSource dataSource) {
        return new PostgresLockStore(dataSource);
    }

    @Bean
    LayerWriters layerWriters(ObjectProvider<LayerWriter> beans) {
        return LayerWriters.discover(beans.orderedStream().toList());
    }

    @Bean
    OwsService wfsService(CatalogService catalogs, FeatureRepository features, StoredQueries storedQueries,
                          PostgresLockStore locks, LayerWriters writers, TileCacheSync tileCacheSync,
                          OccurrenceTiles occurrenceTiles,
                          @Value("${obs.wfs.max-features:50000}") int maxFeatures,
                          @Value("${obs.count-budget-ms}") long countBudgetMillis,
                          @Value("${obs.wfs.lock.max-expiry-seconds:3600}") long maxLockExpirySeconds,
                          @Value("${obs.wfs.spool-dir:${java.io.tmpdir}}") Path spoolDirectory) {
        return new WfsService(catalogs::catalog, features,
                new WfsSettings(maxFeatures, Duration.ofMillis(countBudgetMillis), spoolDirectory), storedQueries,
                writers, new WfsWriteEffects(tileCacheSync, occurrenceTiles, catalogs),
                new Locking(locks, Duration.ofSeconds(maxLockExpirySeconds)));
    }
}
