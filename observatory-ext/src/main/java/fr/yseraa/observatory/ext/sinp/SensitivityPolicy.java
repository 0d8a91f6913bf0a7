package fr.yseraa.observatory.ext.sinp;

import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.OpenAccessPolicy;
import fr.yseraa.observatory.core.access.SharedAreas;
import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SINP occurrence policy (see the project's docs and SINP.md): the public sees the diffusion geometry the
 * database derives from sensiNiveau and diffusionNiveauPrecision, never a non-diffused occurrence (level 4), never
 * observer names, and no attachment code finer than the diffusion level; partners see the exact geometry of
 * non-sensitive occurrences; a producer sees its own datasets exactly (and the rest as the public does);
 * instructing services and administrators see everything.
 */
public final class SensitivityPolicy implements AccessPolicy {

    public static final String NAME = "sinp-sensitivity";
    public static final String PARTNER = "partner";
    public static final String INSTRUCTOR = "instructor";
    public static final String PRODUCER = "producer";
    public static final String ADMIN = "admin";

    static final String LEVEL = "diffusion_level";
    static final String DIFFUSION_GEOMETRY = "diffusion_geom";
    static final String SENSITIVITY = "sensi_niveau";
    static final String PRODUCER_COLUMN = "producer_id";
    /** Whether the geometry the caller gets is the exact one; the layer's column answers for the public. */
    static final String EXACT_FLAG = "localisation_exacte";
    /** The layer whose blurred occurrences' areas {@link #AREAS} keeps once (its diffusion geometry is theirs). */
    static final String AREA_SOURCE = "sinp.occurrence_layer";
    static final String AREAS = "sinp.diffusion_area";
    /** Attributes only entitled callers see. */
    static final Set<String> PERSONAL = Set.of("observateur", "determinateur");
    /** The diffusion level of the occurrences the public does not see at all; it sees every other one. */
    static final int NOT_DIFFUSED = 4;
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
        if (caller.hasRole(INSTRUCTOR) || caller.hasRole(ADMIN)) {
            // precise locations of sensitive species: every read is audited
            Map<String, String> attributes = OpenAccessPolicy.allAttributes(layer);
            attributes.computeIfPresent(EXACT_FLAG, (name, expr) -> "true");
            return new LayerAccess(true, SqlNames.quote(layer.geometryColumn()), null, attributes, "full", true);
        }
        // a caller may hold several roles: each one adds the rows it may see exactly
        List<String> exact = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        boolean partner = caller.hasRole(PARTNER);
        if (partner) {
            exact.add(SqlNames.quote(SENSITIVITY) + " = '0'");
            levels.add("partner");
        }
        if (caller.hasRole(PRODUCER) && caller.organisationId() != null && layer.attribute(PRODUCER_COLUMN).isPresent()) {
            // an integer from the user store, not from the request
            exact.add(SqlNames.quote(PRODUCER_COLUMN) + " = " + caller.organisationId().intValue());
            levels.add("producer-" + caller.organisationId());
        }
        if (exact.isEmpty()) {
            LayerAccess publicView = new LayerAccess(true, SqlNames.quote(DIFFUSION_GEOMETRY),
                    SqlNames.quote(LEVEL) + " < " + NOT_DIFFUSED, publicAttributes(OpenAccessPolicy.allAttributes(layer)), "public");
            return AREA_SOURCE.equals(layer.source()) ? publicView.withSharedAreas(publicAreas(publicView)) : publicView;
        }
        String condition = exact.size() == 1 ? exact.get(0) : "(" + String.join(" OR ", exact) + ")";
        // partners see observer names on every row they see, a producer on its own rows
        return exactWhen(layer, condition, partner ? null : condition, String.join("+", levels));
    }

    /**
     * Exact geometry and attributes for the rows meeting {@code condition}, what the public sees for the others.
     *
     * @param personalCondition the rows whose observer names are shown, or null for every row the caller sees
     */
    private static LayerAccess exactWhen(LayerInfo layer, String condition, String personalCondition, String accessLevel) {
        Map<String, String> all = OpenAccessPolicy.allAttributes(layer);
        Map<String, String> publicOnes = publicAttributes(OpenAccessPolicy.allAttributes(layer));
        Map<String, String> attributes = new LinkedHashMap<>();
        all.forEach((name, expr) -> {
            if (PERSONAL.contains(name)) {
                attributes.put(name, personalCondition == null ? expr
                        : "CASE WHEN " + personalCondition + " THEN " + expr + " END");
                return;
            }
            if (name.equals(EXACT_FLAG)) {
                attributes.put(name, "(" + condition + " OR " + expr + ")");
                return;
            }
            String shown = publicOnes.get(name);
            attributes.put(name, expr.equals(shown) ? expr
                    : "CASE WHEN " + condition + " THEN " + expr + (shown == null ? "" : " ELSE " + shown) + " END");
        });
        String geometry = "CASE WHEN " + condition + " THEN " + SqlNames.quote(layer.geometryColumn()) + " ELSE "
                + SqlNames.quote(DIFFUSION_GEOMETRY) + " END";
        return new LayerAccess(true, geometry, condition + " OR " + SqlNames.quote(LEVEL) + " < " + NOT_DIFFUSED, attributes,
                accessLevel, false, List.of(SqlNames.quote(layer.geometryColumn()), SqlNames.quote(DIFFUSION_GEOMETRY)));
    }

    /**
     * The public sees a blurred occurrence (diffusion level 1 to 3) as its diffusion area, which sinp.diffusion_area
     * keeps once (by the md5 of its EWKB and its level, the key of the expression index on sinp.occurrence), and every
     * other occurrence it sees (level 0) where it is. All the occurrences of an area share its level, and none of them
     * is exact.
     */
    private static SharedAreas publicAreas(LayerAccess publicView) {
        String level = SqlNames.quote(LEVEL);
        Map<String, String> shared = new LinkedHashMap<>();
        if (SqlNames.quote(LEVEL).equals(publicView.attributeExpressions().get(LEVEL))) {
            shared.put(LEVEL, "a.diffusion_level");
        }
        if (publicView.attributeExpressions().containsKey(EXACT_FLAG)) {
            shared.put(EXACT_FLAG, "false");
        }
        return new SharedAreas(AREAS, "id", "geom", level + " BETWEEN 1 AND 3 AND md5(ST_AsEWKB("
                + SqlNames.quote(DIFFUSION_GEOMETRY) + ")) = a.hash AND " + level + " = a.diffusion_level",
                level + " = 0", shared);
    }

    private static Map<String, String> publicAttributes(Map<String, String> attributes) {
        String level = SqlNames.quote(LEVEL);
        PERSONAL.forEach(attributes::remove);
        // an attachment shown down to the coarsest level the public sees (the département) is shown on every row it
        // sees: left bare, a filter on it reaches the table (the partition of that département alone)
        ATTACHMENTS.forEach((column, finest) -> attributes.computeIfPresent(column, (name, expr) -> finest >= NOT_DIFFUSED - 1
                ? expr : "CASE WHEN " + level + " <= " + finest + " THEN " + expr + " END"));
        return attributes;
    }
}
