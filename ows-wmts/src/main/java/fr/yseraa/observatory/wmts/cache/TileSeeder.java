package fr.yseraa.observatory.wmts.cache;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSet;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSets;
import fr.yseraa.observatory.wmts.matrix.TileRange;
import fr.yseraa.observatory.wmts.tile.LayerLimits;
import fr.yseraa.observatory.wmts.tile.TileErrors;
import fr.yseraa.observatory.wmts.tile.TileFormat;
import fr.yseraa.observatory.wmts.tile.TileProvider;
import fr.yseraa.observatory.wmts.tile.TileRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the cache ahead of clients, in the background, one job at a time (rendering shares the machine with the
 * service): the tiles of a layer as one access level sees it (the public's by default), in one tile matrix set and
 * format, over a zoom range and a WGS 84 area, one request per metatile. Jobs report their progress.
 */
public final class TileSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(TileSeeder.class);

    /** The largest job accepted, in metatiles (about a day of rendering at worst). */
    static final long MAX_METATILES = 1_000_000;

    /**
     * What to seed; {@code bbox} is lon/lat, null for the layer's whole extent; {@code accessLevel} is the view of
     * the layer whose tiles are drawn ({@code LayerAccess.accessLevel()}), null for {@code public}.
     */
    public record SeedRequest(String layer, String tileMatrixSet, int minZoom, int maxZoom, double[] bbox,
                              String format, String accessLevel) {
    }

    /**
     * A job's state as the admin API shows it: {@code queued}, {@code running}, {@code done}, {@code stopped} or
     * {@code failed} (with the error).
     */
    public record Progress(long id, String layer, String tileMatrixSet, String accessLevel, String state,
                           long metatilesDone, long metatilesTotal, String error) {
    }

    /** The metatiles of one level to render: their first tiles, every {@code step} rows and columns. */
    public record Level(String matrix, TileRange range, int step) {
        long metatiles() {
            return ((range.maxRow() - first(range.minRow())) / step + 1) * ((range.maxCol() - first(range.minCol())) / step + 1);
        }

        long first(long index) {
            return index - Math.floorMod(index, step);
        }
    }

    private final class Job implements Runnable {
        final long id;
        final Plan plan;
        final long total;
        final AtomicLong done = new AtomicLong();
        final AtomicReference<String> state = new AtomicReference<>("queued");
        volatile String error;

        Job(long id, Plan plan) {
            this.id = id;
            this.plan = plan;
            this.total = plan.metatiles();
        }

        @Override
        public void run() {
            state.set("running");
            try {
                for (Level level : plan.levels()) {
                    TileRange r = level.range();
                    for (long row = level.first(r.minRow()); row <= r.maxRow(); row += level.step()) {
                        for (long col = level.first(r.minCol()); col <= r.maxCol(); col += level.step()) {
                            if (Thread.currentThread().isInterrupted()) {
                                state.set("stopped");
                                return;
                            }
                            tiles.tile(new TileRequest(plan.layer(), "", plan.format(),
                                    plan.request().tileMatrixSet(), level.matrix(),
                                    Long.toString(Math.max(row, r.minRow())), Long.toString(Math.max(col, r.minCol())),
                                    null), plan.caller());
                            done.incrementAndGet();
                        }
                    }
                }
                state.set("done");
            } catch (RuntimeException e) {
                error = e.getMessage();
                state.set("failed");
                LOG.warn("seed job {} failed", id, e);
            }
        }

        Progress progress() {
            return new Progress(id, plan.layer(), plan.request().tileMatrixSet(), plan.accessLevel(), state.get(),
                    done.get(), total, error);
        }
    }

    private final Supplier<Catalog> catalog;
    private final FeatureRepository features;
    private final TileMatrixSets sets;
    private final LayerLimits limits;
    private final EnvelopeTransformer envelopes;
    private final TileProvider tiles;
    private final int metatile;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tile-seeder");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();

    public TileSeeder(Supplier<Catalog> catalog, FeatureRepository features, TileMatrixSets sets, LayerLimits limits,
                      EnvelopeTransformer envelopes, TileProvider tiles, int metatile) {
        this.catalog = catalog;
        this.features = features;
        this.sets = sets;
        this.limits = limits;
        this.envelopes = envelopes;
        this.tiles = tiles;
        this.metatile = metatile;
    }

    /**
     * A checked, planned job, not yet queued: what it draws, as whom, and how many metatiles.
     */
    public record Plan(SeedRequest request, String layer, Caller caller, String accessLevel, TileFormat format,
                       List<Level> levels) {
        public long metatiles() {
            return levels.stream().mapToLong(Level::metatiles).sum();
        }
    }

    /**
     * Checks the request and plans the job; errors are OWS exceptions naming the field at fault.
     *
     * @param seedAs the callers a job may draw as, one per view worth seeding (the public, one per role): the first
     *     whose access level to the layer is the one asked for draws the tiles
     */
    public Plan plan(SeedRequest r, List<Caller> seedAs) {
        Catalog c = catalog.get();
        LayerInfo layer = c.layer(r.layer() == null ? "" : r.layer())
                .orElseThrow(() -> TileErrors.invalid("layer", "Layer " + r.layer() + " is not served"));
        String level = r.accessLevel() == null ? "public" : r.accessLevel();
        Set<String> levels = new TreeSet<>();
        Caller caller = null;
        for (Caller candidate : seedAs) {
            LayerAccess access = features.forCaller(c, candidate).access(layer);
            if (access.readable()) {
                levels.add(access.accessLevel());
                if (caller == null && access.accessLevel().equals(level)) {
                    caller = candidate;
                }
            }
        }
        if (caller == null) {
            throw TileErrors.invalid("accessLevel", "No role sees layer " + layer.qualifiedName()
                    + " as access level " + level + "; levels that can be seeded: " + String.join(", ", levels));
        }
        TileMatrixSet set = sets.get(r.tileMatrixSet() == null ? "" : r.tileMatrixSet()).orElseThrow(() ->
                TileErrors.invalid("tileMatrixSet", "Tile matrix set " + r.tileMatrixSet() + " is not served"));
        TileFormat format = TileFormat.ofMimeType(r.format() == null ? "image/png" : r.format())
                .orElseThrow(() -> TileErrors.invalid("format", "Format " + r.format() + " is not served"));
        if (r.minZoom() < 0 || r.maxZoom() < r.minZoom() || set.matrix(Integer.toString(r.maxZoom())).isEmpty()) {
            throw TileErrors.invalid("maxZoom", "Zoom levels must be within " + set.id() + "'s levels");
        }
        Envelope area = limits.area(c, layer, set);
        if (r.bbox() != null) {
            if (r.bbox().length != 4 || r.bbox()[0] >= r.bbox()[2] || r.bbox()[1] >= r.bbox()[3]) {
                throw TileErrors.invalid("bbox", "bbox must be [minLon, minLat, maxLon, maxLat]");
            }
            area = area.intersection(envelopes.transform(new Envelope(r.bbox()[0], r.bbox()[2], r.bbox()[1],
                    r.bbox()[3]), 4326, set.srid()));
        }
        List<Level> plan = new ArrayList<>();
        int step = format == TileFormat.MVT ? 1 : metatile;
        for (int z = r.minZoom(); z <= r.maxZoom(); z++) {
            Optional<TileMatrix> m = set.matrix(Integer.toString(z));
            TileRange range = m.isEmpty() || area.isNull() ? null : m.get().range(area);
            if (range != null) {
                plan.add(new Level(m.get().id(), range, step));
            }
        }
        Plan planned = new Plan(r, layer.qualifiedName(), caller, level, format, plan);
        if (planned.metatiles() > MAX_METATILES) {
            throw TileErrors.invalid("maxZoom", "This seed would render " + planned.metatiles() + " metatiles; at most "
                    + MAX_METATILES + " per job: narrow the zoom range or the area");
        }
        return planned;
    }

    /** Queues a planned job under an id the caller chose (unique among this seeder's jobs); returns its progress. */
    public Progress start(long id, Plan plan) {
        Job job = new Job(id, plan);
        if (jobs.putIfAbsent(id, job) != null) {
            throw new IllegalStateException("seed job " + id + " is already known here");
        }
        Progress queued = job.progress();
        executor.submit(job);
        return queued;
    }

    public Optional<Progress> progress(long id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::progress);
    }

    public List<Progress> all() {
        return jobs.values().stream().map(Job::progress).toList();
    }

    /** Stops the seeding thread (at shutdown). */
    public void close() {
        executor.shutdownNow();
    }

}
