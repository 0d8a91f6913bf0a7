package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.feature.TileAddress;
import fr.yseraa.observatory.wmts.cache.CachedTile;
import fr.yseraa.observatory.wmts.cache.TileCache;
import fr.yseraa.observatory.wmts.cache.TileFreshness;
import fr.yseraa.observatory.wmts.cache.TileKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * GetTile's work, whichever the encoding of the request: check it, then answer from the cache or render. Images
 * render by metatile through the WMS renderer; vector tiles are built by PostGIS one by one (they need no gutter:
 * {@code ST_AsMVT} clips with a buffer of its own). Tiles drawn from an older definition of the layer or an older
 * style are dropped first ({@link TileFreshness}).
 */
public final class TileProvider {

    private final TileResolver resolver;
    private final MetatileRenderer metatiles;
    private final FeatureRepository features;
    private final TileCache cache;
    private final BlankTiles blanks;
    private final TileFreshness freshness;

    public TileProvider(TileResolver resolver, MetatileRenderer metatiles, FeatureRepository features, TileCache cache,
                        BlankTiles blanks, TileFreshness freshness) {
        this.resolver = resolver;
        this.metatiles = metatiles;
        this.features = features;
        this.cache = cache;
        this.blanks = blanks;
        this.freshness = freshness;
    }

    /**
     * @param hit whether the tile came from the cache (memory or disk) rather than from a render
     * @param held the tile as memory holds it, when {@link #hotTile} answered it (else null)
     */
    public record Tile(ResolvedTile request, CachedTile content, boolean hit, TileCache.HotTile held) {

        public Tile(ResolvedTile request, CachedTile content, boolean hit) {
            this(request, content, hit, null);
        }
    }

    public Tile tile(TileRequest request, Caller caller) {
        ResolvedTile t = resolver.resolve(request, caller);
        freshness.check(t.catalog(), t.layer());
        byte[] blank = blanks.bytes(t.format(), t.matrix().tileWidth(), t.matrix().tileHeight());
        Optional<CachedTile> cached = cache.cached(t.key(), blank);
        if (cached.isPresent()) {
            return new Tile(t, cached.get(), true);
        }
        if (t.format() == TileFormat.MVT) {
            return new Tile(t, cache.get(t.key(), blank, t.key(), () -> Map.of(t.key(), vector(t))), false);
        }
        MetatileRenderer.Metatile meta = metatiles.metatileOf(t.matrix(), t.row(), t.col());
        TileKey lock = t.key().at(meta.row(), meta.col());
        return new Tile(t, cache.get(t.key(), blank, lock, () -> metatiles.render(t)), false);
    }

    /**
     * The tile when it can be answered at once from memory, with no disk access, render or other blocking work:
     * empty when the tile is not in memory or when the layer's freshness must be checked first ({@link #tile} then
     * does all). Bad requests throw their OWS exception as {@link #tile} does.
     */
    public Optional<Tile> hotTile(TileRequest request, Caller caller) {
        ResolvedTile t = resolver.resolve(request, caller);
        if (!freshness.isCurrent(t.catalog(), t.layer())) {
            return Optional.empty();
        }
        return cache.hotTile(t.key()).map(held -> new Tile(t, held.tile(), true, held));
    }

    /**
     * Whether a tile {@link #hotTile} answered is still what it would answer the same request now, without resolving
     * the request again: resolved against the current catalog (the layers, access rules and data version it was
     * resolved against), the very same tile in memory (an invalidation or eviction removes it, a render replaces
     * it: {@link TileCache#stillHot}), and its layer's cached tiles current ({@link TileFreshness#isCurrent}: the
     * style file looked at no more than once a second). A few field reads, most of the time.
     */
    public boolean isStillHot(Tile tile) {
        ResolvedTile t = tile.request();
        return tile.held() != null && t.catalog() == resolver.catalog() && cache.stillHot(tile.held())
                && freshness.isCurrent(t.catalog(), t.layer());
    }

    private CachedTile vector(ResolvedTile t) {
        byte[] bytes = features.forCaller(t.catalog(), t.caller()).vectorTile(t.layer(),
                new TileAddress(Integer.parseInt(t.matrix().id()), (int) t.col(), (int) t.row()));
        return CachedTile.of(bytes, Instant.now(), bytes.length == 0);
    }
}
