package fr.yseraa.observatory.ext.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Builds the territory: communes (generated around the real centres of the Audomarois communes, or read from a
 * GeoJSON file of real boundaries), départements, the region, the INPN grids, the Ramsar site and the
 * Clim@YserAa project area.
 */
final class TerritoryBuilder {

    static final Map<String, String> DEPARTEMENT_NAMES = Map.of("02", "Aisne", "59", "Nord", "60", "Oise",
            "62", "Pas-de-Calais", "80", "Somme");
    /** Where the Clim@YserAa project reaches: the Aa from its upper valley to the sea, and the Yser (lon, lat). */
    private static final double[][] PROJECT_LANDMARKS = {
            {2.09, 50.60}, {2.12, 50.71}, {1.98, 50.80}, {2.05, 50.93}, {2.13, 50.99}, {2.43, 50.98},
            {2.58, 50.98}, {2.60, 50.86}, {2.53, 50.72}, {2.40, 50.64}};
    /** The heart of the Marais audomarois, between Saint-Omer, Clairmarais, Nieurlet and Watten. */
    static final double[] MARSH_CENTRE = {2.262, 50.790};

    private final Connection c;
    private final SplittableRandom random;
    private final Lambert93 l93;

    TerritoryBuilder(Connection c, SplittableRandom random) throws SQLException {
        this.c = c;
        this.random = random;
        this.l93 = new Lambert93(c);
    }

    void build(DemoOptions options) throws SQLException, IOException {
        if (options.communes() != null) {
            loadBoundaries(options.communes(), "territory.commune", true);
        } else {
            generateCommunes();
        }
        if (options.departements() != null) {
            loadBoundaries(options.departements(), "territory.departement", false);
        } else {
            deriveDepartements();
        }
        Db.update(c, """
                INSERT INTO territory.region (code, name, geom)
                SELECT '32', 'Hauts-de-France', ST_Multi(ST_Union(geom)) FROM territory.departement""");
        Db.update(c, "UPDATE territory.departement SET region_code = '32'");
        Db.queryLong(c, "SELECT territory.generate_grids()");
        buildSites();
    }

    private void generateCommunes() throws SQLException, IOException {
        Db.update(c, "CREATE TEMP TABLE demo_commune_seed (insee text, name text, geom geometry(Point, 2154)) ON COMMIT DROP");
        try (InputStream in = DemoLoader.resource("demo/communes.csv");
             PreparedStatement ps = c.prepareStatement("INSERT INTO demo_commune_seed VALUES (?, ?, "
                     + "ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 2154))")) {
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord r : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                Db.bind(ps, r.get("insee"), r.get("name"), Double.parseDouble(r.get("lon")), Double.parseDouble(r.get("lat")));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // Voronoi cells of the commune centres, clipped to the area they cover: plausible commune boundaries
        Db.update(c, """
                INSERT INTO territory.commune (insee, name, departement_code, geom)
                SELECT s.insee, s.name, left(s.insee, 2),
                       ST_Multi(ST_CollectionExtract(ST_Intersection(v.cell, a.area), 3))
                FROM (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(geom)))).geom AS cell FROM demo_commune_seed) v
                JOIN demo_commune_seed s ON ST_Contains(v.cell, s.geom)
                CROSS JOIN (SELECT ST_Buffer(ST_ConvexHull(ST_Collect(geom)), 2500, 4) AS area FROM demo_commune_seed) a""");
    }

    /** Streams a GeoJSON FeatureCollection (properties code and nom, WGS 84) into a boundary table. */
    private void loadBoundaries(Path file, String table, boolean communes) throws SQLException, IOException {
        String sql = communes
                ? "INSERT INTO territory.commune (insee, name, departement_code, geom) VALUES (?, ?, left(?, 2), "
                : "INSERT INTO territory.departement (code, name, geom) VALUES (?, ?, ";
        sql += "ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), 2154)), 3)))";
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser parser = mapper.getFactory().createParser(Files.newInputStream(file));
             PreparedStatement ps = c.prepareStatement(sql)) {
            if (!seekArray(parser, "features")) {
                throw new IOException(file + " is not a GeoJSON FeatureCollection");
            }
            int n = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode feature = mapper.readTree(parser);
                String code = feature.path("properties").path("code").asText(null);
                String name = feature.path("properties").path("nom").asText(null);
                if (code == null || name == null || feature.path("geometry").isMissingNode()) {
                    throw new IOException(file + ": feature " + (n + 1) + " lacks properties code and nom, or a geometry");
                }
                if (communes) {
                    Db.bind(ps, code, name, code, feature.get("geometry").toString());
                } else {
                    Db.bind(ps, code, name, feature.get("geometry").toString());
                }
                ps.addBatch();
                if (++n % 500 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        Db.update(c, "ANALYZE " + table);
    }

    private static boolean seekArray(JsonParser parser, String field) throws IOException {
        while (parser.nextToken() != null) {
            if (parser.currentToken() == JsonToken.FIELD_NAME && field.equals(parser.currentName())
                    && parser.getParsingContext().getParent().inRoot()) {
                return parser.nextToken() == JsonToken.START_ARRAY;
            }
        }
        return false;
    }

    private void deriveDepartements() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO territory.departement (code, name, geom)
                SELECT departement_code, coalesce(?, 'Département ' || departement_code), ST_Multi(ST_Union(geom))
                FROM territory.commune WHERE departement_code = ? GROUP BY departement_code""")) {
            for (String code : DEPARTEMENT_NAMES.keySet()) {
                Db.bind(ps, DEPARTEMENT_NAMES.get(code), code);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void buildSites() throws SQLException {
        GeometryFactory gf = new GeometryFactory();
        Coordinate centre = l93.of(MARSH_CENTRE[0], MARSH_CENTRE[1]);
        Polygon marsh = wobblyEllipse(gf, centre, 5200, 3600, Math.toRadians(65));
        Db.update(c, """
                INSERT INTO territory.protected_site (kind, code, name, designated, geom)
                SELECT 'ramsar', 'FR7200037', 'Marais audomarois', DATE '2008-02-02',
                       ST_Multi(ST_CollectionExtract(ST_Intersection(ST_GeomFromWKB(?, 2154), r.geom), 3))
                FROM territory.region r""", Db.wkb(marsh));
        List<Coordinate> landmarks = new ArrayList<>();
        for (double[] p : PROJECT_LANDMARKS) {
            landmarks.add(l93.of(p[0], p[1]));
        }
        landmarks.add(landmarks.get(0));
        Polygon hull = gf.createPolygon(landmarks.toArray(Coordinate[]::new));
        Db.update(c, """
                INSERT INTO territory.protected_site (kind, name, geom)
                SELECT 'project_area', 'Clim@YserAa — bassins de l’Aa et de l’Yser',
                       ST_Multi(ST_CollectionExtract(ST_Intersection(ST_Buffer(ST_ConvexHull(ST_GeomFromWKB(?, 2154)), 3000), r.geom), 3))
                FROM territory.region r""", Db.wkb(hull));
    }

    /** An ellipse whose radius wanders a little, like a natural perimeter. */
    Polygon wobblyEllipse(GeometryFactory gf, Coordinate centre, double a, double b, double rotation) {
        int n = 72;
        Coordinate[] ring = new Coordinate[n + 1];
        double phase1 = random.nextDouble() * Math.PI * 2;
        double phase2 = random.nextDouble() * Math.PI * 2;
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double wobble = 1 + 0.08 * Math.sin(3 * t + phase1) + 0.05 * Math.sin(7 * t + phase2);
            double x = a * wobble * Math.cos(t);
            double y = b * wobble * Math.sin(t);
            ring[i] = new Coordinate(centre.x + x * Math.cos(rotation) - y * Math.sin(rotation),
                    centre.y + x * Math.sin(rotation) + y * Math.cos(rotation));
        }
        ring[n] = ring[0];
        return gf.createPolygon(ring);
    }
}
