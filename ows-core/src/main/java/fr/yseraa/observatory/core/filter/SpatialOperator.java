package fr.yseraa.observatory.core.filter;

/** The binary spatial predicates (DE-9IM) plus BBOX, each with its PostGIS function. */
public enum SpatialOperator {
    BBOX("ST_Intersects"),
    EQUALS("ST_Equals"),
    DISJOINT("ST_Disjoint"),
    TOUCHES("ST_Touches"),
    WITHIN("ST_Within"),
    OVERLAPS("ST_Overlaps"),
    CROSSES("ST_Crosses"),
    INTERSECTS("ST_Intersects"),
    CONTAINS("ST_Contains");

    private final String sqlFunction;

    SpatialOperator(String sqlFunction) {
        this.sqlFunction = sqlFunction;
    }

    public String sqlFunction() {
        return sqlFunction;
    }
}
