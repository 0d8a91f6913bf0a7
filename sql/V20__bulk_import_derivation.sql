-- Bulk imports derive set-based what the per-row trigger derives one row at a time (observatory-ext,
-- imports.OccurrenceDerivation: cdRef, sensitivity, attachments, diffusion level and geometry, by the same rules,
-- which OccurrenceImportTest checks against this trigger), and skip the rows a producer sends again unchanged by a
-- hash of the source row; the WFS Transaction of occurrences writes through the same steps (imports.OccurrenceRows).
-- Then the occurrence indicators of the units and periods a write touched, instead of all of them.

-- The hash of the source row (as mapped, with its dataset) that an import or a WFS transaction last wrote into the
-- occurrence; null when the row was written otherwise (the demo, an edit in SQL, a TAXREF re-derivation): the next
-- import then compares it field by field.
ALTER TABLE sinp.occurrence ADD COLUMN import_hash bytea;
COMMENT ON COLUMN sinp.occurrence.import_hash IS 'hash of the source row an import wrote (sent again with the same hash: unchanged, not checked again); null after any other write';

-- Any write but an import's clears the hash.
CREATE OR REPLACE FUNCTION sinp.occurrence_derive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    p geometry;
    level smallint;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.import_hash IS NOT DISTINCT FROM OLD.import_hash THEN
        NEW.import_hash := NULL; -- written otherwise than by an import: no longer the source row it hashed
    END IF;
    IF NEW.date_fin > current_date THEN
        RAISE EXCEPTION 'dateFin % is in the future', NEW.date_fin USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.cd_ref IS NULL OR (TG_OP = 'UPDATE' AND NEW.cd_nom IS DISTINCT FROM OLD.cd_nom) THEN
        SELECT t.cd_ref INTO NEW.cd_ref FROM ref.taxref t WHERE t.cd_nom = NEW.cd_nom;
    END IF;
    IF NEW.sensi_niveau IS NULL THEN
        SELECT r.sensi_niveau INTO NEW.sensi_niveau FROM ref.sensitivity_rule r WHERE r.cd_ref = NEW.cd_ref;
        NEW.sensi_niveau := coalesce(NEW.sensi_niveau, '0');
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.geom IS NOT DISTINCT FROM OLD.geom
            AND NEW.sensi_niveau IS NOT DISTINCT FROM OLD.sensi_niveau
            AND NEW.diffusion_niveau_precision IS NOT DISTINCT FROM OLD.diffusion_niveau_precision
            AND NEW.diffusion_geom IS NOT DISTINCT FROM OLD.diffusion_geom
            AND NEW.diffusion_level IS NOT DISTINCT FROM OLD.diffusion_level
            AND NEW.code_commune IS NOT DISTINCT FROM OLD.code_commune
            AND NEW.code_maille IS NOT DISTINCT FROM OLD.code_maille
            AND NEW.code_departement IS NOT DISTINCT FROM OLD.code_departement THEN
        RETURN NEW; -- nothing the derived columns depend on changed
    END IF;

    -- attachments (rattachements), from the geometry
    p := ST_PointOnSurface(NEW.geom);
    NEW.code_maille := territory.grid_code(ST_X(p), ST_Y(p), 10000);
    SELECT c.insee, c.departement_code INTO NEW.code_commune, NEW.code_departement
    FROM territory.commune c WHERE ST_Intersects(c.geom, p) LIMIT 1;
    IF NOT FOUND THEN
        NEW.code_commune := NULL;
        SELECT d.code INTO NEW.code_departement FROM territory.departement d WHERE ST_Intersects(d.geom, p) LIMIT 1;
        IF NOT FOUND THEN
            NEW.code_departement := NULL;
        END IF;
    END IF;

    -- the coarser of the sensitivity and of the producer's wish
    level := greatest(NEW.sensi_niveau::smallint, sinp.diffusion_rank(NEW.diffusion_niveau_precision));
    IF level = 1 THEN
        SELECT ST_Multi(ST_Union(c.geom)) INTO NEW.diffusion_geom FROM territory.commune c WHERE ST_Intersects(c.geom, NEW.geom);
        IF NEW.diffusion_geom IS NULL THEN
            level := 2; -- outside every known commune: blur to the 10 km cell instead
        END IF;
    END IF;
    IF level = 2 THEN
        IF GeometryType(NEW.geom) = 'POINT' THEN
            NEW.diffusion_geom := territory.grid_cell_geometry(ST_X(NEW.geom), ST_Y(NEW.geom), 10000);
        ELSE
            SELECT ST_Union(territory.grid_cell_geometry(x, y, 10000)) INTO NEW.diffusion_geom
            FROM generate_series(floor(ST_XMin(NEW.geom) / 10000)::bigint * 10000, ST_XMax(NEW.geom)::bigint, 10000) x,
                 generate_series(floor(ST_YMin(NEW.geom) / 10000)::bigint * 10000, ST_YMax(NEW.geom)::bigint, 10000) y
            WHERE ST_Intersects(territory.grid_cell_geometry(x, y, 10000), NEW.geom);
        END IF;
    ELSIF level = 3 THEN
        SELECT ST_Multi(ST_Union(d.geom)) INTO NEW.diffusion_geom FROM territory.departement d WHERE ST_Intersects(d.geom, NEW.geom);
        IF NEW.diffusion_geom IS NULL THEN
            level := 4; -- outside every known département: not diffused
        END IF;
    ELSIF level = 0 THEN
        NEW.diffusion_geom := NEW.geom;
    END IF;
    IF level = 4 THEN
        NEW.diffusion_geom := NULL;
    END IF;
    NEW.diffusion_level := level;
    IF TG_OP = 'UPDATE' THEN
        NEW.dee_date_derniere_modification := now();
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION sinp.occurrence_derive IS 'derives cdRef, sensiNiveau, attachments, diffusion level and diffusion geometry of an occurrence';

-- The trigger derives unless the writing transaction has derived every column itself and says so
-- (SET LOCAL sinp.derived_by_caller = on, which the bulk import does around its own writes only).
DROP TRIGGER occurrence_derive ON sinp.occurrence;
CREATE TRIGGER occurrence_derive BEFORE INSERT OR UPDATE ON sinp.occurrence
    FOR EACH ROW WHEN (current_setting('sinp.derived_by_caller', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION sinp.occurrence_derive();

-- The occurrence indicators of the units and periods a write touched only (an import or a WFS transaction: the
-- communes, 10 km cells and five-year periods of the rows it wrote or removed, before and after), recomputed from the
-- occurrences of those periods; the territory's values of those periods with them. A null list means every one: the
-- function without arguments recomputes everything, as before.
CREATE FUNCTION obs.compute_occurrence_indicators(communes text[], cells text[], periods date[]) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM obs.indicator_value
    WHERE indicator_code IN ('occurrence_count', 'species_richness', 'heritage_species', 'effort_observers', 'effort_days')
      AND (periods IS NULL OR period_start IN (SELECT unnest(periods)))
      AND (unit_type = 'territory'
           OR unit_type = 'commune' AND (communes IS NULL OR unit_code IN (SELECT unnest(communes)))
           OR unit_type = 'maille_10km' AND (cells IS NULL OR unit_code IN (SELECT unnest(cells))));
    WITH occurrence AS (
        SELECT u.unit_type, u.unit_code, o.period_start, o.cd_ref, t.patrimonial, o.date_debut, o.observateur
        FROM (SELECT o.*, make_date((extract(year FROM o.date_debut)::integer / 5) * 5, 1, 1) AS period_start
              FROM sinp.occurrence o WHERE o.statut_observation = 'Pr') o
        JOIN ref.taxref t ON t.cd_nom = o.cd_nom
        CROSS JOIN LATERAL (VALUES ('commune', o.code_commune, 1), ('maille_10km', o.code_maille, 2),
                                   ('territory', CASE WHEN o.code_commune IS NOT NULL THEN 'yseraa' END, 1))
            AS u (unit_type, unit_code, finest_level)
        WHERE o.diffusion_level <= u.finest_level AND u.unit_code IS NOT NULL
          AND (periods IS NULL OR o.period_start IN (SELECT unnest(periods)))
          AND (u.unit_type = 'territory'
               OR u.unit_type = 'commune' AND (communes IS NULL OR u.unit_code IN (SELECT unnest(communes)))
               OR u.unit_type = 'maille_10km' AND (cells IS NULL OR u.unit_code IN (SELECT unnest(cells))))
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
COMMENT ON FUNCTION obs.compute_occurrence_indicators(text[], text[], date[]) IS 'recomputes the occurrence indicators (count, species richness, heritage species, observers, observation days) of the given communes, 10 km cells and five-year periods and the territory''s of those periods (null: all of them); returns the values written';

CREATE OR REPLACE FUNCTION obs.compute_occurrence_indicators() RETURNS integer LANGUAGE sql AS $$
    SELECT obs.compute_occurrence_indicators(NULL, NULL, NULL)
$$;
COMMENT ON FUNCTION obs.compute_occurrence_indicators() IS 'recomputes occurrence count, species richness, heritage species and the sampling effort (observers, observation days) per commune, per 10 km cell and for the territory, per five-year period';
