package fr.yseraa.observatory.ext.corridors;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * A candidate restoration action and what it changes in the reservoir graph: an obstacle made passable where it
 * crosses a corridor (the corridor's links get the probability they would have without it), or a new corridor between
 * two reservoirs (a link of p = 1).
 *
 * @param id a stable identifier: {@code barrier-<corridor>-<obstacle>} or {@code link-<reservoir>-<reservoir>}
 * @param label what to do, in French
 * @param changed the links the action gives a new (shorter) length, by patch index
 * @param reservoirs the ids of the reservoirs the changed links join
 * @param corridor the corridor crossed (barrier), or null
 * @param obstacle the obstacle made passable (barrier), or null
 * @param obstacleClass its class, or null
 * @param probabilityBefore the probability of the link today: the corridor's (barrier) or the direct one (new link)
 * @param probabilityAfter the probability of the link after the action
 * @param distance the edge-to-edge distance between the reservoirs of a new link, in metres, or null
 * @param place where the action is: the crossing points, or the new link's line (Lambert-93), with its GeoJSON
 */
record RestorationAction(Kind kind, String id, String label, List<LandscapeGraph.Link> changed, List<String> reservoirs,
                         Long corridor, Long obstacle, String obstacleClass, double probabilityBefore,
                         double probabilityAfter, Double distance, Geometry place, String placeGeoJson) {

    enum Kind {
        BARRIER("barrier"), NEW_LINK("new_link");

        final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    RestorationAction {
        changed = List.copyOf(changed);
        reservoirs = List.copyOf(reservoirs);
    }
}
