-- The occurrence indicators (V20's obs.compute_occurrence_indicators(communes, cells, periods)) computed from one
-- pass over the occurrences, deduplicated at the finest grain first, instead of three rows per occurrence (one per
-- kind of unit) sorted for each distinct count and again, with every observer's name, for the observers. Same
-- arguments, same rows written, same values (OccurrenceIndicatorsEqualityTest compares it with V20's body); the
-- timings before and after are in bench/RESULTS.md ("Bulk import").
--
-- How:
-- 1. one scan of the present occurrences diffusable at least at the 10 km cell (diffusion_level <= 2) of the periods
--    asked, grouped at once three ways by hashing (GROUPING SETS), each by (commune, cell) — the commune only for the
--    rows diffusable at the commune (diffusion_level <= 1), null otherwise; the cell only when asked for —, which is
--    all the unit rules need:
--    * (commune, cell, period, cd_ref, cd_nom) with the number of occurrences: counts, taxa, heritage taxa;
--    * (commune, cell, date): observation days;
--    * (commune, cell, period, observer field): observers;
--    about 1.8 M rows out of the 6 M-occurrence demo (most of them the dates);
-- 2. each of those rows placed in its commune (when asked for), its cell and the territory ('yseraa': the rows
--    diffusable at the commune that lie in one), deduplicated again per unit by hashing (DISTINCT, GROUP BY), then
--    counted: the heritage flag looked up there, per name (cd_nom) and not per occurrence, and the observer fields
--    split into names once per distinct field and unit.
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
-- Memory: the three hash tables of step 1 hold one entry per distinct (commune, cell, date) and (commune, cell,
-- period, observer field), about 300 MB for the 6 M-occurrence demo (1.1 M dates, 0.7 M observer fields); the planner
-- sizes them from its estimates, which are several times too large for expressions such as the period, and when they
-- pass its limit (work_mem × hash_mem_multiplier) it hashes only the smallest set and sorts the 6 M rows once for each
-- other one, which costs more than V20. hash_mem_multiplier = 16 lets it hash all three (up to 1 GB before a hash
-- table spills to disk, which PostgreSQL 13+ does rather than fail); work_mem = 64 MB keeps every sort of the
-- function as the import's own statements have it. Both only while the function runs (its SET clause).
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
        -- dimension: GROUPING(cd_nom, date_debut, observateur), 3 for the taxa, 5 for the days, 6 for the observers
        SELECT GROUPING(cd_nom, date_debut, observateur) AS dimension, commune, maille, period_start, cd_ref, cd_nom,
               date_debut, observateur, count(*) AS occurrences
        FROM (SELECT CASE WHEN o.diffusion_level <= 1 THEN o.code_commune END AS commune,
                     CASE WHEN cells IS NULL OR o.code_maille = ANY (cells) THEN o.code_maille END AS maille,
                     make_date((extract(year FROM o.date_debut)::integer / 5) * 5, 1, 1) AS period_start,
                     o.cd_ref, o.cd_nom, o.date_debut, o.observateur
              FROM sinp.occurrence o
              WHERE o.statut_observation = 'Pr' AND o.diffusion_level <= 2) o
        WHERE (commune IS NOT NULL OR maille IS NOT NULL) AND (periods IS NULL OR period_start = ANY (periods))
        GROUP BY GROUPING SETS ((commune, maille, period_start, cd_ref, cd_nom), (commune, maille, date_debut),
                                (commune, maille, period_start, observateur))
    ), placed AS NOT MATERIALIZED (
        -- each fine row in the commune it names (when that commune is asked for), its cell and the territory; read
        -- once per dimension, each reading the fine rows of its own
        SELECT u.unit_type, u.unit_code, f.*
        FROM fine f
        CROSS JOIN LATERAL (VALUES
            ('commune', CASE WHEN communes IS NULL OR f.commune = ANY (communes) THEN f.commune END),
            ('maille_10km', f.maille),
            ('territory', CASE WHEN f.commune IS NOT NULL THEN 'yseraa' END)) AS u (unit_type, unit_code)
        WHERE u.unit_code IS NOT NULL
    ), counts AS (
        SELECT unit_type, unit_code, period_start, sum(occurrences)::bigint AS occurrences, count(cd_ref) AS taxa,
               count(cd_ref) FILTER (WHERE heritage) AS heritage
        FROM (SELECT p.unit_type, p.unit_code, p.period_start, p.cd_ref, sum(p.occurrences) AS occurrences,
                     bool_or(t.patrimonial) AS heritage
              FROM placed p JOIN ref.taxref t ON t.cd_nom = p.cd_nom
              WHERE p.dimension = 3
              GROUP BY 1, 2, 3, 4) taxon
        GROUP BY 1, 2, 3
    ), days AS (
        SELECT unit_type, unit_code, make_date((extract(year FROM date_debut)::integer / 5) * 5, 1, 1) AS period_start,
               count(date_debut) AS days
        FROM (SELECT DISTINCT unit_type, unit_code, date_debut FROM placed WHERE dimension = 5) day
        GROUP BY 1, 2, 3
    ), observers AS (
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
