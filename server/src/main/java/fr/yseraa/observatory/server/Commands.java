package fr.yseraa.observatory.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import fr.yseraa.observatory.ext.exports.ExportRequest;
import fr.yseraa.observatory.ext.exports.OccurrenceExport;
import fr.yseraa.observatory.ext.imports.ImportProgress;
import fr.yseraa.observatory.ext.imports.ImportReport;
import fr.yseraa.observatory.ext.imports.ImportRequest;
import fr.yseraa.observatory.ext.imports.OccurrenceImport;
import fr.yseraa.observatory.ext.imports.RejectionLimit;
import fr.yseraa.observatory.ext.taxref.StatutsLoader;
import fr.yseraa.observatory.ext.taxref.TaxrefLoader;
import fr.yseraa.observatory.server.security.DemoAccounts;
import fr.yseraa.observatory.server.security.UserStore;
import fr.yseraa.observatory.server.tiles.OccurrenceTiles;
import fr.yseraa.observatory.server.tiles.TileCacheSync;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The command-line tools of the server jar: loading the demo and TAXREF, importing and exporting occurrences, managing users. */
final class Commands {

    private Commands() {
    }

    static int loadDemo(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        String error = parse(args, Set.of("--occurrences", "--seed", "--communes", "--departements"), Set.of("--replace"),
                options, positional);
        if (error == null && !positional.isEmpty()) {
            error = "unexpected argument " + positional.get(0);
        }
        DemoOptions demo = null;
        if (error == null) {
            try {
                demo = new DemoOptions(
                        Long.parseLong(options.getOrDefault("--occurrences", Long.toString(DemoOptions.DEFAULT_OCCURRENCES))),
                        Long.parseLong(options.getOrDefault("--seed", Long.toString(DemoOptions.DEFAULT_SEED))),
                        existingFile(options.get("--communes")), existingFile(options.get("--departements")));
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
        }
        if (error != null) {
            return usage(error);
        }
        DemoOptions chosen = demo;
        return withDatabase(dataSource -> {
            if (!DemoLoader.isEmpty(dataSource)) {
                if (!options.containsKey("--replace")) {
                    System.err.println("the database already holds an observatory: add --replace to empty it first");
                    return 1;
                }
                DemoLoader.clear(dataSource);
            }
            DemoLoader.Report report = DemoLoader.load(dataSource, chosen, System.err);
            DemoAccounts.create(new UserStore(dataSource), DemoAccounts.PRODUCER_ORGANISATION,
                    System.getenv("OBS_DEMO_PASSWORD"), System.out);
            System.out.printf("loaded %,d communes, %,d habitat patches, %,d taxa and %,d occurrences in %.1f s%n",
                    report.communes(), report.habitats(), report.taxa(), report.occurrences(), report.seconds());
            return 0;
        });
    }

    /** The one file a command loads reference data from, and its {@code --version}. */
    private record ReferenceFile(Path file, String version) {
    }

    /**
     * Reads {@code FILE [--version V]}; the version defaults to what {@code defaultVersion} makes of the file.
     *
     * @throws IllegalArgumentException with the message for the usage when the arguments are wrong
     */
    private static ReferenceFile referenceFile(String[] args, String command,
                                               java.util.function.Function<Path, String> defaultVersion) {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        String error = parse(args, Set.of("--version"), Set.of(), options, positional);
        if (error == null && positional.size() != 1) {
            error = command + " needs one file";
        }
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        Path file = existingFile(positional.get(0));
        return new ReferenceFile(file, options.getOrDefault("--version", defaultVersion.apply(file)));
    }

    static int loadTaxref(String[] args) {
        ReferenceFile taxref;
        try {
            taxref = referenceFile(args, "load-taxref", TaxrefLoader::versionFromFileName);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        return withDatabase(dataSource -> {
            TaxrefLoader.Report r = TaxrefLoader.load(dataSource, taxref.file(), taxref.version(), System.err);
            System.out.printf("loaded %,d taxa of TAXREF %s; re-derived: %,d occurrences (cdRef or sensitivity), "
                    + "%,d sensitivity rules moved to a new accepted name, %,d heritage flags changed%n",
                    r.taxa(), taxref.version(), r.occurrences(), r.movedRules(), r.heritageChanges());
            occurrencesRederived(dataSource);
            return 0;
        });
    }

    /** {@code load-statuts FILE [--version V]}: loads the statuses of taxa (BDC statuts layout), derives heritage. */
    static int loadStatuts(String[] args) {
        return loadStatuts(args, System.getenv());
    }

    /** {@code load-statuts} on the database the environment names (a test gives its own). */
    static int loadStatuts(String[] args, Map<String, String> env) {
        ReferenceFile statuts;
        try {
            statuts = referenceFile(args, "load-statuts", file -> file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        return withDatabase(env, dataSource -> {
            StatutsLoader.Report r = StatutsLoader.load(dataSource, statuts.file(), statuts.version(), System.err);
            System.out.printf("loaded %,d statuses (%s); %,d heritage flags changed, %,d names of heritage taxa%n",
                    r.statuses(), statuts.version(), r.heritageChanges(), r.heritageNames());
            occurrencesRederived(dataSource);
            return 0;
        });
    }

    /**
     * {@code rebuild-density}: recounts the precomputed density grids whole (sql/V24__density_grid.sql), then has
     * the caches of the occurrences' layers dropped.
     */
    static int rebuildDensity(String[] args, Map<String, String> env) {
        if (args.length > 0) {
            return usage("rebuild-density takes no argument");
        }
        return withDatabase(env, dataSource -> {
            long start = System.nanoTime();
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("SELECT obs.refresh_density_grid()");
                st.execute("ANALYZE obs.density_grid");
                try (ResultSet rs = st.executeQuery("SELECT count(*), pg_size_pretty(pg_total_relation_size('obs.density_grid')) "
                        + "FROM obs.density_grid")) {
                    rs.next();
                    System.out.printf("density grids rebuilt: %,d cells (%s) in %.1f s%n", rs.getLong(1), rs.getString(2),
                            (System.nanoTime() - start) / 1e9);
                }
            }
            occurrencesRederived(dataSource);
            return 0;
        });
    }

    /**
     * {@code import FILE --dataset UUID --mapping NAME [--mode incremental|full] [--dry-run] [--max-rejected N|P%]
     * [--report FILE] [--data-dir DIR]}: imports a producer's file of occurrences into a dataset (see observatory-ext's
     * README); with more rejected rows than {@code --max-rejected}, nothing is written and the command fails (1).
     *
     * @param env the environment: the database, and {@code OBS_DATA_DIR} (the data directory, else {@code data-dir})
     */
    static int importOccurrences(String[] args, Map<String, String> env) {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        String error = parse(args, Set.of("--dataset", "--mapping", "--mode", "--report", "--data-dir", "--max-rejected"),
                Set.of("--dry-run"),
                options, positional);
        if (error == null && positional.size() != 1) {
            error = "import needs one file";
        }
        if (error == null && (!options.containsKey("--dataset") || !options.containsKey("--mapping"))) {
            error = "import needs --dataset UUID and --mapping NAME";
        }
        ImportRequest request = null;
        if (error == null) {
            try {
                request = new ImportRequest(existingFile(positional.get(0)), UUID.fromString(options.get("--dataset")),
                        options.get("--mapping"), ImportRequest.Mode.parse(options.getOrDefault("--mode", "incremental")),
                        options.containsKey("--dry-run"), options.containsKey("--max-rejected")
                        ? RejectionLimit.parse(options.get("--max-rejected")) : RejectionLimit.NONE);
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
        }
        if (error != null) {
            return usage(error);
        }
        ImportRequest chosen = request;
        Path dataDir = Path.of(options.getOrDefault("--data-dir", env.getOrDefault("OBS_DATA_DIR", "data-dir")));
        Path report = options.containsKey("--report") ? Path.of(options.get("--report")) : null;
        return withDatabase(env, dataSource -> {
            ImportReport result = new OccurrenceImport(dataSource).run(chosen, dataDir, report, Long.MAX_VALUE,
                    ImportProgress.console(System.err));
            System.out.print(result.summary());
            if (result.changedArea() != null) {
                try (Connection c = dataSource.getConnection()) {
                    OccurrenceTiles.announceChanged(c, result.changedArea()); // running servers drop stale tiles
                }
            }
            return result.refusal() == null ? 0 : 1;
        });
    }

    /**
     * {@code export --dataset UUID | --all [--since DATE] [--format csv|geojson] [--out FILE]}: writes the DEE flow of
     * occurrences, everything the database holds (see observatory-ext's README), to the file or to the standard output.
     *
     * @param env the environment: the database
     */
    static int exportOccurrences(String[] args, Map<String, String> env) {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        String error = parse(args, Set.of("--dataset", "--since", "--format", "--out"), Set.of("--all"), options, positional);
        if (error == null && !positional.isEmpty()) {
            error = "unexpected argument " + positional.get(0);
        }
        if (error == null && options.containsKey("--dataset") == options.containsKey("--all")) {
            error = "export needs either --dataset UUID or --all";
        }
        ExportRequest request = null;
        if (error == null) {
            try {
                request = new ExportRequest(options.containsKey("--dataset") ? UUID.fromString(options.get("--dataset")) : null,
                        options.containsKey("--since") ? ExportRequest.parseSince(options.get("--since")) : null,
                        ExportRequest.Format.parse(options.getOrDefault("--format", "csv")));
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
        }
        if (error != null) {
            return usage(error);
        }
        ExportRequest chosen = request;
        Path file = options.containsKey("--out") ? Path.of(options.get("--out")) : null;
        // the standard output carries the data alone: whatever logs while the command runs goes to the standard error
        PrintStream data = System.out;
        System.setOut(System.err);
        try {
            return withDatabase(env, dataSource -> {
                if (file != null) {
                    return exportToFile(dataSource, chosen, file);
                }
                OccurrenceExport.Summary summary = new OccurrenceExport(dataSource).run(chosen, data);
                data.flush();
                System.err.printf("exported %,d occurrences and %,d deletions%n", summary.occurrences(), summary.deletions());
                return 0;
            });
        } finally {
            System.setOut(data);
        }
    }

    /** Writes an export to FILE.part, then renames it FILE: a failed export leaves no partial file behind. */
    private static int exportToFile(DataSource dataSource, ExportRequest request, Path file) throws Exception {
        Path partial = file.toAbsolutePath().resolveSibling(file.getFileName() + ".part");
        OccurrenceExport.Summary summary;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            summary = new OccurrenceExport(dataSource).run(request, out);
        } catch (Exception e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.printf("exported %,d occurrences and %,d deletions to %s%n", summary.occurrences(), summary.deletions(), file);
        return 0;
    }

    /** {@code user list|add|roles|key|revoke-key}: manages users, roles and API keys. */
    static int user(String[] args) {
        if (args.length == 0) {
            return usage("user needs a sub-command: list, add, roles, key or revoke-key");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        String error = parse(rest, Set.of("--roles", "--organisation", "--label"), Set.of(), options, positional);
        if (error != null) {
            return usage(error);
        }
        Set<String> roles = options.containsKey("--roles") ? Set.of(options.get("--roles").split(",")) : Set.of();
        return switch (args[0]) {
            case "list" -> withDatabase(ds -> {
                new UserStore(ds).users().forEach(u -> System.out.println(u.login() + " " + u.roles() + (u.enabled() ? "" : " disabled")));
                return 0;
            });
            case "add" -> positional.size() != 1 ? usage("user add LOGIN --roles r1,r2 [--organisation ORG]") : withDatabase(ds -> {
                UserStore users = new UserStore(ds);
                Integer organisation = null;
                if (options.containsKey("--organisation")) {
                    organisation = users.organisation(options.get("--organisation")).orElse(null);
                    if (organisation == null) {
                        System.err.println("unknown organisation " + options.get("--organisation"));
                        return 1;
                    }
                }
                String password = System.getenv("OBS_USER_PASSWORD");
                boolean generated = password == null || password.isBlank();
                if (generated) {
                    password = UserStore.newSecret();
                }
                try {
                    users.saveUser(positional.get(0), password, organisation, roles);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage() + " (--organisation)");
                    return 1;
                }
                usersChanged(ds);
                System.out.println("user " + positional.get(0) + " saved" + (generated ? "; password: " + password : ""));
                return 0;
            });
            case "roles" -> positional.size() != 1 ? usage("user roles LOGIN --roles r1,r2") : withDatabase(ds -> {
                boolean found;
                try {
                    found = new UserStore(ds).setRoles(positional.get(0), roles);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    return 1;
                }
                if (found) {
                    usersChanged(ds);
                }
                System.out.println(found ? "roles of " + positional.get(0) + ": " + roles : "no such user");
                return found ? 0 : 1;
            });
            case "key" -> positional.size() != 1 ? usage("user key LOGIN [--label L]") : withDatabase(ds -> {
                var key = new UserStore(ds).issueKey(positional.get(0), options.get("--label"));
                System.out.println(key.map(k -> "API key (shown once): " + k).orElse("no such user"));
                return key.isPresent() ? 0 : 1;
            });
            case "revoke-key" -> positional.size() != 1 ? usage("user revoke-key KEY_ID") : withDatabase(ds -> {
                boolean revoked = new UserStore(ds).revokeKey(Integer.parseInt(positional.get(0)));
                System.out.println(revoked ? "key revoked" : "no such active key");
                return revoked ? 0 : 1;
            });
            default -> usage("unknown user sub-command " + args[0]);
        };
    }

    /** Running servers forget the credentials they verified lately: a password or roles changed. */
    private static void usersChanged(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            TileCacheSync.announceUsersChanged(c);
        }
    }

    /**
     * Running servers drop the tiles that follow the occurrences and renew their catalogs' update sequence: all were
     * re-derived.
     */
    private static void occurrencesRederived(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            OccurrenceTiles.announceAllChanged(c);
        }
    }

    private interface DatabaseWork {
        int run(HikariDataSource dataSource) throws Exception;
    }

    private static int withDatabase(DatabaseWork work) {
        return withDatabase(System.getenv(), work);
    }

    private static int withDatabase(Map<String, String> env, DatabaseWork work) {
        DatabaseBootstrap bootstrap = DatabaseBootstrap.fromEnvironment(env);
        DatabaseSettings s = bootstrap.settings();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(s.jdbcUrl());
        config.setUsername(s.user());
        config.setPassword(s.password());
        config.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            DatabaseMigrations.migrate(dataSource);
            return work.run(dataSource);
        } catch (Exception e) {
            StringBuilder message = new StringBuilder("failed: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                message.append("\n  because: ").append(cause.getMessage());
            }
            System.err.println(message);
            return 1;
        } finally {
            bootstrap.stop();
        }
    }

    private static Path existingFile(String name) {
        if (name == null) {
            return null;
        }
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file: " + name);
        }
        return p;
    }

    /** Splits options with a value, flags and positional arguments; returns an error message or null. */
    private static String parse(String[] args, Set<String> valued, Set<String> flags, Map<String, String> options,
                                List<String> positional) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (valued.contains(a)) {
                if (i + 1 >= args.length) {
                    return a + " needs a value";
                }
                options.put(a, args[++i]);
            } else if (flags.contains(a)) {
                options.put(a, "true");
            } else if (a.startsWith("--")) {
                return "unknown option " + a;
            } else {
                positional.add(a);
            }
        }
        return null;
    }

    private static int usage(String error) {
        System.err.println(error);
        System.err.print(ObservatoryServer.USAGE);
        return 2;
    }
}
