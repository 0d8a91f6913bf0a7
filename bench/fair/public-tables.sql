-- What the public sees, materialised for the peers of bench/wms-fair.sh (MapServer, QGIS Server): each layer of the
-- bench as a table of its own in schema "fair", GiST-indexed and analysed. Occurrences as sinp:occurrences shows them
-- to the public (the SINP policy: the diffusion geometry, diffusion level below 4): the blurred ones as one row per
-- distinct diffusion area and level (with how many occurrences it stands for), the exact ones one row each, at the
-- point our style puts their mark on (a point on the surface of those observed on a polygon); with the columns the
-- style's rules read, so that a peer reading the SLD (QGIS Server) finds them. Beyond 1:50 000 the style draws the
-- public's density grid: the peers read the same precomputed cells (obs.density_grid, the public class), as squares
-- with their count and level, one GiST index per level (each peer picks the level of its scale, as ours does).
DROP SCHEMA IF EXISTS fair CASCADE;
CREATE SCHEMA fair;

CREATE TABLE fair.habitats AS SELECT id, class_code, geom FROM landscape.habitat_layer;
CREATE TABLE fair.communes AS SELECT insee, name, population, geom FROM territory.commune;
CREATE TABLE fair.corridors AS SELECT id, name, sub_network, geom FROM landscape.corridor;

CREATE TABLE fair.occurrence_areas AS
SELECT row_number() OVER (ORDER BY min(id)) AS id, diffusion_level, false AS localisation_exacte,
       count(*) AS occurrences, diffusion_geom AS geom
FROM sinp.occurrence_layer
WHERE diffusion_level < 4 AND NOT localisation_exacte
GROUP BY diffusion_geom, diffusion_level;

CREATE TABLE fair.occurrence_points AS
SELECT id, diffusion_level, true AS localisation_exacte, group2_inpn, nom_scientifique,
       (CASE WHEN ST_Dimension(diffusion_geom) = 0 THEN diffusion_geom ELSE ST_PointOnSurface(diffusion_geom) END)::geometry(Point, 2154) AS geom
FROM sinp.occurrence_layer
WHERE diffusion_level < 4 AND localisation_exacte;

CREATE TABLE fair.density_cells AS
SELECT row_number() OVER (ORDER BY g.level, g.ix, g.iy) AS id, g.level, g.n,
       ST_MakeEnvelope(g.ix * 2.0 ^ g.level, g.iy * 2.0 ^ g.level, (g.ix + 1) * 2.0 ^ g.level,
                       (g.iy + 1) * 2.0 ^ g.level, 2154)::geometry(Polygon, 2154) AS geom
FROM obs.density_grid g JOIN obs.density_grid_class c ON c.id = g.class_id
WHERE c.source = 'sinp.occurrence_layer' AND c.access_level = 'public';

ALTER TABLE fair.habitats ADD PRIMARY KEY (id);
ALTER TABLE fair.communes ADD PRIMARY KEY (insee);
ALTER TABLE fair.corridors ADD PRIMARY KEY (id);
ALTER TABLE fair.occurrence_areas ADD PRIMARY KEY (id);
ALTER TABLE fair.occurrence_points ADD PRIMARY KEY (id);
ALTER TABLE fair.density_cells ADD PRIMARY KEY (id);
CREATE INDEX ON fair.habitats USING gist (geom);
CREATE INDEX ON fair.communes USING gist (geom);
CREATE INDEX ON fair.corridors USING gist (geom);
CREATE INDEX ON fair.occurrence_areas USING gist (geom);
CREATE INDEX ON fair.occurrence_points USING gist (geom);
DO $$
DECLARE
    levels int[];
    lvl int;
BEGIN
    -- the levels read first: an index cannot be made on a table a loop's query still reads
    SELECT array_agg(DISTINCT level) INTO levels FROM fair.density_cells;
    FOREACH lvl IN ARRAY coalesce(levels, '{}') LOOP
        EXECUTE format('CREATE INDEX ON fair.density_cells USING gist (geom) WHERE level = %s', lvl);
    END LOOP;
END $$;
ANALYZE fair.habitats, fair.communes, fair.corridors, fair.occurrence_areas, fair.occurrence_points,
    fair.density_cells;
