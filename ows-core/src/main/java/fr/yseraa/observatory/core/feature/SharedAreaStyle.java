package fr.yseraa.observatory.core.feature;

import java.util.Map;

/**
 * What a map asking for shared areas once tells the repository about its style: whether it draws an area the same
 * way whatever the values its rows do not share. When it does for every area of the map, the repository reads the
 * areas that have visible rows instead of those rows (see {@link fr.yseraa.observatory.core.access.SharedAreas}).
 */
@FunctionalInterface
public interface SharedAreaStyle {

    /**
     * @param shared the values every visible row of one area has in common, by attribute name (only attributes the
     *     query selects); the other attributes are unknown
     * @return whether these values alone decide which rules draw the area and what those rules read
     */
    boolean decidedBy(Map<String, Object> shared);
}
