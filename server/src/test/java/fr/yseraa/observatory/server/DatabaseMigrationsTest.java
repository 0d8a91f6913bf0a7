package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.ext.db.ObservatoryMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The server migrates its own security schema after the observatory's model, on a new database and an older one. */
class DatabaseMigrationsTest {

    private static final Path SECURITY_V1 = TestServer.ROOT.resolve(
            "server/src/main/resources/db/security/V1__users_roles_keys_audit.sql");

    @Test
    void aNewDatabaseGetsBothModelsEachWithItsHistory() throws Exception {
        DataSource ds = TestPostgis.dataSource(TestPostgis.freshDatabase("migrations_new"));
        DatabaseMigrations.migrate(ds);
        assertThat(query(ds, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'security' "
                + "AND table_name IN ('app_user', 'user_role', 'api_key', 'audit_log')")).isEqualTo(4);
        assertThat(query(ds, "SELECT count(*) FROM security.schema_history WHERE version = '1' AND success")).isEqualTo(1);
        DatabaseMigrations.migrate(ds); // and again: nothing to do, nothing fails
        assertThat(query(ds, "SELECT count(*) FROM security.schema_history")).isEqualTo(5); // schema creation + V1 + V2 + V3 + V5
    }

    @Test
    void aDatabaseWhoseSecurityTablesCameFromTheObservatoryModelKeepsThemAndTheirRows() throws Exception {
        DataSource ds = TestPostgis.dataSource(TestPostgis.freshDatabase("migrations_old"));
        ObservatoryMigrations.migrate(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(Files.readString(SECURITY_V1)); // as version 8 of the observatory's model used to make them
            st.execute("INSERT INTO security.app_user (login, password_hash) VALUES ('ancien', 'x')");
        }
        DatabaseMigrations.migrate(ds);
        assertThat(query(ds, "SELECT count(*) FROM security.app_user WHERE login = 'ancien'")).isEqualTo(1);
        assertThat(query(ds, "SELECT count(*) FROM security.schema_history WHERE type = 'BASELINE'")).isEqualTo(1);
    }

    private static long query(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
