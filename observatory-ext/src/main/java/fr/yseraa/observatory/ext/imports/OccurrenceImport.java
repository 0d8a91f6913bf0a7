package fr.yseraa.observatory.ext.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import fr.yseraa.observatory.ext.db.OccurrenceAggregates;
import org.locationtech.jts.geom.Envelope;

/**
 * Imports a producer's file of occurrences into a dataset (an upsert on idSINPOccTax), in one transaction: the file
 * is streamed through its mapping into a staging table with COPY ({@link StagingTable}), checked set-based
 * in SQL (each failed check is one line of the report: line, field, value, reason), derived set-based
 * ({@link OccurrenceDerivation}: attachments, sensitivity, diffusion), and the valid rows are inserted when new,
 * updated when changed, left alone when unchanged; in full mode the dataset's rows the file does not name are
 * withdrawn, each leaving a tombstone. A row whose source hash is the one its occurrence was last imported with is
 * unchanged without further checks. A dry run does everything but the writing, and rolls back; so does an import
 * with more rejections than its limit. Every step works on the connection it is given, inside its transaction: the
 * WFS Transaction of occurrences runs the same steps on a handful of rows ({@link OccurrenceRows}). An import of a file
 * keeps its working tables in a workspace of its own, where PostgreSQL's parallel workers can read them
 * ({@link WorkTables}).
 */
public final class OccurrenceImport {

    /** How far outside the region (territory.region, else the communes' union) a geometry may lie, in metres. */
    static final int REGION_TOLERANCE_M = 1000;
    private static final int SHOWN_REJECTIONS = 20;
    private static final String TEMP_BUFFERS = "256MB";
    private static final String UUID_SYNTAX = "'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'";
    private static final String INTEGER_SYNTAX = "'^[0-9]{1,9}$'";
    /** Reason code → the message producers read. */
    static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("missing", "champ obligatoire absent"),
            Map.entry("bad_number", "nombre entier positif attendu"),
            Map.entry("bad_date", "date illisible (AAAA-MM-JJ ou JJ/MM/AAAA attendu)"),
            Map.entry("future_date", "date dans le futur"),
            Map.entry("dates_reversed", "dateFin antérieure à dateDebut"),
            Map.entry("counts_reversed", "denombrementMin supérieur à denombrementMax"),
            Map.entry("bad_uuid", "identifiant UUID invalide"),
            Map.entry("unknown_code", "code absent de la nomenclature SINP du champ"),
            Map.entry("unknown_taxon", "cdNom inconnu de TAXREF"),
            Map.entry("invalid_geometry", "géométrie illisible ou invalide"),
            Map.entry("unknown_crs", "système de coordonnées inconnu"),
            Map.entry("outside_region", "géométrie hors de la région"),
            Map.entry("duplicate_id", "idSINPOccTax déjà donné plus haut dans le fichier"),
            Map.entry("other_dataset", "occurrence d'un autre jeu de données"));

    /** The columns of sinp.occurrence an import writes, in one order for the insert, the update and the comparison. */
    private static final String WRITTEN = Arrays.stream(StandardField.values()).map(f -> f.column)
            .collect(Collectors.joining(", ")) + ", cd_ref, geom";
    /** The standard fields typed, with the platform's defaults (SQL over the aliases of the checks' rows). */
    private static final String TYPED = Arrays.stream(StandardField.values()).map(f -> switch (f) {
        case ID_SINP_OCC_TAX -> "k.id";
        case CD_NOM -> "k.cd_nom";
        case PRECISION_GEOMETRIE, DENOMBREMENT_MIN, DENOMBREMENT_MAX -> "CASE WHEN r." + f.column + " ~ " + INTEGER_SYNTAX
                + " THEN r." + f.column + "::integer END";
        case DATE_DEBUT, DATE_FIN -> "r." + f.column + "_value";
        case VERSION_TAXREF -> "coalesce(r.version_taxref, t.version)";
        case ORG_GEST_DAT -> "coalesce(r.org_gest_dat, og.name)";
        case DS_PUBLIQUE -> "coalesce(r.ds_publique, CASE WHEN d.is_public THEN 'Pu' ELSE 'Pr' END)";
        case JDD_METADONNEE_DEE_ID -> "d.uuid";
        case SENSI_NIVEAU -> "coalesce(r.sensi_niveau, sr.sensi_niveau, '0')";
        case NATURE_OBJET_GEO -> "coalesce(r.nature_objet_geo, 'St')";
        default -> "r." + f.column;
    } + " AS " + f.column).collect(Collectors.joining(", "));

    private final DataSource dataSource;

    public OccurrenceImport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Imports a file.
     *
     * @param dataDir the data directory holding {@code imports/mappings/<mapping>.yaml}
     * @param reportFile where the list of rejections goes (JSON when its name ends in {@code .json}, else CSV);
     *     beside the file ({@code <name>.report.csv}) when null
     * @param listed how many rejections a JSON report lists at most (a CSV report lists them all)
     * @param progress where the steps and their progress are told
     */
    public ImportReport run(ImportRequest request, Path dataDir, Path reportFile, long listed, ImportProgress progress)
            throws IOException, SQLException {
        long start = System.nanoTime();
        ImportMapping mapping = ImportMapping.load(dataDir, request.mapping());
        Path report = reportFile != null ? reportFile : defaultReportFile(request.file());
        UUID dataset = request.dataset();
        try (Connection c = dataSource.getConnection()) {
            watchClient(c);
            roomForStaging(c);
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = 0");
                    // sorts and hashes over millions of staged rows: bounded, but not by the default 4 MB
                    st.execute("SET LOCAL work_mem = '64MB'");
                    // compiling the plans of these few long statements costs more than it saves (seconds each)
                    st.execute("SET LOCAL jit = off");
                    // a merge join sorts the wide staged rows (to disk) where hashing the small side is what pays
                    st.execute("SET LOCAL enable_mergejoin = off");
                }
                lockDataset(c, dataset);
                WorkTables.open(c);
                progress.phase(ImportProgress.Phase.READING);
                long read = stage(c, request.file(), dataset, mapping, progress);
                if (read == 0 && request.mode() == ImportRequest.Mode.FULL) {
                    throw new IllegalArgumentException("the file holds no row: in full mode it would withdraw every "
                            + "occurrence of the dataset");
                }
                progress.phase(ImportProgress.Phase.CHECKING);
                validate(c, dataset);
                progress.phase(ImportProgress.Phase.COMPARING);
                long[] counts = classify(c, dataset, request.mode());
                long valid = counts[0] + counts[1] + counts[2];
                long rejected = queryLong(c, "SELECT count(*) FROM import_rejected_line");
                String refusal = request.maxRejected().exceeded(rejected, read) ? String.format(Locale.ROOT,
                        "%,d rows rejected out of %,d, more than the %s allowed", rejected, read, request.maxRejected()) : null;
                Envelope changed = null;
                if (!request.dryRun() && refusal == null) {
                    changed = write(c, counts[0], counts[1], counts[3], progress);
                }
                ImportReport result = new ImportReport(read, valid, counts[0], counts[1], counts[2], counts[3], rejected,
                        reasons(c), List.of(), report, request.dryRun(), changed, (System.nanoTime() - start) / 1e9, refusal);
                result = result.withFirstRejections(writeReport(c, mapping, request, result, report, listed));
                if (request.dryRun() || refusal != null) {
                    c.rollback();
                } else {
                    WorkTables.close(c);
                    c.commit();
                }
                return result;
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Has the server check every second, even inside a long statement, that this client is still there: an import
     * whose process dies (kill -9) is then rolled back at once, its locks released, rather than when its statement
     * ends. Left as it is where the platform cannot (the setting is then refused, and nothing else changes).
     */
    private static void watchClient(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("SET client_connection_check_interval = 1000");
        } catch (SQLException e) {
            // not available on this platform: the server notices when the running statement ends
        }
    }

    /**
     * Gives the session's temporary tables (the staged, checked and derived rows when no workspace can be opened,
     * {@link WorkTables}: hundreds of megabytes for millions of rows) more than the default 8 MB of buffers, so that each step's pass over them is not a round of writes to
     * and reads from temporary files. Possible only before the session's first temporary table (a pooled connection
     * that had some keeps what it has).
     */
    private static void roomForStaging(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("SET temp_buffers = '" + TEMP_BUFFERS + "'");
        } catch (SQLException e) {
            // the session used temporary tables already: its buffers stay as they are
        }
    }

    /** Reads a mapping of the data directory; throws IllegalArgumentException naming what is wrong. */
    public static void checkMapping(Path dataDir, String name) throws IOException {
        ImportMapping.load(dataDir, name);
    }

    static Path defaultReportFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.toAbsolutePath().resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".report.csv");
    }

    /** The dataset must exist; two imports into one dataset never interleave (the second is refused). */
    private static void lockDataset(Connection c, UUID dataset) throws SQLException {
        if (queryLong(c, "SELECT count(*) FROM ref.dataset WHERE uuid = ?", dataset) == 0) {
            throw new IllegalArgumentException("no dataset " + dataset + " in ref.dataset");
        }
        if (queryLong(c, "SELECT pg_try_advisory_xact_lock(hashtextextended('sinp import ' || ?, 0))::int", dataset.toString()) == 0) {
            throw new IllegalStateException("another import into dataset " + dataset + " is running: try again when it is over");
        }
    }

    /** Streams the file through the mapping into the working table import_row with COPY; returns the rows read. */
    static long stage(Connection c, Path file, UUID dataset, ImportMapping mapping, ImportProgress progress)
            throws IOException, SQLException {
        RowMapper mapper = new RowMapper(mapping, dataset, labels(c));
        long size = Math.max(Files.size(file), 1);
        long n = 0;
        try (SourceFile source = SourceFile.open(file); StagingTable staging = StagingTable.open(c, dataset)) {
            if (source instanceof CsvSource csv && mapping.columns().keySet().stream().noneMatch(csv.header()::contains)) {
                throw new IllegalArgumentException("the file's columns " + csv.header() + " are none of mapping "
                        + mapping.name() + "'s " + mapping.columns().keySet());
            }
            for (SourceFile.Record r = source.next(); r != null; r = source.next()) {
                staging.add(mapper.map(r));
                if ((++n & 1023) == 0) {
                    progress.advanced(n, source.position(), size);
                }
            }
        }
        progress.advanced(n, size, size);
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE import_row");
        }
        return n;
    }

    /** nomenclature type → its codes as an SQL array literal, for checks that need no look-up a row. */
    private static Map<String, String> codeLists(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT type, 'ARRAY[' || string_agg(quote_literal(code), ', ' ORDER BY code) || ']::text[]' FROM ref.nomenclature GROUP BY type")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** nomenclature type → lower-cased label → code, for files giving labels instead of codes. */
    private static Map<String, Map<String, String>> labels(Connection c) throws SQLException {
        Map<String, Map<String, String>> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT type, code, label FROM ref.nomenclature")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(ImportMapping.normalise(rs.getString(3)), rs.getString(2));
            }
        }
        return out;
    }

    /**
     * Every check, set-based, in one pass over the staged rows: {@code import_checked} holds each row typed, with the
     * occurrence its id names (known), whether its hash is the one that occurrence was imported with (same: nothing
     * to check) and whether a check failed; then one row of import_rejection per failed check (line, field, value,
     * reason), the failed checks listed again for the failed rows only, and {@code import_rejected_line}.
     */
    static void validate(Connection c, UUID dataset) throws SQLException {
        List<String[]> checks = checks(codeLists(c), dataset);
        try (Statement st = c.createStatement()) {
            // the region with its tolerance in each CRS the file uses, as small overlapping pieces for a quick test
            // (the pieces are computed once and kept: territory.region_area, migration V22)
            st.execute(WorkTables.createAs(c, "import_crs", """
                    SELECT srid FROM (SELECT DISTINCT ST_SRID(geom) AS srid FROM import_row WHERE geom IS NOT NULL) s
                    JOIN spatial_ref_sys USING (srid)"""));
            st.execute(WorkTables.createAs(c, "import_area", """
                    SELECT s.srid, ST_Transform(piece, s.srid) AS geom
                    FROM import_crs s, territory.region_area(%d) AS piece""".formatted(REGION_TOLERANCE_M)));
            st.execute("CREATE INDEX ON import_area USING gist (geom)");
            st.execute("ANALYZE import_area");
            st.execute(WorkTables.createWith(c, "import_rejection", "(line bigint NOT NULL, field text NOT NULL, value text, "
                    + "reason text NOT NULL)"));
        }
        // the points well inside the region, told by their cell; the others are tested against the pieces below
        InnerCells.build(c, "import_inside_cell", "SELECT geom AS pt FROM import_row WHERE GeometryType(geom) = 'POINT'",
                stagedRows(c), "import_area p", "true", "true AS inside");
        try (PreparedStatement ps = c.prepareStatement(WorkTables.createAs(c, "import_checked", ""
                + "SELECT r.line, r.row_hash, o.id AS known, o.jdd_metadonnee_dee_id AS known_dataset, h.same, "
                + TYPED + ", t.cd_ref, CASE WHEN p.geom_valid AND p.crs_known THEN ST_Transform(r.geom, 2154) END AS geom, "
                + "NOT h.same AND (" + checks.stream().map(k -> "coalesce(" + k[3] + ", false)").collect(Collectors.joining("\n OR "))
                + ") AS failed, CASE WHEN p.geom_valid AND p.crs_known AND ic.inside IS NULL THEN r.geom END AS edge_geom, "
                + "CASE WHEN p.geom_valid AND p.crs_known AND ic.inside IS NULL THEN r.geom_text END AS edge_text "
                + checkedRows("import_row") + InnerCells.join("import_inside_cell", "r.geom", "ic") + """
                JOIN ref.dataset d ON d.uuid = ?
                JOIN ref.organisation og ON og.id = d.producer_id
                LEFT JOIN ref.sensitivity_rule sr ON sr.cd_ref = t.cd_ref"""))) {
            ps.setObject(1, dataset);
            ps.setObject(2, dataset);
            // without Memoize: it would cache the look-up of each row's occurrence by its id, which misses every time
            without(c, "enable_memoize", ps::execute);
        }
        try (Statement st = c.createStatement()) {
            // its statistics: without them the statements reading it were planned for a fourteenth of its rows
            st.execute("ANALYZE import_checked");
        }
        try (Statement st = c.createStatement()) {
            // the geometries not told inside by their cell (edge_geom, as read), against the region's pieces themselves
            without(c, "enable_seqscan", () -> st.execute("""
                    INSERT INTO import_rejection
                    SELECT x.line, 'objetGeo', x.edge_text, 'outside_region' FROM import_checked x
                    WHERE x.edge_geom IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_area a
                        WHERE a.srid = ST_SRID(x.edge_geom) AND ST_Intersects(a.geom, x.edge_geom))"""));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_rejection SELECT r.line, c.field, c.value, c.reason "
                + checkedRows("(SELECT r.* FROM import_row r JOIN import_checked x ON x.line = r.line AND x.failed)")
                + " CROSS JOIN LATERAL (VALUES " + checks.stream().map(k -> "(" + String.join(", ", k) + ")")
                .collect(Collectors.joining(",\n ")) + ") AS c(field, value, reason, failed) WHERE c.failed")) {
            ps.setObject(1, dataset);
            ps.execute();
        }
        try (Statement st = c.createStatement()) {
            // an id given twice: the first line keeps it (an id that is no UUID is bad_uuid only, however often)
            st.execute(WorkTables.createAs(c, "import_duplicate", """
                    SELECT line FROM (SELECT line, row_number() OVER (PARTITION BY id_sinp_occtax ORDER BY line) AS rank
                                      FROM import_checked WHERE id_sinp_occtax IS NOT NULL) d
                    WHERE rank > 1"""));
        }
        // an id naming another dataset's occurrence
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO import_rejection
                SELECT r.line, 'idSINPOccTax', r.id_sinp_occtax, j.reason FROM import_row r
                JOIN (SELECT line, 'duplicate_id' AS reason FROM import_duplicate
                      UNION ALL SELECT line, 'other_dataset' FROM import_checked WHERE known_dataset <> ?) j ON j.line = r.line""")) {
            ps.setObject(1, dataset);
            ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.execute(WorkTables.createAs(c, "import_rejected_line", "SELECT DISTINCT line FROM import_rejection"));
            st.execute("ANALYZE import_rejected_line");
        }
    }

    /** How many rows were staged, as the last ANALYZE of import_row counted them (a guess below 1 when none did). */
    private static long stagedRows(Connection c) throws SQLException {
        return queryLong(c, "SELECT reltuples::bigint FROM pg_class WHERE oid = 'import_row'::regclass");
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /**
     * Runs work with a plan type discouraged (a planner setting such as {@code enable_seqscan} off, where there is
     * another way), then as it was.
     */
    private static void without(Connection c, String setting, SqlWork work) throws SQLException {
        String before;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            before = rs.getString(1);
            st.execute("SET LOCAL " + setting + " = off");
        }
        work.run();
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL " + setting + " = " + (before.equals("off") ? "off" : "on"));
        }
    }

    /**
     * The staged rows of a relation as the checks read them: {@code r} the row, {@code k} its id and cdNom typed,
     * {@code o} the occurrence its id names, {@code h.same} whether that occurrence was imported from this very row
     * into this dataset (one parameter: the dataset), {@code p} what is known of its geometry, {@code t} its taxon.
     */
    private static String checkedRows(String rows) {
        return """
                FROM %s r
                CROSS JOIN LATERAL (SELECT r.id_value AS id,
                                           CASE WHEN r.cd_nom ~ %s THEN r.cd_nom::integer END AS cd_nom OFFSET 0) k
                LEFT JOIN sinp.occurrence o ON o.id_sinp_occtax = k.id
                CROSS JOIN LATERAL (SELECT coalesce(o.import_hash = r.row_hash AND o.jdd_metadonnee_dee_id = ?, false) AS same OFFSET 0) h
                CROSS JOIN LATERAL (SELECT NOT h.same AND coalesce(NOT ST_IsEmpty(r.geom) AND ST_IsValid(r.geom), false) AS geom_valid,
                                           NOT h.same AND coalesce(ST_SRID(r.geom) IN (SELECT srid FROM import_crs), false) AS crs_known
                                    OFFSET 0) p
                LEFT JOIN ref.taxref t ON t.cd_nom = k.cd_nom
                """.formatted(rows, INTEGER_SYNTAX);
    }

    /** Every check of a row: standard field, value, reason, condition of failure (SQL over checkedRows's aliases). */
    private static List<String[]> checks(Map<String, String> codes, UUID dataset) {
        List<String[]> checks = new ArrayList<>();
        for (StandardField f : StandardField.values()) {
            String v = "r." + f.column;
            String name = "'" + f.standardName + "'";
            if (f.mandatory) {
                checks.add(new String[] {name, v, "'missing'", v + " IS NULL"});
            }
            switch (f.kind) {
                // idSINPOccTax and cdNom are typed once in checkedRows's k (null when not of their syntax)
                case INTEGER -> checks.add(new String[] {name, v, "'bad_number'", f == StandardField.CD_NOM
                        ? v + " IS NOT NULL AND k.cd_nom IS NULL" : v + " !~ " + INTEGER_SYNTAX});
                case UUID -> checks.add(new String[] {name, v, "'bad_uuid'", f == StandardField.ID_SINP_OCC_TAX
                        ? v + " IS NOT NULL AND k.id IS NULL" : v + " !~ " + UUID_SYNTAX});
                case DATE -> {
                    checks.add(new String[] {name, v, "'bad_date'", v + " IS NOT NULL AND r." + f.column + "_value IS NULL"});
                    checks.add(new String[] {name, v, "'future_date'", "r." + f.column + "_value > current_date"});
                }
                case CODE -> checks.add(new String[] {name, v, "'unknown_code'", v + " <> ALL ("
                        + codes.getOrDefault(f.nomenclature, "'{}'::text[]") + ")"});
                case TEXT -> {
                }
            }
        }
        checks.add(new String[] {"'cdNom'", "r.cd_nom", "'unknown_taxon'", "k.cd_nom IS NOT NULL AND t.cd_nom IS NULL"});
        checks.add(new String[] {"'dateFin'", "r.date_fin", "'dates_reversed'", "r.date_fin_value < r.date_debut_value"});
        checks.add(new String[] {"'denombrementMax'", "r.denombrement_max", "'counts_reversed'", "r.denombrement_min ~ "
                + INTEGER_SYNTAX + " AND r.denombrement_max ~ " + INTEGER_SYNTAX + " AND CASE WHEN r.denombrement_min ~ "
                + INTEGER_SYNTAX + " AND r.denombrement_max ~ " + INTEGER_SYNTAX
                + " THEN r.denombrement_min::integer > r.denombrement_max::integer END"});
        checks.add(new String[] {"'jddMetadonneeDEEId'", "r.jdd_metadonnee_dee_id", "'other_dataset'",
                "lower(r.jdd_metadonnee_dee_id) <> '" + dataset + "'"});
        checks.add(new String[] {"'objetGeo'", "r.geom_text", "'missing'", "r.geom_text IS NULL"});
        checks.add(new String[] {"'objetGeo'", "r.geom_text", "'invalid_geometry'", "r.geom_text IS NOT NULL AND NOT p.geom_valid"});
        checks.add(new String[] {"'objetGeo'", "r.geom_text", "'unknown_crs'", "r.geom IS NOT NULL AND NOT p.crs_known"});
        // outside_region: apart, in validate (the points well inside the region told by their cell)
        return checks;
    }

    /**
     * Derives the valid rows that are not known unchanged by their hash (import_valid: typed, with the platform's
     * defaults, attachments and diffusion level) and sorts them into new, changed and unchanged; in full mode, lists
     * the dataset's occurrences the file does not name (import_withdrawn: a rejected row still names its id, so a
     * defect never withdraws an occurrence). Returns the counts of new, changed, unchanged and withdrawn rows.
     */
    static long[] classify(Connection c, UUID dataset, ImportRequest.Mode mode) throws SQLException {
        OccurrenceDerivation.prepare(c, "SELECT geom FROM import_checked WHERE NOT failed AND NOT same",
                stagedRows(c));
        String compared = Arrays.stream(WRITTEN.split(", ")).map(col -> "o." + col).collect(Collectors.joining(", "));
        String fresh = Arrays.stream(WRITTEN.split(", ")).map(col -> "x." + col).collect(Collectors.joining(", "));
        try (Statement st = c.createStatement()) {
            // the occurrence of a known row, by its id in each partition; a new row's look-up is skipped by the gate
            // (x.known IS NOT NULL, a one-time filter): a first import would otherwise probe every partition a row.
            // Without Memoize: it would cache the commune and département look-ups by each row's own point, and
            // miss every time (a million entries, a hundred megabytes, for a million rows)
            without(c, "enable_memoize", () -> st.execute(WorkTables.createAs(c, "import_valid", "SELECT x.line, x.known, x.row_hash, "
                    + fresh + ", " + OccurrenceDerivation.COLUMNS + """
                    , CASE WHEN o.id IS NULL THEN 'new' WHEN (%s) IS NOT DISTINCT FROM (%s) THEN 'unchanged' ELSE 'changed' END AS state
                    FROM import_checked x
                    LEFT JOIN LATERAL (SELECT * FROM sinp.occurrence o WHERE x.known IS NOT NULL AND o.id = x.known OFFSET 0) o ON true
                    """.formatted(compared, fresh) + OccurrenceDerivation.joins("x") + """
                    WHERE NOT x.failed AND NOT x.same AND NOT EXISTS (SELECT 1 FROM import_rejected_line j WHERE j.line = x.line)""")));
            st.execute("ANALYZE import_valid");
        }
        OccurrenceDerivation.shapes(c, "import_valid");
        try (PreparedStatement ps = c.prepareStatement(WorkTables.createAs(c, "import_withdrawn", """
                SELECT o.id FROM sinp.occurrence o
                WHERE o.jdd_metadonnee_dee_id = ? AND ? AND NOT EXISTS (SELECT 1 FROM import_checked x
                    WHERE x.id_sinp_occtax = o.id_sinp_occtax)"""))) {
            ps.setObject(1, dataset);
            ps.setBoolean(2, mode == ImportRequest.Mode.FULL);
            ps.execute();
        }
        long[] counts = new long[4];
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT count(*) FILTER (WHERE state = 'new'), count(*) FILTER (WHERE state = 'changed'),
                       count(*) FILTER (WHERE state = 'unchanged')
                         + (SELECT count(*) FROM import_checked x WHERE x.same
                            AND NOT EXISTS (SELECT 1 FROM import_rejected_line j WHERE j.line = x.line)),
                       (SELECT count(*) FROM import_withdrawn)
                FROM import_valid""")) {
            rs.next();
            for (int i = 0; i < counts.length; i++) {
                counts[i] = rs.getLong(i + 1);
            }
        }
        return counts;
    }

    /**
     * Withdraws the rows the file no longer holds (each leaves a tombstone), inserts the new rows and updates the
     * changed ones with what was derived (the trigger told to stand aside meanwhile); then brings the aggregates and
     * indicators up to date. Returns the extent of what changed (exact and diffusion geometries, before and after), or
     * null when nothing did.
     */
    static Envelope write(Connection c, long inserted, long updated, long withdrawn, ImportProgress progress) throws SQLException {
        progress.phase(ImportProgress.Phase.WRITING);
        Envelope changed = extent(c, "SELECT o.geom, o.diffusion_geom FROM sinp.occurrence o JOIN import_valid v "
                + "ON v.state = 'changed' AND o.id = v.known "
                + "UNION ALL SELECT o.geom, o.diffusion_geom FROM sinp.occurrence o JOIN import_withdrawn w ON w.id = o.id");
        if (withdrawn > 0) {
            OccurrenceAggregates.touched(c, "SELECT o.code_commune, o.code_maille, o.date_debut FROM sinp.occurrence o "
                    + "JOIN import_withdrawn w ON w.id = o.id");
        }
        try (Statement st = c.createStatement()) {
            if (withdrawn > 0) {
                st.executeUpdate("""
                        WITH gone AS (DELETE FROM sinp.occurrence o USING import_withdrawn w WHERE o.id = w.id
                                      RETURNING o.id_sinp_occtax, o.jdd_metadonnee_dee_id)
                        INSERT INTO sinp.occurrence_tombstone (id_sinp_occtax, jdd_metadonnee_dee_id, deleted_at)
                        SELECT id_sinp_occtax, jdd_metadonnee_dee_id, now() FROM gone
                        ON CONFLICT (id_sinp_occtax) DO UPDATE SET jdd_metadonnee_dee_id = excluded.jdd_metadonnee_dee_id,
                                                                   deleted_at = excluded.deleted_at""");
            }
        }
        if (inserted + updated > 0) {
            progress.advanced(0, 0, inserted + updated); // the bar starts with the writing
            Envelope after = upsert(c, inserted > 0, updated > 0);
            changed = changed == null ? after : after == null ? changed : expanded(changed, after);
            progress.advanced(inserted + updated, inserted + updated, inserted + updated);
        }
        if (inserted + updated + withdrawn == 0) {
            return null;
        }
        progress.phase(ImportProgress.Phase.DERIVING);
        OccurrenceAggregates.touchedArea(c, changed, 2154);
        OccurrenceAggregates.refreshTouched(c);
        return changed;
    }

    /**
     * Inserts the new rows of import_valid and updates the changed ones, derived columns and source hash included, in
     * two statements; the trigger stands aside for them alone. The new rows of a partition they at least double (and
     * of at least 100 000 rows) are written by rebuilding that partition ({@link PartitionLoad}). A new row withdrawn earlier and sent again is back: its
     * tombstone goes. The units and periods of the rows, before and after, are noted as touched for the aggregates
     * ({@link OccurrenceAggregates}). Returns the extent of what they wrote, or null.
     */
    static Envelope upsert(Connection c, boolean inserts, boolean updates) throws SQLException {
        if (updates) {
            OccurrenceAggregates.touched(c, "SELECT o.code_commune, o.code_maille, o.date_debut FROM sinp.occurrence o "
                    + "JOIN import_valid v ON v.state = 'changed' AND o.id = v.known");
        }
        String columns = WRITTEN + ", code_commune, code_departement, code_maille, diffusion_level, diffusion_geom, import_hash";
        String values = Arrays.stream(WRITTEN.split(", ")).map(col -> "v." + col).collect(Collectors.joining(", "))
                + ", v.code_commune, v.code_departement, v.code_maille, v.diffusion_level, "
                + OccurrenceDerivation.diffusionGeometry("v") + " AS diffusion_geom, v.row_hash AS import_hash";
        String set = Arrays.stream(columns.split(", ")).map(col -> col + " = w." + col).collect(Collectors.joining(", "));
        Envelope extent = null;
        try (Statement st = c.createStatement()) {
            if (inserts) {
                st.executeUpdate("DELETE FROM sinp.occurrence_tombstone t USING import_valid v "
                        + "WHERE v.state = 'new' AND t.id_sinp_occtax = v.id_sinp_occtax");
            }
            st.execute("SET LOCAL sinp.derived_by_caller = on");
            List<String> writes = new ArrayList<>();
            if (inserts) {
                // the partitions that the new rows at least double are rebuilt with them; the other rows go in one by one
                String fresh = "FROM import_valid v " + OccurrenceDerivation.shapeJoin("v") + " WHERE v.state = 'new'";
                PartitionLoad.Written rebuilt = PartitionLoad.write(c, columns, values, fresh);
                extent = rebuilt.extent();
                writes.add("INSERT INTO sinp.occurrence (" + columns + ") SELECT " + values + " " + fresh + rebuilt.rest("v")
                        + " RETURNING geom, diffusion_geom");
            }
            if (updates) {
                writes.add("UPDATE sinp.occurrence o SET " + set + ", dee_date_derniere_modification = now() FROM (SELECT v.known, "
                        + values + " FROM import_valid v " + OccurrenceDerivation.shapeJoin("v")
                        + " WHERE v.state = 'changed') w WHERE o.id = w.known RETURNING o.geom, o.diffusion_geom");
            }
            for (String write : writes) {
                Envelope e = extent(c, write);
                extent = extent == null ? e : e == null ? extent : expanded(extent, e);
            }
            st.execute("SET LOCAL sinp.derived_by_caller = off");
        }
        OccurrenceAggregates.touched(c, "SELECT code_commune, code_maille, date_debut FROM import_valid "
                + "WHERE state IN ('new', 'changed')");
        return extent;
    }

    static Envelope expanded(Envelope e, Envelope other) {
        e.expandToInclude(other);
        return e;
    }

    /**
     * The extent of the geometries of two columns (geom, diffusion_geom) that a query, or a statement with RETURNING,
     * gives; null when there are none.
     */
    static Envelope extent(Connection c, String rows) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("WITH r(geom, diffusion_geom) AS (" + rows
                + ") SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(g) AS e FROM r, "
                + "LATERAL (VALUES (r.geom), (r.diffusion_geom)) v(g)) s")) {
            rs.next();
            return rs.getObject(1) == null ? null : new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
        }
    }

    /** Reason code → how many failed checks gave it, most frequent first. */
    private static Map<String, Long> reasons(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT reason, count(*) FROM import_rejection GROUP BY reason ORDER BY count(*) DESC, reason")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Writes the report file (every rejection, in line order); returns the first rejections. */
    private static List<ImportReport.Rejection> writeReport(Connection c, ImportMapping mapping, ImportRequest request,
                                                            ImportReport outcome, Path report, long listed)
            throws SQLException, IOException {
        List<ImportReport.Rejection> first = new ArrayList<>();
        try (ReportFile out = ReportFile.open(report, request, outcome, listed); Statement st = c.createStatement()) {
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery("SELECT line, field, value, reason FROM import_rejection ORDER BY line, field, reason")) {
                while (rs.next()) {
                    ImportReport.Rejection r = new ImportReport.Rejection(rs.getLong(1), rs.getString(2),
                            mapping.sourceOf(rs.getString(2)), rs.getString(3), rs.getString(4), REASONS.get(rs.getString(4)));
                    out.add(r);
                    if (first.size() < SHOWN_REJECTIONS) {
                        first.add(r);
                    }
                }
            }
        }
        return first;
    }

    private static long queryLong(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
