package fr.yseraa.observatory.ext.taxref;

import org.apache.commons.csv.CSVRecord;

/** Values of the named columns of the INPN's files (TAXREF, BDC statuts): empty is none; a leading BOM is ignored. */
final class CsvColumns {

    private static final String BOM = "\uFEFF";

    private CsvColumns() {
    }

    /** Whether a header holds the column (perhaps behind a byte-order mark). */
    static boolean has(java.util.Map<String, Integer> header, String column) {
        return header.containsKey(column) || header.containsKey(BOM + column);
    }

    static String text(CSVRecord r, String column) {
        String key = r.isMapped(column) ? column : BOM + column;
        if (!r.isMapped(key) || !r.isSet(key)) {
            return null;
        }
        String v = r.get(key);
        return v.isEmpty() ? null : v;
    }

    static String required(CSVRecord r, String column) {
        String v = text(r, column);
        if (v == null) {
            throw new IllegalArgumentException("line " + r.getRecordNumber() + ": " + column + " is empty");
        }
        return v;
    }

    static int integer(CSVRecord r, String column) {
        String v = required(r, column);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + r.getRecordNumber() + ": " + column + " is not an integer: " + v);
        }
    }

    static Integer optionalInteger(CSVRecord r, String column) {
        return text(r, column) == null ? null : integer(r, column);
    }
}
