package fr.yseraa.observatory.ext.indicators;

import java.util.Arrays;
import java.util.Optional;

/**
 * The spatial units indicator values are given for (obs.indicator_value.unit_type), each published through the
 * catalog layer of its geometry: a caller sees a unit's values only where it may read that layer, and sees them on
 * the geometry that layer gives it.
 */
public enum SpatialUnit {

    COMMUNE("commune", "Commune", "obs:communes", "(SELECT insee AS code, name, geom FROM %s l)"),
    MAILLE_10KM("maille_10km", "Maille de 10 km", "obs:mailles_10km", "(SELECT code, code AS name, geom FROM %s l)"),
    /** The whole territory: one unit, code {@value #TERRITORY_CODE}, drawn as the project area. */
    TERRITORY("territory", "Territoire", "obs:territoire_yseraa",
            "(SELECT '" + SpatialUnit.TERRITORY_CODE + "' AS code, min(name) AS name, ST_Multi(ST_Union(geom)) AS geom FROM %s l)");

    /** The unit code of the territory's values (as obs:ComputeIndicators and obs.compute_occurrence_indicators write it). */
    public static final String TERRITORY_CODE = "yseraa";

    private final String code;
    private final String label;
    private final String layer;
    private final String units;

    SpatialUnit(String code, String label, String layer, String units) {
        this.code = code;
        this.label = label;
        this.layer = layer;
        this.units = units;
    }

    /** The unit type as stored and as the API names it. */
    public String code() {
        return code;
    }

    /** Its French label. */
    public String label() {
        return label;
    }

    /** The catalog layer ({@code ws:name}) that publishes the units' geometry. */
    public String layer() {
        return layer;
    }

    /** The units as an SQL subquery (code, name, geom) over the layer's relation as the caller sees it. */
    String units(String layerRelation) {
        return units.formatted(layerRelation);
    }

    public static Optional<SpatialUnit> of(String code) {
        return Arrays.stream(values()).filter(u -> u.code.equals(code)).findFirst();
    }
}
