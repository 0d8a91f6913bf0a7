package fr.yseraa.observatory.wms.info;

import java.math.BigDecimal;
import java.sql.Timestamp;

/** How attribute values read in feature info answers. */
final class Values {

    private Values() {
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }
}
