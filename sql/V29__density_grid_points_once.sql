-- The density grids' refresh (V24) computes each row's point once. Without a fence the planner pushed the cell
-- tests (ix, iy not null, within the refreshed range) down into the scan, where each evaluated ST_PointOnSurface
-- again: four to six times a row. On the 6 M demo, a refresh over the whole territory took 354 s (an import of 6 M
-- rows spent 471 s in it), a full rebuild 98 s. OFFSET 0 keeps the points' subquery apart: one point per row, the
-- cell tests on it above.

CREATE OR REPLACE FUNCTION obs.refresh_density_grid(areas geometry[] DEFAULT NULL) RETURNS void
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
        -- the finest cells of the rows that meet $1 (or all), within index ranges $2..$5
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

