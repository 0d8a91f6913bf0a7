package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.devdb.DatabaseSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/** The server's commands, run as from the command line on a test database, for tests outside this package. */
public final class TestCommands {

    private TestCommands() {
    }

    /** {@code load-statuts FILE}: returns the command's exit status. */
    public static int loadStatuts(Path file, DatabaseSettings db) {
        return Commands.loadStatuts(new String[] {file.toString()}, environment(db));
    }

    /** {@code import FILE --dataset UUID --mapping NAME} with the project's data directory: the exit status. */
    public static int importOccurrences(Path file, String dataset, String mapping, DatabaseSettings db) {
        Map<String, String> env = new HashMap<>(environment(db));
        env.put("OBS_DATA_DIR", TestServer.ROOT.resolve("data-dir").toString());
        return Commands.importOccurrences(new String[] {file.toString(), "--dataset", dataset, "--mapping", mapping},
                env);
    }

    /** Runs a command, asserts its exit status, returns what it wrote on the standard output. */
    static String standardOutput(IntSupplier command, int status) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(command.getAsInt()).isEqualTo(status);
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The first column of a query's first row, as text. */
    static String firstValue(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, String> environment(DatabaseSettings db) {
        return Map.of("OBS_DATABASE_URL", db.jdbcUrl(), "PGUSER", db.user(), "PGPASSWORD", db.password());
    }
}
