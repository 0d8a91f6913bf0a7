package fr.yseraa.observatory.ext.db;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
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
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(dataSource)
                .target(target)
                .locations("classpath:db/observatory")
                .javaMigrations(new LoadSinpNomenclatures())
                .defaultSchema("public") // not the user's own schema, which search_path would put first
                .table("schema_history");
        Flyway flyway = configuration.load();
        realignVersion8(flyway);
        // a migration numbered below the latest one applied (V25, written after V28 had landed) is applied to a
        // database already past it, rather than failing its validation: such migrations stand on their own
        if (Arrays.stream(flyway.info().all()).anyMatch(m -> m.getState() == MigrationState.IGNORED)) {
            flyway = configuration.outOfOrder(true).load();
        }
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
