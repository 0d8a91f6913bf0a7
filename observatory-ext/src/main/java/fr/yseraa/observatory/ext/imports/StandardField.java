package fr.yseraa.observatory.ext.imports;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of the SINP "Occurrences de taxon" standard an import can fill: their standard name, the column of
 * {@code sinp.occurrence} they go to, how their text is read, their nomenclature and whether a row needs them.
 * The geometry ({@code objetGeo}) is read apart (WKT, X/Y or GeoJSON), and the attachments, {@code cdRef},
 * the diffusion and {@code dEEDateDerniereModification} are derived by the platform.
 */
public enum StandardField {
    ID_SINP_OCC_TAX("idSINPOccTax", "id_sinp_occtax", Kind.UUID, null, false),
    STATUT_OBSERVATION("statutObservation", "statut_observation", Kind.CODE, "STATUT_OBS", true),
    CD_NOM("cdNom", "cd_nom", Kind.INTEGER, null, true),
    NOM_CITE("nomCite", "nom_cite", Kind.TEXT, null, true),
    VERSION_TAXREF("versionTAXREF", "version_taxref", Kind.TEXT, null, false),
    DATE_DEBUT("dateDebut", "date_debut", Kind.DATE, null, true),
    DATE_FIN("dateFin", "date_fin", Kind.DATE, null, true),
    OBSERVATEUR("observateur", "observateur", Kind.TEXT, null, true),
    DETERMINATEUR("determinateur", "determinateur", Kind.TEXT, null, false),
    ORG_GEST_DAT("orgGestDat", "org_gest_dat", Kind.TEXT, null, false),
    STATUT_SOURCE("statutSource", "statut_source", Kind.CODE, "STATUT_SOURCE", true),
    DS_PUBLIQUE("dSPublique", "ds_publique", Kind.CODE, "DS_PUBLIQUE", false),
    JDD_METADONNEE_DEE_ID("jddMetadonneeDEEId", "jdd_metadonnee_dee_id", Kind.UUID, null, false),
    SENSI_NIVEAU("sensiNiveau", "sensi_niveau", Kind.CODE, "SENSIBILITE", false),
    DIFFUSION_NIVEAU_PRECISION("diffusionNiveauPrecision", "diffusion_niveau_precision", Kind.CODE, "NIV_PRECIS", false),
    NATURE_OBJET_GEO("natureObjetGeo", "nature_objet_geo", Kind.CODE, "NAT_OBJ_GEO", false),
    PRECISION_GEOMETRIE("precisionGeometrie", "precision_geometrie", Kind.INTEGER, null, false),
    DENOMBREMENT_MIN("denombrementMin", "denombrement_min", Kind.INTEGER, null, false),
    DENOMBREMENT_MAX("denombrementMax", "denombrement_max", Kind.INTEGER, null, false),
    OBJET_DENOMBREMENT("objetDenombrement", "objet_denombrement", Kind.CODE, "OBJ_DENBR", false),
    TYPE_DENOMBREMENT("typeDenombrement", "type_denombrement", Kind.CODE, "TYP_DENBR", false),
    STATUT_VALIDATION("statutValidation", "statut_validation", Kind.CODE, "STATUT_VALID", false),
    OCC_ETAT_BIOLOGIQUE("occEtatBiologique", "occ_etat_biologique", Kind.CODE, "ETA_BIO", false),
    OCC_NATURALITE("occNaturalite", "occ_naturalite", Kind.CODE, "NATURALITE", false),
    OCC_SEXE("occSexe", "occ_sexe", Kind.CODE, "SEXE", false),
    OCC_STADE_DE_VIE("occStadeDeVie", "occ_stade_de_vie", Kind.CODE, "STADE_VIE", false),
    OCC_STATUT_BIOLOGIQUE("occStatutBiologique", "occ_statut_biologique", Kind.CODE, "STATUT_BIO", false),
    OCC_COMPORTEMENT("occComportement", "occ_comportement", Kind.CODE, "OCC_COMPORTEMENT", false),
    OCC_METHODE_OBSERVATION("occMethodeObservation", "occ_methode_observation", Kind.CODE, "METH_OBS", false),
    PREUVE_EXISTANTE("preuveExistante", "preuve_existante", Kind.CODE, "PREUVE_EXIST", false),
    COMMENT("comment", "comment", Kind.TEXT, null, false);

    /** The standard name of the geometry, which the mappings name under {@code geometry:}. */
    public static final String GEOMETRY = "objetGeo";

    /** How a field's text is read. */
    enum Kind { TEXT, INTEGER, DATE, UUID, CODE }

    public final String standardName;
    /** The column of {@code sinp.occurrence}. */
    public final String column;
    final Kind kind;
    /** The SINP nomenclature of a coded field ({@code ref.nomenclature.type}), else null. */
    final String nomenclature;
    /** Whether a row without it is rejected (after the mapping's constants and defaults, and the platform's). */
    final boolean mandatory;

    StandardField(String standardName, String column, Kind kind, String nomenclature, boolean mandatory) {
        this.standardName = standardName;
        this.column = column;
        this.kind = kind;
        this.nomenclature = nomenclature;
        this.mandatory = mandatory;
    }

    static Optional<StandardField> byName(String standardName) {
        return Arrays.stream(values()).filter(f -> f.standardName.equals(standardName)).findFirst();
    }
}
