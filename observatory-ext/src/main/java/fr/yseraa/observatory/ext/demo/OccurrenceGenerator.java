package fr.yseraa.observatory.ext.demo;

import fr.yseraa.observatory.ext.demo.ReferenceBuilder.DemoDataset;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import fr.yseraa.observatory.ext.console.ProgressBar;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Generates occurrences clustered in each taxon's habitat over 1990–2025 and copies them to PostGIS with COPY, in
 * batches ({@link OccurrenceBulkLoad}), in bounded memory whatever their number (two batches at most: the next one is
 * generated while the database takes this one), attachments and diffusion derived
 * set-based as imports derive them.
 */
final class OccurrenceGenerator {

    static final String COLUMNS = "id_sinp_occtax, statut_observation, cd_nom, nom_cite, version_taxref, date_debut, "
            + "date_fin, observateur, determinateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, "
            + "sensi_niveau, diffusion_niveau_precision, nature_objet_geo, precision_geometrie, denombrement_min, "
            + "denombrement_max, objet_denombrement, type_denombrement, statut_validation, occ_stade_de_vie, occ_sexe, "
            + "occ_etat_biologique, occ_naturalite, occ_statut_biologique, occ_methode_observation, preuve_existante, geom";
    private static final String[] SURNAMES = {"DUPONT", "LEFEBVRE", "DUBOIS", "LEROY", "MARTIN", "DEVOS", "VANDAMME",
            "DELATTRE", "CARPENTIER", "WAMBRE", "DECOSTER", "HOCHART", "BAILLEUL", "COUSIN", "DEBAECKER", "VERHAEGHE",
            "LECLERCQ", "MOREL", "POTEAU", "DELEPINE", "QUEVAL", "LAMOTTE", "DEMARCQ", "FOURNIER", "BOULANGER",
            "VANDEWALLE", "GODIN", "TETAERT", "MERLIN", "CAUDRON"};
    private static final String[] FIRST_NAMES = {"Marie", "Jean", "Camille", "Julien", "Sophie", "Pierre", "Claire",
            "Thomas", "Élodie", "Nicolas", "Anne", "Vincent", "Lucie", "François", "Mathilde", "Hugo", "Céline",
            "Benoît", "Pauline", "Olivier"};

    /** Occurrences per batch, by default: each is one statement, whose transition tables the triggers read. */
    static final long BATCH = 250_000;

    private final Connection c;
    private final SplittableRandom random;
    private final long batch;
    private final GeometryFactory gf = new GeometryFactory();

    OccurrenceGenerator(Connection c, SplittableRandom random, long batch) {
        this.c = c;
        this.random = random;
        this.batch = batch;
    }

    /** A place where a taxon lives: a habitat patch and the centre of the population in it. */
    private record Population(Polygon patch, Coordinate centre) {
    }

    private record Observer(String label, int organisation) {
    }

    void generate(long count, List<DemoTaxon> taxa, List<DemoDataset> datasets, PrintStream progressOut)
            throws SQLException, IOException {
        long start = System.nanoTime();
        Map<String, WeightedPatches> patches = loadPatches();
        List<List<Population>> populations = new ArrayList<>();
        CumulativeWeights abundance = new CumulativeWeights();
        for (DemoTaxon t : taxa) {
            populations.add(populations(t, patches));
            abundance.add(t.abundance());
        }
        List<Observer> observers = observers();
        ProgressBar bar = new ProgressBar(progressOut, "occurrences", count);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        OccurrenceBulkLoad load = OccurrenceBulkLoad.start(c, COLUMNS);
        // the next batch is generated (in order, from the one random sequence) while the database derives this one
        ExecutorService generator = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-occurrences");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<byte[]> next = generator.submit(() -> batch(0, Math.min(count, batch), taxa, abundance, populations,
                    datasets, observers, bar));
            for (long first = 0; first < count; first += batch) {
                byte[] csv = next.get();
                long after = first + batch;
                if (after < count) {
                    next = generator.submit(() -> batch(after, Math.min(count, after + batch), taxa, abundance,
                            populations, datasets, observers, bar));
                }
                copy.copyIn(load.copyStatement(), new ByteArrayInputStream(csv));
                load.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating occurrences", e);
        } catch (ExecutionException e) {
            throw new IOException("generating occurrences failed", e.getCause());
        } finally {
            generator.shutdownNow();
        }
        bar.update(count);
        progressOut.printf(Locale.ROOT, "demo: %,d occurrences generated and derived in %.0f s, their indexes next%n", count,
                (System.nanoTime() - start) / 1e9);
        load.finish();
    }

    /** The CSV of occurrences {@code first} (included) to {@code end} (excluded), in the staging table's columns. */
    private byte[] batch(long first, long end, List<DemoTaxon> taxa, CumulativeWeights abundance,
                         List<List<Population>> populations, List<DemoDataset> datasets, List<Observer> observers,
                         ProgressBar bar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, (end - first) * 400));
        StringBuilder line = new StringBuilder(512);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16)) {
            for (long n = first; n < end; n++) {
                int ti = abundance.index(random.nextDouble());
                line.setLength(0);
                row(line, taxa.get(ti), populations.get(ti), datasets, observers);
                out.write(line.toString());
                if ((n & 1023) == 0) {
                    bar.update(n);
                }
            }
        }
        return bytes.toByteArray();
    }

    private void row(StringBuilder line, DemoTaxon t, List<Population> pops, List<DemoDataset> datasets,
                     List<Observer> observers) {
        Population pop = pops.get(random.nextInt(pops.size()));
        Coordinate p = near(pop);
        boolean inventory = random.nextDouble() < 0.05;
        Geometry geom = inventory ? gf.createPoint(p).buffer(100 + random.nextInt(200), 4) : gf.createPoint(p);
        LocalDate start = date(t.group());
        LocalDate end = random.nextDouble() < 0.9 ? start : start.plusDays(1 + random.nextInt(3));
        DemoDataset ds = dataset(t.group(), datasets);
        Observer obs = observers.get(random.nextInt(observers.size()));
        String observer = obs.label() + (random.nextDouble() < 0.15
                ? ", " + observers.get(random.nextInt(observers.size())).label() : "");
        boolean breeding = start.getMonthValue() >= 4 && start.getMonthValue() <= 7;
        // sensitivity applies to breeding-season records of birds, to every record of the other sensitive taxa
        int sensi = "Oiseaux".equals(t.group()) && !breeding ? 0 : t.sensitivity();
        int min = 1 + (int) Math.floor(Math.pow(random.nextDouble(), 3) * 30);
        int max = min + (random.nextDouble() < 0.7 ? 0 : random.nextInt(20));
        boolean plant = "Plantae".equals(t.kingdom());
        field(line, DemoIds.uuid(random).toString());
        field(line, random.nextDouble() < 0.97 ? "Pr" : "No");
        field(line, Integer.toString(t.cdNom()));
        field(line, random.nextDouble() < 0.8 ? t.scientificName() : t.frenchName());
        field(line, "demo");
        field(line, start.toString());
        field(line, end.toString());
        field(line, observer);
        field(line, random.nextDouble() < 0.6 ? obs.label() : "");
        field(line, ReferenceBuilder.ORGANISATIONS[ds.producerIndex()][1]);
        field(line, random.nextDouble() < 0.95 ? "Te" : "Li");
        field(line, ds.isPublic() ? "Pu" : "Pr");
        field(line, ds.uuid().toString());
        field(line, Integer.toString(sensi));
        field(line, precisionWish());
        field(line, inventory ? "In" : "St");
        field(line, Integer.toString(inventory ? 250 : 5 + random.nextInt(50)));
        field(line, Integer.toString(min));
        field(line, Integer.toString(max));
        field(line, plant ? (random.nextBoolean() ? "TOUF" : "TIGE") : "IND");
        field(line, max == min ? "Co" : "Es");
        field(line, random.nextDouble() < 0.05 ? "6" : weighted("1", 0.74, "2", 0.16, "0"));
        field(line, stage(t.group()));
        field(line, plant ? "6" : weighted("0", 0.8, "3", 0.1, "2"));
        field(line, random.nextDouble() < 0.99 ? "2" : "3");
        field(line, "1");
        field(line, "Oiseaux".equals(t.group()) && breeding ? "3" : "1");
        field(line, method(t.group()));
        field(line, random.nextDouble() < 0.2 ? "1" : "2");
        line.append("\"SRID=2154;").append(geom.toText()).append("\"\n");
    }

    private static void field(StringBuilder line, String value) {
        if (!value.isEmpty()) {
            boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0;
            line.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        line.append(',');
    }

    private Coordinate near(Population pop) {
        for (int attempt = 0; attempt < 6; attempt++) {
            Coordinate p = new Coordinate(pop.centre().x + gaussian() * 120, pop.centre().y + gaussian() * 120);
            if (pop.patch().contains(gf.createPoint(p))) {
                return p;
            }
        }
        return pop.centre();
    }

    private double gaussian() {
        // Box–Muller from the seeded generator, so the demo stays reproducible
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private LocalDate date(String group) {
        int year = 1990 + (int) Math.floor(36 * Math.pow(random.nextDouble(), 0.45));
        int[] months = switch (group) {
            case "Insectes" -> new int[] {5, 9};
            case "Amphibiens", "Reptiles" -> new int[] {2, 7};
            case "Angiospermes", "Fougères" -> new int[] {4, 9};
            default -> new int[] {1, 12};
        };
        int month = months[0] + random.nextInt(months[1] - months[0] + 1);
        LocalDate first = LocalDate.of(Math.min(year, 2025), month, 1);
        return first.plusDays(random.nextInt(first.lengthOfMonth()));
    }

    private String precisionWish() {
        double r = random.nextDouble();
        return r < 0.85 ? "0" : r < 0.90 ? "5" : r < 0.94 ? "1" : r < 0.97 ? "2" : r < 0.99 ? "3" : "4";
    }

    private String stage(String group) {
        return switch (group) {
            case "Insectes" -> weighted("15", 0.8, "11", 0.15, "6");
            case "Amphibiens" -> weighted("2", 0.7, "8", 0.2, "9");
            case "Angiospermes", "Fougères" -> "0";
            default -> weighted("2", 0.85, "3", 0.1, "0");
        };
    }

    private String method(String group) {
        return switch (group) {
            case "Oiseaux" -> weighted("0", 0.5, "1", 0.2, "25");
            case "Mammifères" -> weighted("0", 0.5, "3", 0.3, "4");
            case "Insectes" -> weighted("0", 0.85, "5", 0.15, "0");
            default -> "0";
        };
    }

    private String weighted(String a, double pa, String b, double pb, String otherwise) {
        double r = random.nextDouble();
        return r < pa ? a : r < pa + pb ? b : otherwise;
    }

    private DemoDataset dataset(String group, List<DemoDataset> datasets) {
        List<DemoDataset> specific = datasets.stream().filter(d -> !d.groups().isEmpty() && d.covers(group)).toList();
        if (!specific.isEmpty() && random.nextDouble() < 0.75) {
            return specific.get(random.nextInt(specific.size()));
        }
        List<DemoDataset> general = datasets.stream().filter(d -> d.groups().isEmpty()).toList();
        return general.get(random.nextInt(general.size()));
    }

    private List<Observer> observers() {
        List<Observer> out = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int org = random.nextInt(ReferenceBuilder.ORGANISATIONS.length);
            out.add(new Observer(SURNAMES[random.nextInt(SURNAMES.length)] + " "
                    + FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " (" + ReferenceBuilder.ORGANISATIONS[org][1] + ")", org));
        }
        return out;
    }

    private List<Population> populations(DemoTaxon t, Map<String, WeightedPatches> patches) {
        List<WeightedPatches> suitable = t.habitats().stream().map(patches::get).filter(p -> p != null).toList();
        if (suitable.isEmpty()) {
            suitable = List.copyOf(patches.values());
        }
        int n = 3 + t.abundance() / 2;
        List<Population> pops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WeightedPatches wp = suitable.get(random.nextInt(suitable.size()));
            Polygon patch = wp.pick(random.nextDouble());
            pops.add(new Population(patch, inside(patch)));
        }
        return pops;
    }

    private Coordinate inside(Polygon patch) {
        var env = patch.getEnvelopeInternal();
        for (int attempt = 0; attempt < 50; attempt++) {
            Coordinate p = new Coordinate(env.getMinX() + random.nextDouble() * env.getWidth(),
                    env.getMinY() + random.nextDouble() * env.getHeight());
            Point pt = gf.createPoint(p);
            if (patch.contains(pt)) {
                return p;
            }
        }
        return patch.getInteriorPoint().getCoordinate();
    }

    /** Habitat patches of one class, drawn in proportion to their area. */
    private static final class WeightedPatches {
        final List<Polygon> patches = new ArrayList<>();
        final CumulativeWeights weights = new CumulativeWeights();

        void add(Polygon p) {
            patches.add(p);
            weights.add(p.getArea());
        }

        Polygon pick(double u) {
            return patches.get(weights.index(u));
        }
    }

    private Map<String, WeightedPatches> loadPatches() throws SQLException {
        Map<String, WeightedPatches> byClass = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT class_code, ST_AsBinary(ST_GeometryN(geom, 1)) FROM landscape.habitat ORDER BY id")) {
            while (rs.next()) {
                Geometry g = Db.readWkb(rs.getBytes(2));
                if (g instanceof Polygon p) {
                    byClass.computeIfAbsent(rs.getString(1).toLowerCase(Locale.ROOT), k -> new WeightedPatches()).add(p);
                }
            }
        }
        if (byClass.isEmpty()) {
            throw new SQLException("the landscape must be built before occurrences");
        }
        return byClass;
    }
}
