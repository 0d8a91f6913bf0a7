package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.feature.Feature;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A filter evaluated on some attributes of a feature only (the values many features share): whether those values
 * alone decide it, whatever the other attributes, the id and the geometry are. It answers as {@link FilterEvaluator}
 * would on any feature having those values, unknown (null) values included.
 */
public final class PartialEvaluation {

    /** SQL's three values, and a fourth: the answer depends on what is not known. */
    private enum Truth { TRUE, FALSE, NULL, UNDECIDED }

    private PartialEvaluation() {
    }

    /**
     * @param known attribute values, by name; attributes not named are unknown
     * @return whether every feature with these values matches the filter, or empty when that depends on the others
     */
    public static Optional<Boolean> matches(Filter filter, Map<String, Object> known) {
        Truth t = truth(filter, known);
        return t == Truth.UNDECIDED ? Optional.empty() : Optional.of(t == Truth.TRUE);
    }

    private static Truth truth(Filter f, Map<String, Object> known) {
        if (f instanceof Filter.And and) {
            return combine(and.operands(), known, Truth.FALSE, Truth.TRUE);
        }
        if (f instanceof Filter.Or or) {
            return combine(or.operands(), known, Truth.TRUE, Truth.FALSE);
        }
        if (f instanceof Filter.Not not) {
            Truth t = truth(not.operand(), known);
            return t == Truth.TRUE ? Truth.FALSE : t == Truth.FALSE ? Truth.TRUE : t;
        }
        // the id and the geometry are never among the shared values
        if (f instanceof Filter.ResourceId || f instanceof Filter.Spatial || f instanceof Filter.Distance
                || !known.keySet().containsAll(FilterProperties.of(f))) {
            return Truth.UNDECIDED;
        }
        Feature feature = new Feature("", known, null);
        if (FilterEvaluator.matches(f, feature)) {
            return Truth.TRUE;
        }
        return FilterEvaluator.matches(new Filter.Not(f), feature) ? Truth.FALSE : Truth.NULL;
    }

    /**
     * And (the dominant value FALSE, the neutral one TRUE) or Or (the reverse): the dominant value decides alone;
     * otherwise an undecided operand leaves the whole undecided, then an unknown one makes it unknown.
     */
    private static Truth combine(List<Filter> operands, Map<String, Object> known, Truth dominant, Truth neutral) {
        boolean undecided = false;
        boolean unknown = false;
        for (Filter operand : operands) {
            Truth t = truth(operand, known);
            if (t == dominant) {
                return dominant;
            }
            undecided |= t == Truth.UNDECIDED;
            unknown |= t == Truth.NULL;
        }
        return undecided ? Truth.UNDECIDED : unknown ? Truth.NULL : neutral;
    }
}
