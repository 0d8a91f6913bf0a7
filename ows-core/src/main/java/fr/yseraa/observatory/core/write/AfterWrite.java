package fr.yseraa.observatory.core.write;

import fr.yseraa.observatory.core.access.Caller;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What the server does around writes: the audit record inside the transaction, the caches dropped after it. */
public interface AfterWrite {

    /**
     * Records one action in the audit trail, inside the write's transaction (rolled back with it).
     *
     * @param action Insert, Update, Replace or Delete
     * @param ids the published ids of the features the action wrote
     */
    void audit(Connection c, Caller caller, String layer, String action, List<String> ids) throws SQLException;

    /** After the commit: the areas that changed, for the caches over them to be dropped. */
    void committed(List<ChangedAreas.Area> areas);

    /** No audit and no cache. */
    AfterWrite NONE = new AfterWrite() {
        @Override
        public void audit(Connection c, Caller caller, String layer, String action, List<String> ids) {
        }

        @Override
        public void committed(List<ChangedAreas.Area> areas) {
        }
    };
}
