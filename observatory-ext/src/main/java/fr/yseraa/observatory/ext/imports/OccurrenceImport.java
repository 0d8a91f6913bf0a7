package fr.yseraa.observatory.ext.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Imports a producer's file of occurrences into a dataset (an upsert on idSINPOccTax), in one transaction: the file
 * is streamed through its mapping into a temporary staging table with COPY, checked set-based in SQL (each failed
 * check is one line of the report: line, field, value, reason), and the valid rows are inserted when new, updated
 * when changed, left alone when unchanged; in full mode the dataset's rows the file does not name are withdrawn,
 * each leaving a tombstone. The database's trigger derives the attachments, the sensitivity and the diffusion
 * geometry of what is written. A dry run does everything but the writing, and rolls back.
 */
public final class OccurrenceImport {

    /** How far outside the region (territory.region, else the communes' union) a geometry may lie, in metres. */
    static final int REGION_TOLERANCE_M = 1000;
    private static final int SHOWN_REJECTIONS = 20;
    private static final int WRITE_CHUNK = 20_000;
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
    static final String WRITTEN = Arrays.stream(StandardField.values()).map(f -> f.column)
            .collect(Collectors.joining(", ")) + ", cd_ref, geom";

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
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = 0");
                }
                lockDataset(c, dataset);
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
                long rejected = queryLong(c, "SELECT count(DISTINCT line) FROM import_rejection");
                Envelope changed = null;
                if (!request.dryRun()) {
                    changed = write(c, counts[0], counts[3], progress);
                }
                ImportReport result = new ImportReport(read, valid, counts[0], counts[1], counts[2], counts[3], rejected,
                        reasons(c), List.of(), report, request.dryRun(), changed, (System.nanoTime() - start) / 1e9);
                result = result.withFirstRejections(writeReport(c, mapping, request, result, report, listed));
                if (request.dryRun()) {
                    c.rollback();
                } else {
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

    /** Streams the file through the mapping into the temporary table import_row with COPY; returns the rows read. */
    private long stage(Connection c, Path file, UUID dataset, ImportMapping mapping, ImportProgress progress)
            throws IOException, SQLException {
        createStagingTable(c);
        RowMapper mapper = new RowMapper(mapping, dataset, labels(c));
        WKBWriter wkb = new WKBWriter(2, true);
        long size = Math.max(Files.size(file), 1);
        long n = 0;
        try (SourceFile source = SourceFile.open(file);
             PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), "COPY import_row (line, "
                     + Arrays.stream(StandardField.values()).map(f -> f.column).collect(Collectors.joining(", "))
                     + ", geom, geom_text) FROM STDIN WITH (FORMAT csv)", 1 << 16);
             Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
            if (source instanceof CsvSource csv && mapping.columns().keySet().stream().noneMatch(csv.header()::contains)) {
                throw new IllegalArgumentException("the file's columns " + csv.header() + " are none of mapping "
                        + mapping.name() + "'s " + mapping.columns().keySet());
            }
            StringBuilder line = new StringBuilder(512);
            for (SourceFile.Record r = source.next(); r != null; r = source.next()) {
                RowMapper.Row row = mapper.map(r);
                line.setLength(0);
                line.append(row.line());
                for (StandardField f : StandardField.values()) {
                    field(line, row.fields().get(f));
                }
                field(line, row.geometry() == null ? null : WKBWriter.toHex(wkb.write(row.geometry())));
                field(line, row.geometryText());
                out.append(line).append('\n');
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

    /** The temporary table import_row: a line number, each standard field as text, the geometry and its text. */
    static void createStagingTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE import_row (line bigint PRIMARY KEY, "
                    + Arrays.stream(StandardField.values()).map(f -> f.column + " text").collect(Collectors.joining(", "))
                    + ", geom geometry, geom_text text) ON COMMIT DROP");
        }
    }

    private static void field(StringBuilder line, String value) {
        line.append(',');
        if (value != null) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
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

    /** Every check, set-based: one row of import_rejection per failed check (line, field, value, reason). */
    static void validate(Connection c, UUID dataset) throws SQLException {
        Map<String, String> codes = codeLists(c);
        List<String> checks = new ArrayList<>();
        for (StandardField f : StandardField.values()) {
            String v = "r." + f.column;
            String name = "'" + f.standardName + "'";
            if (f.mandatory) {
                checks.add("(" + name + ", " + v + ", 'missing', " + v + " IS NULL)");
            }
            switch (f.kind) {
                case INTEGER -> checks.add("(" + name + ", " + v + ", 'bad_number', " + v + " !~ " + INTEGER_SYNTAX + ")");
                case UUID -> checks.add("(" + name + ", " + v + ", 'bad_uuid', " + v + " !~ " + UUID_SYNTAX + ")");
                case DATE -> {
                    checks.add("(" + name + ", " + v + ", 'bad_date', " + v + " IS NOT NULL AND p." + f.column + " IS NULL)");
                    checks.add("(" + name + ", " + v + ", 'future_date', p." + f.column + " > current_date)");
                }
                case CODE -> checks.add("(" + name + ", " + v + ", 'unknown_code', " + v + " <> ALL ("
                        + codes.getOrDefault(f.nomenclature, "'{}'::text[]") + "))");
                case TEXT -> {
                }
            }
        }
        checks.add("('cdNom', r.cd_nom, 'unknown_taxon', r.cd_nom ~ " + INTEGER_SYNTAX
                + " AND NOT EXISTS (SELECT 1 FROM ref.taxref t WHERE t.cd_nom = CASE WHEN r.cd_nom ~ " + INTEGER_SYNTAX
                + " THEN r.cd_nom::integer END))");
        checks.add("('dateFin', r.date_fin, 'dates_reversed', p.date_fin < p.date_debut)");
        checks.add("('denombrementMax', r.denombrement_max, 'counts_reversed', r.denombrement_min ~ " + INTEGER_SYNTAX
                + " AND r.denombrement_max ~ " + INTEGER_SYNTAX + " AND CASE WHEN r.denombrement_min ~ " + INTEGER_SYNTAX
                + " AND r.denombrement_max ~ " + INTEGER_SYNTAX
                + " THEN r.denombrement_min::integer > r.denombrement_max::integer END)");
        checks.add("('jddMetadonneeDEEId', r.jdd_metadonnee_dee_id, 'other_dataset', lower(r.jdd_metadonnee_dee_id) <> '" + dataset + "')");
        checks.add("('objetGeo', r.geom_text, 'missing', r.geom_text IS NULL)");
        checks.add("('objetGeo', r.geom_text, 'invalid_geometry', r.geom_text IS NOT NULL AND NOT p.geom_valid)");
        checks.add("('objetGeo', r.geom_text, 'unknown_crs', r.geom IS NOT NULL AND NOT p.crs_known)");
        checks.add("('objetGeo', r.geom_text, 'outside_region', p.geom_valid AND p.crs_known AND NOT EXISTS "
                + "(SELECT 1 FROM import_area a WHERE a.srid = ST_SRID(r.geom) AND ST_Intersects(a.geom, r.geom)))");
        try (Statement st = c.createStatement()) {
            // the region with its tolerance in each CRS the file uses, as small overlapping pieces for a quick test
            // (the pieces are computed once and kept: territory.region_area, migration V22)
            st.execute("""
                    CREATE TEMPORARY TABLE import_area ON COMMIT DROP AS
                    SELECT s.srid, ST_Transform(piece, s.srid) AS geom
                    FROM (SELECT DISTINCT ST_SRID(geom) AS srid FROM import_row WHERE geom IS NOT NULL) s
                    JOIN spatial_ref_sys USING (srid), territory.region_area(%d) AS piece""".formatted(REGION_TOLERANCE_M));
            st.execute("CREATE INDEX ON import_area USING gist (geom)");
            st.execute("ANALYZE import_area");
            st.execute("CREATE TEMPORARY TABLE import_rejection (line bigint NOT NULL, field text NOT NULL, value text, "
                    + "reason text NOT NULL) ON COMMIT DROP");
            // what several checks need is computed once a row (OFFSET 0 keeps the planner from copying it into each)
            st.execute("INSERT INTO import_rejection SELECT r.line, c.field, c.value, c.reason FROM import_row r "
                    + "CROSS JOIN LATERAL (SELECT sinp.parse_date(r.date_debut) AS date_debut, sinp.parse_date(r.date_fin) AS date_fin, "
                    + "coalesce(NOT ST_IsEmpty(r.geom) AND ST_IsValid(r.geom), false) AS geom_valid, "
                    + "EXISTS (SELECT 1 FROM spatial_ref_sys s WHERE s.srid = ST_SRID(r.geom)) AS crs_known OFFSET 0) p "
                    + "CROSS JOIN LATERAL (VALUES " + String.join(",\n ", checks) + ") AS c(field, value, reason, failed) "
                    + "WHERE c.failed");
            // an id given twice: the first line keeps it (an id that is no UUID is bad_uuid only, however often)
            st.execute("""
                    INSERT INTO import_rejection
                    SELECT line, 'idSINPOccTax', id_sinp_occtax, 'duplicate_id' FROM (
                        SELECT line, id_sinp_occtax, row_number() OVER (PARTITION BY lower(id_sinp_occtax) ORDER BY line) AS rank
                        FROM import_row WHERE id_sinp_occtax ~ %s) d
                    WHERE rank > 1""".formatted(UUID_SYNTAX));
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO import_rejection
                SELECT r.line, 'idSINPOccTax', r.id_sinp_occtax, 'other_dataset' FROM import_row r
                JOIN sinp.occurrence o ON o.id_sinp_occtax = CASE WHEN r.id_sinp_occtax ~ %s THEN r.id_sinp_occtax::uuid END
                WHERE o.jdd_metadonnee_dee_id <> ?""".formatted(UUID_SYNTAX))) {
            ps.setObject(1, dataset);
            ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX ON import_rejection (line)");
            st.execute("ANALYZE import_rejection");
        }
    }

    /**
     * Types the valid rows (import_valid), with the platform's defaults and derivations, and sorts them into new,
     * changed and unchanged; in full mode, lists the dataset's occurrences the file does not name (import_withdrawn:
     * a rejected row still names its id, so a defect never withdraws an occurrence). Returns the counts of new,
     * changed, unchanged and withdrawn rows.
     */
    static long[] classify(Connection c, UUID dataset, ImportRequest.Mode mode) throws SQLException {
        String typed = Arrays.stream(StandardField.values()).map(f -> switch (f) {
            case ID_SINP_OCC_TAX -> "r.id_sinp_occtax::uuid";
            case CD_NOM, PRECISION_GEOMETRIE, DENOMBREMENT_MIN, DENOMBREMENT_MAX -> "r." + f.column + "::integer";
            case DATE_DEBUT, DATE_FIN -> "sinp.parse_date(r." + f.column + ")";
            case VERSION_TAXREF -> "coalesce(r.version_taxref, t.version)";
            case ORG_GEST_DAT -> "coalesce(r.org_gest_dat, p.name)";
            case DS_PUBLIQUE -> "coalesce(r.ds_publique, CASE WHEN d.is_public THEN 'Pu' ELSE 'Pr' END)";
            case JDD_METADONNEE_DEE_ID -> "d.uuid";
            case SENSI_NIVEAU -> "coalesce(r.sensi_niveau, s.sensi_niveau, '0')";
            case NATURE_OBJET_GEO -> "coalesce(r.nature_objet_geo, 'St')";
            default -> "r." + f.column;
        } + " AS " + f.column).collect(Collectors.joining(",\n "));
        String compared = Arrays.stream(WRITTEN.split(", ")).map(col -> "o." + col).collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement("""
                CREATE TEMPORARY TABLE import_valid ON COMMIT DROP AS
                SELECT v.*, CASE WHEN o.id IS NULL THEN 'new'
                                 WHEN (%s) IS NOT DISTINCT FROM (%s) THEN 'unchanged' ELSE 'changed' END AS state
                FROM (SELECT r.line, %s, t.cd_ref, ST_Transform(r.geom, 2154) AS geom
                      FROM import_row r
                      JOIN ref.dataset d ON d.uuid = ?
                      JOIN ref.organisation p ON p.id = d.producer_id
                      JOIN ref.taxref t ON t.cd_nom = CASE WHEN r.cd_nom ~ %s THEN r.cd_nom::integer END
                      LEFT JOIN ref.sensitivity_rule s ON s.cd_ref = t.cd_ref
                      WHERE NOT EXISTS (SELECT 1 FROM import_rejection j WHERE j.line = r.line)) v
                LEFT JOIN sinp.occurrence o ON o.id_sinp_occtax = v.id_sinp_occtax"""
                .formatted(compared, Arrays.stream(WRITTEN.split(", ")).map(col -> "v." + col).collect(Collectors.joining(", ")),
                        typed, INTEGER_SYNTAX))) {
            ps.setObject(1, dataset);
            ps.execute();
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX ON import_valid (state, line)");
            st.execute("ANALYZE import_valid");
        }
        try (PreparedStatement ps = c.prepareStatement("""
                CREATE TEMPORARY TABLE import_withdrawn ON COMMIT DROP AS
                SELECT o.id FROM sinp.occurrence o
                WHERE o.jdd_metadonnee_dee_id = ? AND ? AND NOT EXISTS (SELECT 1 FROM import_row r
                    WHERE lower(r.id_sinp_occtax) = o.id_sinp_occtax::text)""")) {
            ps.setObject(1, dataset);
            ps.setBoolean(2, mode == ImportRequest.Mode.FULL);
            ps.execute();
        }
        return new long[] {queryLong(c, "SELECT count(*) FROM import_valid WHERE state = 'new'"),
                queryLong(c, "SELECT count(*) FROM import_valid WHERE state = 'changed'"),
                queryLong(c, "SELECT count(*) FROM import_valid WHERE state = 'unchanged'"),
                queryLong(c, "SELECT count(*) FROM import_withdrawn")};
    }

    /**
     * Withdraws the rows the file no longer holds (each leaves a tombstone), inserts the new rows (in chunks, for the
     * progress bar) and updates the changed ones; then brings the aggregates and indicators up to date. Returns the
     * extent of what changed (exact and diffusion geometries, before and after), or null when nothing did.
     */
    private static Envelope write(Connection c, long inserted, long withdrawn, ImportProgress progress) throws SQLException {
        progress.phase(ImportProgress.Phase.WRITING);
        Envelope changed = extent(c, "SELECT o.geom, o.diffusion_geom FROM sinp.occurrence o JOIN import_valid v "
                + "ON v.state = 'changed' AND o.id_sinp_occtax = v.id_sinp_occtax "
                + "UNION ALL SELECT o.geom, o.diffusion_geom FROM sinp.occurrence o JOIN import_withdrawn w ON w.id = o.id");
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
            if (inserted > 0) {
                // an occurrence withdrawn earlier and sent again is back: its tombstone goes
                st.executeUpdate("DELETE FROM sinp.occurrence_tombstone t USING import_valid v "
                        + "WHERE v.state = 'new' AND t.id_sinp_occtax = v.id_sinp_occtax");
            }
        }
        long done = 0;
        long last = 0;
        if (inserted > 0) {
            progress.advanced(0, 0, inserted); // the bar starts with the writing
        }
        try (PreparedStatement chunk = c.prepareStatement("SELECT max(line) FROM (SELECT line FROM import_valid "
                + "WHERE state = 'new' AND line > ? ORDER BY line LIMIT " + WRITE_CHUNK + ") s");
             PreparedStatement insert = c.prepareStatement("INSERT INTO sinp.occurrence (" + WRITTEN + ") SELECT "
                     + WRITTEN + " FROM import_valid WHERE state = 'new' AND line > ? AND line <= ?")) {
            while (done < inserted) {
                chunk.setLong(1, last);
                long next;
                try (ResultSet rs = chunk.executeQuery()) {
                    rs.next();
                    next = rs.getLong(1);
                }
                insert.setLong(1, last);
                insert.setLong(2, next);
                done += insert.executeUpdate();
                last = next;
                progress.advanced(done, done, inserted);
            }
        }
        String set = Arrays.stream(WRITTEN.split(", ")).map(col -> col + " = v." + col).collect(Collectors.joining(", "));
        try (Statement st = c.createStatement()) {
            int updated = st.executeUpdate("UPDATE sinp.occurrence o SET " + set + ", dee_date_derniere_modification = now() "
                    + "FROM import_valid v WHERE v.state = 'changed' AND o.id_sinp_occtax = v.id_sinp_occtax");
            if (inserted + updated + withdrawn == 0) {
                return null;
            }
            progress.phase(ImportProgress.Phase.DERIVING);
            st.execute("REFRESH MATERIALIZED VIEW sinp.occurrence_maille");
            st.execute("SELECT obs.compute_occurrence_indicators()");
        }
        Envelope after = extent(c, "SELECT o.geom, o.diffusion_geom FROM sinp.occurrence o JOIN import_valid v "
                + "ON v.state IN ('new', 'changed') AND o.id_sinp_occtax = v.id_sinp_occtax");
        if (changed == null) {
            return after;
        }
        if (after != null) {
            changed.expandToInclude(after);
        }
        return changed;
    }

    /** The extent of the geometries of two columns (geom, diffusion_geom) a query gives, or null when there are none. */
    private static Envelope extent(Connection c, String rows) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), "
                + "ST_YMax(e) FROM (SELECT ST_Extent(g) AS e FROM (" + rows + ") r(geom, diffusion_geom), "
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
