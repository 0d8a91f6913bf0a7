-- Density grids counted once instead of per map (issue 19): for a layer's source and one access class (one way its
-- access policy places a feature), how many features have the point on their visible geometry (ST_PointOnSurface)
-- in each square cell of the CRS, cells of 2^level units from the CRS origin, for the levels finest..coarsest. The
-- server reads a level instead of counting the rows when the caller's view of the layer is exactly a class's (the same
-- access level, geometry and row predicate: see DensityGrid in ows-core) and the request has no filter of its own;
-- any other caller or request is counted live.
--
-- Power-of-two cells nest: a cell of level k + 1 holds exactly four cells of level k (floor(x / 2s) = floor(floor(x /
-- s) / 2), exact in binary floating point), so only the finest level is counted from the rows and each coarser one is
-- summed from the one below. Writes keep the grid true through obs.refresh_density_grid(areas) (the occurrence writes
-- call it from OccurrenceAggregates with the areas they changed), a full rebuild is obs.refresh_density_grid().

CREATE TABLE obs.density_grid_class (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL,
    access_level text NOT NULL,
    srid integer NOT NULL,
    -- the access policy's SQL for this class, as LayerAccess gives it (checked by the server before each read)
    geometry_sql text NOT NULL,
    predicate_sql text,
    -- geometry columns whose spatial index answers a box test on geometry_sql first (LayerAccess.indexedGeometries)
    indexed_geometries text[] NOT NULL DEFAULT '{}',
    finest smallint NOT NULL,
    coarsest smallint NOT NULL,
    UNIQUE (source, access_level),
    CHECK (finest <= coarsest)
);

COMMENT ON TABLE obs.density_grid_class IS 'Classes d''accès dont la grille de densité est précalculée (une par façon dont la politique d''accès place une occurrence)';

CREATE TABLE obs.density_grid (
    class_id integer NOT NULL REFERENCES obs.density_grid_class ON DELETE CASCADE,
    level smallint NOT NULL,
    ix integer NOT NULL,
    iy integer NOT NULL,
    n bigint NOT NULL CHECK (n > 0),
    PRIMARY KEY (class_id, level, ix, iy)
);

COMMENT ON TABLE obs.density_grid IS 'Grille de densité précalculée : nombre d''entités par maille carrée de 2^level unités du SCR, par classe d''accès';

-- The SINP occurrences as SensitivityPolicy places them: the public (diffusion geometry, no level 4), partners (exact
-- geometry of non-sensitive occurrences, the diffusion geometry of the others), instructing services and
-- administrators (every occurrence, exact). A producer sees its own datasets exactly and the rest as the public: one
-- view per producer, counted live. Levels 2^8 = 256 m to 2^16 = 65 536 m: the occurrences style draws 16-pixel cells
-- from 1:50 000 (224 m) to the whole region.
INSERT INTO obs.density_grid_class (source, access_level, srid, geometry_sql, predicate_sql, indexed_geometries, finest, coarsest)
VALUES ('sinp.occurrence_layer', 'public', 2154, '"diffusion_geom"', '"diffusion_level" < 4', '{}', 8, 16),
       ('sinp.occurrence_layer', 'partner', 2154, 'CASE WHEN "sensi_niveau" = ''0'' THEN "geom" ELSE "diffusion_geom" END',
        '"sensi_niveau" = ''0'' OR "diffusion_level" < 4', '{"\"geom\"","\"diffusion_geom\""}', 8, 16),
       ('sinp.occurrence_layer', 'full', 2154, '"geom"', NULL, '{}', 8, 16);

-- Recounts the grids: every class whole (areas null), or only the cells of each class's levels that meet one of the
-- areas (any geometries, of any SRID). The finest cells meeting an area are recounted from the rows whose visible
-- geometry meets those cells (a feature's point lies on its geometry), then each coarser level is summed again over
-- the same place.
-- Refreshes take turns (a lock held until their transaction ends): each one recounts after the one before it has
-- committed, so that it sees its rows and replaces its cells, never inserting a cell another transaction just wrote.
CREATE FUNCTION obs.refresh_density_grid(areas geometry[] DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    c obs.density_grid_class;
    area geometry;
    cells geometry;
    s float8;
    x0 integer;
    y0 integer;
    x1 integer;
    y1 integer;
    lvl integer;
    box_test text;
    counted text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('obs.refresh_density_grid'));
    FOR c IN SELECT * FROM obs.density_grid_class ORDER BY id LOOP
        s := 2.0 ^ c.finest;
        -- the finest cells of the rows that meet $1 (or all), within index ranges $2..$5; OFFSET 0 keeps the points'
        -- subquery apart, else the planner pushes the cell tests into the scan, each computing the point again
        counted := format('INSERT INTO obs.density_grid (class_id, level, ix, iy, n) SELECT %s, %s, ix, iy, count(*) '
            || 'FROM (SELECT floor(ST_X(p) / %s)::integer AS ix, floor(ST_Y(p) / %s)::integer AS iy '
            || 'FROM (SELECT ST_PointOnSurface(%s) AS p FROM %s WHERE %s IS NOT NULL AND (%s)%s OFFSET 0) points) cells '
            || 'WHERE ix IS NOT NULL AND iy IS NOT NULL%s GROUP BY ix, iy',
            c.id, c.finest, s, s, c.geometry_sql, c.source, c.geometry_sql, coalesce(c.predicate_sql, 'true'),
            CASE WHEN areas IS NULL THEN '' ELSE ' AND <box test>' END,
            CASE WHEN areas IS NULL THEN '' ELSE ' AND ix BETWEEN $2 AND $3 AND iy BETWEEN $4 AND $5' END);
        IF areas IS NULL THEN
            DELETE FROM obs.density_grid WHERE class_id = c.id;
            EXECUTE counted;
            FOR lvl IN c.finest + 1 .. c.coarsest LOOP
                INSERT INTO obs.density_grid (class_id, level, ix, iy, n)
                SELECT c.id, lvl, floor(g.ix / 2.0)::integer, floor(g.iy / 2.0)::integer, sum(g.n)
                FROM obs.density_grid g WHERE g.class_id = c.id AND g.level = lvl - 1 GROUP BY 3, 4;
            END LOOP;
            CONTINUE;
        END IF;
        box_test := c.geometry_sql || ' && $1';
        IF cardinality(c.indexed_geometries) > 0 THEN
            SELECT '((' || string_agg(g || ' && $1', ' OR ') || ') AND ' || box_test || ')' INTO box_test
            FROM unnest(c.indexed_geometries) g;
        END IF;
        counted := replace(counted, '<box test>', box_test);
        FOREACH area IN ARRAY areas LOOP
            CONTINUE WHEN area IS NULL OR ST_IsEmpty(area);
            area := ST_Transform(area, c.srid);
            x0 := floor(ST_XMin(area) / s);
            y0 := floor(ST_YMin(area) / s);
            x1 := floor(ST_XMax(area) / s);
            y1 := floor(ST_YMax(area) / s);
            cells := ST_MakeEnvelope(x0 * s, y0 * s, (x1 + 1) * s, (y1 + 1) * s, c.srid);
            DELETE FROM obs.density_grid WHERE class_id = c.id AND level = c.finest
                AND ix BETWEEN x0 AND x1 AND iy BETWEEN y0 AND y1;
            EXECUTE counted USING cells, x0, x1, y0, y1;
            FOR lvl IN c.finest + 1 .. c.coarsest LOOP
                x0 := floor(x0 / 2.0);
                y0 := floor(y0 / 2.0);
                x1 := floor(x1 / 2.0);
                y1 := floor(y1 / 2.0);
                DELETE FROM obs.density_grid WHERE class_id = c.id AND level = lvl
                    AND ix BETWEEN x0 AND x1 AND iy BETWEEN y0 AND y1;
                INSERT INTO obs.density_grid (class_id, level, ix, iy, n)
                SELECT c.id, lvl, floor(g.ix / 2.0)::integer, floor(g.iy / 2.0)::integer, sum(g.n)
                FROM obs.density_grid g WHERE g.class_id = c.id AND g.level = lvl - 1
                    AND g.ix BETWEEN 2 * x0 AND 2 * x1 + 1 AND g.iy BETWEEN 2 * y0 AND 2 * y1 + 1
                GROUP BY 3, 4;
            END LOOP;
        END LOOP;
    END LOOP;
END $$;

COMMENT ON FUNCTION obs.refresh_density_grid(geometry[]) IS 'Recompte les grilles de densité précalculées : tout (sans argument) ou les mailles qui touchent les zones données';

SELECT obs.refresh_density_grid();
ANALYZE obs.density_grid;
