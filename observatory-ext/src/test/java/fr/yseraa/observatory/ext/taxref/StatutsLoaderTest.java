package fr.yseraa.observatory.ext.taxref;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.execute;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statuses of taxa in the BDC statuts layout make the heritage flag: protected nationally or in the region,
 * threatened or near threatened on the national or regional red list, ZNIEFF determinant in the region, Natura 2000
 * annexes; never a least-concern listing nor another region's list; a hand-set flag does not survive.
 */
class StatutsLoaderTest {

    static final String HEADER = "\uFEFFCD_NOM,CD_REF,CD_SUP,CD_TYPE_STATUT,LB_TYPE_STATUT,REGROUPEMENT_TYPE,CODE_STATUT,"
            + "LABEL_STATUT,RQ_STATUT,CD_SIG,CD_DOC,LB_NOM,LB_AUTEUR,NOM_COMPLET_HTML,NOM_VALIDE_HTML,REGNE,PHYLUM,CLASSE,"
            + "ORDRE,FAMILLE,GROUP1_INPN,GROUP2_INPN,LB_ADM_TR,NIVEAU_ADMIN,CD_ISO3166_1,CD_ISO3166_2,FULL_CITATION,"
            + "DOC_URL,THEMATIQUE,TYPE_VALUE\n";

    @TempDir
    Path dir;

    static String status(int cdNom, int cdRef, String type, String group, String code, String sig, String area) {
        return cdNom + "," + cdRef + ",," + type + ",\"Statut " + type + "\"," + group + "," + code + ",\"libellé, "
                + code + "\",," + sig + ",123,Nom,\"Auteur, 1758\",,,Animalia,,,,,,,\"" + area + "\",Région,,,"
                + "\"Arrêté du 29 octobre 2009\",https://inpn.mnhn.fr/,Statuts,\n";
    }

    static String heritage(DataSource ds) throws Exception {
        return queryString(ds, "SELECT coalesce(string_agg(cd_nom::text, ',' ORDER BY cd_nom), '') FROM ref.taxref WHERE patrimonial");
    }

    @Test
    void statusesMakeTheHeritageFlagOfEveryNameOfTheirTaxon() throws Exception {
        DataSource ds = ObservatoryDatabase.empty("statuts");
        Path taxref = Files.writeString(dir.resolve("TAXREFv17.txt"), "CD_NOM\tCD_REF\tRANG\tLB_NOM\tNOM_COMPLET\n"
                + "2476\t2476\tES\tBotaurus stellaris\tBotaurus stellaris\n2477\t2476\tES\tArdea stellaris\tArdea stellaris\n"
                + "3000\t3000\tES\tAnas platyrhynchos\tA\n4000\t4000\tES\tCircus aeruginosus\tC\n"
                + "5000\t5000\tES\tLutra lutra\tL\n6000\t6000\tES\tRanunculus lingua\tR\n7000\t7000\tES\tTriturus cristatus\tT\n"
                + "8000\t8000\tES\tAlauda arvensis\tAl\n");
        TaxrefLoader.load(ds, taxref, "17", ObservatoryDatabase.quiet());
        execute(ds, "UPDATE ref.taxref SET patrimonial = true WHERE cd_nom = 3000"); // a hand-set flag
        Path statuts = Files.writeString(dir.resolve("BDC_STATUTS_17.csv"), HEADER
                + status(2477, 2476, "PN", "Protection", "NO3", "TERFXFR", "France") // on a synonym: the whole taxon
                + status(3000, 3000, "LRN", "Liste rouge", "LC", "TERFXFR", "France") // least concern
                + status(4000, 4000, "LRR", "Liste rouge", "VU", "INSEER32", "Hauts-de-France")
                + status(5000, 5000, "LRR", "Liste rouge", "EN", "INSEER84", "Auvergne-Rhône-Alpes") // another region
                + status(6000, 6000, "ZDET", "ZNIEFF", "Déterminante", "INSEER32", "Hauts-de-France")
                + status(7000, 7000, "DH", "Directives européennes", "CDH4", "TERFXFR", "France")
                + status(8000, 8000, "PR", "Protection", "IDF1", "INSEER11", "Île-de-France")); // another region
        StatutsLoader.Report report = StatutsLoader.load(ds, statuts, "17", ObservatoryDatabase.quiet());
        assertThat(report.statuses()).isEqualTo(7);
        assertThat(heritage(ds)).isEqualTo("2476,2477,4000,6000,7000");
        assertThat(report.heritageNames()).isEqualTo(5);
        assertThat(queryString(ds, "SELECT label_statut || '|' || cd_doc || '|' || lb_adm_tr || '|' || version "
                + "FROM ref.taxon_status WHERE cd_nom = 4000")).isEqualTo("libellé, VU|123|Hauts-de-France|17");

        // a new TAXREF files Lutra lutra under Circus aeruginosus' taxon: it shares the heritage flag
        Path moved = Files.writeString(dir.resolve("TAXREFv18.txt"), Files.readString(taxref)
                .replace("5000\t5000\t", "5000\t4000\t"));
        assertThat(TaxrefLoader.load(ds, moved, "18", ObservatoryDatabase.quiet()).heritageChanges()).isEqualTo(1);
        assertThat(heritage(ds)).isEqualTo("2476,2477,4000,5000,6000,7000");

        // a new statuses file replaces the former one (semicolons, as a spreadsheet saves it)
        Path next = Files.writeString(dir.resolve("statuts-18.csv"), (HEADER + status(4000, 4000, "PR", "Protection",
                "NPDC1", "INSEER31", "Nord-Pas-de-Calais")).replace(',', ';'));
        StatutsLoader.load(ds, next, "18", ObservatoryDatabase.quiet());
        assertThat(heritage(ds)).isEqualTo("4000,5000");
        assertThat(queryLong(ds, "SELECT count(*) FROM ref.taxon_status")).isEqualTo(1);
    }

    @Test
    void theHeritageIndicatorFollowsTheStatuses() throws Exception {
        DataSource ds = ObservatoryDatabase.empty("statuts_indicator");
        execute(ds,
                "INSERT INTO territory.commune (insee, name, departement_code, geom) VALUES "
                        + "('62001', 'Une', '62', ST_Multi(ST_MakeEnvelope(650000, 7070000, 655000, 7075000, 2154)))",
                "INSERT INTO ref.organisation (id, name, kind) VALUES (1, 'Org', 'association')",
                "INSERT INTO ref.dataset (uuid, title, producer_id, is_public) VALUES ('00000000-0000-4000-8000-000000000001', 'JDD', 1, true)",
                "INSERT INTO ref.taxref (cd_nom, cd_ref, rang, lb_nom, nom_complet, version) VALUES "
                        + "(4000, 4000, 'ES', 'Circus aeruginosus', 'C', '17')",
                "INSERT INTO sinp.occurrence (id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, date_fin, "
                        + "observateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, geom) VALUES "
                        + "('00000000-0000-4000-8000-000000000009', 'Pr', 4000, 'n', DATE '2021-05-01', DATE '2021-05-01', "
                        + "'NOM Prénom (Org)', 'Org', 'Te', 'Pu', '00000000-0000-4000-8000-000000000001', "
                        + "ST_SetSRID(ST_MakePoint(652345, 7072345), 2154))",
                "SELECT obs.compute_occurrence_indicators()");
        String heritageOfTheCommune = "SELECT value FROM obs.indicator_value WHERE indicator_code = 'heritage_species' "
                + "AND unit_type = 'commune' AND unit_code = '62001'";
        assertThat(queryLong(ds, heritageOfTheCommune)).isZero();
        StatutsLoader.load(ds, Files.writeString(dir.resolve("s.csv"), HEADER
                + status(4000, 4000, "LRR", "Liste rouge", "NT", "INSEER32", "Hauts-de-France")), "17",
                ObservatoryDatabase.quiet());
        assertThat(queryLong(ds, heritageOfTheCommune)).isEqualTo(1);
    }

    @Test
    void refusesWhatIsNotABdcStatutsFile() throws Exception {
        DataSource ds = ObservatoryDatabase.empty("statuts_bad");
        Path other = Files.writeString(dir.resolve("x.csv"), "CD_NOM,STATUT\n1,PN\n");
        assertThatThrownBy(() -> StatutsLoader.load(ds, other, "x", ObservatoryDatabase.quiet()))
                .isInstanceOf(IOException.class).hasMessageContaining("column CD_REF is missing");
        Path broken = Files.writeString(dir.resolve("y.csv"), HEADER + "abc" + status(1, 1, "PN", "Protection", "NO3",
                "TERFXFR", "France"));
        assertThatThrownBy(() -> StatutsLoader.load(ds, broken, "y", ObservatoryDatabase.quiet()))
                .hasMessageContaining("line 1: CD_NOM is not an integer: abc1");
    }
}
