package fr.yseraa.observatory.core.feature;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Attribute values as XML Schema lexical forms (dates ISO 8601, numbers without exponent loss). */
public final class ValueFormat {

    private ValueFormat() {
    }

    /** The text of a value, or null for SQL NULL. */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d) {
            return doubleText(d);
        }
        if (value instanceof Float f) {
            return doubleText(f.doubleValue());
        }
        if (value instanceof Array a) {
            return arrayText(a);
        }
        return value.toString();
    }

    private static String doubleText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        return Double.toString(d);
    }

    private static String arrayText(Array a) {
        try {
            Object[] items = (Object[]) a.getArray();
            List<String> texts = new ArrayList<>();
            for (Object item : items) {
                texts.add(item == null ? "" : text(item));
            }
            return String.join(",", texts);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read an array value", e);
        }
    }
}
