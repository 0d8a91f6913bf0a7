-- the occurrences layer names the producer of each occurrence's dataset, for the producer's own view
CREATE OR REPLACE VIEW sinp.occurrence_layer AS
    SELECT o.id, o.id_sinp_occtax, o.cd_nom, o.cd_ref, t.lb_nom AS nom_scientifique, t.nom_vern AS nom_vernaculaire,
           t.group2_inpn, o.nom_cite, o.statut_observation, o.date_debut, o.date_fin, o.observateur, o.determinateur,
           o.org_gest_dat, o.jdd_metadonnee_dee_id, o.ds_publique, o.sensi_niveau, o.diffusion_niveau_precision,
           o.nature_objet_geo, o.precision_geometrie, o.code_commune, o.code_maille, o.code_departement,
           o.denombrement_min, o.denombrement_max, o.objet_denombrement, o.statut_validation,
           o.dee_date_derniere_modification, o.diffusion_level, o.geom, o.diffusion_geom, d.producer_id
    FROM sinp.occurrence o JOIN ref.taxref t ON t.cd_nom = o.cd_nom
    JOIN ref.dataset d ON d.uuid = o.jdd_metadonnee_dee_id;
