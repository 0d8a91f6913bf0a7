package fr.yseraa.observatory.server;

import fr.yseraa.observatory.devdb.DatabaseSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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

    private static Map<String, String> environment(DatabaseSettings db) {
        return Map.of("OBS_DATABASE_URL", db.jdbcUrl(), "PGUSER", db.user(), "PGPASSWORD", db.password());
    }
}
