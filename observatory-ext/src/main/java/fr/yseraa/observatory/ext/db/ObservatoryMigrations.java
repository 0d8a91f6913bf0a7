package fr.yseraa.observatory.ext.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the observatory's data model (the project's {@code sql/} folder, plus Java migrations) with Flyway. */
public final class ObservatoryMigrations {

    private ObservatoryMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/observatory")
                .javaMigrations(new LoadSinpNomenclatures())
                .defaultSchema("public") // not the user's own schema, which search_path would put first
                .table("schema_history")
                .load()
                .migrate();
    }
}
