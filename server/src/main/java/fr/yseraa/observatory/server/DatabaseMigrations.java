package fr.yseraa.observatory.server;

import fr.yseraa.observatory.ext.db.ObservatoryMigrations;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database to the current model, each part by its owner's migrations and history: the observatory's data
 * model first (the extension's {@code sql/}), then the server's own {@code security} schema (users, roles, API keys,
 * audit: {@code db/security} of this module), which names the observatory's organisations.
 */
public final class DatabaseMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrations.class);

    private DatabaseMigrations() {
    }

    public static void migrate(DataSource dataSource) {
        var observatory = ObservatoryMigrations.migrate(dataSource);
        var security = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/security")
                .schemas("security")
                .table("schema_history")
                // a database made while the observatory's migrations created these tables holds them already
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .load()
                .migrate();
        LOG.info("data model at version {}, security schema at version {} ({} migrations applied now)",
                observatory.targetSchemaVersion, security.targetSchemaVersion,
                observatory.migrationsExecuted + security.migrationsExecuted);
    }
}
