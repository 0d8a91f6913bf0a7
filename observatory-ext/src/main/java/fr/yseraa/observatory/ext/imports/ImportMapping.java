package fr.yseraa.observatory.ext.imports;

import fr.yseraa.observatory.core.crs.CrsName;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * How a producer's file layout maps onto the standard ({@code data-dir/imports/mappings/<name>.yaml}, described in
 * {@code data-dir/README.md}): which source column fills which standard fields, where the geometry is, which
 * labels stand for which codes, and the constants and defaults.
 *
 * @param name the mapping's name (its file name without {@code .yaml})
 * @param columns source column → the standard fields it fills
 * @param geometry where the geometry is read when the record carries none of its own (GeoJSON)
 * @param key source columns forming the producer's stable key of a row, for rows without an idSINPOccTax
 * @param values per field, lower-cased source value → code
 * @param constants per field, the value every row takes whatever the file says
 * @param defaults per field, the value a row takes when the file gives none
 */
record ImportMapping(String name, Map<String, List<StandardField>> columns, GeometrySource geometry, List<String> key,
                     Map<StandardField, Map<String, String>> values, Map<StandardField, String> constants,
                     Map<StandardField, String> defaults) {

    /** The folder of the mappings inside the data directory. */
    static final String FOLDER = "imports/mappings";

    /** A WKT / EWKT column, or X and Y columns; {@code srid} is the CRS of the coordinates (an EWKT's own wins). */
    record GeometrySource(String wkt, String x, String y, int srid) {
    }

    /** Reads {@code data-dir/imports/mappings/<name>.yaml}; a mistake names the file and what is wrong. */
    static ImportMapping load(Path dataDir, String name) throws IOException {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a mapping name is made of letters, digits, '-' and '_': " + name);
        }
        Path file = dataDir.resolve(FOLDER).resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no mapping " + name + " (" + file + " does not exist)");
        }
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        Map<String, Object> yaml = map(root, file, "the file");
        for (String k : yaml.keySet()) {
            if (!List.of("title", "columns", "geometry", "key", "values", "constants", "defaults").contains(k)) {
                throw problem(file, "unknown key '" + k + "' (keys: title, columns, geometry, key, values, constants, defaults)");
            }
        }
        Map<String, List<StandardField>> columns = new LinkedHashMap<>();
        map(yaml.get("columns"), file, "columns").forEach((column, target) -> {
            List<StandardField> fields = new ArrayList<>();
            for (Object f : target instanceof List<?> l ? l : List.of(String.valueOf(target))) {
                fields.add(field(String.valueOf(f), file, "columns." + column));
            }
            columns.put(column, List.copyOf(fields));
        });
        Map<String, Object> g = map(yaml.get("geometry"), file, "geometry");
        String crs = text(g.get("crs"));
        int srid = crs == null ? 4326 : CrsName.recognise(crs)
                .orElseThrow(() -> problem(file, "geometry.crs: unknown CRS " + crs + " (write EPSG:2154, EPSG:4326...)")).srid();
        GeometrySource geometry = new GeometrySource(text(g.get("wkt")), text(g.get("x")), text(g.get("y")), srid);
        if ((geometry.x() == null) != (geometry.y() == null) || geometry.wkt() != null && geometry.x() != null) {
            throw problem(file, "geometry: give either wkt, or x and y");
        }
        List<String> key = new ArrayList<>();
        Object k = yaml.get("key");
        for (Object c : k == null ? List.of() : k instanceof List<?> l ? l : List.of(k)) {
            key.add(String.valueOf(c));
        }
        Map<StandardField, Map<String, String>> values = new EnumMap<>(StandardField.class);
        map(yaml.get("values"), file, "values").forEach((f, m) -> {
            Map<String, String> labels = new LinkedHashMap<>();
            map(m, file, "values." + f).forEach((label, code) -> labels.put(normalise(label), String.valueOf(code)));
            values.put(field(f, file, "values"), labels);
        });
        return new ImportMapping(name, columns, geometry, List.copyOf(key), values,
                fieldValues(yaml.get("constants"), file, "constants"), fieldValues(yaml.get("defaults"), file, "defaults"));
    }

    /** The source columns that fill a field (for the report), or the standard name when none does. */
    String sourceOf(String standardName) {
        if (StandardField.GEOMETRY.equals(standardName)) {
            return geometry.wkt() != null ? geometry.wkt() : geometry.x() != null ? geometry.x() + ", " + geometry.y() : standardName;
        }
        List<String> sources = columns.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(f -> f.standardName.equals(standardName)))
                .map(Map.Entry::getKey).toList();
        return sources.isEmpty() ? standardName : String.join(", ", sources);
    }

    /** How labels are compared: trimmed, lower case. */
    static String normalise(String label) {
        return label.trim().toLowerCase(Locale.ROOT);
    }

    private static Map<StandardField, String> fieldValues(Object node, Path file, String where) {
        Map<StandardField, String> out = new EnumMap<>(StandardField.class);
        map(node, file, where).forEach((f, v) -> out.put(field(f, file, where), String.valueOf(v)));
        return out;
    }

    private static StandardField field(String name, Path file, String where) {
        return StandardField.byName(name).orElseThrow(() -> problem(file, where + ": '" + name
                + "' is not a standard field an import fills (idSINPOccTax, cdNom, nomCite, dateDebut...)"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, Path file, String where) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> m)) {
            throw problem(file, where + " must be a mapping of keys to values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) m).forEach((key, value) -> out.put(String.valueOf(key), value));
        return out;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static IllegalArgumentException problem(Path file, String message) {
        return new IllegalArgumentException(file + ": " + message);
    }
}
