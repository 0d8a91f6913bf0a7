package fr.yseraa.observatory.core.filter;

/**
 * The temporal predicates of FES 2.0 on a date or timestamp property: After and Before an instant (or the end /
 * the start of a period), During a period (strictly inside, as FES defines it), TEquals an instant.
 */
public enum TemporalOperator {
    AFTER, BEFORE, DURING, TEQUALS
}
