package fr.yseraa.observatory.ext.sinp;

import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.OpenAccessPolicy;
import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SINP occurrence policy (see the project's docs and SINP.md): the public sees the diffusion geometry the
 * database derives from sensiNiveau and diffusionNiveauPrecision, never a non-diffused occurrence (level 4), never
 * observer names, and no attachment code finer than the diffusion level; partners see the exact geometry of
 * non-sensitive occurrences; instructing services and administrators see everything.
 */
public final class SensitivityPolicy implements AccessPolicy {

    public static final String NAME = "sinp-sensitivity";
    public static final String PARTNER = "partner";
    public static final String INSTRUCTOR = "instructor";
    public static final String ADMIN = "admin";

    static final String LEVEL = "diffusion_level";
    static final String DIFFUSION_GEOMETRY = "diffusion_geom";
    static final String SENSITIVITY = "sensi_niveau";
    /** Attributes only entitled callers see. */
    static final Set<String> PERSONAL = Set.of("observateur", "determinateur");
    /** Attachment codes, with the finest diffusion level at which each may be shown. */
    static final Map<String, Integer> ATTACHMENTS = Map.of("code_commune", 1, "code_maille", 2, "code_departement", 3,
            "precision_geometrie", 0);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> check(LayerInfo layer) {
        List<String> problems = new ArrayList<>();
        for (String column : List.of(LEVEL, SENSITIVITY)) {
            if (layer.attribute(column).isEmpty()) {
                problems.add(layer.source() + " lacks column " + column + " that policy " + NAME + " needs");
            }
        }
        return problems;
    }

    @Override
    public LayerAccess access(LayerInfo layer, Caller caller) {
        String exact = SqlNames.quote(layer.geometryColumn());
        if (caller.hasRole(INSTRUCTOR) || caller.hasRole(ADMIN)) {
            return new LayerAccess(true, exact, null, OpenAccessPolicy.allAttributes(layer), "full");
        }
        Map<String, String> attributes = OpenAccessPolicy.allAttributes(layer);
        String level = SqlNames.quote(LEVEL);
        if (caller.hasRole(PARTNER)) {
            String geometry = "CASE WHEN " + SqlNames.quote(SENSITIVITY) + " = '0' THEN " + exact + " ELSE "
                    + SqlNames.quote(DIFFUSION_GEOMETRY) + " END";
            return new LayerAccess(true, geometry, level + " < 4 OR " + SqlNames.quote(SENSITIVITY) + " = '0'",
                    attributes, "partner");
        }
        PERSONAL.forEach(attributes::remove);
        ATTACHMENTS.forEach((column, finest) -> attributes.computeIfPresent(column,
                (name, expr) -> "CASE WHEN " + level + " <= " + finest + " THEN " + expr + " END"));
        return new LayerAccess(true, SqlNames.quote(DIFFUSION_GEOMETRY), level + " < 4", attributes, "public");
    }
}
