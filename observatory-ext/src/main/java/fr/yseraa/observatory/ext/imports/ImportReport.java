package fr.yseraa.observatory.ext.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * What an import did (or, for a dry run, would do).
 *
 * @param read records read from the file
 * @param valid records that passed every check
 * @param inserted new occurrences
 * @param updated known occurrences the file changed
 * @param unchanged known occurrences the file gives again as they are
 * @param deleted occurrences of the dataset withdrawn because the file (in full mode) no longer holds them
 * @param rejected records rejected (each with at least one line in the report file)
 * @param reasons reason code → how many failed checks gave it, most frequent first
 * @param firstRejections the first rejections, in line order
 * @param reportFile the file listing the rejections (CSV, or JSON when its name ends in {@code .json})
 * @param dryRun whether nothing was written
 * @param changedArea the extent, in Lambert-93, of what changed (the exact and the diffusion geometries, before and
 *     after), or null when nothing did
 * @param seconds how long it took
 * @param refusal why the import was refused as a whole (more rejections than its limit), nothing written; else null
 */
public record ImportReport(long read, long valid, long inserted, long updated, long unchanged, long deleted,
                           long rejected, Map<String, Long> reasons, List<Rejection> firstRejections, Path reportFile,
                           boolean dryRun, Envelope changedArea, double seconds, String refusal) {

    /** One reason a record was rejected: where (line, standard field, source column), what value, why. */
    public record Rejection(long line, String field, String column, String value, String reason, String message) {
    }

    ImportReport withFirstRejections(List<Rejection> first) {
        return new ImportReport(read, valid, inserted, updated, unchanged, deleted, rejected, reasons, List.copyOf(first),
                reportFile, dryRun, changedArea, seconds, refusal);
    }

    /** The counts, and the first rejections, as the command prints them. */
    public String summary() {
        StringBuilder s = new StringBuilder(refusal == null ? "" : "refused (nothing written): " + refusal + System.lineSeparator());
        s.append(String.format(Locale.ROOT,
                "%s%,d read, %,d valid, %,d inserted, %,d updated, %,d unchanged, %,d deleted, %,d rejected in %.1f s%n",
                dryRun ? "dry run (nothing written): " : "", read, valid, inserted, updated, unchanged, deleted, rejected,
                seconds));
        for (Rejection r : firstRejections) {
            s.append(String.format("  line %d, %s (%s) = '%s': %s%n", r.line(), r.field(), r.column(),
                    r.value() == null ? "" : r.value(), r.message()));
        }
        if (rejected > 0) {
            s.append("every rejection: ").append(reportFile).append(System.lineSeparator());
        }
        return s.toString();
    }
}
