package fr.yseraa.observatory.ext.corridors;

/**
 * The catalog layers ({@code data-dir/workspaces}) the corridor processes read: they reach the landscape and the
 * territory through these layers, so the data directory's layer rules and each layer's access policy govern them.
 */
final class ObservatoryLayers {

    /** The project area (territory.project_area). */
    static final String TERRITORY = "obs:territoire_yseraa";
    /** Land cover with its class and sub-network (landscape.habitat_layer). */
    static final String HABITATS = "obs:habitats";
    /** The reservoirs of biodiversity (landscape.reservoir). */
    static final String RESERVOIRS = "obs:reservoirs";
    /** The ecological corridors (landscape.corridor). */
    static final String CORRIDORS = "obs:corridors";
    /** Roads, railways, weirs and locks (landscape.obstacle). */
    static final String OBSTACLES = "obs:obstacles";
    /** The communes (territory.commune). */
    static final String COMMUNES = "obs:communes";
    /** The INPN 10 km grid (territory.maille_10km). */
    static final String GRID_10KM = "obs:mailles_10km";

    private ObservatoryLayers() {
    }
}
