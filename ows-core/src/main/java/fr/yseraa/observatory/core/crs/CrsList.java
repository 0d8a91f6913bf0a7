package fr.yseraa.observatory.core.crs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Lists of CRS names, as the catalog gives them for a layer (its {@code crs} key). */
public final class CrsList {

    /** The CRSs a layer offers when neither it nor its workspace lists any. */
    public static final List<String> DEFAULTS =
            List.of("EPSG:2154", "EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:4258", "EPSG:3035");

    private CrsList() {
    }

    /** The names of a list this server can read, in order; the others are skipped. */
    public static List<CrsName> recognised(List<String> names) {
        return names.stream().map(CrsName::recognise).flatMap(Optional::stream).toList();
    }

    /** The SRIDs a list names, in order, without repeats. */
    public static Set<Integer> srids(List<String> names) {
        Set<Integer> srids = new LinkedHashSet<>();
        for (CrsName crs : recognised(names)) {
            srids.add(crs.srid());
        }
        return srids;
    }
}
