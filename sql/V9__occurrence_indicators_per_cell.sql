-- Occurrence indicators per 10 km cell as well as per commune. A cell counts what the public may place in a cell
-- (diffusion level <= 2); a commune what it may place in a commune (level <= 1).
CREATE OR REPLACE FUNCTION obs.compute_occurrence_indicators() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM obs.indicator_value
    WHERE indicator_code IN ('occurrence_count', 'species_richness', 'heritage_species')
      AND unit_type IN ('commune', 'maille_10km');
    INSERT INTO obs.indicator_value (indicator_code, unit_type, unit_code, period_start, period_end, value)
    SELECT i.code, s.unit_type, s.unit_code, s.period_start,
           (s.period_start + interval '5 years' - interval '1 day')::date,
           CASE i.code WHEN 'occurrence_count' THEN s.occurrences WHEN 'species_richness' THEN s.taxa ELSE s.heritage END
    FROM (
        SELECT u.unit_type, u.unit_code,
               make_date((extract(year FROM o.date_debut)::integer / 5) * 5, 1, 1) AS period_start,
               count(*) AS occurrences, count(DISTINCT o.cd_ref) AS taxa,
               count(DISTINCT o.cd_ref) FILTER (WHERE t.patrimonial) AS heritage
        FROM sinp.occurrence o
        JOIN ref.taxref t ON t.cd_nom = o.cd_nom
        CROSS JOIN LATERAL (VALUES ('commune', o.code_commune, 1), ('maille_10km', o.code_maille, 2))
            AS u (unit_type, unit_code, finest_level)
        WHERE o.statut_observation = 'Pr' AND o.diffusion_level <= u.finest_level AND u.unit_code IS NOT NULL
        GROUP BY 1, 2, 3
    ) s CROSS JOIN (VALUES ('occurrence_count'), ('species_richness'), ('heritage_species')) AS i (code);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION obs.compute_occurrence_indicators IS 'recomputes occurrence count, species richness and heritage species per commune and per 10 km cell, per five-year period';
