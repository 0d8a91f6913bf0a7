package fr.yseraa.observatory.ext.imports;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a date as producers write it: {@code YYYY-MM-DD} (optionally followed by a time after {@code T} or a space)
 * or {@code DD/MM/YYYY}, with the rules of the database's {@code sinp.parse_date} (a day that does not exist, such as
 * 2023-02-30, is no date). Read while staging, once a value, so that the checks in SQL only compare.
 */
final class SourceDate {

    private static final Pattern ISO = Pattern.compile("\\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ][0-9:.+Z-]*)?\\s*");
    private static final Pattern FRENCH = Pattern.compile("\\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\\s*");

    private SourceDate() {
    }

    /** The date the text writes, or null when it writes none (or is null). */
    static LocalDate parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ISO.matcher(text);
        if (m.matches()) {
            return date(m.group(1), m.group(2), m.group(3));
        }
        m = FRENCH.matcher(text);
        return m.matches() ? date(m.group(3), m.group(2), m.group(1)) : null;
    }

    private static LocalDate date(String year, String month, String day) {
        int y = Integer.parseInt(year);
        if (y < 1) {
            return null;
        }
        try {
            return LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
