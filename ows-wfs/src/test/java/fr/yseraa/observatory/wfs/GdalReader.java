package fr.yseraa.observatory.wfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;

/**
 * Files read by GDAL/OGR, the library QGIS and most desktop GIS read them with: its summary of a layer
 * ({@code ogrinfo -so}) and its rows ({@code ogr2ogr} to CSV, the geometry as WKT in column {@code WKT}).
 */
public final class GdalReader {

    private GdalReader() {
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ogrinfo")), "GDAL is not installed");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    /** GDAL's summary of one layer of a file: name, geometry type, feature count, extent, SRS, fields. */
    public static String summary(Path file, String layer) throws Exception {
        return run("ogrinfo", "-ro", "-so", file.toString(), layer);
    }

    /** The names of the layers GDAL finds in a file, in its order. */
    public static List<String> layers(Path file) throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : run("ogrinfo", "-ro", "-q", file.toString()).split("\n")) {
            // "1: zones (Multi Polygon)"
            int colon = line.indexOf(": ");
            if (colon > 0 && line.substring(0, colon).strip().matches("\\d+")) {
                String rest = line.substring(colon + 2).strip();
                int paren = rest.indexOf(" (");
                names.add(paren > 0 ? rest.substring(0, paren) : rest);
            }
        }
        return names;
    }

    /** The rows of one layer as GDAL reads them, each a map of field to text, with the geometry as WKT. */
    public static List<Map<String, String>> rows(Path file, String layer) throws Exception {
        Path csv = file.resolveSibling(layer + "-" + System.nanoTime() + ".csv");
        run("ogr2ogr", "-f", "CSV", csv.toString(), file.toString(), layer, "-lco", "GEOMETRY=AS_WKT");
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().build().parse(r)) {
            for (CSVRecord record : parser) {
                rows.add(new LinkedHashMap<>(record.toMap()));
            }
        }
        Files.delete(csv);
        return rows;
    }

    /** The fields GDAL reads in a layer's summary: name → type as ogrinfo prints it ("Integer (9.0)"). */
    public static Map<String, String> fields(String summary) {
        Map<String, String> fields = new LinkedHashMap<>();
        boolean inFields = false;
        for (String line : summary.split("\n")) {
            if (line.startsWith("Geometry Column") || line.startsWith("FID Column") || line.startsWith("Data axis")) {
                inFields = true;
                continue;
            }
            int colon = line.indexOf(": ");
            if (inFields && colon > 0 && !line.startsWith(" ")) {
                fields.put(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
        return fields;
    }

    /** Unzips an archive into a folder; the names of its entries, in order. */
    public static List<String> unzip(byte[] zip, Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                Files.write(folder.resolve(e.getName()), in.readAllBytes());
            }
        }
        return names;
    }
}
