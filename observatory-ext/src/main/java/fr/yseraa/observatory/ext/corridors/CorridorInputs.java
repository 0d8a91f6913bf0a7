package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The inputs the corridor processes share, described once, and how they become a species group. */
final class CorridorInputs {

    static final String SUB_NETWORK = "subNetwork";
    static final String DISPERSAL = "dispersalDistance";
    static final String CLASSES = "habitatClasses";
    static final String AREA = "area";
    /** The longest median dispersal distance a client may give, in metres (far beyond any terrestrial group's). */
    static final double MAX_DISPERSAL_M = 100_000;
    static final List<Format> GEOMETRY_FORMATS = List.of(Format.GEOJSON, Format.WKT, Format.GML32);

    private CorridorInputs() {
    }

    static InputDescription subNetwork(boolean mandatory) {
        return new InputDescription.Literal(SUB_NETWORK, "Sous-trame",
                "Sous-trame écologique : wetland (milieux humides), woodland (boisée), grassland (prairiale), aquatic (aquatique)",
                mandatory ? 1 : 0, 1, LiteralType.STRING, SpeciesGroup.SUB_NETWORKS, null, null, null, null);
    }

    static InputDescription dispersalDistance() {
        return new InputDescription.Literal(DISPERSAL, "Distance de dispersion médiane",
                "Distance à laquelle la probabilité de dispersion vaut 0,5 (noyau exponentiel négatif). Par défaut selon la "
                        + "sous-trame : 1 000 m (humide), 1 500 m (boisée), 800 m (prairiale), 2 000 m (aquatique)",
                0, 1, LiteralType.DOUBLE, List.of(), null, "m", 1.0, MAX_DISPERSAL_M);
    }

    static InputDescription habitatClasses() {
        return new InputDescription.Literal(CLASSES, "Habitats favorables",
                "Classes d'occupation du sol favorables au groupe d'espèces (une valeur par occurrence). Par défaut, celles "
                        + "de la sous-trame",
                0, SpeciesGroup.HABITAT_CLASSES.size(), LiteralType.STRING, SpeciesGroup.HABITAT_CLASSES, null, null, null, null);
    }

    static InputDescription area(String abstractText) {
        return new InputDescription.Complex(AREA, "Zone d'étude", abstractText, 0, 1, GEOMETRY_FORMATS);
    }

    /** The species group the inputs describe, defaults taken from the sub-network. */
    static SpeciesGroup speciesGroup(ProcessInputs inputs, String subNetwork, Connection c) throws SQLException {
        double distance = inputs.number(DISPERSAL).orElse(SpeciesGroup.defaultDispersalDistance(subNetwork));
        List<String> classes = new ArrayList<>();
        inputs.all(CLASSES).forEach(v -> classes.add((String) v));
        return new SpeciesGroup(subNetwork, distance, classes.isEmpty() ? SpeciesGroup.favourableClasses(c, subNetwork) : classes);
    }
}
