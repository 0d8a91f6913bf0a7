package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The feature repository as one caller sees one catalog ({@link FeatureRepository#forCaller}): the layers the caller
 * may read and, for each, only what its access policy shows. A thin object made per request; reading a layer the
 * caller may not read fails as if the layer did not exist (InvalidParameterValue on {@code typeName}).
 */
public final class CallerFeatures {

    private final FeatureRepository repository;
    private final Catalog catalog;
    private final Caller caller;

    CallerFeatures(FeatureRepository repository, Catalog catalog, Caller caller) {
        this.repository = repository;
        this.catalog = catalog;
        this.caller = caller;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Caller caller() {
        return caller;
    }

    /**
     * The same view with every read on the primary database: for work that must see the latest writes or lock what
     * it reads (a WFS Transaction, LockFeature, GetFeatureWithLock). The other reads may run on a streaming replica
     * a moment behind (see {@link FeatureRepository}).
     */
    public CallerFeatures latest() {
        FeatureRepository primary = repository.latest();
        return primary == repository ? this : new CallerFeatures(primary, catalog, caller);
    }

    /** The layers the caller may read, in catalog order. */
    public List<LayerInfo> layers() {
        return catalog.layers().stream().filter(l -> access(l).readable()).toList();
    }

    /** A layer the caller may read, by qualified or unambiguous bare name; empty for an unknown or unreadable one. */
    public Optional<LayerInfo> layer(String name) {
        return catalog.layer(name).filter(l -> access(l).readable());
    }

    /** What the caller may see of the layer (not readable when the caller may not read it). */
    public LayerAccess access(LayerInfo layer) {
        return repository.access(catalog, layer, caller);
    }

    /** The number of features the caller may see that match the query (paging ignored). */
    public long count(LayerInfo layer, FeatureQuery query) {
        return repository.count(catalog, layer, query, caller);
    }

    /**
     * {@link #count}, unless counting takes longer than {@code budget}: then empty, the database's work cancelled
     * (a WFS then answers numberMatched="unknown"). A zero budget never counts.
     */
    public OptionalLong countWithin(LayerInfo layer, FeatureQuery query, Duration budget) {
        return repository.countWithin(catalog, layer, query, caller, budget);
    }

    /**
     * How many features the caller may see match the query from {@code offset} on, counting no further than
     * {@code limit}: the database reads at most offset + limit rows, whatever the layer's size.
     */
    public long countUpTo(LayerInfo layer, FeatureQuery query, long offset, long limit) {
        return repository.countUpTo(catalog, layer, query, caller, offset, limit);
    }

    /** The extent of what the caller may see of the layer, in the given SRID; empty when nothing is visible. */
    public Envelope extent(LayerInfo layer, int srid) {
        return repository.extent(catalog, layer, srid, caller);
    }

    /**
     * The extent, in the query's output SRID, of the features the caller may see that match the query's bbox and
     * filter (properties, sorting and paging ignored); empty when nothing matches.
     */
    public Envelope extent(LayerInfo layer, FeatureQuery query) {
        return repository.extent(catalog, layer, query, caller);
    }

    /** The longitude/latitude extent of what the caller sees of the layer (a null envelope when nothing), cached. */
    public Envelope wgs84Extent(LayerInfo layer) {
        return repository.wgs84Extent(catalog, layer, caller);
    }

    /** Streams the features the caller may see, in query order, to the consumer as rows arrive. */
    public void stream(LayerInfo layer, FeatureQuery query, Consumer<Feature> consumer) {
        repository.stream(catalog, layer, query, caller, consumer);
    }

    /** How many features the caller may see match the query in each square cell of a grid of the layer's CRS. */
    public void countPerCell(LayerInfo layer, FeatureQuery query, double cellSize, BiConsumer<Geometry, Long> consumer) {
        repository.countPerCell(catalog, layer, query, cellSize, caller, consumer);
    }

    /** A Mapbox Vector Tile of what the caller may see of the layer in a WebMercatorQuad tile. */
    public byte[] vectorTile(LayerInfo layer, TileAddress tile) {
        return repository.vectorTile(catalog, layer, tile, caller);
    }

    /**
     * Runs set-based SQL over the layers as the caller sees them, in one transaction rolled back at its end, its
     * statements limited to {@code timeoutSeconds} each: aggregates, unions and distance queries stay in PostGIS.
     * Each layer must be readable by the caller.
     */
    public <T> T aggregate(Collection<LayerInfo> layers, int timeoutSeconds, LayerSql.Work<T> work) {
        return repository.aggregate(catalog, layers, caller, timeoutSeconds, work);
    }

    /**
     * Runs write work (a WFS Transaction) in one database transaction: committed when the work returns, rolled back
     * when it throws, so that all of it or none of it is done.
     */
    public <T> T transaction(FeatureTransaction.Work<T> work) {
        return repository.transaction(catalog, caller, work);
    }
}
