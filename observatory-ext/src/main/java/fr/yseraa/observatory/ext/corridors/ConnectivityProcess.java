package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code obs:Connectivity}: the landscape graph of a sub-network over an area (patches and links as features), its
 * PC, IIC and ECA, and the dPC of every patch so that the most important ones can be mapped.
 */
public final class ConnectivityProcess implements WpsProcess {

    static final String PATCH_SOURCE = "patchSource";
    static final String MIN_PATCH_AREA = "minPatchArea";
    static final String MIN_PROBABILITY = "minProbability";
    static final String IMPORTANCE = "importance";
    /** Above this many patches the all-pairs work is refused: the client narrows the area or raises the minimum. */
    static final int MAX_PATCHES = 3000;
    /** The largest minimum patch area a client may ask for, in hectares (beyond it no patch of the region is left). */
    static final double MAX_MIN_PATCH_AREA_HA = 100_000;

    private static final ProcessDescription DESCRIPTION = new ProcessDescription("obs:Connectivity",
            ProcessTexts.title("Connectivity"), ProcessTexts.abstractText("Connectivity"),
            "1.0.0",
            List.of(CorridorInputs.subNetwork(true), CorridorInputs.dispersalDistance(), CorridorInputs.habitatClasses(),
                    new InputDescription.Literal(PATCH_SOURCE, "Nœuds du graphe",
                            "habitat : taches d'habitat favorable ; reservoirs : réservoirs de biodiversité de la sous-trame",
                            0, 1, LiteralType.STRING, PatchSource.codes(), PatchSource.HABITAT.code, null, null, null),
                    new InputDescription.Literal(MIN_PATCH_AREA, "Surface minimale d'une tache",
                            "Les taches plus petites sont ignorées", 0, 1, LiteralType.DOUBLE, List.of(),
                            Double.toString(GraphSettings.DEFAULT_MIN_PATCH_AREA_HA), "ha", 0.0, MAX_MIN_PATCH_AREA_HA),
                    new InputDescription.Literal(MIN_PROBABILITY, "Probabilité de coupure",
                            "Les liens dont la probabilité de dispersion directe est inférieure sont ignorés pour PC, ECA "
                                    + "et dPC (graphe creux) ; la synthèse donne le PC qui peut manquer de ce fait "
                                    + "(PC_truncationBound). L'IIC garde tous les liens jusqu'à la distance de dispersion",
                            0, 1, LiteralType.DOUBLE, List.of(), Double.toString(GraphSettings.DEFAULT_MIN_PROBABILITY), null,
                            GraphSettings.LOWEST_MIN_PROBABILITY, 1.0),
                    new InputDescription.Literal(IMPORTANCE, "Importance des taches",
                            "Calculer le dPC de chaque tache (intra, flux, connecteur ; quelques secondes pour des "
                                    + "centaines de taches, davantage au-delà : exécution asynchrone conseillée pour une "
                                    + "grande zone)", 0, 1, LiteralType.BOOLEAN, List.of(), "true", null, null, null),
                    CorridorInputs.area("Zone d'étude (A_L) ; par défaut le territoire de l'observatoire")),
            List.of(new OutputDescription.Literal("PC", "Probabilité de connectivité", null, LiteralType.DOUBLE, null),
                    new OutputDescription.Literal("IIC", "Indice intégral de connectivité", null, LiteralType.DOUBLE, null),
                    new OutputDescription.Literal("ECA", "Aire connectée équivalente", null, LiteralType.DOUBLE, "ha"),
                    new OutputDescription.Complex("summary", "Synthèse", "Indices et paramètres du calcul", List.of(Format.JSON)),
                    new OutputDescription.Complex("patches", "Taches", "Taches du graphe avec leur dPC",
                            List.of(Format.GEOJSON, Format.CSV)),
                    new OutputDescription.Complex("links", "Liens", "Liens du graphe avec leur distance et probabilité",
                            List.of(Format.GEOJSON, Format.CSV))),
            List.of(ObservatoryLayers.TERRITORY, ObservatoryLayers.HABITATS, ObservatoryLayers.RESERVOIRS));

    @Override
    public ProcessDescription description() {
        return DESCRIPTION;
    }

    /** What the process reads from the database before it computes: the graph and its features' geometries. */
    private record ReadGraph(SpeciesGroup group, GraphSettings settings, LandscapeGraph graph,
                             List<String> patchGeometries, List<String> linkGeometries) {
    }

    /**
     * Reads the graph and the geometries of its patches and links in one transaction, gives the connection back,
     * then computes the indices in Java (the long part) without holding any, checking the execution's budget as it
     * goes.
     */
    @Override
    public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
        String subNetwork = inputs.string(CorridorInputs.SUB_NETWORK).orElseThrow();
        ReadGraph read = context.read(layers -> {
            Connection c = layers.connection();
            SpeciesGroup group = CorridorInputs.speciesGroup(inputs, subNetwork, c);
            StudyArea area = StudyArea.resolve(layers, CorridorInputs.AREA, inputs.complex(CorridorInputs.AREA));
            GraphSettings settings = GraphSettings.of(group, inputs.number(MIN_PROBABILITY).orElseThrow(),
                    inputs.number(MIN_PATCH_AREA).orElseThrow());
            context.progress().progress(10, "Construction du graphe paysager");
            LandscapeGraph graph = LandscapeGraphBuilder.build(layers, area, group,
                    PatchSource.of(inputs.string(PATCH_SOURCE).orElseThrow()), settings);
            if (graph.patches().size() > MAX_PATCHES) {
                throw OwsException.invalidParameter(MIN_PATCH_AREA, "The graph would have " + graph.patches().size()
                        + " patches (at most " + MAX_PATCHES + "): raise " + MIN_PATCH_AREA + " or narrow the area");
            }
            if (graph.patches().isEmpty()) {
                throw OwsException.invalidParameter(CorridorInputs.AREA, "No patch of " + subNetwork + " habitat in the area");
            }
            return new ReadGraph(group, settings, graph, patchGeometries(c), linkGeometries(c, graph, settings));
        });
        LandscapeGraph graph = read.graph();
        GraphSettings settings = read.settings();
        context.progress().progress(40, "Calcul des indices (" + graph.patches().size() + " taches)");
        ConnectivityIndices indices = ConnectivityCalculator.compute(graph, settings.kernel(), settings.pcCutoff(),
                settings.iicThreshold(), inputs.bool(IMPORTANCE).orElseThrow(), context::checkpoint);
        context.progress().progress(80, "Écriture des résultats");
        return new ProcessResult.Builder().literal("PC", indices.pc()).literal("IIC", indices.iic())
                .literal("ECA", indices.eca())
                .complex("summary", JsonReport.renderings(summary(read.group(), settings, graph, indices)))
                .complex("patches", patches(graph, read.patchGeometries(), indices).renderings())
                .complex("links", links(graph, read.linkGeometries(), settings).renderings())
                .build();
    }

    private static Map<String, Object> summary(SpeciesGroup group, GraphSettings settings, LandscapeGraph graph,
                                               ConnectivityIndices indices) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("subNetwork", group.subNetwork());
        s.put("habitatClasses", group.habitatClasses());
        s.putAll(settings.report());
        s.put("patches", graph.patches().size());
        s.put("links", graph.links().size());
        s.put("habitatArea_ha", graph.habitatArea());
        s.put("landscapeArea_ha", graph.landscapeArea());
        s.putAll(pcFigures(indices));
        s.put("IIC", indices.iic());
        s.put("ECA_share_of_habitat", indices.eca() / graph.habitatArea());
        return s;
    }

    /**
     * PC, ECA, the number of components of PC's graph, and the truncation bound: the most PC the probability cut-off
     * can leave out (see {@link ConnectivityIndices#pcTruncationBound}).
     */
    static Map<String, Object> pcFigures(ConnectivityIndices indices) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("PC", indices.pc());
        s.put("ECA_ha", indices.eca());
        s.put("components", indices.components());
        s.put("PC_truncationBound", indices.pcTruncationBound());
        return s;
    }

    /** The patches' geometries as GeoJSON in WGS 84, in the graph's order. */
    private static List<String> patchGeometries(Connection c) throws SQLException {
        List<String> geometries = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ST_AsGeoJSON(ST_Transform(geom, 4326), 7)"
                + " FROM " + LandscapeGraphBuilder.PATCH_TABLE + " ORDER BY idx")) {
            while (rs.next()) {
                geometries.add(rs.getString(1));
            }
        }
        return geometries;
    }

    /**
     * The links as lines between the nearest points of their patches (GeoJSON in WGS 84), in the order the builder
     * listed them.
     */
    private static List<String> linkGeometries(Connection c, LandscapeGraph graph, GraphSettings settings)
            throws SQLException {
        List<String> geometries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.idx, b.idx,"
                + " ST_AsGeoJSON(ST_Transform(ST_ShortestLine(a.geom, b.geom), 4326), 7) FROM "
                + LandscapeGraphBuilder.PATCH_TABLE + " a JOIN " + LandscapeGraphBuilder.PATCH_TABLE
                + " b ON a.idx < b.idx AND ST_DWithin(a.geom, b.geom, ?) ORDER BY 1, 2")) {
            ps.setDouble(1, settings.linkDistance());
            try (ResultSet rs = ps.executeQuery()) {
                for (LandscapeGraph.Link l : graph.links()) {
                    if (!rs.next() || rs.getInt(1) != l.from() || rs.getInt(2) != l.to()) {
                        throw new IllegalStateException("links changed while being read");
                    }
                    geometries.add(rs.getString(3));
                }
            }
        }
        return geometries;
    }

    private static FeatureTable patches(LandscapeGraph graph, List<String> geometries, ConnectivityIndices indices) {
        FeatureTable table = new FeatureTable(List.of("area_ha", "dPC", "dPC_intra", "dPC_flux", "dPC_connector"));
        for (int idx = 0; idx < graph.patches().size(); idx++) {
            LandscapeGraph.Patch patch = graph.patches().get(idx);
            if (indices.importance().isEmpty()) {
                table.add(patch.id(), java.util.Arrays.asList(patch.area(), null, null, null, null), geometries.get(idx));
            } else {
                ConnectivityIndices.PatchImportance p = indices.importance().get(idx);
                table.add(p.id(), List.of(patch.area(), p.dPC(), p.intra(), p.flux(), p.connector()), geometries.get(idx));
            }
        }
        return table;
    }

    /** The links, with pc_link and iic_link telling which index counts them. */
    private static FeatureTable links(LandscapeGraph graph, List<String> geometries, GraphSettings settings) {
        FeatureTable table = new FeatureTable(List.of("from", "to", "distance_m", "probability", "pc_link", "iic_link"));
        for (int n = 0; n < graph.links().size(); n++) {
            LandscapeGraph.Link l = graph.links().get(n);
            table.add("l" + n, List.of(graph.patches().get(l.from()).id(), graph.patches().get(l.to()).id(),
                    l.distance(), settings.kernel().probability(l.distance()), l.distance() <= settings.pcCutoff(),
                    l.distance() <= settings.iicThreshold()), geometries.get(n));
        }
        return table;
    }
}
