package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.server.security.UserStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What each caller may learn of a target occurrence, by the SINP rules (SINP.md, the README's table), and the
 * assertions every service's answers must meet. The expectations come from the caller's stored roles and
 * organisation and the occurrence's sensitivity, diffusion level and producer, never from the server's policy code.
 */
final class LeakAssertions {

    /** How a caller may see an occurrence. */
    enum View { EXACT, BLURRED, HIDDEN }

    private final JdbcTemplate db;
    private final Map<Who, UserStore.StoredUser> accounts;

    LeakAssertions(JdbcTemplate db, Map<Who, UserStore.StoredUser> accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    private Set<String> roles(Who who) {
        return who.login == null ? Set.of() : accounts.get(who).roles();
    }

    private boolean producerOf(Who who, Target t) {
        return roles(who).contains("producer") && who.login != null
                && Integer.valueOf(t.producerId()).equals(accounts.get(who).organisationId());
    }

    private boolean entitled(Who who) {
        return roles(who).contains("instructor") || roles(who).contains("admin");
    }

    View view(Who who, Target t) {
        if (entitled(who) || t.level() == 0 || producerOf(who, t)
                || roles(who).contains("partner") && "0".equals(t.sensitivity())) {
            return View.EXACT;
        }
        return t.level() == 4 ? View.HIDDEN : View.BLURRED;
    }

    boolean seesObserver(Who who, Target t) {
        return view(who, t) != View.HIDDEN && (entitled(who) || roles(who).contains("partner") || producerOf(who, t));
    }

    /**
     * The coordinates an answer gave for the target (Lambert-93): the exact point among them for a caller entitled
     * to it; none closer to the exact point than the edge of the diffusion geometry otherwise; none at all when the
     * occurrence is hidden.
     */
    void coordinates(Who who, Target t, List<double[]> xy, String what) {
        String as = what + " for " + who + ", " + t;
        switch (view(who, t)) {
            case EXACT -> assertThat(xy).as(as + ": the exact point").anySatisfy(p ->
                    assertThat(Math.hypot(p[0] - t.x(), p[1] - t.y())).isLessThan(1.0));
            case BLURRED -> assertThat(xy).as(as + ": the diffusion geometry only").isNotEmpty().allSatisfy(p ->
                    assertThat(Math.hypot(p[0] - t.x(), p[1] - t.y())).isGreaterThan(t.margin() - 1.0));
            default -> assertThat(xy).as(as + ": nothing").isEmpty();
        }
    }

    /** The target is in a textual answer (its unique idSINPOccTax) when the caller may see it, its observer when allowed. */
    void text(Who who, Target t, String body, String what) {
        String plain = Coordinates.unescape(body);
        String as = what + " for " + who + ", " + t;
        if (view(who, t) == View.HIDDEN) {
            assertThat(plain).as(as + ": not there at all").doesNotContain(t.uuid());
        } else {
            assertThat(plain).as(as + ": the occurrence is there").contains(t.uuid());
        }
        if (seesObserver(who, t)) {
            assertThat(plain).as(as + ": its observer").contains(t.observerName());
        } else {
            assertThat(plain).as(as + ": no observer name").doesNotContain(t.observerName());
        }
    }

    /**
     * A map of the target alone (filtered on its id) around its exact point, fully inside its diffusion geometry: a
     * marker at the exact pixel for an entitled caller; one uniform colour otherwise (the blurred polygon's fill, or
     * nothing), so no pixel tells where the occurrence is.
     */
    void pixels(Who who, Target t, BufferedImage image, int px, int py, String what) {
        String as = what + " for " + who + ", " + t;
        int corner = image.getRGB(0, 0);
        switch (view(who, t)) {
            case EXACT -> assertThat(image.getRGB(px, py)).as(as + ": a marker at the exact place").isNotEqualTo(corner);
            case BLURRED -> {
                assertThat(corner >>> 24).as(as + ": the diffusion polygon is drawn").isPositive();
                assertThat(distinctColours(image)).as(as + ": one colour, nothing at the exact place").isEqualTo(1);
            }
            default -> {
                assertThat(distinctColours(image)).as(as + ": nothing drawn").isEqualTo(1);
                assertThat(corner >>> 24).as(as + ": nothing drawn").isZero();
            }
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** Coordinates of another CRS in Lambert-93, transformed by PostGIS. */
    List<double[]> toLambert(int srid, List<double[]> xy) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : xy) {
            out.add(db.queryForObject("SELECT ARRAY[ST_X(g), ST_Y(g)] FROM ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), ?), 2154) g",
                    (rs, i) -> {
                        Double[] v = (Double[]) rs.getArray(1).getArray();
                        return new double[] {v[0], v[1]};
                    }, p[0], p[1], srid));
        }
        return out;
    }

    /**
     * The geometry of an occurrence {@code o} (joined with its dataset {@code d}) as the caller may see it, by the
     * rules above: an independent oracle for counts.
     */
    String visibleGeometrySql(Who who) {
        List<String> exact = new ArrayList<>(List.of("o.diffusion_level = 0"));
        if (entitled(who)) {
            exact.add("true");
        }
        if (roles(who).contains("partner")) {
            exact.add("o.sensi_niveau = '0'");
        }
        if (roles(who).contains("producer") && accounts.get(who).organisationId() != null) {
            exact.add("d.producer_id = " + accounts.get(who).organisationId());
        }
        return "CASE WHEN " + String.join(" OR ", exact) + " THEN o.geom WHEN o.diffusion_level < 4 THEN o.diffusion_geom END";
    }

    /** How many occurrences the caller may see whose visible geometry meets the SQL condition on {@code v}. */
    long count(Who who, String conditionOnV) {
        return db.queryForObject("SELECT count(*) FROM (SELECT " + visibleGeometrySql(who) + " AS v, o.statut_observation"
                + " FROM sinp.occurrence o JOIN ref.dataset d ON d.uuid = o.jdd_metadonnee_dee_id) s WHERE v IS NOT NULL AND "
                + conditionOnV, Long.class);
    }
}
