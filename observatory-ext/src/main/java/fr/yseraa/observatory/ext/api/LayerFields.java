package fr.yseraa.observatory.ext.api;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The attributes of a layer as end users read them: for each attribute the caller sees and that has a French label
 * ({@code fields.properties}), its label and the labels of its coded values: SINP nomenclature labels from the
 * reference tables ({@code sinp.nomenclature_column}, {@code ref.nomenclature}), else those of the labels file.
 * Attributes without a label (internal keys) are left out.
 */
public final class LayerFields {

    /** One attribute: its column name, French label and the French labels of its codes (empty when not coded). */
    public record Field(String name, String label, Map<String, String> codes) {
    }

    private static final Properties LABELS = labels();
    private static final String CODE_PREFIX = "code.";

    private LayerFields() {
    }

    /** The labelled attributes of a layer the caller may read, in the layer's order. */
    public static List<Field> of(CallerFeatures seen, LayerInfo layer) {
        Map<String, Map<String, String>> sinpCodes = new LinkedHashMap<>();
        seen.aggregate(List.of(), 10, sql -> {
            try (PreparedStatement ps = sql.connection().prepareStatement("""
                    SELECT c.column_name, n.code, n.label FROM sinp.nomenclature_column c
                    JOIN ref.nomenclature n ON n.type = c.nomenclature_type ORDER BY c.column_name, n.code""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sinpCodes.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                            rs.getString(3));
                }
            }
            return null;
        });
        List<Field> fields = new ArrayList<>();
        for (String name : seen.access(layer).attributeExpressions().keySet()) {
            String label = LABELS.getProperty(layer.name() + "." + name, LABELS.getProperty(name));
            if (label != null) {
                Map<String, String> codes = sinpCodes.containsKey(name) ? sinpCodes.get(name) : ownCodes(name);
                fields.add(new Field(name, label, codes));
            }
        }
        return fields;
    }

    private static Map<String, String> ownCodes(String column) {
        Map<String, String> codes = new LinkedHashMap<>();
        String prefix = CODE_PREFIX + column + ".";
        LABELS.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted()
                .forEach(k -> codes.put(k.substring(prefix.length()), LABELS.getProperty(k)));
        return codes;
    }

    private static Properties labels() {
        Properties p = new Properties();
        try (InputStream in = LayerFields.class.getResourceAsStream("fields.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
