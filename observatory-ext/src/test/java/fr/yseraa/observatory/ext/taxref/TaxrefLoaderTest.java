package fr.yseraa.observatory.ext.taxref;

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

/** TAXREF's published text layout (tab-separated, header of column names, in any order) loads and updates. */
class TaxrefLoaderTest {

    static final String HEADER = "REGNE\tPHYLUM\tCLASSE\tORDRE\tFAMILLE\tGROUP1_INPN\tGROUP2_INPN\tCD_NOM\tCD_TAXSUP\tCD_SUP"
            + "\tCD_REF\tRANG\tLB_NOM\tLB_AUTEUR\tNOM_COMPLET\tNOM_COMPLET_HTML\tNOM_VALIDE\tNOM_VERN\tNOM_VERN_ENG\tHABITAT\tFR\n";

    @TempDir
    Path dir;

    @Test
    void loadsAndUpdatesTaxa() throws Exception {
        DataSource ds = ObservatoryDatabase.empty("taxref");
        Path v16 = Files.writeString(dir.resolve("TAXREFv16.txt"), HEADER
                + "Animalia\tChordata\tAves\tPelecaniformes\tArdeidae\tChordés\tOiseaux\t2476\t191007\t191007\t2476\tES"
                + "\tBotaurus stellaris\t(Linnaeus, 1758)\tBotaurus stellaris (Linnaeus, 1758)\t<i>Botaurus stellaris</i>"
                + "\tBotaurus stellaris (Linnaeus, 1758)\tButor étoilé\tEurasian Bittern\t3\tP\n"
                + "Animalia\tChordata\tAves\tPelecaniformes\tArdeidae\tChordés\tOiseaux\t2477\t\t\t2476\tES"
                + "\tArdea stellaris\tLinnaeus, 1758\tArdea stellaris Linnaeus, 1758\t\tBotaurus stellaris (Linnaeus, 1758)\t\t\t3\t\n");
        assertThat(TaxrefLoader.versionFromFileName(v16)).isEqualTo("16");
        assertThat(TaxrefLoader.load(ds, v16, "16", ObservatoryDatabase.quiet()).taxa()).isEqualTo(2);
        assertThat(queryString(ds, "SELECT nom_vern || '|' || cd_ref || '|' || version || '|' || group2_inpn FROM ref.taxref WHERE cd_nom = 2476"))
                .isEqualTo("Butor étoilé|2476|16|Oiseaux");
        assertThat(queryString(ds, "SELECT cd_ref || '|' || coalesce(nom_vern, 'none') FROM ref.taxref WHERE cd_nom = 2477"))
                .isEqualTo("2476|none");

        Path v17 = Files.writeString(dir.resolve("TAXREFv17.txt"), HEADER
                + "Animalia\tChordata\tAves\tPelecaniformes\tArdeidae\tChordés\tOiseaux\t2476\t191007\t191007\t2476\tES"
                + "\tBotaurus stellaris\t(Linnaeus, 1758)\tBotaurus stellaris (Linnaeus, 1758)\t\t\tGrand butor\t\t3\tP\n");
        TaxrefLoader.load(ds, v17, "17", ObservatoryDatabase.quiet());
        assertThat(queryString(ds, "SELECT nom_vern || '|' || version FROM ref.taxref WHERE cd_nom = 2476")).isEqualTo("Grand butor|17");
        assertThat(queryString(ds, "SELECT count(*) FROM ref.taxref")).isEqualTo("2");
    }

    @Test
    void refusesWhatIsNotTaxref() throws IOException {
        DataSource ds = ObservatoryDatabase.empty("taxref_bad");
        Path other = Files.writeString(dir.resolve("species.txt"), "name\tcode\nBotaurus\t1\n");
        assertThatThrownBy(() -> TaxrefLoader.load(ds, other, "x", ObservatoryDatabase.quiet()))
                .isInstanceOf(IOException.class).hasMessageContaining("column CD_NOM is missing");
        Path broken = Files.writeString(dir.resolve("TAXREFv1.txt"), HEADER
                + "Animalia\t\t\t\t\t\t\tabc\t\t\t1\tES\tX\t\tX\t\t\t\t\t\t\n");
        assertThatThrownBy(() -> TaxrefLoader.load(ds, broken, "1", ObservatoryDatabase.quiet()))
                .hasMessageContaining("line 1: CD_NOM is not an integer: abc");
        assertThat(TaxrefLoader.versionFromFileName(other)).isEqualTo("unknown");
    }
}
