package fr.yseraa.observatory.ext.imports;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** A producer's file read one record at a time, in bounded memory whatever its size. */
abstract class SourceFile implements Closeable {

    /**
     * One record of the file.
     *
     * @param line its line in a CSV file (the header is line 1), its rank in a GeoJSON file or a GeoPackage table
     *     (the first feature is 1)
     * @param values source column → text, empty cells left out
     * @param geometry the record's own geometry (a GeoJSON feature's, WGS 84; a GeoPackage feature's, in its CRS), or null
     * @param geometryText the record's own geometry as written, for the report, or null
     */
    record Record(long line, Map<String, String> values, Geometry geometry, String geometryText) {
    }

    /** The next record, or null at the end of the file. */
    abstract Record next() throws IOException;

    /** How far the reading is, in bytes of the file (an estimate where records are not read in file order). */
    abstract long position();

    /**
     * Opens a CSV file ({@code .csv}, {@code .txt}), a GeoJSON FeatureCollection ({@code .geojson}, {@code .json}) or
     * a GeoPackage ({@code .gpkg}).
     */
    static SourceFile open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gpkg")) {
            return new GeoPackageSource(file);
        }
        CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
        try {
            if (name.endsWith(".geojson") || name.endsWith(".json")) {
                return new GeoJsonSource(in);
            }
            if (name.endsWith(".csv") || name.endsWith(".txt")) {
                return new CsvSource(in);
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        in.close();
        throw new IllegalArgumentException("unknown file format: " + file.getFileName()
                + " (CSV: .csv or .txt; GeoJSON: .geojson or .json; GeoPackage: .gpkg)");
    }

    /** A file read as a stream of bytes from start to end (CSV, GeoJSON). */
    abstract static class Streamed extends SourceFile {
        private final CountingInputStream in;

        Streamed(CountingInputStream in) {
            this.in = in;
        }

        @Override
        final long position() {
            return in.count();
        }

        @Override
        public final void close() throws IOException {
            in.close();
        }
    }

    /** Counts the bytes read, for the progress bar. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
