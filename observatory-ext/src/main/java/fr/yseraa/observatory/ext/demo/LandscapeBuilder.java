package fr.yseraa.observatory.ext.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Builds the landscape of the demo: a land-cover mosaic (a marsh of open water, reed beds, wet grassland and market
 * gardens around Saint-Omer, woodland on the surrounding hills, farmland and towns elsewhere), rivers, canals and the
 * marsh's watergangs, roads and a railway, weirs and locks; then reservoirs and corridors derived from it in SQL.
 */
final class LandscapeBuilder {

    /** Forests around the marsh (lon, lat, radius in metres): Clairmarais, Éperlecques, Tournehem, Rihoult, Nieppe's edge. */
    private static final double[][] FORESTS = {
            {2.335, 50.780, 2200}, {2.150, 50.825, 2400}, {2.055, 50.800, 1800}, {2.310, 50.800, 1200},
            {2.470, 50.690, 1600}, {2.095, 50.720, 1300}};
    /** Towns (lon, lat, radius in metres): Saint-Omer, Arques, Longuenesse, Aire, Hazebrouck, Watten, Lumbres... */
    private static final double[][] TOWNS = {
            {2.258, 50.752, 1500}, {2.305, 50.737, 1300}, {2.240, 50.735, 1100}, {2.394, 50.640, 1100},
            {2.535, 50.724, 1400}, {2.213, 50.830, 600}, {2.122, 50.712, 600}, {2.285, 50.718, 700},
            {2.238, 50.712, 600}, {2.367, 50.729, 500}, {2.490, 50.799, 500}, {2.208, 50.770, 500}};
    private static final double[][] RIVER_AA = {
            {2.060, 50.690}, {2.122, 50.710}, {2.185, 50.708}, {2.225, 50.712}, {2.248, 50.735}, {2.262, 50.755},
            {2.268, 50.770}, {2.250, 50.800}, {2.228, 50.825}, {2.205, 50.838}, {2.190, 50.870}, {2.160, 50.930},
            {2.128, 50.985}};
    private static final double[][] CANAL_NEUFOSSE = {{2.300, 50.735}, {2.340, 50.712}, {2.375, 50.680}, {2.398, 50.645}};
    private static final double[][] CANAL_COLME = {{2.215, 50.838}, {2.300, 50.880}, {2.380, 50.930}, {2.430, 50.968}};
    private static final double[][] RIVER_YSER = {{2.340, 50.810}, {2.395, 50.850}, {2.440, 50.895}, {2.500, 50.905},
            {2.560, 50.920}, {2.590, 50.955}};
    private static final double[][] A26 = {{1.990, 50.860}, {2.070, 50.800}, {2.150, 50.745}, {2.200, 50.700},
            {2.300, 50.650}, {2.400, 50.600}};
    private static final double[][] A25 = {{2.370, 51.000}, {2.450, 50.900}, {2.520, 50.830}, {2.600, 50.760}};
    private static final double[][][] PRIMARY_ROADS = {
            {{2.255, 50.752}, {2.160, 50.815}, {2.050, 50.880}},
            {{2.270, 50.752}, {2.400, 50.733}, {2.535, 50.724}},
            {{2.245, 50.748}, {2.120, 50.712}, {1.980, 50.700}},
            {{2.262, 50.760}, {2.300, 50.850}, {2.370, 50.960}},
            {{2.240, 50.740}, {2.320, 50.690}, {2.394, 50.640}}};
    private static final double[][] RAILWAY = {{2.080, 50.880}, {2.212, 50.832}, {2.245, 50.800}, {2.266, 50.758},
            {2.300, 50.740}, {2.370, 50.730}, {2.410, 50.728}, {2.535, 50.722}};
    /** Locks (lon, lat, name). */
    private static final Object[][] LOCKS = {
            {2.258, 50.757, "Écluse du Haut-Pont"}, {2.296, 50.733, "Ascenseur à bateaux des Fontinettes"},
            {2.209, 50.836, "Écluse de Watten"}};

    private final Connection c;
    private final SplittableRandom random;
    private final Lambert93 l93;
    private final GeometryFactory gf = new GeometryFactory();

    LandscapeBuilder(Connection c, SplittableRandom random) throws SQLException {
        this.c = c;
        this.random = random;
        this.l93 = new Lambert93(c);
    }

    void build() throws SQLException {
        Geometry area = Db.queryGeometry(c, "SELECT ST_AsBinary(geom) FROM territory.project_area LIMIT 1");
        Geometry ramsar = Db.queryGeometry(c, "SELECT ST_AsBinary(geom) FROM territory.ramsar_site LIMIT 1");
        if (area == null || ramsar == null) {
            throw new SQLException("the territory must be built before the landscape");
        }
        Coordinate marshCentre = l93.of(TerritoryBuilder.MARSH_CENTRE[0], TerritoryBuilder.MARSH_CENTRE[1]);
        Polygon marsh = new TerritoryBuilder(c, random).wobblyEllipse(gf, marshCentre, 4200, 2700, Math.toRadians(65));
        habitats(area, marsh);
        watercourses(area, marsh);
        obstacles(area);
        reservoirsAndCorridors();
    }

    private void habitats(Geometry area, Polygon marsh) throws SQLException {
        Envelope env = area.getEnvelopeInternal();
        PreparedGeometry inArea = PreparedGeometryFactory.prepare(area);
        PreparedGeometry inMarsh = PreparedGeometryFactory.prepare(marsh);
        List<Coordinate> sites = new ArrayList<>();
        int farmland = (int) (area.getArea() / 250_000);
        for (int i = 0; i < farmland; i++) {
            sites.add(new Coordinate(env.getMinX() + random.nextDouble() * env.getWidth(),
                    env.getMinY() + random.nextDouble() * env.getHeight()));
        }
        Envelope marshEnv = marsh.getEnvelopeInternal();
        int marshParcels = (int) (marsh.getArea() / 40_000);
        for (int placed = 0; placed < marshParcels; ) {
            Coordinate p = new Coordinate(marshEnv.getMinX() + random.nextDouble() * marshEnv.getWidth(),
                    marshEnv.getMinY() + random.nextDouble() * marshEnv.getHeight());
            if (inMarsh.contains(gf.createPoint(p))) {
                sites.add(p);
                placed++;
            }
        }
        VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
        voronoi.setSites(sites);
        voronoi.setClipEnvelope(env);
        Geometry cells = voronoi.getDiagram(gf);
        List<double[]> forests = places(FORESTS);
        List<double[]> towns = places(TOWNS);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO landscape.habitat (class_code, geom) VALUES (?, ST_Multi(ST_GeomFromWKB(?, 2154)))")) {
            for (int i = 0; i < cells.getNumGeometries(); i++) {
                Geometry cell = cells.getGeometryN(i);
                if (!inArea.intersects(cell)) {
                    continue;
                }
                Geometry clipped = inArea.containsProperly(cell) ? cell : cell.intersection(area);
                for (int k = 0; k < clipped.getNumGeometries(); k++) {
                    Geometry part = clipped.getGeometryN(k);
                    if (part instanceof Polygon && part.getArea() > 100) {
                        Point centre = part.getInteriorPoint();
                        ps.setString(1, classify(centre.getCoordinate(), inMarsh.contains(centre), forests, towns));
                        ps.setBytes(2, Db.wkb(part));
                        ps.addBatch();
                    }
                }
            }
            ps.executeBatch();
        }
    }

    private String classify(Coordinate p, boolean inMarsh, List<double[]> forests, List<double[]> towns) {
        double r = random.nextDouble();
        for (double[] t : towns) {
            if (p.distance(new Coordinate(t[0], t[1])) < t[2] * (0.7 + 0.6 * random.nextDouble())) {
                return r < 0.85 ? "urban" : "grassland";
            }
        }
        if (inMarsh) {
            return r < 0.22 ? "open_water" : r < 0.47 ? "reed_marsh" : r < 0.75 ? "wet_grassland"
                    : r < 0.93 ? "market_garden" : "woodland";
        }
        for (double[] f : forests) {
            if (p.distance(new Coordinate(f[0], f[1])) < f[2] * (0.8 + 0.4 * random.nextDouble())) {
                return r < 0.88 ? "woodland" : r < 0.95 ? "grassland" : "wet_grassland";
            }
        }
        return r < 0.58 ? "arable" : r < 0.80 ? "grassland" : r < 0.88 ? "hedgerow" : r < 0.94 ? "woodland"
                : r < 0.97 ? "wet_grassland" : "urban";
    }

    private void watercourses(Geometry area, Polygon marsh) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO landscape.watercourse (name, kind, width_m, navigable, geom)
                SELECT ?, ?, ?, ?, ST_Multi(ST_CollectionExtract(ST_Intersection(ST_GeomFromWKB(?, 2154), a.geom), 2))
                FROM territory.project_area a WHERE ST_Intersects(ST_GeomFromWKB(?, 2154), a.geom)""")) {
            addWater(ps, "L'Aa", "river", 25, true, meander(line(RIVER_AA), 120));
            addWater(ps, "Canal de Neufossé", "canal", 30, true, line(CANAL_NEUFOSSE));
            addWater(ps, "Canal de la Haute Colme", "canal", 20, true, line(CANAL_COLME));
            addWater(ps, "L'Yser", "river", 12, false, meander(line(RIVER_YSER), 150));
            // the watergangs: a dense, roughly orthogonal mesh of channels across the marsh
            Envelope env = marsh.getEnvelopeInternal();
            Coordinate centre = env.centre();
            double reach = Math.max(env.getWidth(), env.getHeight());
            int n = 0;
            for (double angle : new double[] {Math.toRadians(25), Math.toRadians(115)}) {
                for (double offset = -reach; offset <= reach; offset += 110 + random.nextDouble() * 160) {
                    double dx = Math.cos(angle);
                    double dy = Math.sin(angle);
                    Coordinate a = new Coordinate(centre.x - dx * reach - dy * offset, centre.y - dy * reach + dx * offset);
                    Coordinate b = new Coordinate(centre.x + dx * reach - dy * offset, centre.y + dy * reach + dx * offset);
                    Geometry inside = meander(gf.createLineString(new Coordinate[] {a, b}), 25).intersection(marsh);
                    for (int k = 0; k < inside.getNumGeometries(); k++) {
                        Geometry piece = inside.getGeometryN(k);
                        if (piece instanceof LineString && piece.getLength() > 150) {
                            boolean wide = random.nextDouble() < 0.4;
                            n++;
                            addWater(ps, wide ? "Watergang n° " + n : null, wide ? "watergang" : "ditch",
                                    wide ? 6 + random.nextInt(8) : 2 + random.nextInt(3), wide, piece);
                        }
                    }
                }
            }
            ps.executeBatch();
        }
    }

    private static void addWater(PreparedStatement ps, String name, String kind, double width, boolean navigable,
                                 Geometry geom) throws SQLException {
        byte[] wkb = Db.wkb(geom);
        Db.bind(ps, name, kind, width, navigable, wkb, wkb);
        ps.addBatch();
    }

    private void obstacles(Geometry area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO landscape.obstacle (kind, class, name, geom)
                SELECT ?, ?, ?, d.geom
                FROM territory.project_area a, ST_Dump(ST_Intersection(ST_GeomFromWKB(?, 2154), a.geom)) d
                WHERE GeometryType(d.geom) IN ('LINESTRING', 'POINT')""")) {
            addObstacle(ps, "road", "motorway", "A26 — Autoroute des Anglais", line(A26));
            addObstacle(ps, "road", "motorway", "A25", line(A25));
            String[] names = {"D943", "D642", "N42", "D928", "D943E"};
            for (int i = 0; i < PRIMARY_ROADS.length; i++) {
                addObstacle(ps, "road", "primary", names[i], meander(line(PRIMARY_ROADS[i]), 60));
            }
            addObstacle(ps, "railway", "railway", "Ligne Calais – Hazebrouck", line(RAILWAY));
            for (Object[] lock : LOCKS) {
                Coordinate p = l93.of((Double) lock[0], (Double) lock[1]);
                addObstacle(ps, "lock", "lock", (String) lock[2], gf.createPoint(p));
            }
            ps.executeBatch();
        }
        // local roads between neighbouring villages, and weirs along the rivers
        Db.update(c, """
                WITH centre AS (
                    SELECT c.insee, c.name, ST_PointOnSurface(c.geom) AS p FROM territory.commune c
                    JOIN territory.project_area a ON ST_Contains(a.geom, ST_PointOnSurface(c.geom)))
                INSERT INTO landscape.obstacle (kind, class, name, geom)
                SELECT DISTINCT ON (least(a.insee, n.insee), greatest(a.insee, n.insee))
                       'road', CASE WHEN n.rank = 1 THEN 'secondary' ELSE 'local' END,
                       'Route ' || a.name || ' – ' || n.name, ST_MakeLine(a.p, n.p)
                FROM centre a
                CROSS JOIN LATERAL (
                    SELECT b.insee, b.name, b.p, row_number() OVER (ORDER BY a.p <-> b.p) AS rank
                    FROM centre b WHERE b.insee <> a.insee ORDER BY a.p <-> b.p LIMIT 3) n
                WHERE ST_Distance(a.p, n.p) < 7000""");
        Db.update(c, """
                INSERT INTO landscape.obstacle (kind, class, name, geom)
                SELECT 'weir', 'weir', 'Seuil sur ' || w.name || ' n° ' || f.i,
                       ST_LineInterpolatePoint(ST_GeometryN(w.geom, 1), f.i / (ceil(ST_Length(ST_GeometryN(w.geom, 1)) / 3500) + 1))
                FROM landscape.watercourse w
                CROSS JOIN LATERAL generate_series(1, ceil(ST_Length(ST_GeometryN(w.geom, 1)) / 3500)::integer) AS f (i)
                WHERE w.kind IN ('river', 'canal')""");
    }

    private void addObstacle(PreparedStatement ps, String kind, String cls, String name, Geometry g) throws SQLException {
        Db.bind(ps, kind, cls, name, Db.wkb(g));
        ps.addBatch();
    }

    /** Reservoirs are the large patches of each sub-network's habitat; corridors join the nearest reservoirs. */
    private void reservoirsAndCorridors() throws SQLException {
        Db.update(c, """
                INSERT INTO landscape.reservoir (name, sub_network, geom)
                SELECT CASE p.sub_network WHEN 'wetland' THEN 'Zone humide' WHEN 'woodland' THEN 'Massif boisé'
                                          WHEN 'grassland' THEN 'Ensemble prairial' ELSE 'Plan d''eau' END
                       || ' de ' || (SELECT c.name FROM territory.commune c ORDER BY c.geom <-> ST_PointOnSurface(p.geom) LIMIT 1)
                       || ' (' || p.sub_network || ' ' || row_number() OVER (ORDER BY p.sub_network, ST_XMin(p.geom)) || ')',
                       p.sub_network, ST_Multi(p.geom)
                FROM (
                    SELECT c.sub_network, (ST_Dump(ST_Union(h.geom))).geom AS geom
                    FROM landscape.habitat h JOIN landscape.habitat_class c ON c.code = h.class_code
                    WHERE c.sub_network IS NOT NULL AND h.class_code <> 'hedgerow'
                    GROUP BY c.sub_network) p
                WHERE ST_Area(p.geom) > CASE p.sub_network WHEN 'aquatic' THEN 50000 WHEN 'wetland' THEN 400000
                                                         WHEN 'woodland' THEN 500000 ELSE 1500000 END""");
        Db.update(c, """
                INSERT INTO landscape.corridor (name, sub_network, from_reservoir, to_reservoir, width_m, axis, geom)
                SELECT 'Corridor ' || a.sub_network || ' ' || a.id || '–' || n.id, a.sub_network, a.id, n.id, w.width,
                       n.axis, ST_Multi(ST_Buffer(n.axis, w.width / 2, 'endcap=flat'))
                FROM landscape.reservoir a
                CROSS JOIN LATERAL (
                    SELECT b.id, ST_ShortestLine(a.geom, b.geom) AS axis FROM landscape.reservoir b
                    WHERE b.sub_network = a.sub_network AND b.id > a.id AND ST_DWithin(a.geom, b.geom, 6000)
                    ORDER BY a.geom <-> b.geom LIMIT 2) n
                JOIN (VALUES ('wetland', 100.0), ('woodland', 60.0), ('grassland', 50.0), ('aquatic', 30.0))
                    AS w (sub_network, width) ON w.sub_network = a.sub_network
                WHERE ST_Length(n.axis) > 50""");
    }

    private List<double[]> places(double[][] lonLatRadius) throws SQLException {
        List<double[]> out = new ArrayList<>();
        for (double[] p : lonLatRadius) {
            Coordinate xy = l93.of(p[0], p[1]);
            out.add(new double[] {xy.x, xy.y, p[2]});
        }
        return out;
    }

    private LineString line(double[][] lonLat) throws SQLException {
        Coordinate[] coords = new Coordinate[lonLat.length];
        for (int i = 0; i < lonLat.length; i++) {
            coords[i] = l93.of(lonLat[i][0], lonLat[i][1]);
        }
        return gf.createLineString(coords);
    }

    /** The line densified every 150 m and bent sideways by up to {@code amplitude} metres. */
    private LineString meander(LineString line, double amplitude) {
        List<Coordinate> out = new ArrayList<>();
        Coordinate[] c = line.getCoordinates();
        double phase = random.nextDouble() * Math.PI * 2;
        double travelled = 0;
        for (int i = 0; i < c.length - 1; i++) {
            double len = c[i].distance(c[i + 1]);
            int steps = Math.max(1, (int) (len / 150));
            double nx = -(c[i + 1].y - c[i].y) / len;
            double ny = (c[i + 1].x - c[i].x) / len;
            for (int s = 0; s < steps; s++) {
                double t = (double) s / steps;
                double along = travelled + t * len;
                double offset = (i == 0 && s == 0) ? 0 : amplitude * Math.sin(along / 700 + phase)
                        + amplitude * 0.3 * (random.nextDouble() - 0.5);
                out.add(new Coordinate(c[i].x + t * (c[i + 1].x - c[i].x) + nx * offset,
                        c[i].y + t * (c[i + 1].y - c[i].y) + ny * offset));
            }
            travelled += len;
        }
        out.add(c[c.length - 1]);
        return gf.createLineString(out.toArray(Coordinate[]::new));
    }
}
