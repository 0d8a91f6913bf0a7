package fr.yseraa.observatory.ext.imports;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * What to import, where and how.
 *
 * @param file the producer's file (CSV, GeoJSON or GeoPackage, told by its name's extension)
 * @param dataset the dataset of {@code ref.dataset} the rows go to
 * @param mapping the mapping's name ({@code data-dir/imports/mappings/<mapping>.yaml})
 * @param mode incremental (the file's rows are inserted or updated) or full (the dataset's rows the file no longer
 *     holds are withdrawn too)
 * @param dryRun check and report without writing
 * @param maxRejected above how many rejected rows the import is refused as a whole
 */
public record ImportRequest(Path file, UUID dataset, String mapping, Mode mode, boolean dryRun, RejectionLimit maxRejected) {

    /** A request that writes the valid rows whatever the rejections. */
    public ImportRequest(Path file, UUID dataset, String mapping, Mode mode, boolean dryRun) {
        this(file, dataset, mapping, mode, dryRun, RejectionLimit.NONE);
    }

    /** How the file relates to the dataset. */
    public enum Mode {
        /** the file adds and changes rows: what it does not name stays */
        INCREMENTAL,
        /** the file is the whole dataset: what it does not name is withdrawn, with a tombstone */
        FULL;

        /** {@code incremental} or {@code full}, whatever the case. */
        public static Mode parse(String text) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(text.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("mode must be incremental or full, not " + text);
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
