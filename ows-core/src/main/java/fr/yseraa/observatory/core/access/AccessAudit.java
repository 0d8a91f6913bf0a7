package fr.yseraa.observatory.core.access;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import org.locationtech.jts.geom.Envelope;

/**
 * Records who read data whose access is audited (e.g. precise locations of sensitive species): user, layer, time,
 * area. Called by the feature-access layer after each audited read.
 */
public interface AccessAudit {

    /** Records nothing: for engines without an audit trail. */
    AccessAudit NONE = (caller, layer, area, areaSrid, featureCount) -> { };

    /**
     * @param area the area asked for, or null for the whole layer
     * @param areaSrid the SRID of the area
     * @param featureCount how many features the caller received
     */
    void record(Caller caller, LayerInfo layer, Envelope area, int areaSrid, long featureCount);
}
