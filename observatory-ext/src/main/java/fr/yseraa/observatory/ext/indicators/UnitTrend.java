package fr.yseraa.observatory.ext.indicators;

import java.util.List;

/**
 * The change of an indicator between the periods of one unit, beside the change of the sampling effort over the same
 * periods ({@link #EFFORT_INDICATOR}, the observation days): Mann-Kendall tests, null when the unit has fewer than three
 * periods (and the effort's null too for an indicator that is not counted from occurrences).
 */
public record UnitTrend(String unitCode, String unitName, List<Period> periods, MannKendall value, MannKendall effort) {

    /** The indicator whose trend is the effort's. */
    public static final String EFFORT_INDICATOR = "effort_days";
    /** The significance level of the verdicts. */
    public static final double ALPHA = 0.05;

    public UnitTrend {
        periods = List.copyOf(periods);
    }

    /** In French: hausse significative, baisse significative, pas de tendance détectable, or too few periods. */
    public static String verdict(MannKendall test) {
        if (test == null) {
            return "trop peu de périodes pour une tendance";
        }
        if (test.p() >= ALPHA) {
            return "pas de tendance détectable";
        }
        return test.s() > 0 ? "hausse significative" : "baisse significative";
    }

    /** One French sentence on the value's trend, the effort's beside it, and a warning when both rise. */
    public String sentence() {
        if (value == null) {
            return "Trop peu de périodes (" + periods.size() + ") pour une tendance : il en faut au moins trois.";
        }
        String text = "Sur " + periods.size() + " périodes : " + verdict(value) + " (p = " + format(value.p()) + ")";
        if (effort == null) {
            return text + ".";
        }
        text += " ; effort d'observation (jours) : " + verdict(effort) + " (p = " + format(effort.p()) + ").";
        if (value.p() < ALPHA && value.s() > 0 && effort.s() > 0) {
            text += " L'effort a augmenté lui aussi : la hausse peut venir de l'effort plutôt que de la biodiversité.";
        } else if (value.p() < ALPHA && value.s() < 0 && effort.s() < 0) {
            text += " L'effort a diminué lui aussi : la baisse peut venir d'un moindre effort plutôt que d'une perte.";
        }
        return text;
    }

    private static String format(double p) {
        return p < 0.001 ? "< 0,001" : String.format(java.util.Locale.FRANCE, "%.3f", p);
    }
}
