package fr.yseraa.observatory.devdb;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL + PostGIS cluster kept in a folder of its own (initdb + pg_ctl), for users and tests
 * that name no database. Its data stays in the folder between runs: {@link #start} reuses it.
 *
 * <p>The cluster listens on 127.0.0.1 only, on a free port remembered in the folder, with a random password
 * (scram-sha-256) also kept in the folder. When the JVM runs as root the PostgreSQL programs run as the
 * {@code postgres} system user, since PostgreSQL refuses to run as root.
 */
public final class LocalPostgresCluster {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgresCluster.class);
    private static final String SUPERUSER = "ows";
    public static final String INSTALL_HINT =
            "install PostgreSQL and PostGIS 3 with: apt-get install postgresql-15 postgresql-15-postgis-3 (17 on Debian 13)";

    private Path folder;
    private final Path binDir;
    private final List<String> serverOptions;
    private boolean startedHere;

    /**
     * @param folder where the cluster lives (created when missing)
     * @param binDir the PostgreSQL programs' folder, e.g. /usr/lib/postgresql/15/bin ({@link #defaultBinDir()})
     * @param serverOptions extra {@code -c name=value} settings, e.g. fsync=off for throw-away test clusters
     */
    public LocalPostgresCluster(Path folder, Path binDir, List<String> serverOptions) {
        this.folder = folder.toAbsolutePath().normalize();
        this.binDir = binDir;
        this.serverOptions = List.copyOf(serverOptions);
    }

    /**
     * The PostgreSQL programs' folder: {@code OBS_PG_BINDIR}, else the newest of Debian's PostgreSQL 17, 16 and 15
     * that has PostGIS installed beside it (as {@code bin/pg-bindir} picks), else Debian's place for 15.
     */
    public static Path defaultBinDir() {
        String configured = System.getenv("OBS_PG_BINDIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (int version : new int[] {17, 16, 15}) {
            Path bin = Path.of("/usr/lib/postgresql/" + version + "/bin");
            if (Files.isExecutable(bin.resolve("initdb"))
                    && Files.isRegularFile(Path.of("/usr/share/postgresql/" + version + "/extension/postgis.control"))) {
                return bin;
            }
        }
        return Path.of("/usr/lib/postgresql/15/bin");
    }

    /** Initialises the cluster if needed, starts it if stopped, creates the database if missing. */
    public synchronized DatabaseSettings start(String database) {
        if (!Files.isExecutable(binDir.resolve("initdb")) || !Files.isExecutable(binDir.resolve("pg_ctl"))) {
            throw new IllegalStateException("PostgreSQL programs not found in " + binDir + ": " + INSTALL_HINT
                    + " (or set OBS_PG_BINDIR, or name an existing database with DATABASE_URL or PGHOST/PGDATABASE)");
        }
        try {
            Files.createDirectories(folder);
            ensureReachableByPostgresUser();
            if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
                initialise();
            }
            int port;
            if (isRunning()) {
                port = runningPort();
            } else {
                port = startServer();
                startedHere = true;
            }
            DatabaseSettings admin = settings(port, "postgres");
            createDatabaseIfMissing(admin, database);
            return settings(port, database);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the private PostgreSQL cluster in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Stops the cluster if this object started it (fast shutdown); its data stays in place. */
    public synchronized void stop() {
        try {
            if (startedHere && isRunning()) {
                run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-m", "fast", "-w", "stop"));
                startedHere = false;
            }
        } catch (IOException e) {
            LOG.warn("could not stop the private PostgreSQL cluster in {}: {}", folder, e.getMessage());
        }
    }

    public Path folder() {
        return folder;
    }

    private Path dataDir() {
        return folder.resolve("data");
    }

    private Path passwordFile() {
        return folder.resolve("password");
    }

    private void initialise() throws IOException {
        LOG.info("creating a private PostgreSQL cluster in {}", folder);
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        Files.writeString(passwordFile(), HexFormat.of().formatHex(secret), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(passwordFile(), PosixFilePermissions.fromString("rw-------"));
        Path pwfile = folder.resolve("initdb-password");
        Files.copy(passwordFile(), pwfile);
        handOverToPostgresUser(folder);
        try {
            run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir().toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"));
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private int startServer() throws IOException {
        int port = rememberedPort();
        if (port == 0 || !isFree(port)) {
            port = freePort();
            Files.writeString(folder.resolve("port"), Integer.toString(port));
        }
        StringBuilder options = new StringBuilder("-p " + port + " -c listen_addresses=127.0.0.1")
                .append(" -c unix_socket_directories=").append(folder);
        serverOptions.forEach(o -> options.append(" -c ").append(o));
        handOverToPostgresUser(folder);
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-l",
                folder.resolve("postgresql.log").toString(), "-o", options.toString(), "-w", "-t", "60", "start"));
        LOG.info("private PostgreSQL cluster started on 127.0.0.1:{} ({})", port, folder);
        return port;
    }

    private boolean isRunning() throws IOException {
        Path pid = dataDir().resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return false;
        }
        return exec(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "status")) == 0;
    }

    private int runningPort() throws IOException {
        List<String> lines = Files.readAllLines(dataDir().resolve("postmaster.pid"));
        return Integer.parseInt(lines.get(3).trim()); // line 4 of postmaster.pid is the port
    }

    private int rememberedPort() throws IOException {
        Path file = folder.resolve("port");
        return Files.exists(file) ? Integer.parseInt(Files.readString(file).trim()) : 0;
    }

    private DatabaseSettings settings(int port, String database) throws IOException {
        return new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER,
                Files.readString(passwordFile()).trim());
    }

    private static void createDatabaseIfMissing(DatabaseSettings admin, String database) {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement st = c.createStatement()) {
                            st.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                        }
                    }
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")) {
                if (!rs.next()) {
                    throw new IllegalStateException("the PostGIS extension is not installed: " + INSTALL_HINT);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * As root, the cluster runs as {@code postgres}, which must be able to reach the folder: a checkout under a
     * private folder (mode 700, as mktemp makes) is out of its reach. The cluster then lives under the
     * postgres user's home instead, in a folder named after the requested one.
     */
    private void ensureReachableByPostgresUser() throws IOException {
        if (!runsAsRoot()) {
            return;
        }
        handOverToPostgresUser(folder);
        if (exec(List.of("runuser", "-u", "postgres", "--", "test", "-w", folder.toString())) == 0) {
            return;
        }
        String hash = Integer.toHexString(folder.toString().hashCode());
        Path fallback = Path.of("/var/lib/postgresql/observatory-ows", folder.getFileName() + "-" + hash);
        LOG.warn("the postgres user cannot reach {}; the private cluster lives in {} instead", folder, fallback);
        Path requested = folder;
        folder = fallback;
        Files.createDirectories(folder);
        handOverToPostgresUser(folder.getParent());
        // scripts that read the cluster's port and password from the requested folder find them through links
        for (String name : List.of("port", "password")) {
            Path link = requested.resolve(name);
            if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, folder.resolve(name));
            }
        }
    }

    private void handOverToPostgresUser(Path path) throws IOException {
        if (runsAsRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", path.toString()));
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void run(List<String> command) throws IOException {
        int status = exec(command);
        if (status != 0) {
            String log = "";
            Path logFile = folder.resolve("postgresql.log");
            if (Files.exists(logFile)) {
                List<String> lines = Files.readAllLines(logFile);
                log = "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            }
            throw new IOException(String.join(" ", command) + " exited with " + status + log);
        }
    }

    private int exec(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (runsAsRoot() && command.get(0).startsWith(binDir.toString() + "/")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.directory(Path.of("/").toFile());
        Path output = Files.createTempFile("obs-pg", ".log");
        pb.redirectOutput(output.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (p.exitValue() != 0 && !command.contains("status") && !command.contains("test")) {
            LOG.warn("{} said:\n{}", String.join(" ", command), Files.readString(output));
        }
        Files.deleteIfExists(output);
        return p.exitValue();
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
