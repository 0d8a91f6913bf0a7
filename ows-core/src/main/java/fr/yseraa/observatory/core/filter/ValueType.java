package fr.yseraa.observatory.core.filter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * The kinds of value a property holds, from its PostgreSQL type ({@code format_type} text), each with the SQL
 * type request values are cast to and the conversion of a request value to the matching Java value. Types
 * without a kind of their own (enums, arrays...) are compared as text.
 */
public enum ValueType {
    INTEGER("bigint"),
    NUMERIC("numeric"),
    TEXT("text"),
    BOOLEAN("boolean"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    TIMESTAMPTZ("timestamptz"),
    UUID_TYPE("uuid"),
    /** Any other type: the property is cast to text and compared as text. */
    OTHER("text");

    private final String sqlCast;

    ValueType(String sqlCast) {
        this.sqlCast = sqlCast;
    }

    /** The SQL type bound values are cast to. */
    public String sqlCast() {
        return sqlCast;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ;
    }

    public boolean isTextual() {
        return this == TEXT || this == OTHER;
    }

    /** The kind of a PostgreSQL type as {@code format_type} writes it (typmods and all). */
    public static ValueType of(String sqlType) {
        String t = sqlType == null ? "" : sqlType.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", "").trim();
        if (t.endsWith("[]")) {
            return OTHER;
        }
        return switch (t) {
            case "smallint", "integer", "bigint", "int2", "int4", "int8", "serial", "bigserial" -> INTEGER;
            case "numeric", "decimal", "real", "double precision", "float4", "float8" -> NUMERIC;
            case "text", "character varying", "varchar", "character", "char", "bpchar", "name", "citext" -> TEXT;
            case "boolean", "bool" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamp without time zone", "timestamp" -> TIMESTAMP;
            case "timestamp with time zone", "timestamptz" -> TIMESTAMPTZ;
            case "uuid" -> UUID_TYPE;
            default -> OTHER;
        };
    }

    /** The kind of a literal value as the parsers give it. */
    public static ValueType ofLiteral(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return INTEGER;
        }
        if (value instanceof Number) {
            return NUMERIC;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof LocalDate) {
            return DATE;
        }
        if (value instanceof LocalDateTime) {
            return TIMESTAMP;
        }
        if (value instanceof OffsetDateTime) {
            return TIMESTAMPTZ;
        }
        return TEXT;
    }

    /**
     * A request value as the Java value of this kind.
     *
     * @throws IllegalArgumentException when the value does not fit ("abc" for an integer...)
     */
    public Object convert(Object value) {
        try {
            String text = value instanceof BigDecimal d ? numeric(d).toPlainString() : String.valueOf(value).trim();
            return switch (this) {
                case INTEGER -> value instanceof Number n && !(n instanceof BigDecimal) ? n.longValue()
                        : new BigDecimal(text).longValueExact();
                case NUMERIC -> numeric(value instanceof Number n && !(n instanceof BigDecimal)
                        ? new BigDecimal(n.toString()) : new BigDecimal(text));
                case BOOLEAN -> value instanceof Boolean b ? b : parseBoolean(text);
                case DATE -> toDate(value instanceof String s ? TimeValue.parseTemporal(s, null) : value);
                case TIMESTAMP -> toTimestamp(value instanceof String s ? TimeValue.parseTemporal(s, null) : value);
                case TIMESTAMPTZ -> toTimestampTz(value instanceof String s ? TimeValue.parseTemporal(s, null) : value);
                case UUID_TYPE -> UUID.fromString(text);
                case TEXT, OTHER -> text(value instanceof String s ? s : text);
            };
        } catch (ArithmeticException | NumberFormatException | fr.yseraa.observatory.core.ows.OwsException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Within PostgreSQL's numeric range (131072 digits before the point, 16383 after). */
    private static BigDecimal numeric(BigDecimal d) {
        if (d.precision() - d.scale() > 131_072 || d.scale() > 16_383) {
            throw new IllegalArgumentException("number out of range");
        }
        return d;
    }

    /** PostgreSQL text cannot hold the NUL character. */
    public static String text(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("text with a NUL character");
        }
        return s;
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "t", "1" -> true;
            case "false", "f", "0" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static LocalDate toDate(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        throw new IllegalArgumentException("not a date: " + v);
    }

    private static LocalDateTime toTimestamp(Object v) {
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        throw new IllegalArgumentException("not a timestamp: " + v);
    }

    private static OffsetDateTime toTimestampTz(Object v) {
        if (v instanceof OffsetDateTime t) {
            return t;
        }
        return toTimestamp(v).atOffset(ZoneOffset.UTC);
    }
}
