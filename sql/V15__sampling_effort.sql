-- Sampling effort beside the occurrence indicators: the distinct observers and the distinct observation days per
-- unit and five-year period (the number of observations is occurrence_count), counted from the same occurrences as
-- the other occurrence indicators (what the public may place in the unit), in the same set-based pass. The sheets of
-- the occurrence indicators and of the effort say how to read their change between periods (Mann-Kendall test, Sen's
-- slope: computed on request by the API from these values, not stored).

INSERT INTO obs.indicator (code, title, theme, unit, definition, objective, method, spatial_units, sources,
                           update_frequency, interpretation, limits, protocol_provider, protocol_access, protocol_steps)
SELECT v.code, v.title, 'Effort d''observation', v.unit, v.definition, v.objective, v.method, i.spatial_units, i.sources,
       i.update_frequency, v.interpretation, v.limits, i.protocol_provider, i.protocol_access, i.protocol_steps
FROM obs.indicator i CROSS JOIN (VALUES
('effort_observers', 'Nombre d''observateurs', 'observateurs',
 'Nombre de personnes distinctes ayant observé au moins une occurrence de taxon présent dans l''unité spatiale pendant la période.',
 'Mesurer la pression d''observation, pour lire à côté d''elle le nombre d''occurrences et la richesse spécifique.',
 'Le champ observateur de chaque occurrence (« NOM Prénom (Organisme) », séparés par des virgules) est découpé en personnes ; on compte les noms distincts parmi les occurrences présentes de la période rattachées à l''unité. Mêmes occurrences que les autres indicateurs d''occurrences : diffusables au moins à la commune pour une commune et le territoire, à la maille pour une maille.',
 'Plus la valeur est élevée, plus l''unité a été prospectée par des personnes différentes. Une hausse de la richesse spécifique qui accompagne une hausse du nombre d''observateurs traduit d''abord un effort accru, pas un gain de biodiversité.',
 'Un même observateur écrit de deux façons compte deux fois ; les observateurs des données non diffusables ne sont pas comptés. Ne dit rien de la durée ni de la méthode des prospections.'),
('effort_days', 'Nombre de jours d''observation', 'jours',
 'Nombre de dates distinctes (date de début d''observation) auxquelles au moins une occurrence de taxon présent a été observée dans l''unité spatiale pendant la période.',
 'Mesurer la pression d''observation dans le temps, pour lire à côté d''elle le nombre d''occurrences et la richesse spécifique.',
 'Dénombrement des dates de début distinctes parmi les occurrences présentes de la période rattachées à l''unité (mêmes occurrences que les autres indicateurs d''occurrences).',
 'Plus la valeur est élevée, plus l''unité a été visitée souvent. C''est la mesure d''effort la moins sensible aux saisies en masse : un inventaire d''un jour qui apporte mille occurrences compte pour un jour.',
 'Une observation étalée sur plusieurs jours ne compte que sa date de début ; plusieurs observateurs le même jour comptent pour un jour.')
) AS v (code, title, unit, definition, objective, method, interpretation, limits)
WHERE i.code = 'occurrence_count';

UPDATE obs.indicator SET
    method = method || ' Évolution entre périodes : test de tendance de Mann-Kendall sur la suite des valeurs d''une unité (S = somme des signes des écarts entre toutes les paires de périodes, variance corrigée des ex-æquo, Z avec correction de continuité, p-valeur bilatérale par la loi normale) et pente de Sen (médiane des pentes entre paires de périodes, par période de cinq ans).',
    interpretation = interpretation || ' Évolution : « hausse significative » ou « baisse significative » quand la p-valeur du test de Mann-Kendall est inférieure à 0,05, sinon « pas de tendance détectable » ; la pente de Sen donne l''ampleur du changement par période. Toujours la lire à côté de la tendance de l''effort d''observation (nombre de jours d''observation) : une hausse des espèces trouvées avec un effort en hausse n''est pas une hausse de la biodiversité.',
    limits = limits || ' Tendance : les périodes sans aucune occurrence dans l''unité sont laissées de côté (pas d''information, pas une valeur nulle) ; la période en cours, encore incomplète, est laissée de côté ; il faut au moins trois périodes ; avec peu de périodes (moins de dix) l''approximation normale est grossière et le test peu puissant : une absence de tendance détectable n''est pas la preuve d''une stabilité.'
WHERE code IN ('occurrence_count', 'species_richness', 'heritage_species', 'effort_observers', 'effort_days');

CREATE OR REPLACE FUNCTION obs.compute_occurrence_indicators() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM obs.indicator_value
    WHERE indicator_code IN ('occurrence_count', 'species_richness', 'heritage_species', 'effort_observers', 'effort_days')
      AND unit_type IN ('commune', 'maille_10km', 'territory');
    WITH occurrence AS (
        SELECT u.unit_type, u.unit_code,
               make_date((extract(year FROM o.date_debut)::integer / 5) * 5, 1, 1) AS period_start,
               o.cd_ref, t.patrimonial, o.date_debut, o.observateur
        FROM sinp.occurrence o
        JOIN ref.taxref t ON t.cd_nom = o.cd_nom
        CROSS JOIN LATERAL (VALUES ('commune', o.code_commune, 1), ('maille_10km', o.code_maille, 2),
                                   ('territory', CASE WHEN o.code_commune IS NOT NULL THEN 'yseraa' END, 1))
            AS u (unit_type, unit_code, finest_level)
        WHERE o.statut_observation = 'Pr' AND o.diffusion_level <= u.finest_level AND u.unit_code IS NOT NULL
    ), counts AS (
        SELECT unit_type, unit_code, period_start, count(*) AS occurrences, count(DISTINCT cd_ref) AS taxa,
               count(DISTINCT cd_ref) FILTER (WHERE patrimonial) AS heritage, count(DISTINCT date_debut) AS days
        FROM occurrence GROUP BY 1, 2, 3
    ), observers AS (
        SELECT unit_type, unit_code, period_start, count(DISTINCT btrim(name)) FILTER (WHERE btrim(name) <> '') AS observers
        FROM occurrence CROSS JOIN LATERAL unnest(string_to_array(observateur, ',')) AS name
        GROUP BY 1, 2, 3
    )
    INSERT INTO obs.indicator_value (indicator_code, unit_type, unit_code, period_start, period_end, value)
    SELECT i.code, s.unit_type, s.unit_code, s.period_start,
           (s.period_start + interval '5 years' - interval '1 day')::date,
           CASE i.code WHEN 'occurrence_count' THEN s.occurrences WHEN 'species_richness' THEN s.taxa
                       WHEN 'heritage_species' THEN s.heritage WHEN 'effort_days' THEN s.days ELSE b.observers END
    FROM counts s JOIN observers b USING (unit_type, unit_code, period_start)
    CROSS JOIN (VALUES ('occurrence_count'), ('species_richness'), ('heritage_species'), ('effort_observers'),
                       ('effort_days')) AS i (code);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION obs.compute_occurrence_indicators IS 'recomputes occurrence count, species richness, heritage species and the sampling effort (observers, observation days) per commune, per 10 km cell and for the territory, per five-year period';
