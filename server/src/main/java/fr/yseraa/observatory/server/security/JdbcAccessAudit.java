package fr.yseraa.observatory.server.security;

import fr.yseraa.observatory.core.access.AccessAudit;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit trail in {@code security.audit_log}: who read precise sensitive data, which layer, when, where. */
public final class JdbcAccessAudit implements AccessAudit {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAccessAudit.class);
    private final DataSource dataSource;

    public JdbcAccessAudit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void record(Caller caller, LayerInfo layer, Envelope area, int areaSrid, long featureCount) {
        String areaSql = area == null ? "NULL" : "ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ?), 2154)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO security.audit_log (login, layer, operation, area, feature_count) VALUES (?, ?, 'read', "
                        + areaSql + ", ?)")) {
            int i = 1;
            ps.setString(i++, caller.isAnonymous() ? "(public)" : caller.user());
            ps.setString(i++, layer.qualifiedName());
            if (area != null) {
                ps.setDouble(i++, area.getMinX());
                ps.setDouble(i++, area.getMinY());
                ps.setDouble(i++, area.getMaxX());
                ps.setDouble(i++, area.getMaxY());
                ps.setInt(i++, areaSrid);
            }
            ps.setLong(i, featureCount);
            ps.executeUpdate();
        } catch (SQLException e) {
            // the read has happened: losing its trace is logged loudly, not hidden
            LOG.error("audit record lost: {} read {} features of {}: {}", caller.user(), featureCount,
                    layer.qualifiedName(), e.getMessage());
        }
    }
}
