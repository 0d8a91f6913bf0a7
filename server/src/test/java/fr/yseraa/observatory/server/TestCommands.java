package fr.yseraa.observatory.server;

import fr.yseraa.observatory.devdb.DatabaseSettings;
import java.nio.file.Path;
import java.util.Map;

/** The server's commands, run as from the command line on a test database, for tests outside this package. */
public final class TestCommands {

    private TestCommands() {
    }

    /** {@code load-statuts FILE}: returns the command's exit status. */
    public static int loadStatuts(Path file, DatabaseSettings db) {
        return Commands.loadStatuts(new String[] {file.toString()}, Map.of("OBS_DATABASE_URL", db.jdbcUrl(),
                "PGUSER", db.user(), "PGPASSWORD", db.password()));
    }
}
