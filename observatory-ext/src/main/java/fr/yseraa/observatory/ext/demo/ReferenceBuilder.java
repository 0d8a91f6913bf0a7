package fr.yseraa.observatory.ext.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Loads the demo's reference data: organisations, datasets, taxa and their sensitivity rules (their heritage flags
 * come from the demo's statuses, {@link DemoStatuts}).
 */
final class ReferenceBuilder {

    /** Organisations: name, acronym, kind. */
    static final String[][] ORGANISATIONS = {
            {"Groupe ornithologique et naturaliste du Nord-Pas-de-Calais", "GON", "association"},
            {"Conservatoire botanique national de Bailleul", "CBNBl", "public_body"},
            {"Coordination mammalogique du Nord de la France", "CMNF", "association"},
            {"Fédération du Pas-de-Calais pour la pêche et la protection du milieu aquatique", "FDAAPPMA 62", "association"},
            {"Eden 62", "Eden 62", "public_body"},
            {"Parc naturel régional des Caps et Marais d'Opale", "PNR CMO", "local_authority"},
            {"Audomarois Environnement (bureau d'études, démonstration)", "AUDENV", "consultancy"},
            {"Conservatoire d'espaces naturels des Hauts-de-France", "CEN HdF", "association"}};

    /** A demo dataset: who produced it, whether it is public, which INPN groups it covers (empty: all). */
    record DemoDataset(UUID uuid, String title, int producerIndex, boolean isPublic, List<String> groups) {
        boolean covers(String group) {
            return groups.isEmpty() || groups.contains(group);
        }
    }

    private final Connection c;
    private final SplittableRandom random;

    ReferenceBuilder(Connection c, SplittableRandom random) {
        this.c = c;
        this.random = random;
    }

    List<DemoDataset> datasets() {
        Object[][] defs = {
                {"Suivi ornithologique du marais audomarois", 0, true, List.of("Oiseaux")},
                {"Atlas des oiseaux nicheurs du Nord-Pas-de-Calais", 0, true, List.of("Oiseaux")},
                {"Inventaire floristique régional", 1, true, List.of("Angiospermes", "Fougères")},
                {"Suivi des chiroptères et des mammifères", 2, true, List.of("Mammifères")},
                {"Pêches électriques du bassin de l'Aa", 3, true, List.of("Poissons", "Crustacés", "Mollusques")},
                {"Suivi des odonates et des amphibiens du Romelaëre", 4, true, List.of("Insectes", "Amphibiens", "Reptiles")},
                {"Observations naturalistes du Parc naturel régional", 5, true, List.of()},
                {"Études d'impact en Audomarois", 6, false, List.of()},
                {"Gestion des sites du Conservatoire", 7, true, List.of()}};
        List<DemoDataset> out = new ArrayList<>();
        for (Object[] d : defs) {
            @SuppressWarnings("unchecked")
            List<String> groups = (List<String>) d[3];
            out.add(new DemoDataset(DemoIds.uuid(random), (String) d[0], (Integer) d[1], (Boolean) d[2], groups));
        }
        return out;
    }

    void build(List<DemoDataset> datasets, List<DemoTaxon> taxa) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ref.organisation (id, name, acronym, kind) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < ORGANISATIONS.length; i++) {
                Db.bind(ps, i + 1, ORGANISATIONS[i][0], ORGANISATIONS[i][1], ORGANISATIONS[i][2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ref.dataset (uuid, title, producer_id, is_public, created_on) VALUES (?, ?, ?, ?, DATE '1990-01-01')")) {
            for (DemoDataset d : datasets) {
                Db.bind(ps, d.uuid(), d.title(), d.producerIndex() + 1, d.isPublic());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO ref.taxref (cd_nom, cd_ref, rang, lb_nom, lb_auteur, nom_complet, nom_valide, nom_vern, regne,
                                        phylum, classe, ordre, famille, group2_inpn, version)
                VALUES (?, ?, 'ES', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo')""");
             PreparedStatement rule = c.prepareStatement(
                     "INSERT INTO ref.sensitivity_rule (cd_ref, sensi_niveau, reason) VALUES (?, ?, ?)")) {
            for (DemoTaxon t : taxa) {
                Db.bind(ps, t.cdNom(), t.cdNom(), t.scientificName(), t.authority(), t.fullName(), t.fullName(),
                        t.frenchName(), t.kingdom(), t.phylum(), t.className(), t.order(), t.family(), t.group());
                ps.addBatch();
                if (t.sensitivity() > 0) {
                    Db.bind(rule, t.cdNom(), Integer.toString(t.sensitivity()), "référentiel de sensibilité de démonstration");
                    rule.addBatch();
                }
            }
            ps.executeBatch();
            rule.executeBatch();
        }
    }
}
