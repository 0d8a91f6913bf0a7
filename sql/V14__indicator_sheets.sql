-- Methodology sheets in full: the fields the sheets lacked (objective, spatial units, interpretation, feeding
-- protocol), the sheets of every indicator the observatory computes (the landscape and connectivity indicators that
-- obs:ComputeIndicators writes included: the sheets live here, the process writes values only), and the occurrence
-- indicators for the whole territory as well. A sheet's last update is not stored: it is the latest computed_at of
-- its values.

ALTER TABLE obs.indicator
    ADD COLUMN objective         text,
    ADD COLUMN spatial_units     text,
    ADD COLUMN interpretation    text,
    ADD COLUMN protocol_provider text,
    ADD COLUMN protocol_access   text,
    ADD COLUMN protocol_steps    text;
COMMENT ON COLUMN obs.indicator.objective IS 'what the indicator is meant to follow or help decide';
COMMENT ON COLUMN obs.indicator.method IS 'formula or method of computation';
COMMENT ON COLUMN obs.indicator.spatial_units IS 'the spatial units the indicator is given for, in words';
COMMENT ON COLUMN obs.indicator.interpretation IS 'how to read a value and its changes';
COMMENT ON COLUMN obs.indicator.protocol_provider IS 'feeding protocol: who provides the source data';
COMMENT ON COLUMN obs.indicator.protocol_access IS 'feeding protocol: how the source data are obtained';
COMMENT ON COLUMN obs.indicator.protocol_steps IS 'feeding protocol: the steps from the source data to the values';

UPDATE obs.indicator SET
    spatial_units = 'Commune, maille de 10 km (grille INPN) et territoire de l''observatoire (ses communes), par période de cinq ans.',
    protocol_provider = 'Plateforme régionale SINP Hauts-de-France (producteurs de données naturalistes du territoire).',
    protocol_access = 'Import des exports des producteurs au standard « Occurrences de taxon » du SINP (commande import), données publiques et données des partenaires.',
    protocol_steps = '1. Import et contrôle des occurrences ; 2. rattachement automatique à la commune et à la maille, sensibilité et diffusion calculées par la base ; 3. recalcul des indicateurs (processus WPS obs:ComputeIndicators ou fonction obs.compute_occurrence_indicators) ; 4. publication sur le portail et par les services WMS/WFS.'
WHERE code IN ('occurrence_count', 'species_richness', 'heritage_species');

UPDATE obs.indicator SET
    objective = 'Suivre l''état de la connaissance naturaliste du territoire et repérer les secteurs peu prospectés.',
    interpretation = 'Une valeur élevée signale un secteur bien connu, pas forcément plus riche ; une hausse d''une période à l''autre traduit le plus souvent un effort d''observation accru. À lire avec la richesse spécifique.'
WHERE code = 'occurrence_count';
UPDATE obs.indicator SET
    objective = 'Suivre la diversité des espèces observées sur le territoire et comparer les secteurs entre eux.',
    interpretation = 'Plus la valeur est élevée, plus les espèces observées sont nombreuses. Une baisse durable à effort d''observation comparable peut signaler une perte de biodiversité ; une hausse peut venir de nouvelles prospections.'
WHERE code = 'species_richness';
UPDATE obs.indicator SET
    objective = 'Repérer les secteurs qui accueillent des espèces à fort enjeu de conservation et suivre leur présence.',
    interpretation = 'Une valeur élevée désigne un secteur à enjeu patrimonial ; une baisse peut signaler la disparition d''espèces sensibles, ou seulement l''absence de prospection récente.'
WHERE code = 'heritage_species';

-- The territory's values join those per commune and per 10 km cell: the occurrences the public may place in one of
-- the observatory's communes (diffusion level <= 1), so that its occurrence count is the sum of the communes'.
CREATE OR REPLACE FUNCTION obs.compute_occurrence_indicators() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM obs.indicator_value
    WHERE indicator_code IN ('occurrence_count', 'species_richness', 'heritage_species')
      AND unit_type IN ('commune', 'maille_10km', 'territory');
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
        CROSS JOIN LATERAL (VALUES ('commune', o.code_commune, 1), ('maille_10km', o.code_maille, 2),
                                   ('territory', CASE WHEN o.code_commune IS NOT NULL THEN 'yseraa' END, 1))
            AS u (unit_type, unit_code, finest_level)
        WHERE o.statut_observation = 'Pr' AND o.diffusion_level <= u.finest_level AND u.unit_code IS NOT NULL
        GROUP BY 1, 2, 3
    ) s CROSS JOIN (VALUES ('occurrence_count'), ('species_richness'), ('heritage_species')) AS i (code);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION obs.compute_occurrence_indicators IS 'recomputes occurrence count, species richness and heritage species per commune, per 10 km cell and for the territory, per five-year period';

-- The share of each habitat class per commune: one sheet per class of landscape.habitat_class, written or brought up
-- to date (obs:ComputeIndicators calls it before writing the shares, so a new class gets its sheet).
CREATE FUNCTION obs.write_habitat_share_sheets() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    INSERT INTO obs.indicator (code, title, theme, unit, definition, objective, method, spatial_units, sources,
                               update_frequency, interpretation, limits, protocol_provider, protocol_access, protocol_steps)
    SELECT 'habitat_share_' || c.code, 'Part de la commune en « ' || c.label || ' »', 'Paysage', '%',
           'Part de la surface de la commune occupée par la classe d''occupation du sol « ' || c.label || ' ».',
           'Suivre la composition du paysage de chaque commune et l''évolution des milieux '
               || CASE WHEN c.sub_network IS NOT NULL THEN 'favorables à la trame verte et bleue.'
                       ELSE 'agricoles et urbanisés qui pèsent sur la trame verte et bleue.' END,
           'Somme des surfaces des polygones d''occupation du sol de la classe intersectés avec la commune, divisée par '
               || 'la surface de la commune, × 100 (PostGIS, Lambert-93).',
           'Commune, par année de calcul.',
           'Occupation du sol de l''observatoire (couche obs:habitats)', 'annuelle',
           'Pourcentage de 0 à 100 ; les parts de toutes les classes d''une commune font 100 % quand la cartographie la '
               || 'couvre entièrement. Une hausse d''une année à l''autre traduit une extension de la classe (ou une '
               || 'cartographie plus précise).',
           'Dépend de la précision et de la date de la cartographie de l''occupation du sol.',
           'Gestionnaire de l''observatoire (cartographie de l''occupation du sol du territoire).',
           'Couche d''occupation du sol de l''observatoire, publique (WMS/WFS obs:habitats).',
           '1. Mise à jour de la cartographie de l''occupation du sol ; 2. exécution du processus WPS '
               || 'obs:ComputeIndicators par un administrateur pour l''année ; 3. publication sur le portail.'
    FROM landscape.habitat_class c
    ON CONFLICT (code) DO UPDATE SET title = excluded.title, theme = excluded.theme, unit = excluded.unit,
            definition = excluded.definition, objective = excluded.objective, method = excluded.method,
            spatial_units = excluded.spatial_units, sources = excluded.sources, update_frequency = excluded.update_frequency,
            interpretation = excluded.interpretation, limits = excluded.limits, protocol_provider = excluded.protocol_provider,
            protocol_access = excluded.protocol_access, protocol_steps = excluded.protocol_steps;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION obs.write_habitat_share_sheets IS 'writes the methodology sheet of the share of each habitat class';
SELECT obs.write_habitat_share_sheets();

-- meff and the ECA of each sub-network (sheets an earlier obs:ComputeIndicators may have written are completed).
CREATE TEMPORARY TABLE sheet (LIKE obs.indicator);
INSERT INTO sheet (code, title, theme, unit, definition, objective, method, spatial_units, sources,
                   update_frequency, interpretation, limits, protocol_provider, protocol_access, protocol_steps) VALUES
('meff', 'Maille effective', 'Fragmentation', 'ha',
 'Taille effective de maille (Jaeger 2000) : la probabilité que deux points tirés au hasard dans la commune soient reliés sans franchir de barrière, exprimée comme une surface.',
 'Mesurer la fragmentation du paysage par les infrastructures et l''urbanisation, et suivre l''effet des nouveaux aménagements ou des ouvrages de franchissement.',
 'Territoire découpé par les autoroutes (30 m), les routes principales (12 m), les voies ferrées (10 m) et le tissu urbain ; meff = Σ A_i² / A_commune, où A_i est la surface de chaque fragment, les fragments étant coupés à la limite communale (méthode de découpage).',
 'Commune, par année de calcul.',
 'Occupation du sol et obstacles de l''observatoire', 'annuelle',
 'En hectares, de 0 à la surface de la commune : plus la valeur est grande, moins le paysage est fragmenté. Une baisse signale de nouvelles coupures (route, urbanisation).',
 'Ne tient pas compte de la perméabilité des ouvrages (passages à faune) ; sensible aux largeurs retenues.',
 'Gestionnaire de l''observatoire (occupation du sol, réseau routier et ferré, obstacles).',
 'Couches publiques de l''observatoire (WMS/WFS obs:habitats et obs:obstacles).',
 '1. Mise à jour de l''occupation du sol et des obstacles ; 2. exécution du processus WPS obs:ComputeIndicators par un administrateur pour l''année ; 3. publication sur le portail.');

INSERT INTO sheet (code, title, theme, unit, definition, objective, method, spatial_units, sources,
                   update_frequency, interpretation, limits, protocol_provider, protocol_access, protocol_steps)
SELECT 'eca_' || s.code, 'Aire connectée équivalente de la sous-trame ' || s.label, 'Continuités écologiques', 'ha',
       'Surface d''une tache d''habitat unique qui offrirait la même connectivité que le réseau des taches d''habitat de la sous-trame ' || s.label || ' (Saura et al. 2011).',
       'Suivre la connectivité de la sous-trame ' || s.label || ' de la trame verte et bleue et mesurer l''effet des restaurations ou des ruptures de continuité.',
       'ECA = √(Σ a_i·a_j·p*_ij) sur le graphe des taches d''habitat favorable d''au moins 1 ha ; p_ij = exp(−k·d_ij), avec p = 0,5 à la distance de dispersion médiane de la sous-trame (' || s.distance || ' m), liens de probabilité inférieure à 0,01 ignorés ; p*_ij est la probabilité du meilleur chemin entre i et j.',
       'Territoire du projet Clim@YserAa (bassins de l''Aa et de l''Yser), par année de calcul.',
       'Occupation du sol de l''observatoire', 'annuelle',
       'En hectares, au plus la surface totale d''habitat favorable : plus l''ECA s''en approche, mieux les taches sont reliées entre elles. Une hausse suit une restauration (nouvel habitat, continuité rétablie) ; une baisse, une perte d''habitat ou une coupure.',
       'Distance euclidienne bord à bord, sans surface de résistance ; dépend de la distance de dispersion retenue.',
       'Gestionnaire de l''observatoire (cartographie de l''occupation du sol).',
       'Couche d''occupation du sol de l''observatoire, publique (WMS/WFS obs:habitats).',
       '1. Mise à jour de la cartographie de l''occupation du sol ; 2. exécution du processus WPS obs:ComputeIndicators par un administrateur pour l''année (graphe paysager et ECA de chaque sous-trame) ; 3. publication sur le portail.'
FROM (VALUES ('wetland', 'des zones humides', 1000), ('woodland', 'boisée', 1500), ('grassland', 'prairiale', 800),
             ('aquatic', 'aquatique', 2000)) AS s (code, label, distance);
INSERT INTO obs.indicator SELECT * FROM sheet
ON CONFLICT (code) DO UPDATE SET title = excluded.title, theme = excluded.theme, unit = excluded.unit,
        definition = excluded.definition, objective = excluded.objective, method = excluded.method,
        spatial_units = excluded.spatial_units, sources = excluded.sources, update_frequency = excluded.update_frequency,
        interpretation = excluded.interpretation, limits = excluded.limits, protocol_provider = excluded.protocol_provider,
        protocol_access = excluded.protocol_access, protocol_steps = excluded.protocol_steps;
DROP TABLE sheet;

ALTER TABLE obs.indicator
    ALTER COLUMN objective SET NOT NULL,
    ALTER COLUMN spatial_units SET NOT NULL,
    ALTER COLUMN interpretation SET NOT NULL,
    ALTER COLUMN protocol_provider SET NOT NULL,
    ALTER COLUMN protocol_access SET NOT NULL,
    ALTER COLUMN protocol_steps SET NOT NULL;
