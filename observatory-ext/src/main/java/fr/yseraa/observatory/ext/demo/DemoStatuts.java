package fr.yseraa.observatory.ext.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The demo's statuses of taxa, as a small file in the layout of the INPN's BDC statuts: the taxa the demo marks as
 * of heritage interest get a status that makes them so on this platform (birds a national protection, vascular
 * plants a protection in the former Nord-Pas-de-Calais region, the others "vulnérable" on the regional red list), the
 * others "préoccupation mineure" on the national red list, which does not. Loading it derives the heritage flags as a
 * real BDC statuts file would.
 */
final class DemoStatuts {

    static final String VERSION = "démonstration";
    private static final String[] HEADER = {"CD_NOM", "CD_REF", "CD_SUP", "CD_TYPE_STATUT", "LB_TYPE_STATUT",
        "REGROUPEMENT_TYPE", "CODE_STATUT", "LABEL_STATUT", "RQ_STATUT", "CD_SIG", "CD_DOC", "LB_NOM", "LB_AUTEUR",
        "LB_ADM_TR", "NIVEAU_ADMIN", "FULL_CITATION", "DOC_URL"};

    private DemoStatuts() {
    }

    static String csv(List<DemoTaxon> taxa) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (DemoTaxon t : taxa) {
                String[] status = !t.heritage() ? new String[] {"LRN", "Liste rouge nationale", "Liste rouge", "LC",
                        "Préoccupation mineure", "TERFXFR", "France", "État"}
                        : t.group().equals("Oiseaux") ? new String[] {"PN", "Protection nationale", "Protection", "NO3",
                                "Protection nationale (article 3)", "TERFXFR", "France", "État"}
                        : t.group().equals("Angiospermes") || t.group().equals("Fougères") ? new String[] {"PR",
                                "Protection régionale", "Protection", "NPDC1", "Protection régionale (article 1)",
                                "INSEER31", "Nord-Pas-de-Calais", "Ancienne région"}
                        : new String[] {"LRR", "Liste rouge régionale", "Liste rouge", "VU", "Vulnérable", "INSEER32",
                                "Hauts-de-France", "Région"};
                csv.printRecord(t.cdNom(), t.cdNom(), null, status[0], status[1], status[2], status[3], status[4],
                        null, status[5], null, t.scientificName(), t.authority(), status[6], status[7],
                        "Statut de démonstration, sans valeur réglementaire", null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
