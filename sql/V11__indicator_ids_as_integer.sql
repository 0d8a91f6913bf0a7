-- Indicator values are counted in thousands, not billions: their ids are integers, like every other key the
-- catalog publishes (WFS schemas give a bigint as xs:long, which some clients, the OGC WFS 2.0 test suite among
-- them, cannot compare). The view that publishes them is made again around the narrower column.
DROP VIEW obs.indicateurs_commune;
ALTER TABLE obs.indicator_value ALTER COLUMN id TYPE integer;
ALTER SEQUENCE obs.indicator_value_id_seq AS integer;
CREATE VIEW obs.indicateurs_commune AS
    SELECT v.id, v.indicator_code AS indicateur, i.title AS titre, i.unit AS unite, c.insee, c.name AS commune,
           v.period_start AS debut_periode, v.period_end AS fin_periode, v.value AS valeur, v.computed_at AS calcule_le,
           c.geom
    FROM obs.indicator_value v
    JOIN obs.indicator i ON i.code = v.indicator_code
    JOIN territory.commune c ON c.insee = v.unit_code
    WHERE v.unit_type = 'commune';
COMMENT ON VIEW obs.indicateurs_commune IS 'Indicateurs de l''observatoire par commune et par période (richesse spécifique, espèces patrimoniales, nombre d''occurrences…)';
