package fr.yseraa.observatory.ext.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the observatory's data model (the project's {@code sql/} folder, plus Java migrations) with Flyway. The
 * server's own tables (users, roles, keys, audit) are not part of it: the server migrates them itself.
 */
public final class ObservatoryMigrations {

    /** What version 8 was called while it also created the server's security tables (moved to the server). */
    static final String VERSION_8_BEFORE_THE_SPLIT = "security";

    private ObservatoryMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return migrate(dataSource, MigrationVersion.LATEST);
    }

    /** Applies the data model up to a version (the tests make databases as earlier versions left them). */
    static MigrateResult migrate(DataSource dataSource, MigrationVersion target) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .target(target)
                .locations("classpath:db/observatory")
                .javaMigrations(new LoadSinpNomenclatures())
                .defaultSchema("public") // not the user's own schema, which search_path would put first
                .table("schema_history")
                // a migration numbered below the latest applied one (V25, written after V28 landed) is applied to
                // the databases already past it instead of failing their validation; each migration stands on its own
                .outOfOrder(true)
                .load();
        realignVersion8(flyway);
        return flyway.migrate();
    }

    /**
     * A database made before the security tables moved to the server holds version 8 under its old name and
     * checksum; its tables stay where they are (the server's migrations adopt them), so only the history is
     * realigned with the migration as it is now, once.
     */
    private static void realignVersion8(Flyway flyway) {
        for (MigrationInfo applied : flyway.info().applied()) {
            if (applied.getVersion() != null && "8".equals(applied.getVersion().getVersion())
                    && VERSION_8_BEFORE_THE_SPLIT.equals(applied.getDescription())) {
                flyway.repair();
                return;
            }
        }
    }
}
