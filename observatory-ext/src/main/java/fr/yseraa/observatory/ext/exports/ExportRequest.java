package fr.yseraa.observatory.ext.exports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * What to export: one dataset or all of them, everything or only what changed after a date (with the deletions),
 * in CSV or GeoJSON.
 *
 * @param dataset the dataset (jddMetadonneeDEEId), or null for every dataset
 * @param since only the occurrences modified after it, and the deletions after it; null for the whole state
 */
public record ExportRequest(UUID dataset, OffsetDateTime since, Format format) {

    /** The file formats of an export. */
    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"),
        GEOJSON("application/geo+json", "geojson");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        /** {@code csv} or {@code geojson}, in any case; throws IllegalArgumentException naming the choices. */
        public static Format parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "geojson", "json" -> GEOJSON;
                default -> throw new IllegalArgumentException("unknown export format " + name + " (csv or geojson)");
            };
        }
    }

    public ExportRequest {
        if (format == null) {
            throw new IllegalArgumentException("an export needs a format");
        }
    }

    /**
     * A date ({@code 2026-12-01}, midnight UTC) or a date-time with its offset ({@code 2026-12-01T08:30:00+01:00});
     * throws IllegalArgumentException naming the forms accepted.
     */
    public static OffsetDateTime parseSince(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since: " + text + " is neither a date (2026-12-01) nor a date-time with "
                    + "its offset (2026-12-01T08:30:00+01:00 or 2026-12-01T07:30:00Z)");
        }
    }
}
