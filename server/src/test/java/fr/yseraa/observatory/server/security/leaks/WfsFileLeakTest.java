package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * WFS GetFeature as files (GeoPackage, zipped Shapefile), read by GDAL as a desktop GIS would: every caller finds in
 * them exactly what the services show it — the diffusion geometry for the public, no observer name it may not see,
 * nothing of a hidden occurrence.
 */
class WfsFileLeakTest extends LeakTestBase {

    @TestFactory
    Stream<DynamicTest> getFeatureAsFiles() {
        return perCallerAndTarget("WFS GetFeature as files", (who, t) -> {
            for (String version : List.of("2.0.0", "1.1.0")) {
                for (String format : List.of("application/geopackage+sqlite3", "SHAPE-ZIP")) {
                    HttpResponse<byte[]> r = get(who, WfsLeakTest.getFeature(version, t) + "&outputFormat="
                            + enc(format));
                    String what = "WFS " + version + " " + format;
                    assertThat(r.statusCode()).as(what + ": " + text(r)).isEqualTo(200);
                    String rows = asCsv(r.body(), format.equals("SHAPE-ZIP"));
                    check.text(who, t, rows, what);
                    check.coordinates(who, t, Coordinates.wkt(rows), what);
                }
            }
        });
    }

    /** Every layer of the file as GDAL reads it: CSV with the geometry as WKT. */
    private static String asCsv(byte[] body, boolean zipped) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ogr2ogr")), "GDAL is not installed");
        Path dir = Files.createTempDirectory("leak-file-");
        try {
            List<Path> sources;
            if (zipped) {
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
                    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        Files.write(dir.resolve(e.getName()), zip.readAllBytes());
                    }
                }
                try (Stream<Path> files = Files.list(dir)) {
                    sources = files.filter(p -> p.toString().endsWith(".shp")).toList();
                }
                assertThat(sources).as("Shapefiles in the archive").isNotEmpty();
            } else {
                sources = List.of(Files.write(dir.resolve("answer.gpkg"), body));
            }
            StringBuilder csv = new StringBuilder();
            for (Path source : sources) {
                Path out = dir.resolve(source.getFileName() + ".csv");
                Process p = new ProcessBuilder("ogr2ogr", "-f", "CSV", out.toString(), source.toString(),
                        "-lco", "GEOMETRY=AS_WKT").redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(log).isZero();
                csv.append(Files.readString(out));
            }
            return csv.toString();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
