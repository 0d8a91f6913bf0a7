-- Observatory indicators: methodology sheets and computed values.

CREATE TABLE obs.indicator (
    code              text PRIMARY KEY,
    title             text NOT NULL,
    theme             text NOT NULL,
    unit              text NOT NULL,
    definition        text NOT NULL,
    method            text NOT NULL,
    sources           text NOT NULL,
    update_frequency  text NOT NULL,
    limits            text NOT NULL
);
COMMENT ON TABLE obs.indicator IS 'Indicateurs de l''observatoire et leur fiche méthodologique';
COMMENT ON COLUMN obs.indicator.update_frequency IS 'how often the indicator is recomputed';
COMMENT ON COLUMN obs.indicator.limits IS 'known limits and biases of the indicator';

CREATE TABLE obs.indicator_value (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_code  text NOT NULL REFERENCES obs.indicator (code),
    unit_type       text NOT NULL CHECK (unit_type IN ('commune', 'maille_10km', 'territory')),
    unit_code       text NOT NULL,
    period_start    date NOT NULL,
    period_end      date NOT NULL CHECK (period_start <= period_end),
    value           double precision NOT NULL,
    computed_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (indicator_code, unit_type, unit_code, period_start, period_end)
);
COMMENT ON TABLE obs.indicator_value IS 'Valeurs des indicateurs par unité spatiale et par période';
COMMENT ON COLUMN obs.indicator_value.unit_code IS 'INSEE code of the commune, INPN cell code, or the territory''s code';
CREATE INDEX indicator_value_unit_idx ON obs.indicator_value (unit_type, unit_code);

INSERT INTO obs.indicator (code, title, theme, unit, definition, method, sources, update_frequency, limits) VALUES
('occurrence_count', 'Nombre d''occurrences', 'Connaissance', 'occurrences',
 'Nombre d''occurrences de taxons présents (statut Pr) observées dans l''unité spatiale pendant la période.',
 'Comptage des occurrences dont la date de début tombe dans la période et dont la géométrie est rattachée à l''unité (code commune). Seules les données diffusables au moins à la commune sont comptées.',
 'Plateforme régionale SINP Hauts-de-France', 'annuelle',
 'Reflète l''effort de prospection autant que la biodiversité : à interpréter avec la pression d''observation.'),
('species_richness', 'Richesse spécifique', 'Biodiversité', 'taxons',
 'Nombre de taxons distincts (cdRef) observés présents dans l''unité spatiale pendant la période.',
 'Dénombrement des cdRef distincts parmi les occurrences présentes de la période rattachées à l''unité. Seules les données diffusables au moins à la commune sont comptées.',
 'Plateforme régionale SINP Hauts-de-France ; TAXREF', 'annuelle',
 'Sensible à l''effort d''observation et aux groupes taxonomiques prospectés ; ne mesure pas l''abondance.'),
('heritage_species', 'Espèces patrimoniales', 'Biodiversité', 'taxons',
 'Nombre de taxons patrimoniaux (protégés, menacés ou d''intérêt communautaire) observés dans l''unité pendant la période.',
 'Dénombrement des cdRef distincts marqués patrimoniaux dans le référentiel parmi les occurrences présentes rattachées à l''unité.',
 'Plateforme régionale SINP ; listes rouges et statuts de protection', 'annuelle',
 'Dépend de la liste d''espèces patrimoniales retenue ; les données sensibles non diffusables ne sont pas comptées.');

-- Occurrence indicators per commune and five-year period, computed in one set-based pass.
CREATE FUNCTION obs.compute_occurrence_indicators() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM obs.indicator_value
    WHERE indicator_code IN ('occurrence_count', 'species_richness', 'heritage_species') AND unit_type = 'commune';
    INSERT INTO obs.indicator_value (indicator_code, unit_type, unit_code, period_start, period_end, value)
    SELECT i.code, 'commune', s.code_commune, s.period_start, (s.period_start + interval '5 years' - interval '1 day')::date,
           CASE i.code WHEN 'occurrence_count' THEN s.occurrences WHEN 'species_richness' THEN s.taxa ELSE s.heritage END
    FROM (
        SELECT o.code_commune,
               make_date((extract(year FROM o.date_debut)::integer / 5) * 5, 1, 1) AS period_start,
               count(*) AS occurrences, count(DISTINCT o.cd_ref) AS taxa,
               count(DISTINCT o.cd_ref) FILTER (WHERE t.patrimonial) AS heritage
        FROM sinp.occurrence o JOIN ref.taxref t ON t.cd_nom = o.cd_nom
        WHERE o.statut_observation = 'Pr' AND o.diffusion_level <= 1 AND o.code_commune IS NOT NULL
        GROUP BY 1, 2
    ) s CROSS JOIN (VALUES ('occurrence_count'), ('species_richness'), ('heritage_species')) AS i (code);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION obs.compute_occurrence_indicators IS 'recomputes occurrence count, species richness and heritage species per commune and five-year period';

CREATE VIEW obs.indicateurs_commune AS
    SELECT v.id, v.indicator_code AS indicateur, i.title AS titre, i.unit AS unite, c.insee, c.name AS commune,
           v.period_start AS debut_periode, v.period_end AS fin_periode, v.value AS valeur, v.computed_at AS calcule_le,
           c.geom
    FROM obs.indicator_value v
    JOIN obs.indicator i ON i.code = v.indicator_code
    JOIN territory.commune c ON c.insee = v.unit_code
    WHERE v.unit_type = 'commune';
COMMENT ON VIEW obs.indicateurs_commune IS 'Indicateurs de l''observatoire par commune et par période (richesse spécifique, espèces patrimoniales, nombre d''occurrences…)';
