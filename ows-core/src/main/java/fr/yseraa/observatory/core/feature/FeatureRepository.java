package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.access.AccessAudit;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.SharedAreas;
import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.Epsg;
import fr.yseraa.observatory.core.crs.ReprojectionGrids;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.ows.ClientDeparture;
import fr.yseraa.observatory.core.ows.OwsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.postgresql.PGConnection;

/**
 * The feature-access layer: every read of layer data by any service or process goes through here, through the view
 * of one caller ({@link #forCaller}, a {@link CallerFeatures}). The layer's access policy decides the geometry, rows
 * and attributes the caller sees; queries use bind parameters only, and rows stream from a server-side cursor so
 * memory stays bounded whatever the result size.
 *
 * <p>Two sources of connections: the primary database, and one for reads that may be a moment behind the latest
 * writes (a streaming replica; the primary itself by default). The rule: the caller-bound reads — counts, extents,
 * feature streams, density grids, vector tiles — take the reads' source; transactions, and the set-based work of
 * {@link #aggregate} (processes make temporary tables, which a hot standby refuses), take the primary, and so does
 * every read of the view {@link CallerFeatures#latest()} gives, for work that must see the latest writes (locks, a
 * transaction's reads).
 */
public final class FeatureRepository {

    private static final int FETCH_SIZE = 1000;
    /**
     * Rows a map's query fetches at a time: its geometries are generalised to the map's pixels, so rows stay small, and
     * each fetch is a round trip to the database (25 of them for the 25 000 points of a tile at 1 000).
     */
    private static final int MAP_FETCH_SIZE = 10_000;
    /**
     * Settings of the transaction of a map's query, which groups or sorts many rows: hash aggregation and sorts in
     * memory (64 MB, not the default 4 MB they would spill from to disk), no JIT compilation (it takes longer than the
     * query's run), and a plan made for the values bound (the driver prepares a statement run often: a generic plan,
     * blind to whether the box holds ten rows or a million, would scan every row in it by index order, or for each
     * shared area). Set with the statement timeout, by the same statement.
     */
    private static final Map<String, String> MAP_SETTINGS = Map.of("jit", "off", "work_mem", "64MB",
            "plan_cache_mode", "force_custom_plan");
    /** PostgreSQL's SQLSTATE for a statement cancelled, by its timeout among others. */
    private static final String QUERY_CANCELED = "57014";
    private static final int MAX_CACHED_EXTENTS = 10_000;

    private final DataSource dataSource;
    /** Where the caller-bound reads run: a streaming replica, or the primary ({@link #dataSource}) itself. */
    private final DataSource reads;
    private final int statementTimeoutSeconds;
    private final AccessAudit audit;
    /** SRIDs of requests found in {@code spatial_ref_sys}: checked once, not on every query. */
    private final Set<Integer> knownSrids;
    private final PageResumptions resumptions;
    private final Map<String, Envelope> wgs84Extents;
    private final CountsOverBudget countsOverBudget;
    /** This repository with its reads on the primary: itself when they are there already. */
    private final FeatureRepository latest;
    private final DensityGrid densityGrid;
    /** The reprojection grids of the last maps. */
    private final ReprojectionGrids grids;

    public FeatureRepository(DataSource dataSource, int statementTimeoutSeconds) {
        this(dataSource, statementTimeoutSeconds, AccessAudit.NONE);
    }

    /** @param audit where reads through audited views (see {@link LayerAccess#audited()}) are recorded */
    public FeatureRepository(DataSource dataSource, int statementTimeoutSeconds, AccessAudit audit) {
        this(dataSource, dataSource, statementTimeoutSeconds, audit);
    }

    /**
     * @param primary the database that takes the writes
     * @param reads where the caller-bound reads may run: a source that is at most a moment behind the primary
     * @param audit where reads through audited views (see {@link LayerAccess#audited()}) are recorded
     */
    public FeatureRepository(DataSource primary, DataSource reads, int statementTimeoutSeconds, AccessAudit audit) {
        this(primary, reads, statementTimeoutSeconds, audit, true);
    }

    /**
     * @param primary the database that takes the writes
     * @param reads where the caller-bound reads may run: a source that is at most a moment behind the primary
     * @param audit where reads through audited views (see {@link LayerAccess#audited()}) are recorded
     * @param precomputedDensity whether {@link #countPerCell} may read the precomputed density grids
     *     ({@link DensityGrid}) where one stands for the caller's view; false counts every grid live from the rows, as
     *     before they existed (the same counts, to measure what the grids bring with one build on one database)
     */
    public FeatureRepository(DataSource primary, DataSource reads, int statementTimeoutSeconds, AccessAudit audit,
                             boolean precomputedDensity) {
        this.dataSource = primary;
        this.reads = reads;
        this.statementTimeoutSeconds = statementTimeoutSeconds;
        this.audit = audit;
        this.knownSrids = ConcurrentHashMap.newKeySet();
        this.resumptions = new PageResumptions();
        this.wgs84Extents = new ConcurrentHashMap<>();
        this.countsOverBudget = new CountsOverBudget();
        this.densityGrid = new DensityGrid(precomputedDensity);
        this.grids = new ReprojectionGrids();
        this.latest = primary == reads ? this : new FeatureRepository(this);
    }

    /** The same repository (its caches shared) with its reads on the primary. */
    private FeatureRepository(FeatureRepository other) {
        this.dataSource = other.dataSource;
        this.reads = other.dataSource;
        this.statementTimeoutSeconds = other.statementTimeoutSeconds;
        this.audit = other.audit;
        this.knownSrids = other.knownSrids;
        this.resumptions = other.resumptions;
        this.wgs84Extents = other.wgs84Extents;
        this.countsOverBudget = other.countsOverBudget;
        this.densityGrid = other.densityGrid;
        this.grids = other.grids;
        this.latest = this;
    }

    /** Whether density grids may be read from the precomputed grids (else they are all counted live). */
    public boolean precomputedDensity() {
        return densityGrid.enabled();
    }

    /** This repository with every read on the primary (see {@link CallerFeatures#latest()}). */
    FeatureRepository latest() {
        return latest;
    }

    /** The data as one caller sees it in one catalog: the only way services and processes reach it. */
    public CallerFeatures forCaller(Catalog catalog, Caller caller) {
        return new CallerFeatures(this, catalog, caller);
    }

    /** What the caller may see of the layer; unreadable layers answer as if they did not exist. */
    LayerAccess access(Catalog catalog, LayerInfo layer, Caller caller) {
        return catalog.mayRead(layer, caller) ? catalog.policy(layer).access(layer, caller) : LayerAccess.denied();
    }

    /** The number of features the caller may see that match the query (paging ignored). */
    long count(Catalog catalog, LayerInfo layer, FeatureQuery query, Caller caller) {
        return count(catalog, layer, query, caller, 0, null, null).orElseThrow();
    }

    /**
     * {@link #count}, unless counting takes longer than {@code budget}: then empty, the database's work cancelled
     * (a WFS then answers numberMatched="unknown"). A zero budget never counts.
     */
    OptionalLong countWithin(Catalog catalog, LayerInfo layer, FeatureQuery query, Caller caller, Duration budget) {
        if (budget.isZero() || budget.isNegative()) {
            readable(catalog, layer, caller);
            return OptionalLong.empty();
        }
        return count(catalog, layer, query, caller, 0, null, budget);
    }

    /**
     * How many features the caller may see match the query from {@code offset} on, counting no further than
     * {@code limit}: the database reads at most offset + limit rows, whatever the layer's size.
     */
    long countUpTo(Catalog catalog, LayerInfo layer, FeatureQuery query, Caller caller, long offset, long limit) {
        return count(catalog, layer, query, caller, offset, limit, null).orElseThrow();
    }

    /**
     * Counts the rows of the query from {@code offset} on, up to {@code limit} (null: all of them), within a time
     * budget (empty when it runs out, or when the same count ran out of as much lately: {@link CountsOverBudget}), or
     * null for the statement timeout.
     */
    private OptionalLong count(Catalog catalog, LayerInfo layer, FeatureQuery query, Caller caller, long offset,
                               Long limit, Duration budget) {
        LayerAccess access = readable(catalog, layer, caller);
        List<Object> params = new ArrayList<>();
        WhereClause where = WhereClause.of(layer, access, query, params);
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM (SELECT 1 FROM ")
                .append(SqlNames.quoteRelation(layer.source())).append(where.sql());
        if (limit != null) {
            Optional<Object> after = query.sortBy().isEmpty()
                    ? resumptions.keyBefore(position(layer, where, params, offset)) : Optional.empty();
            if (after.isPresent()) {
                sql.append(" AND ").append(SqlNames.quote(layer.orderColumn())).append(" > ?");
                params.add(after.get());
            } else {
                sql.append(" OFFSET ?");
                params.add(offset);
            }
            sql.append(" LIMIT ?");
            params.add(limit);
        }
        sql.append(") AS matched");
        if (budget != null && countsOverBudget.hopeless(sql.toString(), params, budget)) {
            return OptionalLong.empty();
        }
        return query(layer, where, c -> {
            Savepoint beforeCount = null;
            if (budget != null) {
                beforeCount = c.setSavepoint();
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = "
                            + Math.min(Math.max(1, budget.toMillis()), statementTimeoutSeconds * 1000L));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return OptionalLong.of(rs.getLong(1));
                }
            } catch (SQLException e) {
                if (beforeCount == null || !QUERY_CANCELED.equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback(beforeCount);
                countsOverBudget.ranOut(sql.toString(), params, budget);
                return OptionalLong.empty();
            }
        });
    }

    /** The extent of what the caller may see of the layer, in the given SRID; empty when nothing is visible. */
    Envelope extent(Catalog catalog, LayerInfo layer, int srid, Caller caller) {
        return extent(catalog, layer, FeatureQuery.all(srid), caller);
    }

    /**
     * The longitude/latitude extent of what the caller sees of the layer (a null envelope when nothing), computed
     * once per catalog version and access level: it follows the data when the catalog reloads, as capabilities do.
     */
    Envelope wgs84Extent(Catalog catalog, LayerInfo layer, Caller caller) {
        String key = catalog.updateSequence() + "|" + layer.qualifiedName() + "|"
                + access(catalog, layer, caller).accessLevel();
        if (wgs84Extents.size() > MAX_CACHED_EXTENTS) {
            wgs84Extents.clear();
        }
        return wgs84Extents.computeIfAbsent(key, k -> extent(catalog, layer, 4326, caller));
    }

    /**
     * The extent, in the query's output SRID, of the features the caller may see that match the query's bbox and
     * filter (properties, sorting and paging ignored); empty when nothing matches.
     */
    Envelope extent(Catalog catalog, LayerInfo layer, FeatureQuery query, Caller caller) {
        LayerAccess access = readable(catalog, layer, caller);
        List<Object> params = new ArrayList<>();
        WhereClause where = WhereClause.of(layer, access, query, params);
        String sql = "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(ST_Transform("
                + access.geometryExpression() + ", " + query.outputSrid() + ")) e FROM "
                + SqlNames.quoteRelation(layer.source()) + where.sql() + ") s";
        return query(layer, where, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1) == null ? new Envelope()
                            : new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
                }
            }
        });
    }

    /**
     * Streams the features the caller may see, in query order, to the consumer as rows arrive, their geometries
     * simplified by PostGIS when the query asks for it, and reprojected by PostGIS or, where the query allows it and a
     * grid holds over its box, interpolated in the JVM ({@link GeometryOutput}).
     */
    void stream(Catalog catalog, LayerInfo layer, FeatureQuery query, Caller caller, Consumer<Feature> consumer) {
        try {
            streamOnce(catalog, layer, query, caller, consumer);
        } catch (GeometryOutput.Unavailable e) {
            // PostGIS could not transform a reprojection grid's points, before any row was read: every geometry by it
            streamOnce(catalog, layer, query.withReprojectionTolerance(0), caller, consumer);
        }
    }

    private void streamOnce(Catalog catalog, LayerInfo layer, FeatureQuery query, Caller caller,
                            Consumer<Feature> consumer) {
        LayerAccess access = readable(catalog, layer, caller);
        Map<String, String> attributes = selectedAttributes(layer, access, query);
        if (grouped(access, query) && access.sharedAreas() != null && query.sharedAreaStyle() != null
                && streamSharedAreas(layer, access, query, attributes, consumer)) {
            return; // grouped views are not audited
        }
        List<Object> whereParams = new ArrayList<>();
        WhereClause where = WhereClause.of(layer, access, query, whereParams);
        // a page in the default order notes its last order key, where the next page starts
        boolean resumable = query.sortBy().isEmpty() && query.limit() != null;
        String order = SqlNames.quote(layer.orderColumn());
        Optional<Object> after = resumable && query.offset() > 0
                ? resumptions.keyBefore(position(layer, where, whereParams, query.offset())) : Optional.empty();
        StringBuilder tail = new StringBuilder();
        if (after.isPresent()) {
            tail.append(" AND ").append(order).append(" > ?");
        }
        tail.append(grouped(access, query) ? " ORDER BY min(o)" : orderBy(layer, access, query));
        if (query.limit() != null) {
            tail.append(" LIMIT ").append(query.limit());
        }
        if (query.offset() > 0 && after.isEmpty()) {
            tail.append(" OFFSET ").append(query.offset());
        }
        List<String> names = new ArrayList<>(attributes.keySet());
        AttributeColumns columns = new AttributeColumns(names);
        String prefix = layer.name() + ".";
        long[] delivered = {0};
        Object[] lastKey = {null};
        query(layer, where, grouped(access, query) ? MAP_SETTINGS : Map.of(), c -> {
            GeometryOutput output = GeometryOutput.fit(c, grids, layer, query);
            List<Object> params = new ArrayList<>();
            String geometry = output.select(grouped(access, query) ? "g" : access.geometryExpression(), params);
            params.addAll(whereParams);
            after.ifPresent(params::add);
            StringBuilder sql = grouped(access, query)
                    ? groupedSelect(layer, access, attributes, geometry, where)
                    : rowSelect(layer, access, query, attributes, geometry, where);
            try (PreparedStatement ps = c.prepareStatement(sql.append(tail).toString())) {
                ps.setFetchSize(query.simplification() > 0 ? MAP_FETCH_SIZE : FETCH_SIZE);
                bind(ps, params);
                WKBReader wkb = new WKBReader();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(feature(rs, prefix, columns, wkb, output));
                        delivered[0]++;
                        if (resumable) {
                            lastKey[0] = rs.getObject(names.size() + 3);
                        }
                    }
                } catch (ParseException e) {
                    throw new SQLException("PostGIS returned unreadable WKB", e);
                }
            }
            return null;
        });
        if (resumable && delivered[0] == query.limit()) {
            resumptions.pageEnded(position(layer, where, whereParams, query.offset() + delivered[0]), lastKey[0]);
        }
        if (access.audited()) {
            audit.record(caller, layer, query.bbox(), query.bboxSrid(), delivered[0]);
        }
    }

    /** A feature of a result whose columns are its id, the named attributes, then its geometry as the output gives it. */
    private static Feature feature(ResultSet rs, String prefix, AttributeColumns columns, WKBReader wkb,
                                   GeometryOutput output) throws SQLException, ParseException {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rs.getObject(i + 2);
        }
        return new Feature(prefix + rs.getString(1), new RowAttributes(columns, values),
                output.read(rs.getBytes(values.length + 2), wkb));
    }

    /**
     * A map's features where the access policy keeps the areas its rows share once ({@link SharedAreas}): each area
     * that has a row the caller may see in the query (one probe of its rows, stopping at the first), with the values
     * its rows share, then every other row one by one; the rows shown as an area are not read. Only when the style
     * tells the areas apart by those shared values ({@link SharedAreaStyle}); otherwise nothing is delivered and the
     * answer is false (the caller groups the rows instead).
     */
    private boolean streamSharedAreas(LayerInfo layer, LayerAccess access, FeatureQuery query,
                                      Map<String, String> attributes, Consumer<Feature> consumer) {
        SharedAreas areas = access.sharedAreas();
        List<String> names = new ArrayList<>(attributes.keySet());
        StringBuilder areaColumns = new StringBuilder("SELECT a.").append(SqlNames.quote(areas.keyColumn())).append("::text");
        for (String name : names) {
            areaColumns.append(", ").append(areas.sharedAttributes().getOrDefault(name, "NULL"));
        }
        String areaGeometry = "a." + SqlNames.quote(areas.geometryColumn());
        List<Object> areaWhereParams = new ArrayList<>();
        StringBuilder areaFrom = new StringBuilder(" FROM ").append(SqlNames.quoteRelation(areas.relation()))
                .append(" a WHERE ");
        if (query.bbox() != null) {
            Envelope b = query.bbox();
            areaFrom.append(areaGeometry).append(" && ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ?), ")
                    .append(layer.srid()).append(") AND ");
            areaWhereParams.addAll(List.of(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), query.bboxSrid()));
        }
        // no box on the rows: those of an area show the area, already in the box (and a box test would let the
        // planner scan every row in the box for each area)
        WhereClause rowsOfArea = WhereClause.of(layer, access, query.withBbox(null, query.bboxSrid()), areaWhereParams);
        areaFrom.append("EXISTS (SELECT 1 FROM ").append(SqlNames.quoteRelation(layer.source())).append(rowsOfArea.sql())
                .append(" AND (").append(areas.rowsOfArea()).append(")) ORDER BY a.").append(SqlNames.quote(areas.keyColumn()));
        List<Object> rowWhereParams = new ArrayList<>();
        WhereClause where = WhereClause.of(layer, access, query, rowWhereParams);
        AttributeColumns columns = new AttributeColumns(names);
        String prefix = layer.name() + ".";
        return query(layer, where, MAP_SETTINGS, c -> {
            GeometryOutput output = GeometryOutput.fit(c, grids, layer, query);
            List<Object> areaParams = new ArrayList<>();
            String areaSql = areaColumns + ", " + output.select(areaGeometry, areaParams) + areaFrom;
            areaParams.addAll(areaWhereParams);
            List<Object> rowParams = new ArrayList<>();
            String rowGeometry = output.select(access.geometryExpression(), rowParams);
            rowParams.addAll(rowWhereParams);
            String rowSql = rowSelect(layer, access, query, attributes, rowGeometry, where)
                    .append(" AND (").append(areas.otherRows()).append(") ORDER BY ")
                    .append(SqlNames.quote(layer.orderColumn())).toString();
            WKBReader wkb = new WKBReader();
            List<Feature> shown = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(areaSql)) {
                ps.setFetchSize(MAP_FETCH_SIZE);
                bind(ps, areaParams);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Feature area = feature(rs, prefix + "area.", columns, wkb, output);
                        Map<String, Object> shared = new LinkedHashMap<>(area.attributes());
                        shared.keySet().retainAll(areas.sharedAttributes().keySet());
                        if (!query.sharedAreaStyle().decidedBy(shared)) {
                            return false;
                        }
                        shown.add(area);
                    }
                }
                shown.forEach(consumer);
                try (PreparedStatement rows = c.prepareStatement(rowSql)) {
                    rows.setFetchSize(MAP_FETCH_SIZE);
                    bind(rows, rowParams);
                    try (ResultSet rs = rows.executeQuery()) {
                        while (rs.next()) {
                            consumer.accept(feature(rs, prefix, columns, wkb, output));
                        }
                    }
                }
            } catch (ParseException e) {
                throw new SQLException("PostGIS returned unreadable WKB", e);
            }
            return true;
        });
    }

    /**
     * Whether the query gets each shared area once: audited views keep one feature per row, so that the audit trail
     * counts the rows read.
     */
    private static boolean grouped(LayerAccess access, FeatureQuery query) {
        return query.sharedAreasOnce() && !access.audited();
    }

    /**
     * One row per feature: f0 the id, f1... the attributes, then the geometry, then (for a page in the default
     * order) the order key.
     */
    private static StringBuilder rowSelect(LayerInfo layer, LayerAccess access, FeatureQuery query,
                                           Map<String, String> attributes, String geometry, WhereClause where) {
        // output columns get names of their own (f0, f1...) so that ORDER BY and WHERE always mean table columns
        StringBuilder sql = new StringBuilder("SELECT ").append(SqlNames.quote(layer.idColumn())).append("::text AS f0");
        int column = 1;
        for (String expr : attributes.values()) {
            sql.append(", ").append(expr).append(" AS f").append(column++);
        }
        sql.append(", ").append(geometry).append(" AS f").append(column);
        if (query.sortBy().isEmpty() && query.limit() != null) {
            sql.append(", ").append(SqlNames.quote(layer.orderColumn())).append(" AS f").append(column + 1);
        }
        return sql.append(" FROM ").append(SqlNames.quoteRelation(layer.source())).append(where.sql());
    }

    /**
     * The same columns, one row per polygon the caller sees and values of the attributes (rows with a point or line
     * stay one each): grouped on the geometry as stored, before it is transformed and simplified, so that each shared
     * area is transformed and simplified once. Ordered by each group's first row ({@code o}).
     */
    private static StringBuilder groupedSelect(LayerInfo layer, LayerAccess access, Map<String, String> attributes,
                                               String geometry, WhereClause where) {
        String order = SqlNames.quote(layer.orderColumn());
        // min() needs a type that has it (uuid has not): others by their text, which sorts as they do
        boolean hasMin = layer.attribute(layer.orderColumn()).map(a -> a.sqlType().matches(
                "(small|big)?int.*|integer|numeric.*|real|double precision|date|time.*|text|character.*")).orElse(false);
        StringBuilder rows = new StringBuilder("SELECT ").append(order).append(hasMin ? "" : "::text").append(" AS o, ")
                .append(SqlNames.quote(layer.idColumn())).append("::text AS i, ")
                .append(access.geometryExpression()).append(" AS g, CASE WHEN ST_Dimension(")
                .append(access.geometryExpression()).append(") < 2 THEN ").append(order).append(" END AS k");
        StringBuilder sql = new StringBuilder("SELECT min(i) AS f0");
        StringBuilder groups = new StringBuilder(" GROUP BY g, k");
        int column = 1;
        for (String expr : attributes.values()) {
            rows.append(", ").append(expr).append(" AS a").append(column);
            sql.append(", a").append(column).append(" AS f").append(column);
            groups.append(", a").append(column++);
        }
        sql.append(", ").append(geometry).append(" AS f").append(column);
        rows.append(" FROM ").append(SqlNames.quoteRelation(layer.source())).append(where.sql());
        return sql.append(" FROM (").append(rows).append(") r").append(groups);
    }

    /**
     * How many features the caller may see match the query in each square cell of a grid of the layer's CRS (cells
     * of {@code cellSize} units from the CRS origin; a feature counts in the cell of a point on its visible geometry,
     * so an access policy that shows a coarser geometry moves it there). Only cells that count features are
     * delivered, each as a polygon in the query's output SRID with its count; properties, sorting and paging are
     * ignored. The cells delivered are those that meet the query's box, each with all its features (a feature whose
     * geometry meets the box but whose point lies in a cell outside is not counted). A precomputed grid
     * ({@link DensityGrid}) answers when one stands for this caller's view, query and cell size and the repository
     * reads them ({@link #precomputedDensity()}); otherwise PostGIS aggregates the rows: whatever the number of
     * features, only cells travel.
     */
    void countPerCell(Catalog catalog, LayerInfo layer, FeatureQuery query, double cellSize, Caller caller,
                      BiConsumer<Geometry, Long> consumer) {
        if (!(cellSize > 0) || Double.isInfinite(cellSize)) {
            throw new IllegalArgumentException("a grid needs a positive cell size");
        }
        LayerAccess access = readable(catalog, layer, caller);
        WhereClause asked = WhereClause.of(layer, access, query, new ArrayList<>()); // its SRIDs, its client errors
        long[] counted = {0};
        WKBReader wkb = new WKBReader();
        DensityGrid.CellSink sink = (cell, n) -> {
            counted[0] += n;
            try {
                consumer.accept(wkb.read(cell), n);
            } catch (ParseException e) {
                throw new SQLException("PostGIS returned unreadable WKB", e);
            }
        };
        // the planner cannot know that millions of rows fall into a few hundred cells: it would sort them all
        // (hash aggregation thought too big for work_mem) and JIT-compile for seconds what runs in one
        query(layer, asked, MAP_SETTINGS, c -> {
            DensityGrid.CellRange range = DensityGrid.range(c, layer, query, cellSize);
            if (!densityGrid.read(c, layer, access, query, range, cellSize, sink)) {
                countLive(c, layer, access, query, range, cellSize, sink);
            }
            return null;
        });
        if (access.audited()) {
            audit.record(caller, layer, query.bbox(), query.bboxSrid(), counted[0]);
        }
    }

    /**
     * The cells of a range counted from the rows: those whose visible geometry meets the range's cells (each feature
     * with a point in one of them does), so that each cell counts all its features, as a precomputed grid does.
     */
    private static void countLive(Connection c, LayerInfo layer, LayerAccess access, FeatureQuery query,
                                  DensityGrid.CellRange range, double cellSize, DensityGrid.CellSink sink)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(cellSize);
        WhereClause where = WhereClause.of(layer, access,
                range == null ? query : query.withBbox(range.envelope(cellSize), layer.srid()), params);
        String sql = "WITH grid AS (SELECT CAST(? AS float8) AS s)"
                + " SELECT ST_AsBinary(ST_Transform(ST_MakeEnvelope(ix * s, iy * s, (ix + 1) * s, (iy + 1) * s, "
                + layer.srid() + "), " + query.outputSrid() + ")), n FROM grid,"
                + " (SELECT floor(ST_X(p) / (SELECT s FROM grid)) AS ix, floor(ST_Y(p) / (SELECT s FROM grid)) AS iy,"
                + " count(*) AS n FROM (SELECT ST_PointOnSurface(" + access.geometryExpression() + ") AS p FROM "
                + SqlNames.quoteRelation(layer.source()) + where.sql()
                // a fence: the cell tests below would otherwise be pushed into the scan, each computing the point again
                + " OFFSET 0) points GROUP BY 1, 2) cells"
                + " WHERE ix IS NOT NULL AND iy IS NOT NULL" // empty geometries have no point
                + (range == null ? "" : " AND ix BETWEEN ? AND ? AND iy BETWEEN ? AND ?");
        if (range != null) {
            params.addAll(List.of(range.x0(), range.x1(), range.y0(), range.y1()));
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getBytes(1), rs.getLong(2));
                }
            }
        }
    }

    /** Extent of vector tiles, in tile units, and the buffer around it so that symbols are not cut at tile edges. */
    public static final int TILE_EXTENT = 4096;
    static final int TILE_BUFFER = 64;

    /**
     * A Mapbox Vector Tile of what the caller may see of the layer in a WebMercatorQuad tile, built by PostGIS
     * ({@code ST_AsMVT}): one MVT layer named after the layer, the visible attributes, the id as feature id when it
     * is an integer. An empty array when nothing is there.
     */
    byte[] vectorTile(Catalog catalog, LayerInfo layer, TileAddress tile, Caller caller) {
        LayerAccess access = readable(catalog, layer, caller);
        Envelope area = tile.envelope();
        Optional<Envelope> domain = Epsg.areaOfUse(layer.srid()).map(TileAddress::mercator);
        if (domain.isPresent()) {
            area = area.intersection(domain.get()); // PostGIS cannot express what lies beyond in the layer's CRS
        }
        if (area.isNull() || area.getArea() == 0) {
            return new byte[0];
        }
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("WITH t AS (SELECT ");
        boolean integerId = layer.attribute(layer.idColumn()).map(a -> a.sqlType().matches("(small|big)?int.*|integer"))
                .orElse(false);
        if (integerId) {
            sql.append(SqlNames.quote(layer.idColumn())).append(" AS \"mvt_id\", ");
        }
        for (Map.Entry<String, String> a : access.attributeExpressions().entrySet()) {
            String type = layer.attribute(a.getKey()).map(AttributeInfo::sqlType).orElse("text");
            sql.append(mvtValue(a.getValue(), type)).append(" AS ").append(SqlNames.quote(a.getKey())).append(", ");
        }
        Envelope e = tile.envelope();
        sql.append("ST_AsMVTGeom(ST_Transform(").append(access.geometryExpression())
                .append(", 3857), ST_MakeEnvelope(?, ?, ?, ?, 3857), ").append(TILE_EXTENT).append(", ")
                .append(TILE_BUFFER).append(", true) AS \"mvt_geom\" FROM ")
                .append(SqlNames.quoteRelation(layer.source()));
        params.addAll(List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
        WhereClause where = WhereClause.of(layer, access, FeatureQuery.all(3857).withBbox(area, 3857), params);
        sql.append(where.sql()).append(") SELECT ST_AsMVT(t, ?, ").append(TILE_EXTENT).append(", 'mvt_geom'")
                .append(integerId ? ", 'mvt_id'" : "").append("), count(*) FROM t WHERE \"mvt_geom\" IS NOT NULL");
        params.add(layer.name());
        long[] features = {0};
        byte[] tileBytes = query(layer, where, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    features[0] = rs.getLong(2);
                    byte[] bytes = rs.getBytes(1);
                    return bytes == null ? new byte[0] : bytes;
                }
            }
        });
        if (access.audited()) {
            audit.record(caller, layer, tile.envelope(), 3857, features[0]);
        }
        return tileBytes;
    }

    /**
     * Runs set-based SQL over the layers, as the caller sees them, in one transaction rolled back at its end (its
     * temporary tables vanish with it, nothing it might write stays). Each layer is offered to the work as a relation
     * (see {@link LayerSql#relation}); reads of audited views are recorded as reads of the whole layer that gave the
     * caller no feature, only figures.
     */
    <T> T aggregate(Catalog catalog, Collection<LayerInfo> layers, Caller caller, int timeoutSeconds,
                    LayerSql.Work<T> work) {
        Map<LayerInfo, LayerAccess> views = new LinkedHashMap<>();
        for (LayerInfo layer : layers) {
            views.put(layer, readable(catalog, layer, caller));
        }
        T result = inTransaction(dataSource, timeoutSeconds, false, c -> work.run(new LayerSql(c, views)));
        views.forEach((layer, access) -> {
            if (access.audited()) {
                audit.record(caller, layer, null, layer.srid(), 0);
            }
        });
        return result;
    }

    /** MVT values are text, numbers or booleans: other types travel as their text. */
    private static String mvtValue(String expression, String sqlType) {
        if (sqlType.matches("(small|big)?int.*|integer|double precision|real|boolean|text|character varying.*")) {
            return expression;
        }
        return sqlType.startsWith("numeric") ? "(" + expression + ")::float8" : "(" + expression + ")::text";
    }

    private LayerAccess readable(Catalog catalog, LayerInfo layer, Caller caller) {
        LayerAccess access = access(catalog, layer, caller);
        if (!access.readable()) {
            throw OwsException.invalidParameter("typeName", "Layer " + layer.qualifiedName() + " does not exist");
        }
        return access;
    }

    private static Map<String, String> selectedAttributes(LayerInfo layer, LayerAccess access, FeatureQuery query) {
        if (query.properties() == null) {
            return access.attributeExpressions();
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (String p : query.properties()) {
            String expr = access.attributeExpressions().get(p);
            if (expr == null) {
                throw OwsException.invalidParameter("propertyName",
                        "Layer " + layer.qualifiedName() + " has no property " + p);
            }
            selected.put(p, expr);
        }
        return selected;
    }

    /** The place of a row among those of a query (its WHERE clause and bound values) in the default order. */
    private static PageResumptions.Position position(LayerInfo layer, WhereClause where, List<Object> whereParams,
                                                     long index) {
        return new PageResumptions.Position(layer.source() + " " + layer.orderColumn(), where.sql(), whereParams,
                index);
    }

    private static String orderBy(LayerInfo layer, LayerAccess access, FeatureQuery query) {
        List<String> keys = new ArrayList<>();
        for (FeatureQuery.SortKey key : query.sortBy()) {
            String expr = access.attributeExpressions().get(key.property());
            if (expr == null) {
                throw OwsException.invalidParameter("sortBy", "Layer " + layer.qualifiedName()
                        + " has no property " + key.property() + " to sort by");
            }
            keys.add(expr + (key.ascending() ? " ASC" : " DESC"));
        }
        keys.add(SqlNames.quote(layer.orderColumn())); // a total order, so that pages never overlap
        return " ORDER BY " + String.join(", ", keys);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /**
     * Runs write work in one transaction of its own, committed when the work returns and rolled back when it throws,
     * its statements limited to the statement timeout.
     */
    <T> T transaction(Catalog catalog, Caller caller, FeatureTransaction.Work<T> work) {
        return inTransaction(dataSource, statementTimeoutSeconds, true,
                c -> work.run(new FeatureTransaction(this, catalog, caller, c)));
    }

    /**
     * The keys (id column values, as text) of the features of a layer the caller may see that match a filter, in the
     * layer's order.
     */
    List<String> keys(Connection c, Catalog catalog, LayerInfo layer, Caller caller, Filter filter, String locator)
            throws SQLException {
        LayerAccess access = readable(catalog, layer, caller);
        List<Object> params = new ArrayList<>();
        FeatureQuery query = new FeatureQuery(null, layer.srid(), layer.srid(), null, List.of(), null, 0, filter,
                locator, 0, false, null, 0);
        WhereClause where = WhereClause.of(layer, access, query, params);
        where.checkSrids(c, knownSrids);
        String sql = "SELECT " + SqlNames.quote(layer.idColumn()) + "::text FROM "
                + SqlNames.quoteRelation(layer.source()) + where.sql() + " ORDER BY "
                + SqlNames.quote(layer.orderColumn());
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw where.clientError(layer, e).orElseThrow(() -> e);
        }
        return keys;
    }

    /**
     * Runs a caller-bound read under a WHERE clause, which first checks what it can only check in the database, on
     * the reads' source.
     */
    private <T> T query(LayerInfo layer, WhereClause where, SqlWork<T> work) {
        return query(layer, where, Map.of(), work);
    }

    /** The same, with more settings of the transaction (name and value of each), set with its timeout. */
    private <T> T query(LayerInfo layer, WhereClause where, Map<String, String> settings, SqlWork<T> work) {
        return inTransaction(reads, statementTimeoutSeconds, true, settings, c -> {
            where.checkSrids(c, knownSrids);
            try {
                return work.run(c);
            } catch (SQLException e) {
                throw where.clientError(layer, e).orElseThrow(() -> e);
            }
        });
    }

    /**
     * Runs the work in a transaction whose statements time out, committed at its end or else rolled back. The
     * failure that stopped the work is the one reported: one of rolling back a broken connection is only added to it.
     */
    private <T> T inTransaction(DataSource source, int timeoutSeconds, boolean commit, SqlWork<T> work) {
        return inTransaction(source, timeoutSeconds, commit, Map.of(), work);
    }

    /**
     * The same, with more settings of the transaction (name and value of each, constants of this class), set with
     * the timeout by one statement: the driver sends it with the transaction's BEGIN, in one round trip, and
     * PostgreSQL parses and runs one statement, not one per setting.
     */
    private <T> T inTransaction(DataSource source, int timeoutSeconds, boolean commit, Map<String, String> settings,
                                SqlWork<T> work) {
        ClientDeparture departure = ClientDeparture.current();
        departure.check();
        try (Connection c = source.getConnection();
             ClientDeparture.Registration cancelling = departure.whileRunning(() -> cancel(c))) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // a server-side cursor needs a transaction
            try {
                StringBuilder set = new StringBuilder("SELECT set_config('statement_timeout', '")
                        .append(timeoutSeconds * 1000L).append("', true)");
                settings.forEach((name, value) -> set.append(", set_config('").append(name).append("', '")
                        .append(value).append("', true)"));
                try (Statement st = c.createStatement()) {
                    st.execute(set.toString());
                }
                T result = work.run(c);
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
                c.setAutoCommit(autoCommit);
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                    c.setAutoCommit(autoCommit);
                } catch (SQLException broken) {
                    e.addSuppressed(broken);
                }
                departure.check(); // the statement was cancelled because the client left: not a failure
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureAccessException("query on the database failed: " + e.getMessage(), e);
        }
    }

    /** Cancels the statement the connection runs (PostgreSQL's cancel request, on a socket of its own). */
    private static void cancel(Connection c) {
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException e) {
            // the statement ended, or the database is out of reach: nothing left to stop
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
