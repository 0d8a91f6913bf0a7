package fr.yseraa.observatory.ext.demo;

import fr.yseraa.observatory.ext.db.OccurrenceAggregates;
import fr.yseraa.observatory.ext.taxref.StatutsLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty database with the demo observatory of the Marais audomarois: territory, landscape, ecological
 * network, reference data and occurrences, all from one seed, in one transaction (all or nothing).
 */
public final class DemoLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

    /** What a load did. */
    public record Report(long communes, long habitats, long taxa, long occurrences, double seconds) {
    }

    private DemoLoader() {
    }

    /** Whether the database holds no territory yet (the demo loads only into an empty observatory). */
    public static boolean isEmpty(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Db.queryLong(c, "SELECT count(*) FROM (SELECT 1 FROM territory.commune LIMIT 1) s") == 0;
        }
    }

    /** Empties every table the demo fills (and the taxa and datasets occurrences refer to). */
    public static void clear(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    TRUNCATE sinp.occurrence, obs.indicator_value, landscape.corridor, landscape.reservoir,
                             landscape.obstacle, landscape.watercourse, landscape.habitat, territory.protected_site,
                             territory.grid_cell, territory.commune, territory.departement, territory.region,
                             ref.sensitivity_rule, ref.taxon_status, ref.taxref, ref.dataset, ref.organisation CASCADE""");
            st.execute("REFRESH MATERIALIZED VIEW sinp.occurrence_maille");
        }
    }

    public static Report load(DataSource dataSource, DemoOptions options, PrintStream progress)
            throws SQLException, IOException {
        return load(dataSource, options, progress, OccurrenceGenerator.BATCH);
    }

    /** The same, occurrences written {@code batch} at a time (the batches do not change what is written). */
    static Report load(DataSource dataSource, DemoOptions options, PrintStream progress, long batch)
            throws SQLException, IOException {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(options.seed());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = 0");
                    // the derivation's joins and the aggregates' sorts over millions of rows, in memory
                    st.execute("SET LOCAL work_mem = '256MB'");
                }
                phase(progress, start, "territory");
                new TerritoryBuilder(c, random).build(options);
                phase(progress, start, "landscape and ecological network");
                new LandscapeBuilder(c, random).build();
                phase(progress, start, "taxa, organisations and datasets");
                ReferenceBuilder reference = new ReferenceBuilder(c, random);
                List<ReferenceBuilder.DemoDataset> datasets = reference.datasets();
                List<DemoTaxon> taxa = DemoTaxon.load();
                reference.build(datasets, taxa);
                StatutsLoader.load(c, new StringReader(DemoStatuts.csv(taxa)), DemoStatuts.VERSION, progress);
                new OccurrenceGenerator(c, random, batch).generate(options.occurrences(), taxa, datasets, progress);
                phase(progress, start, "aggregates and indicators");
                OccurrenceAggregates.refresh(c);
                phase(progress, start, "commit");
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            try (Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                phase(progress, start, "statistics");
                st.execute("ANALYZE");
            }
            Report report = new Report(count(c, "territory.commune"), count(c, "landscape.habitat"),
                    count(c, "ref.taxref"), count(c, "sinp.occurrence"), (System.nanoTime() - start) / 1e9);
            LOG.info("demo observatory loaded: {}", report);
            return report;
        }
    }

    /** Tells the phase that starts, and when since the start of the load (where the time of a big load goes). */
    static void phase(PrintStream progress, long start, String name) {
        progress.printf("demo: %s (at %.0f s)%n", name, (System.nanoTime() - start) / 1e9);
    }

    private static long count(Connection c, String table) throws SQLException {
        return Db.queryLong(c, "SELECT count(*) FROM " + table);
    }

    static InputStream resource(String name) throws IOException {
        InputStream in = DemoLoader.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the class path");
        }
        return in;
    }
}
