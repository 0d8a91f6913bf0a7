package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.OpenAccessPolicy;
import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture's access policy for sightings: instructors see everything; everybody else sees neither level 4 nor the
 * observer, and levels 2 and 3 blurred to their 1 km cell.
 */
final class FixturePolicy implements AccessPolicy {

    static final String NAME = "fixture-blur";
    static final String INSTRUCTOR = "instructor";
    /** The geometry the public sees, as SQL over the sightings' columns. */
    static final String PUBLIC_GEOMETRY = "CASE WHEN level >= 2 THEN blurred ELSE geom END";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LayerAccess access(LayerInfo layer, Caller caller) {
        if (caller.hasRole(INSTRUCTOR)) {
            return new OpenAccessPolicy().access(layer, caller);
        }
        Map<String, String> attributes = new LinkedHashMap<>(OpenAccessPolicy.allAttributes(layer));
        attributes.remove("observer");
        return new LayerAccess(true, PUBLIC_GEOMETRY, SqlNames.quote("level") + " < 4", attributes, "public", false,
                List.of(SqlNames.quote(layer.geometryColumn()), SqlNames.quote("blurred")));
    }
}
