package fr.yseraa.observatory.wfs.output.file;

import java.util.Locale;

/** How a file format stores the values of a PostgreSQL column type ({@code format_type} spelling). */
enum ValueKind {
    SMALL_INTEGER, INTEGER, BIG_INTEGER, REAL, DOUBLE, BOOLEAN, DATE, TIMESTAMP, TIMESTAMP_WITH_ZONE, TEXT;

    static ValueKind ofSql(String sqlType) {
        String t = sqlType.toLowerCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return TEXT;
        }
        if (t.equals("smallint")) {
            return SMALL_INTEGER;
        }
        if (t.equals("integer")) {
            return INTEGER;
        }
        if (t.equals("bigint")) {
            return BIG_INTEGER;
        }
        if (t.equals("real")) {
            return REAL;
        }
        if (t.equals("double precision") || t.startsWith("numeric")) {
            return DOUBLE;
        }
        if (t.equals("boolean")) {
            return BOOLEAN;
        }
        if (t.equals("date")) {
            return DATE;
        }
        if (t.startsWith("timestamp")) {
            return t.contains("with time zone") ? TIMESTAMP_WITH_ZONE : TIMESTAMP;
        }
        return TEXT;
    }

    boolean isInteger() {
        return this == SMALL_INTEGER || this == INTEGER || this == BIG_INTEGER;
    }

    boolean isFloating() {
        return this == REAL || this == DOUBLE;
    }
}
