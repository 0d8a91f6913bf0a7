package fr.yseraa.observatory.wmts.matrix;

import fr.yseraa.observatory.core.crs.CrsName;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the tile matrix sets of the data directory ({@code tilematrixsets/*.yaml}), one per file, each a quadtree:
 * a first level described by its scale denominator and matrix size, every next level at half the scale with twice
 * the tiles in each direction (see {@code data-dir/tilematrixsets/README.md}). Every problem of every file is
 * reported at once, with the file, and stops the start.
 */
public final class TileMatrixSetLoader {

    /** The size of a "standardized rendering pixel" (OGC 17-083r2, 6.1), in metres. */
    public static final double STANDARD_PIXEL = 0.00028;

    static final Set<String> KEYS = Set.of("id", "title", "crs", "mapCrs", "srid", "wellKnownScaleSet", "metersPerUnit",
            "topLeft", "tileSize", "levels", "level0");

    private TileMatrixSetLoader() {
    }

    public static TileMatrixSets load(Path dataDir) {
        Path folder = dataDir.resolve("tilematrixsets");
        List<String> problems = new ArrayList<>();
        List<TileMatrixSet> sets = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("The tile matrix set folder " + folder + " does not exist");
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                TileMatrixSet set = read(file, problems);
                if (set != null) {
                    if (sets.stream().anyMatch(s -> s.id().equals(set.id()))) {
                        problems.add(file + ": tile matrix set " + set.id() + " is defined twice");
                    }
                    sets.add(set);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + folder + ": " + e.getMessage(), e);
        }
        if (sets.isEmpty()) {
            problems.add(folder + ": no tile matrix set defined");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid tile matrix sets:\n  " + String.join("\n  ", problems));
        }
        return new TileMatrixSets(sets);
    }

    static TileMatrixSet read(Path file, List<String> problems) {
        Object doc;
        try (Reader in = Files.newBufferedReader(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": not readable YAML: " + e.getMessage());
            return null;
        }
        if (!(doc instanceof Map<?, ?> map)) {
            problems.add(file + ": expected a mapping of keys to values");
            return null;
        }
        int before = problems.size();
        Fields f = new Fields(file, map, problems);
        map.keySet().stream().filter(k -> !KEYS.contains(String.valueOf(k)))
                .forEach(k -> problems.add(file + ": unknown key '" + k + "' (known keys: " + KEYS + ")"));
        String id = f.text("id");
        String title = f.text("title");
        String crs = f.text("crs");
        String mapCrs = f.text("mapCrs");
        double srid = f.number("srid");
        double metersPerUnit = f.number("metersPerUnit");
        List<Double> topLeft = f.numbers("topLeft", 2);
        double tileSize = f.number("tileSize");
        List<Double> levels = f.numbers("levels", 2);
        Fields level0 = f.nested("level0");
        double scale0 = level0 == null ? Double.NaN : level0.number("scaleDenominator");
        double width0 = level0 == null ? Double.NaN : level0.number("matrixWidth");
        double height0 = level0 == null ? Double.NaN : level0.number("matrixHeight");
        if (problems.size() > before) {
            return null;
        }
        Optional<CrsName> named = CrsName.recognise(mapCrs);
        if (named.isEmpty() || named.get().srid() != (int) srid) {
            problems.add(file + ": mapCrs '" + mapCrs + "' must name the CRS of srid " + (int) srid
                    + " (EPSG:n or CRS:84)");
            return null;
        }
        if (!(metersPerUnit > 0 && scale0 > 0 && tileSize >= 1 && width0 >= 1 && height0 >= 1)) {
            problems.add(file + ": metersPerUnit, level0.scaleDenominator, tileSize and the matrix size must be positive");
            return null;
        }
        int first = levels.get(0).intValue();
        int last = levels.get(1).intValue();
        if (first < 0 || last < first || last > 30) {
            problems.add(file + ": levels must be [first, last] with 0 <= first <= last <= 30");
            return null;
        }
        List<TileMatrix> matrices = new ArrayList<>();
        for (int z = 0; z <= last; z++) {
            double scale = scale0 / (1L << z);
            if (z >= first) {
                matrices.add(new TileMatrix(Integer.toString(z), scale, scale * STANDARD_PIXEL / metersPerUnit,
                        topLeft.get(0), topLeft.get(1), (int) tileSize, (int) tileSize,
                        (long) width0 << z, (long) height0 << z));
            }
        }
        Object wkss = map.get("wellKnownScaleSet");
        return new TileMatrixSet(id, title, crs, named.get(), (int) srid, wkss == null ? null : wkss.toString(), matrices);
    }

    /** Typed access to a YAML mapping's values, collecting problems. */
    private record Fields(Path file, Map<?, ?> map, List<String> problems) {

        String text(String key) {
            Object v = map.get(key);
            if (v == null || v.toString().isBlank()) {
                problems.add(file + ": missing required key '" + key + "'");
                return null;
            }
            return v.toString().trim();
        }

        double number(String key) {
            Object v = map.get(key);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            problems.add(file + ": '" + key + "' must be a number" + (v == null ? " and is missing" : "; got " + v));
            return Double.NaN;
        }

        List<Double> numbers(String key, int size) {
            Object v = map.get(key);
            if (v instanceof List<?> list && list.size() == size && list.stream().allMatch(Number.class::isInstance)) {
                return list.stream().map(n -> ((Number) n).doubleValue()).toList();
            }
            problems.add(file + ": '" + key + "' must be a list of " + size + " numbers");
            return null;
        }

        Fields nested(String key) {
            Object v = map.get(key);
            if (v instanceof Map<?, ?> m) {
                return new Fields(file, m, problems);
            }
            problems.add(file + ": '" + key + "' must be a mapping");
            return null;
        }
    }
}
