-- The occurrence indicators (V20's obs.compute_occurrence_indicators(communes, cells, periods)) computed from one
-- pass over the occurrences, deduplicated at the finest grain first, instead of three rows per occurrence (one per
-- kind of unit) sorted for each distinct count and again, with every observer's name, for the observers. Same
-- arguments, same rows written, same values (OccurrenceIndicatorsEqualityTest compares it with V20's body); the
-- timings before and after are in bench/RESULTS.md ("Bulk import").
--
-- How:
-- 1. one scan of the present occurrences diffusable at least at the 10 km cell (diffusion_level <= 2) of the periods
--    asked, grouped at once four ways by hashing (GROUPING SETS), by commune and cell — the commune only for the
--    rows diffusable at the commune (diffusion_level <= 1), null otherwise; the cell only when asked for —, which is
--    all the unit rules need:
--    * (commune, cell, period, cd_ref, cd_nom) with the number of occurrences: counts, taxa, heritage taxa;
--    * (commune, cell, period, observer field): observers;
--    * (commune, date) and (cell, date): observation days;
--    1.7 M rows out of the 6 M-occurrence demo, most of them dates;
-- 2. the rows of the taxa and the observers placed each in its commune (when asked for), its cell and the territory
--    ('yseraa': the rows diffusable at the commune that lie in one), deduplicated again per unit by hashing (DISTINCT,
--    GROUP BY), then counted: the heritage flag looked up there, per name (cd_nom) and not per occurrence, and the
--    observer fields split into names once per distinct field and unit; the days counted per commune and per cell as
--    they are, the territory's from the communes' dates.
--
-- What stays as in V20, on purpose: the unit rules (commune and territory: diffusion_level <= 1 and a commune; the
-- 10 km cell: diffusion_level <= 2), the heritage flag of the name observed (ref.taxref of the occurrence's cd_nom; V20
-- joined ref.taxref before counting, which drops no occurrence since cd_nom is a foreign key to it), null cdRefs not
-- counted, the observer field split on commas, each name trimmed of spaces (btrim) and blank ones not counted, the
-- territory's values of the periods asked whatever the communes and cells, and the values of a unit and period
-- written only when at least one of its occurrences has an observer field that splits into at least one name (V20
-- joined the counts to the observers: a unit and period whose fields all split into nothing gets no value at all;
-- a field of blanks, such as ',', gives 0 observers and keeps the row).
--
-- Memory: the four hash tables of step 1 hold one entry per distinct (commune, date), (cell, date), (commune, cell,
-- period, observer field) and (commune, cell, period, cd_ref, cd_nom): 1.7 M entries, 256 MB, for the 6 M-occurrence
-- demo. When the planner expects them to pass its limit (work_mem × hash_mem_multiplier: 128 MB with the import's
-- work_mem, 8 MB by default) it hashes only the smallest sets and sorts the 6 M rows once for each other one, which
-- costs more than V20 did. hash_mem_multiplier = 16 lets it hash them all (up to 1 GB before a hash table spills to
-- disk, which PostgreSQL 13+ does rather than fail); work_mem = 64 MB keeps every sort of the function as the
-- import's own statements have it. Both only while the function runs (its SET clause).
CREATE OR REPLACE FUNCTION obs.compute_occurrence_indicators(communes text[], cells text[], periods date[]) RETURNS integer
LANGUAGE plpgsql
SET work_mem = '64MB'
SET hash_mem_multiplier = 16
AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM obs.indicator_value
    WHERE indicator_code IN ('occurrence_count', 'species_richness', 'heritage_species', 'effort_observers', 'effort_days')
      AND (periods IS NULL OR period_start IN (SELECT unnest(periods)))
      AND (unit_type = 'territory'
           OR unit_type = 'commune' AND (communes IS NULL OR unit_code IN (SELECT unnest(communes)))
           OR unit_type = 'maille_10km' AND (cells IS NULL OR unit_code IN (SELECT unnest(cells))));
    WITH fine AS MATERIALIZED (
        -- dimension: GROUPING(commune, maille, cd_nom, date_debut, observateur), 3 for the taxa, 6 for the
        -- observers, 13 for the days per commune, 21 for the days per cell
        SELECT GROUPING(commune, maille, cd_nom, date_debut, observateur) AS dimension, commune, maille, period_start, cd_ref, cd_nom,
               date_debut, observateur, count(*) AS occurrences
        FROM (SELECT CASE WHEN o.diffusion_level <= 1 THEN o.code_commune END AS commune,
                     CASE WHEN cells IS NULL OR o.code_maille = ANY (cells) THEN o.code_maille END AS maille,
                     make_date((extract(year FROM o.date_debut)::integer / 5) * 5, 1, 1) AS period_start,
                     o.cd_ref, o.cd_nom, o.date_debut, o.observateur
              FROM sinp.occurrence o
              WHERE o.statut_observation = 'Pr' AND o.diffusion_level <= 2) o
        WHERE (commune IS NOT NULL OR maille IS NOT NULL) AND (periods IS NULL OR period_start = ANY (periods))
        GROUP BY GROUPING SETS ((commune, maille, period_start, cd_ref, cd_nom), (commune, maille, period_start, observateur),
                                (commune, date_debut), (maille, date_debut))
    ), placed AS NOT MATERIALIZED (
        -- each fine row of the taxa and the observers in the commune it names (when that commune is asked for), its
        -- cell and the territory; read once per dimension, each reading the fine rows of its own
        SELECT u.unit_type, u.unit_code, f.*
        FROM fine f
        CROSS JOIN LATERAL (VALUES
            ('commune', CASE WHEN communes IS NULL OR f.commune = ANY (communes) THEN f.commune END),
            ('maille_10km', f.maille),
            ('territory', CASE WHEN f.commune IS NOT NULL THEN 'yseraa' END)) AS u (unit_type, unit_code)
        WHERE u.unit_code IS NOT NULL
    ), counts AS MATERIALIZED (
        -- (counts, days and observers are computed once each, a few thousand rows: joined below, a join the planner
        -- took for a few rows, as it does without statistics, must not compute them again for each row it joins)
        SELECT unit_type, unit_code, period_start, sum(occurrences)::bigint AS occurrences, count(cd_ref) AS taxa,
               count(cd_ref) FILTER (WHERE heritage) AS heritage
        FROM (SELECT p.unit_type, p.unit_code, p.period_start, p.cd_ref, sum(p.occurrences) AS occurrences,
                     bool_or(t.patrimonial) AS heritage
              FROM placed p JOIN ref.taxref t ON t.cd_nom = p.cd_nom
              WHERE p.dimension = 3
              GROUP BY 1, 2, 3, 4) taxon
        GROUP BY 1, 2, 3
    ), days AS MATERIALIZED (
        -- the days per commune and per cell are distinct already; the territory's are those of its communes
        SELECT 'commune' AS unit_type, commune AS unit_code,
               make_date((extract(year FROM date_debut)::integer / 5) * 5, 1, 1) AS period_start, count(*) AS days
        FROM fine WHERE dimension = 13 AND commune IS NOT NULL AND (communes IS NULL OR commune = ANY (communes))
        GROUP BY 2, 3
        UNION ALL
        SELECT 'maille_10km', maille, make_date((extract(year FROM date_debut)::integer / 5) * 5, 1, 1), count(*)
        FROM fine WHERE dimension = 21 AND maille IS NOT NULL
        GROUP BY 2, 3
        UNION ALL
        SELECT 'territory', 'yseraa', make_date((extract(year FROM date_debut)::integer / 5) * 5, 1, 1), count(*)
        FROM (SELECT DISTINCT date_debut FROM fine WHERE dimension = 13 AND commune IS NOT NULL) day
        GROUP BY 3
    ), observers AS MATERIALIZED (
        SELECT unit_type, unit_code, period_start, count(name) FILTER (WHERE name <> '') AS observers
        FROM (SELECT DISTINCT p.unit_type, p.unit_code, p.period_start, btrim(n.name) AS name
              FROM placed p CROSS JOIN LATERAL unnest(string_to_array(p.observateur, ',')) AS n (name)
              WHERE p.dimension = 6) observer
        GROUP BY 1, 2, 3
    )
    INSERT INTO obs.indicator_value (indicator_code, unit_type, unit_code, period_start, period_end, value)
    SELECT i.code, s.unit_type, s.unit_code, s.period_start,
           (s.period_start + interval '5 years' - interval '1 day')::date,
           CASE i.code WHEN 'occurrence_count' THEN s.occurrences WHEN 'species_richness' THEN s.taxa
                       WHEN 'heritage_species' THEN s.heritage WHEN 'effort_days' THEN d.days ELSE b.observers END
    FROM counts s
    JOIN days d USING (unit_type, unit_code, period_start)
    JOIN observers b USING (unit_type, unit_code, period_start)
    CROSS JOIN (VALUES ('occurrence_count'), ('species_richness'), ('heritage_species'), ('effort_observers'),
                       ('effort_days')) AS i (code);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION obs.compute_occurrence_indicators(text[], text[], date[]) IS 'recomputes the occurrence indicators (count, species richness, heritage species, observers, observation days) of the given communes, 10 km cells and five-year periods and the territory''s of those periods (null: all of them); returns the values written';

-- The density grids' refresh over areas (V24's obs.refresh_density_grid(areas)), the same but for its box test: in an
-- import of 6 M occurrences it took 160 s where a refresh over the whole territory takes 68 s alone, and the cause was
-- the planner's estimates (bench/RESULTS.md, "Bulk import"). The rebuilt partitions had no statistics (PartitionLoad
-- now analyses them), and the partner class's box test, on the expression of its visible geometry, has none either;
-- both made a few hundred rows of the millions, and a nested loop read them all once per name of ref.taxref.
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
        -- a prefilter only, for the GiST indexes: the cells' range decides (a row's point lies on its geometry, so
        -- a row whose point is in the cells has a geometry that meets them); on the indexed columns alone, whose
        -- statistics the planner has, not on an expression over them such as the partner class's CASE, for which it
        -- has none and guesses one row in ten thousand: a whole-territory refresh then looked like a few hundred
        -- rows, and it rescanned all of them once per name of ref.taxref (a nested loop over the view's join)
        IF cardinality(c.indexed_geometries) > 0 THEN
            SELECT '(' || string_agg(g || ' && $1', ' OR ') || ')' INTO box_test FROM unnest(c.indexed_geometries) g;
        ELSE
            box_test := c.geometry_sql || ' && $1';
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
