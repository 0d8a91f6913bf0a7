-- Taxon occurrences in the shape of the SINP "Occurrences de taxon" standard (v2).
-- Column names are the standard's field names in snake case (idSINPOccTax -> id_sinp_occtax).

CREATE TABLE sinp.occurrence (
    id                              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id_sinp_occtax                  uuid NOT NULL UNIQUE,
    statut_observation              text NOT NULL,
    cd_nom                          integer NOT NULL REFERENCES ref.taxref (cd_nom),
    cd_ref                          integer,
    nom_cite                        text NOT NULL CHECK (nom_cite <> ''),
    version_taxref                  text,
    date_debut                      date NOT NULL,
    date_fin                        date NOT NULL,
    observateur                     text NOT NULL CHECK (observateur <> ''),
    determinateur                   text,
    org_gest_dat                    text NOT NULL,
    statut_source                   text NOT NULL,
    ds_publique                     text NOT NULL,
    jdd_metadonnee_dee_id           uuid NOT NULL REFERENCES ref.dataset (uuid),
    sensi_niveau                    text,
    diffusion_niveau_precision      text,
    nature_objet_geo                text NOT NULL DEFAULT 'St',
    precision_geometrie             integer CHECK (precision_geometrie >= 0),
    code_commune                    text,
    code_maille                     text,
    code_departement                text,
    denombrement_min                integer CHECK (denombrement_min >= 0),
    denombrement_max                integer CHECK (denombrement_max >= 0),
    objet_denombrement              text,
    type_denombrement               text,
    statut_validation               text,
    occ_etat_biologique             text,
    occ_naturalite                  text,
    occ_sexe                        text,
    occ_stade_de_vie                text,
    occ_statut_biologique           text,
    occ_comportement                text,
    occ_methode_observation         text,
    preuve_existante                text,
    comment                         text,
    dee_date_derniere_modification  timestamptz NOT NULL DEFAULT now(),
    geom                            geometry(Geometry, 2154) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    diffusion_level                 smallint NOT NULL CHECK (diffusion_level BETWEEN 0 AND 4),
    diffusion_geom                  geometry(Geometry, 2154),
    CONSTRAINT occurrence_dates CHECK (date_debut <= date_fin),
    CONSTRAINT occurrence_counts CHECK (denombrement_min <= denombrement_max),
    CONSTRAINT occurrence_diffusion CHECK ((diffusion_level = 4) = (diffusion_geom IS NULL))
);
COMMENT ON TABLE sinp.occurrence IS 'Occurrences de taxon au standard SINP, avec leur géométrie précise et leur géométrie de diffusion';
COMMENT ON COLUMN sinp.occurrence.id IS 'internal key: feature ids are occurrences.<id>';
COMMENT ON COLUMN sinp.occurrence.id_sinp_occtax IS 'idSINPOccTax: permanent UUID of the occurrence across platforms';
COMMENT ON COLUMN sinp.occurrence.statut_observation IS 'statutObservation (STATUT_OBS): Pr present, No not observed, NSP';
COMMENT ON COLUMN sinp.occurrence.cd_nom IS 'cdNom: TAXREF name code';
COMMENT ON COLUMN sinp.occurrence.cd_ref IS 'cdRef: TAXREF code of the accepted name (filled from ref.taxref when absent)';
COMMENT ON COLUMN sinp.occurrence.nom_cite IS 'nomCite: the name as the observer wrote it';
COMMENT ON COLUMN sinp.occurrence.version_taxref IS 'versionTAXREF';
COMMENT ON COLUMN sinp.occurrence.date_debut IS 'dateDebut: start of the observation';
COMMENT ON COLUMN sinp.occurrence.date_fin IS 'dateFin: end of the observation (dateDebut <= dateFin <= today)';
COMMENT ON COLUMN sinp.occurrence.observateur IS 'observateur: "NOM Prénom (Organisme)", comma-separated';
COMMENT ON COLUMN sinp.occurrence.determinateur IS 'determinateur: who identified the taxon';
COMMENT ON COLUMN sinp.occurrence.org_gest_dat IS 'orgGestDat: organisation managing the data';
COMMENT ON COLUMN sinp.occurrence.statut_source IS 'statutSource (STATUT_SOURCE): Te field, Co collection, Li literature, NSP';
COMMENT ON COLUMN sinp.occurrence.ds_publique IS 'dSPublique (DS_PUBLIQUE): Pu public funding, Pr private, NSP';
COMMENT ON COLUMN sinp.occurrence.jdd_metadonnee_dee_id IS 'jddMetadonneeDEEId: UUID of the dataset';
COMMENT ON COLUMN sinp.occurrence.sensi_niveau IS 'sensiNiveau (SENSIBILITE) 0-4; from ref.sensitivity_rule when absent';
COMMENT ON COLUMN sinp.occurrence.diffusion_niveau_precision IS 'diffusionNiveauPrecision (NIV_PRECIS): the producer''s diffusion wish';
COMMENT ON COLUMN sinp.occurrence.nature_objet_geo IS 'natureObjetGeo (NAT_OBJ_GEO): St stationnel, In inventoriel, NSP';
COMMENT ON COLUMN sinp.occurrence.precision_geometrie IS 'precisionGeometrie: estimated precision in metres';
COMMENT ON COLUMN sinp.occurrence.code_commune IS 'codeCommune: INSEE code of the commune, derived from the geometry';
COMMENT ON COLUMN sinp.occurrence.code_maille IS 'codeMaille: INPN 10 km cell code, derived from the geometry';
COMMENT ON COLUMN sinp.occurrence.code_departement IS 'codeDepartement, derived from the geometry';
COMMENT ON COLUMN sinp.occurrence.denombrement_min IS 'denombrementMin';
COMMENT ON COLUMN sinp.occurrence.denombrement_max IS 'denombrementMax';
COMMENT ON COLUMN sinp.occurrence.objet_denombrement IS 'objetDenombrement (OBJ_DENBR)';
COMMENT ON COLUMN sinp.occurrence.type_denombrement IS 'typeDenombrement (TYP_DENBR)';
COMMENT ON COLUMN sinp.occurrence.statut_validation IS 'statutValidation (STATUT_VALID)';
COMMENT ON COLUMN sinp.occurrence.dee_date_derniere_modification IS 'dEEDateDerniereModification: last change, drives incremental flows';
COMMENT ON COLUMN sinp.occurrence.geom IS 'objetGeo: the exact geometry, Lambert-93';
COMMENT ON COLUMN sinp.occurrence.diffusion_level IS 'public diffusion: 0 exact, 1 commune, 2 10 km cell, 3 département, 4 none (coarser of sensiNiveau and diffusionNiveauPrecision)';
COMMENT ON COLUMN sinp.occurrence.diffusion_geom IS 'the geometry the public sees: exact, commune, 10 km cell or département; null when not diffused';

CREATE INDEX occurrence_geom_idx ON sinp.occurrence USING gist (geom);
CREATE INDEX occurrence_diffusion_geom_idx ON sinp.occurrence USING gist (diffusion_geom);
CREATE INDEX occurrence_cd_ref_idx ON sinp.occurrence (cd_ref);
CREATE INDEX occurrence_date_idx ON sinp.occurrence (date_debut);
CREATE INDEX occurrence_jdd_idx ON sinp.occurrence (jdd_metadonnee_dee_id);
CREATE INDEX occurrence_commune_idx ON sinp.occurrence (code_commune);
CREATE INDEX occurrence_modified_idx ON sinp.occurrence (dee_date_derniere_modification);

-- Which nomenclature each coded column takes its values from. The checks below are generated from it and from
-- ref.nomenclature, so a value outside the code list is refused by the database itself.
CREATE TABLE sinp.nomenclature_column (
    column_name        text PRIMARY KEY,
    nomenclature_type  text NOT NULL
);
COMMENT ON TABLE sinp.nomenclature_column IS 'SINP nomenclature of each coded column of sinp.occurrence';
INSERT INTO sinp.nomenclature_column VALUES
    ('statut_observation', 'STATUT_OBS'), ('statut_source', 'STATUT_SOURCE'), ('ds_publique', 'DS_PUBLIQUE'),
    ('sensi_niveau', 'SENSIBILITE'), ('diffusion_niveau_precision', 'NIV_PRECIS'), ('nature_objet_geo', 'NAT_OBJ_GEO'),
    ('objet_denombrement', 'OBJ_DENBR'), ('type_denombrement', 'TYP_DENBR'), ('statut_validation', 'STATUT_VALID'),
    ('occ_etat_biologique', 'ETA_BIO'), ('occ_naturalite', 'NATURALITE'), ('occ_sexe', 'SEXE'),
    ('occ_stade_de_vie', 'STADE_VIE'), ('occ_statut_biologique', 'STATUT_BIO'), ('occ_comportement', 'OCC_COMPORTEMENT'),
    ('occ_methode_observation', 'METH_OBS'), ('preuve_existante', 'PREUVE_EXIST');

CREATE FUNCTION sinp.refresh_nomenclature_checks() RETURNS integer LANGUAGE plpgsql
SET client_min_messages = warning -- no notice for each constraint that does not exist yet
AS $$
DECLARE
    c record;
    codes text;
    n integer := 0;
BEGIN
    FOR c IN SELECT column_name, nomenclature_type FROM sinp.nomenclature_column ORDER BY column_name LOOP
        SELECT string_agg(quote_literal(code), ', ' ORDER BY code) INTO codes
        FROM ref.nomenclature WHERE type = c.nomenclature_type;
        IF codes IS NULL THEN
            RAISE EXCEPTION 'nomenclature % has no codes', c.nomenclature_type;
        END IF;
        EXECUTE format('ALTER TABLE sinp.occurrence DROP CONSTRAINT IF EXISTS %I', c.column_name || '_nomenclature');
        EXECUTE format('ALTER TABLE sinp.occurrence ADD CONSTRAINT %I CHECK (%I IN (%s))',
                       c.column_name || '_nomenclature', c.column_name, codes);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;
COMMENT ON FUNCTION sinp.refresh_nomenclature_checks IS 'regenerates the nomenclature checks of sinp.occurrence after ref.nomenclature changes';
DO $$ BEGIN PERFORM sinp.refresh_nomenclature_checks(); END $$;

-- Public diffusion, kept right by the database on every insert and update.
CREATE FUNCTION sinp.diffusion_rank(niv_precis text) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- NIV_PRECIS: 0 standard and 5 precise allow the exact geometry; 1 commune, 2 maille, 3 département, 4 none
    SELECT CASE niv_precis WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 WHEN '4' THEN 4 ELSE 0 END::smallint
$$;

CREATE FUNCTION sinp.occurrence_derive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    p geometry;
    level smallint;
BEGIN
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

CREATE TRIGGER occurrence_derive BEFORE INSERT OR UPDATE ON sinp.occurrence
    FOR EACH ROW EXECUTE FUNCTION sinp.occurrence_derive();

-- The occurrences layer: the occurrence with its taxon's names.
CREATE VIEW sinp.occurrence_layer AS
    SELECT o.id, o.id_sinp_occtax, o.cd_nom, o.cd_ref, t.lb_nom AS nom_scientifique, t.nom_vern AS nom_vernaculaire,
           t.group2_inpn, o.nom_cite, o.statut_observation, o.date_debut, o.date_fin, o.observateur, o.determinateur,
           o.org_gest_dat, o.jdd_metadonnee_dee_id, o.ds_publique, o.sensi_niveau, o.diffusion_niveau_precision,
           o.nature_objet_geo, o.precision_geometrie, o.code_commune, o.code_maille, o.code_departement,
           o.denombrement_min, o.denombrement_max, o.objet_denombrement, o.statut_validation,
           o.dee_date_derniere_modification, o.diffusion_level, o.geom, o.diffusion_geom
    FROM sinp.occurrence o JOIN ref.taxref t ON t.cd_nom = o.cd_nom;
COMMENT ON VIEW sinp.occurrence_layer IS 'Occurrences de taxon (standard SINP). Le public voit la géométrie de diffusion : commune, maille 10 km ou département selon la sensibilité ; les données de sensibilité 4 ne sont pas diffusées';

-- Count and species richness per 10 km cell, from what the public may place in a cell (diffusion level <= 2).
CREATE MATERIALIZED VIEW sinp.occurrence_maille AS
    SELECT g.code AS code_maille, count(*)::integer AS nb_occurrences, count(DISTINCT o.cd_ref)::integer AS nb_taxons,
           min(o.date_debut) AS premiere_observation, max(o.date_fin) AS derniere_observation,
           g.geom::geometry(Polygon, 2154) AS geom
    FROM sinp.occurrence o JOIN territory.grid_cell g ON g.code = o.code_maille
    WHERE o.diffusion_level <= 2 AND o.statut_observation = 'Pr'
    GROUP BY g.code, g.geom;
COMMENT ON MATERIALIZED VIEW sinp.occurrence_maille IS 'Nombre d''occurrences et richesse spécifique par maille 10 km (données diffusables à la maille)';
CREATE UNIQUE INDEX occurrence_maille_code_idx ON sinp.occurrence_maille (code_maille);
CREATE INDEX occurrence_maille_geom_idx ON sinp.occurrence_maille USING gist (geom);
