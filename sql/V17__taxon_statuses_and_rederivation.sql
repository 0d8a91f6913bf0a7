-- Protection and red-list statuses of taxa in the layout of the INPN's "BDC statuts" (the knowledge base of statuses
-- published with TAXREF), the heritage flag (ref.taxref.patrimonial) derived from them, and the re-derivation of the
-- occurrences after a new TAXREF version moves names between accepted taxa.

CREATE TABLE ref.taxon_status (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cd_nom             integer NOT NULL,
    cd_ref             integer NOT NULL,
    cd_type_statut     text NOT NULL,
    lb_type_statut     text,
    regroupement_type  text,
    code_statut        text,
    label_statut       text,
    rq_statut          text,
    cd_sig             text,
    cd_doc             integer,
    lb_adm_tr          text,
    niveau_admin       text,
    full_citation      text,
    doc_url            text,
    version            text NOT NULL
);
COMMENT ON TABLE ref.taxon_status IS 'Statuts des taxons (protections, listes rouges, ZNIEFF, directives européennes) au format de la BDC statuts de l''INPN';
COMMENT ON COLUMN ref.taxon_status.cd_nom IS 'CD_NOM: the name the status was published for';
COMMENT ON COLUMN ref.taxon_status.cd_ref IS 'CD_REF: its accepted name in the TAXREF version of the file (the current TAXREF decides, through cd_nom)';
COMMENT ON COLUMN ref.taxon_status.cd_type_statut IS 'CD_TYPE_STATUT: PN, PR, PD protections; LRM, LRE, LRN, LRR red lists; ZDET ZNIEFF determinant; DH, DO directives...';
COMMENT ON COLUMN ref.taxon_status.code_statut IS 'CODE_STATUT: the red-list category (CR, EN, VU, NT, LC...) or the article or annex';
COMMENT ON COLUMN ref.taxon_status.cd_sig IS 'CD_SIG: the area the status applies to (TERFXFR France métropolitaine, INSEER32 a region, INSEED62 a département...)';
COMMENT ON COLUMN ref.taxon_status.version IS 'the BDC statuts version (or file name) it was loaded from';
CREATE INDEX taxon_status_cd_nom_idx ON ref.taxon_status (cd_nom);

CREATE TABLE ref.status_area (
    cd_sig  text PRIMARY KEY,
    label   text NOT NULL
);
COMMENT ON TABLE ref.status_area IS 'The areas (CD_SIG of the BDC statuts) whose protections, red lists and ZNIEFF lists make a taxon of heritage interest on this platform: the nation and the region, its former regions and its départements';
INSERT INTO ref.status_area VALUES
    ('TERFXFR', 'France métropolitaine'), ('INSEER32', 'Hauts-de-France'),
    ('INSEER31', 'Nord-Pas-de-Calais (ancienne région)'), ('INSEER22', 'Picardie (ancienne région)'),
    ('INSEED02', 'Aisne'), ('INSEED59', 'Nord'), ('INSEED60', 'Oise'), ('INSEED62', 'Pas-de-Calais'),
    ('INSEED80', 'Somme');

CREATE FUNCTION ref.status_makes_heritage(cd_type_statut text, regroupement_type text, code_statut text, cd_sig text)
RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        -- Natura 2000: annexes II and IV of the Habitats directive, annex I of the Birds directive, wherever listed
        WHEN cd_type_statut = 'DH' THEN code_statut IN ('CDH2', 'CDH4')
        WHEN cd_type_statut = 'DO' THEN code_statut = 'CDO1'
        WHEN cd_sig IS NULL OR NOT EXISTS (SELECT 1 FROM ref.status_area a WHERE a.cd_sig = status_makes_heritage.cd_sig) THEN false
        -- protected nationally, in the region or in one of its départements
        WHEN cd_type_statut IN ('PN', 'PR', 'PD') OR regroupement_type = 'Protection' THEN true
        -- threatened or near threatened on the national or a regional red list (CR*, EN, VU, NT)
        WHEN cd_type_statut IN ('LRN', 'LRR') OR regroupement_type = 'Liste rouge' THEN left(code_statut, 2) IN ('CR', 'EN', 'VU', 'NT')
        -- determinant of ZNIEFF in the region
        WHEN cd_type_statut = 'ZDET' THEN true
        ELSE false
    END
$$;
COMMENT ON FUNCTION ref.status_makes_heritage IS 'whether one status makes its taxon of heritage interest on this platform (rules in observatory-ext/README.md)';

CREATE FUNCTION ref.derive_heritage() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    -- a status counts for the taxon its name belongs to in the current TAXREF (else the file's accepted name)
    CREATE TEMPORARY TABLE heritage_taxon ON COMMIT DROP AS
        SELECT DISTINCT coalesce(t.cd_ref, s.cd_ref) AS cd_ref
        FROM ref.taxon_status s LEFT JOIN ref.taxref t ON t.cd_nom = s.cd_nom
        WHERE ref.status_makes_heritage(s.cd_type_statut, s.regroupement_type, s.code_statut, s.cd_sig);
    UPDATE ref.taxref t SET patrimonial = NOT patrimonial
    WHERE patrimonial <> EXISTS (SELECT 1 FROM heritage_taxon h WHERE h.cd_ref = t.cd_ref);
    GET DIAGNOSTICS n = ROW_COUNT;
    DROP TABLE heritage_taxon;
    RETURN n;
END
$$;
COMMENT ON FUNCTION ref.derive_heritage IS 'sets ref.taxref.patrimonial from ref.taxon_status (every name of a taxon alike); returns how many names changed';

CREATE FUNCTION sinp.rederive_taxa() RETURNS TABLE (moved_rules integer, occurrences integer, heritage_changes integer)
LANGUAGE plpgsql AS $$
BEGIN
    -- the rules as they were, to tell the sensitivities derived from them from those set otherwise
    CREATE TEMPORARY TABLE former_rule ON COMMIT DROP AS SELECT cd_ref, sensi_niveau FROM ref.sensitivity_rule;
    -- a rule on a name TAXREF now files under another accepted name follows it; the stricter rule wins
    CREATE TEMPORARY TABLE moved_rule ON COMMIT DROP AS
        SELECT r.cd_ref AS former_ref, t.cd_ref AS new_ref, r.sensi_niveau, r.reason
        FROM ref.sensitivity_rule r JOIN ref.taxref t ON t.cd_nom = r.cd_ref
        WHERE t.cd_ref <> r.cd_ref;
    DELETE FROM ref.sensitivity_rule r USING moved_rule m WHERE r.cd_ref = m.former_ref;
    INSERT INTO ref.sensitivity_rule AS r (cd_ref, sensi_niveau, reason)
        SELECT new_ref, max(sensi_niveau), string_agg(DISTINCT reason, ' ; ') FROM moved_rule GROUP BY new_ref
        ON CONFLICT (cd_ref) DO UPDATE SET sensi_niveau = greatest(r.sensi_niveau, EXCLUDED.sensi_niveau);
    moved_rules := (SELECT count(*) FROM moved_rule);

    -- each occurrence takes the accepted name of its cdNom; a sensitivity equal to the former taxon's rule was
    -- derived from it and follows the new taxon's rule; one set otherwise (by the producer) stays. The derivation
    -- trigger then recomputes the diffusion level and geometry of those whose sensitivity changed.
    UPDATE sinp.occurrence o
    SET cd_ref = c.new_ref, sensi_niveau = c.new_sensitivity, dee_date_derniere_modification = now()
    FROM (
        SELECT o2.id, n.cd_ref AS new_ref,
               CASE WHEN o2.sensi_niveau = coalesce(f.sensi_niveau, '0') THEN coalesce(r.sensi_niveau, '0')
                    ELSE o2.sensi_niveau END AS new_sensitivity
        FROM sinp.occurrence o2
        JOIN ref.taxref n ON n.cd_nom = o2.cd_nom
        LEFT JOIN former_rule f ON f.cd_ref = o2.cd_ref
        LEFT JOIN ref.sensitivity_rule r ON r.cd_ref = n.cd_ref
    ) c
    WHERE c.id = o.id AND (o.cd_ref IS DISTINCT FROM c.new_ref OR o.sensi_niveau IS DISTINCT FROM c.new_sensitivity);
    GET DIAGNOSTICS occurrences = ROW_COUNT;

    heritage_changes := ref.derive_heritage();
    DROP TABLE former_rule;
    DROP TABLE moved_rule;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION sinp.rederive_taxa IS 'after a TAXREF load: moves the sensitivity rules of names that are no longer accepted, gives the occurrences the new cdRef and the sensitivity that follows, re-derives the heritage flags (the caller then refreshes sinp.occurrence_maille and the indicators)';
