package fr.yseraa.observatory.ext.corridors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A species group as the indicators see it: the sub-network it lives in, its median dispersal distance and the
 * habitat classes it finds favourable.
 */
public record SpeciesGroup(String subNetwork, double dispersalDistance, List<String> habitatClasses) {

    public static final List<String> SUB_NETWORKS = List.of("wetland", "woodland", "grassland", "aquatic");
    /** The land-cover classes of landscape.habitat_class. */
    public static final List<String> HABITAT_CLASSES = List.of("open_water", "reed_marsh", "wet_grassland", "woodland",
            "hedgerow", "grassland", "arable", "market_garden", "urban");

    public SpeciesGroup {
        habitatClasses = List.copyOf(habitatClasses);
    }

    /**
     * The default median dispersal distance of a sub-network's typical species, in metres: amphibians and
     * dragonflies of the marsh (wetland, 1 000 m), forest mammals and birds (woodland, 1 500 m), grassland
     * butterflies and orthopterans (grassland, 800 m), fish and aquatic invertebrates along the water (aquatic, 2 000 m).
     */
    public static double defaultDispersalDistance(String subNetwork) {
        return switch (subNetwork) {
            case "wetland" -> 1000;
            case "woodland" -> 1500;
            case "grassland" -> 800;
            case "aquatic" -> 2000;
            default -> throw new IllegalArgumentException("unknown sub-network " + subNetwork);
        };
    }

    /** The habitat classes the data model marks favourable to a sub-network (landscape.habitat_class). */
    public static List<String> favourableClasses(Connection c, String subNetwork) throws SQLException {
        List<String> classes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT code FROM landscape.habitat_class WHERE sub_network = ? ORDER BY code")) {
            ps.setString(1, subNetwork);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    classes.add(rs.getString(1));
                }
            }
        }
        return classes;
    }
}
