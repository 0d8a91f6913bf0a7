package fr.yseraa.observatory.ext.imports;

import java.util.Locale;

/**
 * How many rejected rows an import tolerates ({@code --max-rejected N} or {@code P%} of the rows read): above it, the
 * import is refused as a whole and writes nothing, its report still listing every rejection.
 *
 * @param count the most rejected rows, or -1 when the limit is a share
 * @param percent the most rejected rows in percent of the rows read, or -1 when the limit is a count
 */
public record RejectionLimit(long count, double percent) {

    /** No limit: every valid row is written whatever the rejections. */
    public static final RejectionLimit NONE = new RejectionLimit(Long.MAX_VALUE, -1);

    /** {@code N} (a number of rows) or {@code P%} (a share of the rows read, 0 to 100). */
    public static RejectionLimit parse(String text) {
        String t = text.strip();
        try {
            if (t.endsWith("%")) {
                double p = Double.parseDouble(t.substring(0, t.length() - 1).strip());
                if (p >= 0 && p <= 100) {
                    return new RejectionLimit(-1, p);
                }
            } else if (Long.parseLong(t) >= 0) {
                return new RejectionLimit(Long.parseLong(t), -1);
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new IllegalArgumentException("the most rejected rows is a number (10) or a percentage of the rows read (0.5%), not " + text);
    }

    /** Whether {@code rejected} rows out of {@code read} are more than the limit allows. */
    boolean exceeded(long rejected, long read) {
        return percent >= 0 ? rejected * 100.0 > percent * read : rejected > count;
    }

    @Override
    public String toString() {
        return percent >= 0 ? String.format(Locale.ROOT, "%s%%", stripped(percent)) : Long.toString(count);
    }

    private static String stripped(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
