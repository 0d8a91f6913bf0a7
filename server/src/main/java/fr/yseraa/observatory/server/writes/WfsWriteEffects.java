package fr.yseraa.observatory.server.writes;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.write.AfterWrite;
import fr.yseraa.observatory.core.write.ChangedAreas;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.tiles.OccurrenceTiles;
import fr.yseraa.observatory.server.tiles.TileCacheSync;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does around a WFS Transaction: one audit row per action in {@code security.write_audit}, in the
 * write's transaction; after the commit, the cached tiles over each changed area dropped (here and on every replica,
 * as {@code /rest/layers/{layer}/changed} does; a change of the occurrences also drops, through {@link
 * OccurrenceTiles}, the tiles of every layer that follows them, as an import does) and the catalog given a new update
 * sequence (extents and counts follow; the data directory is not read again).
 */
public final class WfsWriteEffects implements AfterWrite {

    private static final Logger LOG = LoggerFactory.getLogger(WfsWriteEffects.class);

    private final TileCacheSync sync;
    private final OccurrenceTiles occurrenceTiles;
    private final CatalogService catalogs;

    public WfsWriteEffects(TileCacheSync sync, OccurrenceTiles occurrenceTiles, CatalogService catalogs) {
        this.sync = sync;
        this.occurrenceTiles = occurrenceTiles;
        this.catalogs = catalogs;
    }

    @Override
    public void audit(Connection c, Caller caller, String layer, String action, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO security.write_audit (login, layer, action, feature_ids) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, caller.isAnonymous() ? "(public)" : caller.user());
            ps.setString(2, layer);
            ps.setString(3, action);
            ps.setArray(4, c.createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
        }
    }

    @Override
    public void committed(List<ChangedAreas.Area> areas) {
        if (areas.isEmpty()) {
            return;
        }
        try {
            for (ChangedAreas.Area a : areas) {
                if (occurrenceTiles.dropFollowing(a)) {
                    continue;
                }
                if (catalogs.catalog().layer(a.layer()).isPresent()) {
                    long dropped = sync.invalidate(a.layer(), a.envelope(), a.srid());
                    LOG.info("WFS transaction: {} cached tiles of {} dropped over {}", dropped, a.layer(), a.envelope());
                }
            }
            sync.dataChanged();
        } catch (RuntimeException e) {
            // the write is committed: a failure here is logged, the tiles then age out
            LOG.error("after a WFS transaction, dropping the tiles over {} or renewing the catalog's update sequence failed", areas, e);
        }
    }
}
