package fr.yseraa.observatory.core.crs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;

/**
 * Reprojects envelopes with PostGIS (no table is read: it is pure coordinate arithmetic). The envelope's edges are
 * densified first so that the result encloses the curved image of the box. Results are cached: capabilities
 * documents ask for the same few boxes again and again.
 */
public final class EnvelopeTransformer {

    private static final String SQL = "SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM (SELECT "
            + "ST_Extent(ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, ?), ?), ?))::geometry b) s";

    private final DataSource dataSource;
    private final Map<Key, Envelope> cache = new ConcurrentHashMap<>();

    public EnvelopeTransformer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Key(Envelope envelope, int from, int to) {
    }

    /** The envelope, given in {@code fromSrid}, expressed in {@code toSrid}. */
    public Envelope transform(Envelope envelope, int fromSrid, int toSrid) {
        if (fromSrid == toSrid || envelope.isNull()) {
            return new Envelope(envelope);
        }
        return new Envelope(cache.computeIfAbsent(new Key(new Envelope(envelope), fromSrid, toSrid), this::compute));
    }

    private Envelope compute(Key key) {
        Envelope e = key.envelope();
        double step = Math.max(e.getWidth(), e.getHeight()) / 16;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setDouble(1, e.getMinX());
            ps.setDouble(2, e.getMinY());
            ps.setDouble(3, e.getMaxX());
            ps.setDouble(4, e.getMaxY());
            ps.setInt(5, key.from());
            ps.setDouble(6, step > 0 ? step : 1);
            ps.setInt(7, key.to());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("PostGIS cannot transform an envelope from SRID " + key.from() + " to "
                    + key.to() + ": " + ex.getMessage(), ex);
        }
    }
}
