package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.write.ChangedAreas;
import fr.yseraa.observatory.server.CatalogService;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cached tiles that follow the occurrences: the layers drawn from {@code sinp.occurrence} or from what is derived
 * from it, and how far a change of occurrences reaches in each. Dropped here and on every replica after an import,
 * or a WFS Transaction of occurrences ({@link #dropFollowing}), or all of them after a new TAXREF or new statuses
 * re-derived the occurrences (from a command, outside the servers). The one list of those layers.
 */
@Component
public class OccurrenceTiles {

    /**
     * A layer drawn from the occurrences, and the reach of a change in it: 0 for the changed area itself, a cell size
     * for the cells of a grid aligned on its multiples, infinity for the whole layer (values per commune: a commune
     * reaches far beyond the occurrences that changed its value).
     */
    record FollowingLayer(String name, double reach) {
        /** The area a change reaches in this layer (not for a whole-layer reach). */
        Envelope area(Envelope changed) {
            return reach > 0 ? toGrid(changed, reach) : changed;
        }
    }

    /** The layer of the occurrences themselves: a change of it is a change of the occurrences. */
    static final String OCCURRENCES = "sinp:occurrences";
    static final List<FollowingLayer> LAYERS = List.of(new FollowingLayer(OCCURRENCES, 0),
            new FollowingLayer("sinp:occurrences_maille", 10_000),
            new FollowingLayer("obs:indicateurs_commune", Double.POSITIVE_INFINITY));
    private static final Logger LOG = LoggerFactory.getLogger(OccurrenceTiles.class);

    private final TileCacheSync sync;
    private final CatalogService catalogs;

    public OccurrenceTiles(TileCacheSync sync, CatalogService catalogs) {
        this.sync = sync;
        this.catalogs = catalogs;
    }

    /** Drops the tiles that follow the occurrences over a changed area (Lambert-93), for every access level. */
    public void dropOver(Envelope changed) {
        for (FollowingLayer l : LAYERS) {
            Optional<LayerInfo> layer = catalogs.catalog().layer(l.name());
            if (layer.isEmpty()) {
                continue;
            }
            String name = layer.get().qualifiedName();
            if (Double.isInfinite(l.reach())) {
                LOG.info("{} cached tiles of {} dropped", sync.truncate(name), name);
            } else {
                Envelope area = l.area(changed);
                LOG.info("{} cached tiles of {} dropped over {}", sync.invalidate(name, area, 2154), name, area);
            }
        }
    }

    /**
     * Drops the tiles that follow the occurrences over an area a write reported, when it is an area of the
     * occurrences' layer (a WFS Transaction's writer reports only where the occurrences themselves changed).
     *
     * @return whether the area was the occurrences' (and so handled here)
     * @throws IllegalArgumentException for an area of the occurrences not in Lambert-93 (their writer's CRS)
     */
    public boolean dropFollowing(ChangedAreas.Area area) {
        if (!OCCURRENCES.equals(area.layer())) {
            return false;
        }
        if (area.srid() != 2154) {
            throw new IllegalArgumentException("an area of the occurrences in EPSG:" + area.srid()
                    + ", not in Lambert-93: " + area);
        }
        dropOver(area.envelope());
        return true;
    }

    /**
     * Tells the running servers, from a process that is not one of them (an import command), that occurrences changed
     * over an area (Lambert-93): they drop the tiles that follow them there and renew their catalogs' update sequence.
     */
    public static void announceChanged(Connection c, Envelope changed) throws SQLException {
        for (FollowingLayer l : LAYERS) {
            if (Double.isInfinite(l.reach())) {
                TileCacheSync.announceTruncated(c, l.name());
            } else {
                TileCacheSync.announceInvalidated(c, l.name(), l.area(changed), 2154);
            }
        }
        TileCacheSync.announceDataChanged(c);
    }

    /**
     * Tells the running servers, from a process that is not one of them (a command), that the occurrences were
     * re-derived everywhere: they drop every tile that follows them and renew their catalogs' update sequence.
     */
    public static void announceAllChanged(Connection c) throws SQLException {
        for (FollowingLayer l : LAYERS) {
            TileCacheSync.announceTruncated(c, l.name());
        }
        TileCacheSync.announceDataChanged(c);
    }

    /** The envelope grown to the cells of a grid aligned on multiples of {@code cell}. */
    private static Envelope toGrid(Envelope e, double cell) {
        return new Envelope(Math.floor(e.getMinX() / cell) * cell, Math.ceil(e.getMaxX() / cell) * cell,
                Math.floor(e.getMinY() / cell) * cell, Math.ceil(e.getMaxY() / cell) * cell);
    }
}
