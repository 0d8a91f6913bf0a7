package fr.yseraa.observatory.ext.api;

import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Taxon names for search suggestions: the TAXREF names present in the occurrence layers (those with the attributes
 * {@code cd_nom}, {@code nom_scientifique}, {@code nom_vernaculaire}) among the occurrences the caller may see, with
 * how many the caller sees and where (their extent as the caller sees them, in WGS 84).
 */
public final class TaxonNames {

    /** A taxon found: its TAXREF code, names, the number of occurrences seen and their extent (lon/lat). */
    public record Taxon(int cdNom, String scientificName, String vernacularName, long occurrences, double[] bbox) {
    }

    static final List<String> ATTRIBUTES = List.of("cd_nom", "nom_scientifique", "nom_vernaculaire");
    /** Accented letters folded for matching, both sides. */
    private static final String ACCENTED = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ";
    private static final String PLAIN = "aaaaaaceeeeiiiinooooouuuuyyoa";

    private TaxonNames() {
    }

    /** The layers holding TAXREF names that the caller may read. */
    public static List<LayerInfo> layers(CallerFeatures seen) {
        return seen.layers().stream()
                .filter(l -> ATTRIBUTES.stream().allMatch(a -> l.attribute(a).isPresent())).toList();
    }

    /**
     * The taxa whose scientific or vernacular name contains {@code text} (case and accents ignored), those whose name
     * starts with it first, then by number of occurrences seen; at most {@code limit}.
     */
    public static List<Taxon> suggest(CallerFeatures seen, String text, int limit) {
        List<LayerInfo> layers = layers(seen);
        if (layers.isEmpty()) {
            return List.of();
        }
        String folded = fold(text);
        return seen.aggregate(layers, 10, sql -> {
            String union = layers.stream().map(l -> "SELECT cd_nom, nom_scientifique, nom_vernaculaire, "
                    + "ST_Transform(" + SqlNames.quote(l.geometryColumn()) + ", 4326) AS g FROM "
                    + sql.relation(l.qualifiedName()) + " r").collect(Collectors.joining(" UNION ALL "));
            String name = "translate(lower(%s), '" + ACCENTED + "', '" + PLAIN + "')";
            String sci = name.formatted("nom_scientifique");
            String vern = name.formatted("coalesce(nom_vernaculaire, '')");
            String query = "SELECT cd_nom, nom_scientifique, nom_vernaculaire, n,"
                    + " ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT cd_nom, nom_scientifique, nom_vernaculaire, ST_Extent(g) AS e, count(*) AS n,"
                    + " bool_or(" + sci + " LIKE ? OR " + vern + " LIKE ?) AS starts"
                    + " FROM (" + union + ") o WHERE " + sci + " LIKE ? OR " + vern + " LIKE ?"
                    + " GROUP BY cd_nom, nom_scientifique, nom_vernaculaire) t"
                    + " ORDER BY starts DESC, n DESC, nom_scientifique LIMIT ?";
            String like = escape(folded);
            List<Taxon> found = new ArrayList<>();
            try (PreparedStatement ps = sql.connection().prepareStatement(query)) {
                ps.setString(1, like + "%");
                ps.setString(2, like + "%");
                ps.setString(3, "%" + like + "%");
                ps.setString(4, "%" + like + "%");
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Taxon(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                new double[] {rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)}));
                    }
                }
            }
            return found;
        });
    }

    /** Lower case, accents folded, as the SQL folds the names. */
    static String fold(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            int i = ACCENTED.indexOf(c);
            b.append(i >= 0 ? PLAIN.charAt(i) : c);
        }
        return b.toString();
    }

    /** The text as a LIKE pattern matching itself (default escape character: backslash). */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
