package fr.yseraa.observatory.ext.corridors;

import java.util.List;

/** What the nodes of a landscape graph are. */
enum PatchSource {
    /** The patches of favourable habitat: adjacent polygons of the favourable classes merged. */
    HABITAT("habitat"),
    /** The sub-network's reservoirs of biodiversity. */
    RESERVOIRS("reservoirs");

    final String code;

    PatchSource(String code) {
        this.code = code;
    }

    static List<String> codes() {
        return List.of(HABITAT.code, RESERVOIRS.code);
    }

    static PatchSource of(String code) {
        return code.equals(RESERVOIRS.code) ? RESERVOIRS : HABITAT;
    }
}
